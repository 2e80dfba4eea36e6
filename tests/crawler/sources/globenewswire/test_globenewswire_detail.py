"""The generic detail parser on a SYNTHETIC GlobeNewswire page (no real one exists)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from crawler.parsing.generic_release import parse_generic_release
from crawler.sources.globenewswire.text import CONVENTIONS
from tests.support.golden import release_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "globenewswire"
PAGE = FIXTURES / "detail-2026-synthetic-kestrel-3375001.html"
EXPECTED = json.loads(
    (FIXTURES / "detail-2026-synthetic-kestrel-3375001.expected.json").read_text(encoding="utf-8")
)


def test_page_says_it_is_synthetic() -> None:
    assert PAGE.read_text(encoding="utf-8").startswith("<!-- SYNTHETIC")


def test_synthetic_detail_page_matches_its_hand_checked_json_in_every_field() -> None:
    release = parse_generic_release(PAGE.read_bytes(), EXPECTED["url"], CONVENTIONS)
    assert release_as_json(release) == EXPECTED


def test_json_ld_time_wins_over_the_feed_time() -> None:
    feed_time = datetime(2026, 10, 5, 12, 3, tzinfo=UTC)
    release = parse_generic_release(
        PAGE.read_bytes(), EXPECTED["url"], CONVENTIONS, published_hint=feed_time
    )
    assert release.published_at == datetime(2026, 10, 5, 12, 0, tzinfo=UTC)


def test_attachments_and_tags_after_the_body_are_not_release_text() -> None:
    release = parse_generic_release(PAGE.read_bytes(), EXPECTED["url"], CONVENTIONS)
    assert "KN-204 programme overview" not in release.body
    assert "Related releases" not in release.body
