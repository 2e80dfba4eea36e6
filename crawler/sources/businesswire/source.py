"""Business Wire as a `WireSource`: `/mrss/` feeds on feed.businesswire.com, release-link
listings, and detail pages through the generic parser (no real detail page could be
verified)."""

from __future__ import annotations

from collections.abc import Mapping

from crawler.parsing.generic_release import generic_detail
from crawler.sources.businesswire.feed import parse_feed
from crawler.sources.businesswire.listing import parse_listing
from crawler.sources.businesswire.text import CONVENTIONS
from crawler.sources.businesswire.urls import release_date
from crawler.sources.wire_source import WireSource, paged_url


def _listing_url(urls: Mapping[str, str], kind: str, path: str, page: int, size: int) -> str:
    if kind == "rss":  # the feeds live on their own host (robots.txt lists them as sitemaps)
        return paged_url(urls.get("feed_url") or urls["base_url"], path)
    return paged_url(urls["base_url"], path, page=page)


SOURCE = WireSource(
    name="businesswire",
    conventions=CONVENTIONS,
    parse_listing=parse_listing,
    parse_feed=parse_feed,
    parse_detail=generic_detail(CONVENTIONS),
    listing_url=_listing_url,
    release_date=release_date,
    marks_listing_end=False,  # no real listing page to learn its "no results" mark from
    robots=(
        "robots.txt (2019 copy) disallows /rss/, /ct/ and the old portal listings; release "
        "pages under /news/home/ and the /mrss/ feeds on feed.businesswire.com are allowed; "
        "Crawl-delay 10 for named bots, our default delay too"
    ),
)
