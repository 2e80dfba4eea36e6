"""`WireSource`: what the crawl needs to know about one wire, as plain functions and data.

Each wire's `crawler/sources/<name>/source.py` fills one `SOURCE` (fundus' publisher
registry, web-poet's page objects): its listing, feed and detail parsers, how a watch's path
becomes a listing URL, its text conventions, the hosts it serves from besides its base URL,
and its robots.txt notes. `crawler.sources.registry` names them; `WatchSpider` and the parse
worker only ever call these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode, urljoin

from crawler.items import Listing, ListingEntry, PressRelease
from crawler.parsing.wire_conventions import WireConventions

# (body, url) → Listing; (body, url, the listing entry that led to it or None) → release.
ListingParser = Callable[[bytes, str], Listing]
DetailParser = Callable[[bytes, str, ListingEntry | None], PressRelease]


def _unchanged(page: bytes) -> bytes:
    return page


def _undated(url: str) -> date | None:
    return None


def paged_url(base_url: str, path: str, **query: int) -> str:
    """`path` under `base_url` with the paging query appended (after any query it has)."""
    url = urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))
    if not query:
        return url
    return url + ("&" if "?" in url else "?") + urlencode(query)


@dataclass(frozen=True, slots=True)
class WireSource:
    name: str
    conventions: WireConventions
    parse_listing: ListingParser  # company and category watches
    parse_feed: ListingParser  # rss watches
    parse_detail: DetailParser
    # (base URLs by key — "base_url" and the source's `extra_urls` —, kind, path, page,
    # page size) → the URL of one listing page or feed.
    listing_url: Callable[[Mapping[str, str], str, str, int, int], str]
    robots: str  # what robots.txt lets a crawl use, in one paragraph
    # Page bytes as handed to a parse worker (PR Newswire drops its 150–400 KB of chrome).
    compact: Callable[[bytes], bytes] = _unchanged
    # The day a release URL names, for listings whose cards print no time (a backfill's window).
    release_date: Callable[[str], date | None] = _undated
    # Whether a listing page past the last one says so ("no results", an empty result count).
    # When it does not, a later page with no release link ends the listing (see WatchSpider).
    marks_listing_end: bool = True
