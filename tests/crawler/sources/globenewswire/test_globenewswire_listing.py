from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsing.errors import BlockedPage, LayoutChanged, TruncatedPage
from crawler.sources.globenewswire.listing import listing_kind, parse_listing
from tests.support.golden import listing_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "globenewswire"
REAL_LISTING = FIXTURES / "listing-2018-homepage-latest-releases.html"


def test_real_2018_listing_matches_its_hand_checked_json_in_every_field() -> None:
    expected = json.loads(
        (FIXTURES / "listing-2018-homepage-latest-releases.expected.json").read_text(
            encoding="utf-8"
        )
    )
    assert (
        listing_as_json(parse_listing(REAL_LISTING.read_bytes(), "https://globenewswire.com/"))
        == expected
    )


def test_2018_cards_read_company_subtitle_and_language() -> None:
    entries = parse_listing(REAL_LISTING.read_bytes(), "https://globenewswire.com/").entries
    assert len(entries) == 10
    soricimed_fr = entries[1]
    assert soricimed_fr.company == "Soricimed Biopharma Inc."
    assert getattr(soricimed_fr, "language", None) == "fr"
    assert getattr(entries[0], "subtitle", None) == (
        "Group files amicus brief in case involving county seal and flag"
    )


def test_2018_cards_have_no_absolute_time() -> None:
    entries = parse_listing(REAL_LISTING.read_bytes(), "https://globenewswire.com/").entries
    assert {entry.published_at for entry in entries} == {None}


def test_a_2018_page_with_its_pager_and_no_card_is_an_empty_listing() -> None:
    page = REAL_LISTING.read_text(encoding="utf-8").replace("results-link", "retired-card")
    page = page.replace("/news-release/", "/elsewhere/")
    assert parse_listing(page, "https://globenewswire.com/").entries == []


# SYNTHETIC markup: no real current-layout listing exists; only release links are relied on.
CURRENT_LAYOUT = """<!DOCTYPE html><html><head><title>Kestrel | GlobeNewswire</title></head>
<body><main><ul class="pagging-list">
<li><a href="/news-release/2026/10/05/3375001/0/en/kestrel-fda-ind.html"><img src="/logo.png"></a>
<a href="/news-release/2026/10/05/3375001/0/en/kestrel-fda-ind.html">Kestrel Announces FDA
 Clearance of IND</a></li>
<li><a href="https://www.globenewswire.com/en/news-release/2026/09/01/3300001/0/en/kestrel-q2.html">
Kestrel Reports Second Quarter Results</a></li>
<li><a href="/en/search/organization/Kestrel">Kestrel</a></li></ul></main></body></html>"""


def test_current_layout_listing_is_read_from_its_release_links() -> None:
    listing = parse_listing(
        CURRENT_LAYOUT, "https://www.globenewswire.com/en/search/organization/Kestrel?page=2"
    )
    assert [(e.release_id, e.title) for e in listing.entries] == [
        ("3375001", "Kestrel Announces FDA Clearance of IND"),
        ("3300001", "Kestrel Reports Second Quarter Results"),
    ]
    assert (listing.kind, listing.page) == ("organization", 2)


def test_page_without_release_links_or_pager_is_a_changed_layout() -> None:
    page = "<html><head><title>GlobeNewswire</title></head><body><main>Hello</main></body></html>"
    with pytest.raises(LayoutChanged):
        parse_listing(page, "https://www.globenewswire.com/en/search/subject/x")


def test_access_denied_listing_is_blocked() -> None:
    page = "<html><head><title>Access Denied</title></head><body></body></html>"
    with pytest.raises(BlockedPage):
        parse_listing(page, "https://www.globenewswire.com/")


def test_listing_cut_short_is_truncated() -> None:
    page = REAL_LISTING.read_bytes()
    with pytest.raises(TruncatedPage):
        parse_listing(page[: len(page) // 2], "https://globenewswire.com/")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.globenewswire.com/en/search/organization/Kestrel", "organization"),
        ("https://www.globenewswire.com/search/subject/Clinical%20Study", "subject"),
        ("https://www.globenewswire.com/en/search/industry/Biotechnology", "industry"),
        ("https://www.globenewswire.com/", "all"),
    ],
)
def test_listing_kind_follows_the_search_facet(url: str, kind: str) -> None:
    assert listing_kind(url) == kind
