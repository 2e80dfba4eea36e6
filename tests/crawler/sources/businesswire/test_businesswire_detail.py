"""The generic detail parser on a SYNTHETIC Business Wire page (no real one exists)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from crawler.parsing.generic_release import parse_generic_release
from crawler.sources.businesswire.text import CONVENTIONS
from tests.support.golden import release_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "businesswire"
PAGE = FIXTURES / "detail-2026-synthetic-kestrel-20261005512345.html"
EXPECTED = json.loads(
    (FIXTURES / "detail-2026-synthetic-kestrel-20261005512345.expected.json").read_text(
        encoding="utf-8"
    )
)
FEED_LINK = (
    "http://www.businesswire.com/news/home/20261005512345/en/"
    "Kestrel-Neurotherapeutics-Announces-FDA-Clearance-of-IND-for-KN-204-in-Parkinsons-Disease/"
    "?feedref=1-6SMMw3Hgud"
)
FEED_TIME = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)


def test_page_says_it_is_synthetic() -> None:
    assert PAGE.read_text(encoding="utf-8").startswith("<!-- SYNTHETIC")


def test_synthetic_detail_page_matches_its_hand_checked_json_in_every_field() -> None:
    release = parse_generic_release(
        PAGE.read_bytes(), FEED_LINK, CONVENTIONS, published_hint=FEED_TIME
    )
    assert release_as_json(release) == EXPECTED


def test_without_page_metadata_or_feed_time_the_time_is_unknown_not_guessed() -> None:
    release = parse_generic_release(PAGE.read_bytes(), FEED_LINK, CONVENTIONS)
    assert release.published_at is None


def test_company_comes_from_the_lead_when_nothing_else_names_it() -> None:
    release = parse_generic_release(PAGE.read_bytes(), FEED_LINK, CONVENTIONS)
    assert release.company == "Kestrel Neurotherapeutics, Inc."


def test_the_feed_company_wins_over_the_lead() -> None:
    release = parse_generic_release(
        PAGE.read_bytes(), FEED_LINK, CONVENTIONS, company_hint="Kestrel Neurotherapeutics"
    )
    assert release.company == "Kestrel Neurotherapeutics"


def test_more_news_links_after_the_story_are_not_release_text() -> None:
    release = parse_generic_release(PAGE.read_bytes(), FEED_LINK, CONVENTIONS)
    assert "More News From" not in release.body
    assert "Older-Kestrel-News" not in release.body
