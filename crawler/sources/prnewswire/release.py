"""`parse_release`: a PR Newswire detail page to a PressRelease, or a typed error.

The page is parsed once; the release root (`article.news-release`, or the 2015
`div.news-release-detail`) picks the template era, newest first. Errors instead of
half-empty results: BlockedPage (Access Denied / challenge page), TruncatedPage (no
closing `</html>`), LayoutChanged (HTML with none of the known structures).
"""

from __future__ import annotations

from lxml import etree

from crawler.items import PressRelease
from crawler.parsing.document import (
    elements,
    has_class,
    raise_if_blocked,
    raise_if_truncated,
)
from crawler.parsing.errors import LayoutChanged
from crawler.sources.prnewswire.chrome import parse_trimmed
from crawler.sources.prnewswire.release_2015 import Release2015
from crawler.sources.prnewswire.release_2016 import Release2016
from crawler.sources.prnewswire.release_2020 import Release2020
from crawler.sources.prnewswire.release_2025 import Release2025
from crawler.sources.prnewswire.release_base import ReleaseParser

ERAS: tuple[type[ReleaseParser], ...] = (Release2025, Release2020, Release2016, Release2015)
_ROOT_TEST = (
    f"self::article[{has_class('news-release')}] or self::div[{has_class('news-release-detail')}]"
)
# Every known page nests the release root as body/div{1,2}/main/*; try that short path
# first, since each document-wide walk costs ~5% of the lxml parse and the benchmark
# budget for all extraction is 50% of it.
_RELEASE_ROOT_FAST = etree.XPath(
    f"(/html/body/main | /html/body/div/main | /html/body/div/div/main)/*[{_ROOT_TEST}]"
)
_RELEASE_ROOT = etree.XPath(
    f"//article[{has_class('news-release')}] | //main/div[{has_class('news-release-detail')}]"
)


def parse_release(html: str | bytes, url: str) -> PressRelease:
    """Parse a detail page fetched from `url` (used when the page has no canonical link)."""
    root = parse_trimmed(html)
    raise_if_blocked(root)
    raise_if_truncated(html, "release page")
    candidates = elements(_RELEASE_ROOT_FAST(root)) or elements(_RELEASE_ROOT(root))
    for release_root in candidates:
        for era in ERAS:
            if era.matches(release_root):
                return era(release_root, url).parse()
    raise LayoutChanged("no known release template (article.news-release / news-release-detail)")
