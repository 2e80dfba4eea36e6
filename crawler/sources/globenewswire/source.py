"""GlobeNewswire as a `WireSource`: organisation/subject/industry listings, RSS feeds, and
detail pages through the generic parser (no real detail page could be verified)."""

from __future__ import annotations

from collections.abc import Mapping

from crawler.parsing.generic_release import generic_detail
from crawler.sources.globenewswire.feed import parse_feed
from crawler.sources.globenewswire.listing import parse_listing
from crawler.sources.globenewswire.text import CONVENTIONS
from crawler.sources.globenewswire.urls import release_date
from crawler.sources.wire_source import WireSource, paged_url


def _listing_url(urls: Mapping[str, str], kind: str, path: str, page: int, size: int) -> str:
    if kind == "rss":
        return paged_url(urls["base_url"], path)
    return paged_url(urls["base_url"], path, page=page)


SOURCE = WireSource(
    name="globenewswire",
    conventions=CONVENTIONS,
    parse_listing=parse_listing,
    parse_feed=parse_feed,
    parse_detail=generic_detail(CONVENTIONS),
    listing_url=_listing_url,
    release_date=release_date,
    robots=(
        "no robots.txt was available offline: the live file decides (Scrapy's "
        "RobotsTxtMiddleware); RSS under /RssFeed/, listings under /search/, releases "
        "under /news-release/; /Tracker links inside bodies are never followed"
    ),
)
