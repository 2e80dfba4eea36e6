from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.items import Listing
from crawler.parsing.errors import BlockedPage, LayoutChanged
from crawler.sources.prnewswire.rss import parse_rss

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "prnewswire"
FEED = "https://www.prnewswire.com/rss/news-releases-list.rss"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def as_json(listing: Listing) -> dict[str, Any]:
    data = asdict(listing)
    for entry in data["entries"]:
        if entry["published_at"] is not None:
            entry["published_at"] = entry["published_at"].isoformat()
    return data


def test_rss_fixture_matches_its_hand_checked_json() -> None:
    expected = json.loads(
        (FIXTURES / "rss-2026-news-releases-list.expected.json").read_text(encoding="utf-8")
    )
    assert as_json(parse_rss(fixture_bytes("rss-2026-news-releases-list.xml"), FEED)) == expected


def test_rss_item_reads_utc_date_contributor_and_plain_teaser() -> None:
    first = parse_rss(fixture_bytes("rss-2026-news-releases-list.xml"), FEED).entries[0]
    assert first.release_id == "302898756"
    assert first.published_at == datetime(2026, 10, 5, 18, 28, tzinfo=UTC)
    assert first.company == "Stock Preachers"
    assert first.teaser.startswith("NEW YORK, Oct. 5, 2026 /PRNewswire/ --")
    assert "<p>" not in first.teaser


def test_rss_as_str_with_xml_declaration_parses() -> None:
    text = fixture_bytes("rss-2026-news-releases-list.xml").decode("utf-8")
    assert parse_rss(text, FEED) == parse_rss(text.encode("utf-8"), FEED)


def test_malformed_rss_raises_layout_changed() -> None:
    with pytest.raises(LayoutChanged):
        parse_rss(fixture_bytes("rss-2026-news-releases-list.xml")[:5000], FEED)


def test_xml_that_is_not_rss_raises_layout_changed() -> None:
    with pytest.raises(LayoutChanged):
        parse_rss(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', FEED)


def test_access_denied_html_instead_of_rss_raises_blocked_page() -> None:
    with pytest.raises(BlockedPage):
        parse_rss(fixture_bytes("blocked-2026-access-denied.html"), FEED)


def test_ordinary_html_instead_of_rss_raises_layout_changed() -> None:
    with pytest.raises(LayoutChanged):
        parse_rss(fixture_bytes("layout-2026-changed.html"), FEED)


def test_feed_with_no_items_is_an_empty_listing() -> None:
    feed = b"<rss version='2.0'><channel><title>All News Releases</title></channel></rss>"
    assert parse_rss(feed, FEED) == Listing(entries=[], kind="rss")
