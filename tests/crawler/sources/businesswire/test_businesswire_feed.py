from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.parsing.errors import LayoutChanged
from crawler.parsing.wire_entry import WireEntry
from crawler.sources.businesswire.feed import parse_feed
from tests.support.golden import listing_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "businesswire"
FEED_URL = "https://feed.businesswire.com/mrss/home/?rss=G1QFDERJXkJcFVJYWQ=="
REAL_FEED = FIXTURES / "rss-2026-mrss-home-all-news.xml"


def real_feed() -> list[WireEntry]:
    entries = parse_feed(REAL_FEED.read_bytes(), FEED_URL).entries
    return [entry for entry in entries if isinstance(entry, WireEntry)]


def test_real_feed_matches_its_hand_checked_json_in_every_field() -> None:
    expected = json.loads(
        (FIXTURES / "rss-2026-mrss-home-all-news.expected.json").read_text(encoding="utf-8")
    )
    assert listing_as_json(parse_feed(REAL_FEED.read_bytes(), FEED_URL)) == expected


def test_double_escaped_titles_are_unescaped_once_more() -> None:
    titles = [entry.title for entry in real_feed()]
    assert titles[0].startswith("AstraZeneca opens new global strategic R&D center")
    assert "4,5 millions d'euros" in titles[2]
    assert "Behind \"Don't Get Old." in titles[3]


def test_ut_pub_date_is_utc() -> None:
    assert real_feed()[0].published_at == datetime(2026, 10, 5, 16, 1, tzinfo=UTC)


def test_link_loses_its_feedref_and_becomes_https() -> None:
    assert real_feed()[0].url == (
        "https://www.businesswire.com/news/home/20261005363276/en/"
        "AstraZeneca-opens-new-global-strategic-RD-center-in-Kendall-Square-Cambridge-Massachusetts/"
    )


def test_french_item_without_slug_keeps_its_id_and_language() -> None:
    french = real_feed()[2]
    assert (french.release_id, french.language) == ("20260930550483", "fr")


def test_company_is_read_from_the_lead_when_it_opens_with_it() -> None:
    companies = [entry.company for entry in real_feed()]
    assert companies == [
        "AstraZeneca",
        "Magnachip Semiconductor Corporation",
        None,  # "Chez l'être humain, …": the French lead does not open with the issuer
        "Niagen Bioscience, Inc.",
        "The Charles Schwab Corporation",
        "Galderma",
    ]


def test_tickers_come_from_the_lead_and_dateline_cashtags() -> None:
    assert [entry.tickers for entry in real_feed()][1:4] == [("NYSE:MX",), (), ("NASDAQ:NAGE",)]


def test_an_item_whose_guid_contradicts_its_link_is_left_out() -> None:
    feed = REAL_FEED.read_text(encoding="utf-8").replace(
        '<guid isPermaLink="false">20261005363276en</guid>',
        '<guid isPermaLink="false">20261005999999en</guid>',
    )
    ids = [entry.release_id for entry in parse_feed(feed, FEED_URL).entries]
    assert "20261005363276" not in ids
    assert len(ids) == 5


def test_malformed_feed_is_a_changed_layout() -> None:
    with pytest.raises(LayoutChanged):
        parse_feed(REAL_FEED.read_bytes()[:4000], FEED_URL)
