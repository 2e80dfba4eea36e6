from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.parsing.errors import BlockedPage, LayoutChanged
from crawler.parsing.wire_entry import WireEntry
from crawler.sources.globenewswire.feed import parse_feed, teaser
from tests.support.golden import listing_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "globenewswire"
FEED_URL = (
    "https://www.globenewswire.com/RssFeed/orgclass/1/feedTitle/"
    "GlobeNewswire%20-%20News%20about%20Public%20Companies"
)
REAL_FEED = FIXTURES / "rss-2026-public-companies.xml"


def real_feed() -> list[WireEntry]:
    entries = parse_feed(REAL_FEED.read_bytes(), FEED_URL).entries
    assert all(isinstance(entry, WireEntry) for entry in entries)
    return [entry for entry in entries if isinstance(entry, WireEntry)]


def test_real_feed_matches_its_hand_checked_json_in_every_field() -> None:
    expected = json.loads(
        (FIXTURES / "rss-2026-public-companies.expected.json").read_text(encoding="utf-8")
    )
    assert listing_as_json(parse_feed(REAL_FEED.read_bytes(), FEED_URL)) == expected


def test_fields_in_the_non_standard_dc_namespace_are_read() -> None:
    first = real_feed()[0]
    assert first.company == "Peapack-Gladstone Financial Corporation"
    assert first.language == "en"
    assert first.subjects == ("Company Announcement",)


def test_gmt_pub_date_without_seconds_is_utc() -> None:
    assert real_feed()[0].published_at == datetime(2026, 10, 5, 18, 15, tzinfo=UTC)


def test_stock_categories_keep_exchange_labels_with_spaces() -> None:
    discovery = real_feed()[1]
    assert discovery.tickers == ("TSX:DSV", "Other OTC:DSVSF")
    assert discovery.isins == ("CA25471U1003",)


def test_the_usual_dc_namespace_is_read_too() -> None:
    feed = REAL_FEED.read_text(encoding="utf-8").replace(
        "http://dublincore.org/documents/dcmi-namespace/", "http://purl.org/dc/elements/1.1/"
    )
    assert parse_feed(feed, FEED_URL).entries[0].company == (
        "Peapack-Gladstone Financial Corporation"
    )


def test_an_item_whose_identifier_contradicts_its_link_is_left_out() -> None:
    feed = REAL_FEED.read_text(encoding="utf-8").replace(
        "<dc:identifier>3374933</dc:identifier>", "<dc:identifier>1</dc:identifier>"
    )
    assert "3374933" not in [entry.release_id for entry in parse_feed(feed, FEED_URL).entries]


def test_teaser_drops_inline_tags_without_adding_spaces() -> None:
    assert teaser("<p>(“<strong>Discovery</strong>”) today</p>") == "(“Discovery”) today"


def test_teaser_drops_a_pre_block_repeating_the_text_before_it() -> None:
    scworx = real_feed()[2]
    assert scworx.teaser.count("Panel Determines") == 1


def test_html_block_page_instead_of_the_feed_is_blocked() -> None:
    page = b"<html><head><title>Access Denied</title></head><body>no</body></html>"
    with pytest.raises(BlockedPage):
        parse_feed(page, FEED_URL)


def test_atom_document_is_not_an_rss_feed() -> None:
    with pytest.raises(LayoutChanged):
        parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', FEED_URL)
