"""Legacy 2015 detail template: `main > div.news-release-detail > h1`, `p[itemprop=articleBody]`.

No release header: the company comes from the `SOURCE  …` line (two spaces) and the
"View all news by …" link (`/news/tableau+software`); the only date is
meta[name=date] = "2015-02-24T08:30:00Z", an ET wall clock mislabelled as UTC.
"""

from __future__ import annotations

from lxml import etree

from crawler.parsing.document import has_class
from crawler.sources.prnewswire.release_base import NOTHING, ReleaseParser


class Release2015(ReleaseParser):
    template = "2015"
    version = "2015.1"
    marker = etree.XPath(f"self::div[{has_class('news-release-detail')}]")
    title = etree.XPath("h1")
    subtitles = NOTHING
    printed_date = NOTHING
    company_name = NOTHING
    company_link = etree.XPath(".//a[@class='viewall'][contains(@href, '/news/')]/@href")
    body = etree.XPath("(.//p[@itemprop='articleBody'])[1]/..")
    # "See more news releases in" sits in the page header, outside the release root.
    tag_links = etree.XPath(
        "//ul[contains(@class, 'inline-links')]/li/a[@itemprop='articleSection']"
    )
    also_from = etree.XPath(".//div[@class='promo-body']//a/@href")
    transmission = NOTHING
    meta_date_is_et = True
