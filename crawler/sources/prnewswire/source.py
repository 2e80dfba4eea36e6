"""PR Newswire as a `WireSource`: its own site-specific parsers (one per template era)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from crawler.items import Listing, ListingEntry, PressRelease
from crawler.sources.prnewswire.chrome import compact
from crawler.sources.prnewswire.dates import EASTERN
from crawler.sources.prnewswire.listing import parse_listing, parse_rss
from crawler.sources.prnewswire.release import parse_release
from crawler.sources.prnewswire.text import CONVENTIONS
from crawler.sources.wire_source import WireSource, paged_url


def _listing(body: bytes, url: str) -> Listing:
    # Today's cards print only "HH:MM ET": they are dated from the page, else today in New York.
    return parse_listing(body, url, today_et=datetime.now(UTC).astimezone(EASTERN).date())


def _detail(body: bytes, url: str, entry: ListingEntry | None) -> PressRelease:
    return parse_release(body, url)


def _listing_url(urls: Mapping[str, str], kind: str, path: str, page: int, size: int) -> str:
    if kind == "rss":
        return paged_url(urls["base_url"], path)
    return paged_url(urls["base_url"], path, page=page, pagesize=size)


SOURCE = WireSource(
    name="prnewswire",
    conventions=CONVENTIONS,
    parse_listing=_listing,
    parse_feed=parse_rss,
    parse_detail=_detail,
    listing_url=_listing_url,
    robots="robots.txt disallows /search/: newsrooms, lists and RSS only, filtered on our side",
    compact=compact,
)
