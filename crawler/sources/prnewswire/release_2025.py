"""2025/26 detail template: `div.customHeadline > h1`, `h2.meta` "News provided by".

Selectors are the 2020 ones; what changed is markup the pipeline already tolerates:
`span.legendSpanClass` dateline spans (the dateline is read from text), root-relative
company and Explore links and "Also from this source" hrefs relative to /news-releases/
(all urljoined), and the amplify advert inside `section.release-body` (dropped in text.py).
"""

from __future__ import annotations

from lxml import etree

from crawler.parsing.document import has_class
from crawler.sources.prnewswire.release_2016 import HEADER
from crawler.sources.prnewswire.release_2020 import Release2020


class Release2025(Release2020):
    template = "2025"
    version = "2025.1"
    # 2024 headers also have an h2.meta ("Share this article"), so match its text.
    marker = etree.XPath(
        f"self::article/{HEADER}[.//div[{has_class('customHeadline')}]"
        f" or .//h2[{has_class('meta')}][normalize-space() = 'News provided by']]"
    )
