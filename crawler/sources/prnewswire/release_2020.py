"""2020–2024 detail template: `p.meta` "News provided by", `p.mb-no` date line.

The company link sits in the header (absolute in 2024, root-relative without a trailing
slash in 2020); "Also from this source" and "Explore" follow the article (2024 only).
The 2024 `p.mb-no` reads "25 Apr, 2016, 03:39 ET": day-first and a 12-hour clock with no
PM, which ReleaseParser._published_at corrects from the transmission id.
"""

from __future__ import annotations

from lxml import etree

from crawler.parsing.document import has_class
from crawler.sources.prnewswire.release_2016 import HEADER, Release2016


class Release2020(Release2016):
    template = "2020"
    version = "2020.1"
    marker = etree.XPath(f"self::article/{HEADER}//p[{has_class('mb-no')}]")
    printed_date = etree.XPath(f"{HEADER}//p[{has_class('mb-no')}]")
    company_name = etree.XPath(f"{HEADER}//a[contains(@href, '/news/')]/strong")
    company_link = etree.XPath(f"{HEADER}//a[contains(@href, '/news/')]/@href")
    # Both blocks sit in the `section.read-more-explore` after the article, in `main`.
    tag_links = etree.XPath(
        f"../section[{has_class('read-more-explore')}]"
        f"//div[{has_class('explore-section')}]//p[{has_class('img-title')}]/a"
    )
    also_from = etree.XPath(
        f"../section[{has_class('read-more-explore')}]//div[{has_class('source-section')}]"
        f"//a[{has_class('omniture-news-release-readMore-clicks')}]/@href"
    )
    # The analytics inputs follow `main`; searching its siblings avoids a document walk.
    transmission = etree.XPath(
        "../following-sibling::input[@id='transmissionId' or @id='evar19']/@value"
    )
    meta_date_is_et = False
