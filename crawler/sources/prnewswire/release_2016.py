"""2016/17 detail template: `header.release-header` with `p.release-details`.

"Apr 25, 2016, 15:39 ET from <a href=…/news/hackerrank>HackerRank</a>" carries date and
company; the body is split over several `section.release-body` elements (joined); the
"Read More" block lists the same company's earlier releases.
"""

from __future__ import annotations

from lxml import etree

from crawler.parsing.document import has_class
from crawler.sources.prnewswire.release_2015 import Release2015

HEADER = f"header[{has_class('release-header')}]"


class Release2016(Release2015):
    template = "2016"
    version = "2016.1"
    marker = etree.XPath(f"self::article/{HEADER}//p[{has_class('release-details')}]")
    title = etree.XPath(f"{HEADER}//h1")
    subtitles = etree.XPath(f"{HEADER}//p[{has_class('subtitle')}]")
    printed_date = etree.XPath(f"{HEADER}//p[{has_class('release-details')}]")
    company_name = etree.XPath(
        f"{HEADER}//p[{has_class('release-details')}]/a[contains(@href, '/news/')]"
    )
    company_link = etree.XPath(
        f"{HEADER}//p[{has_class('release-details')}]/a[contains(@href, '/news/')]/@href"
    )
    body = etree.XPath(f"section[{has_class('release-body')}]")
    tag_links = etree.XPath("self::*[false()]")
    also_from = etree.XPath("//section[@id='js-read-more']//a/@href")
