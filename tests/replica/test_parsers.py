"""The crawler's own parsers read the replica's pages (and see its faults as they should)."""

from __future__ import annotations

import pytest

from replica import Replica
from tests.replica.conftest import fetch

listing = pytest.importorskip("crawler.sources.prnewswire.listing")
release_parser = pytest.importorskip("crawler.sources.prnewswire.release")
errors = pytest.importorskip("crawler.parsing.errors")


def test_the_listing_parser_reads_newsrooms_lists_and_feeds(replica: Replica) -> None:
    newest = replica.catalog.newest(company="xellsmart")
    url = replica.base_url + "/news/xellsmart/"
    parsed = listing.parse_listing(fetch(replica.base_url, "/news/xellsmart/").body, url)
    assert [e.release_id for e in parsed.entries] == [r.release_id for r in newest[:25]]
    assert parsed.entries[0].published_at == newest[0].published
    feed_path = "/rss/health-latest-news/biotechnology-list.rss"
    feed = listing.parse_rss(fetch(replica.base_url, feed_path).body, replica.base_url + feed_path)
    assert len(feed.entries) == 20


def test_a_page_past_the_end_parses_as_an_empty_listing(replica: Replica) -> None:
    path = "/news/xellsmart/?page=500&pagesize=25"
    parsed = listing.parse_listing(fetch(replica.base_url, path).body, replica.base_url + path)
    assert parsed.entries == []


def test_the_release_parser_reads_the_detail_pages(replica: Replica) -> None:
    seed = replica.catalog.get("302427583")
    assert seed is not None
    page = fetch(replica.base_url, seed.path).body
    parsed = release_parser.parse_release(page, replica.base_url + seed.path)
    assert parsed.release_id == "302427583"
    assert parsed.title == seed.title
    assert parsed.published_at == seed.published
    assert parsed.company == "XellSmart"
    assert parsed.company_slug == "xellsmart"
    assert parsed.dateline_city == "SUZHOU, China"
    assert parsed.body.startswith("SUZHOU, China, April 15, 2025 /PRNewswire/ -- In January")
    assert "21%" not in parsed.body


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("access_denied", "BlockedPage"),
        ("layout_changed", "LayoutChanged"),
        ("truncated", "TruncatedPage"),
    ],
)
def test_faulted_pages_raise_the_matching_parser_error(
    replica: Replica, mode: str, error: str
) -> None:
    detail = replica.catalog.newest()[0].path
    replica.set_fault(mode)
    for path, parse in (
        (detail, release_parser.parse_release),
        ("/news/xellsmart/", listing.parse_listing),
    ):
        with pytest.raises(getattr(errors, error)):
            parse(fetch(replica.base_url, path).body, replica.base_url + path)
