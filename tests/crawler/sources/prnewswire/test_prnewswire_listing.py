from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawler.parsing.errors import BlockedPage, LayoutChanged, TruncatedPage
from crawler.sources.prnewswire.listing import listing_kind, parse_listing

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "prnewswire"
NEWSROOM = "https://www.prnewswire.com/news/norvana-biotherapeutics%2C-inc./"
CATEGORY = "https://www.prnewswire.com/news-releases/health-latest-news/fda-approval-list/"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_newsroom_page_reads_three_cards_and_skips_non_release_links() -> None:
    listing = parse_listing(fixture_bytes("listing-2026-newsroom-norvana.html"), NEWSROOM)
    assert listing.kind == "newsroom"
    assert listing.page == 1
    assert [entry.release_id for entry in listing.entries] == [
        "302900001",
        "302880001",
        "302870001",
    ]
    first = listing.entries[0]
    assert first.url == (
        "https://www.prnewswire.com/news-releases/norvana-biotherapeutics-receives-fda-breakthrough"
        "-therapy-designation-nmpa-ind-clearance-and-ema-prime-eligibility-for-nrv-101-302900001.html"
    )
    assert first.title.startswith("Norvana Biotherapeutics Receives FDA Breakthrough")
    assert "Mar 09" not in first.title
    assert first.teaser.startswith("BOSTON, March 9, 2026 /PRNewswire/ --")
    assert first.published_at == datetime(2026, 3, 9, 11, 0, tzinfo=UTC)


def test_image_card_reads_title_and_unpadded_date() -> None:
    listing = parse_listing(fixture_bytes("listing-2026-newsroom-norvana.html"), NEWSROOM)
    image_card, unpadded = listing.entries[1], listing.entries[2]
    assert image_card.title == "Norvana Biotherapeutics Reports Fourth Quarter 2025 Results"
    assert image_card.published_at == datetime(2026, 2, 26, 21, 5, tzinfo=UTC)
    assert unpadded.published_at == datetime(2026, 2, 2, 13, 30, tzinfo=UTC)


def test_category_list_dates_time_only_cards_from_today_et() -> None:
    listing = parse_listing(
        fixture_bytes("listing-2026-category-fda-approval.html"),
        CATEGORY + "?page=2&pagesize=25",
        today_et=date(2026, 5, 8),
    )
    assert (listing.kind, listing.page) == ("category", 2)
    assert [entry.published_at for entry in listing.entries] == [
        datetime(2026, 5, 8, 14, 10, tzinfo=UTC),  # 10:10 ET
        datetime(2026, 5, 8, 12, 5, tzinfo=UTC),  # 08:05 ET
        datetime(2026, 5, 8, 3, 40, tzinfo=UTC),  # 23:40 ET, clock went up: the day before
        datetime(2026, 5, 7, 23, 25, tzinfo=UTC),  # full date, read as printed
    ]
    assert listing.entries[0].title == "HOTEL101 PROGRESSES TOWARDS NASDAQ LISTING"


def test_page_date_input_wins_over_today_et() -> None:
    page = fixture_bytes("listing-2026-category-fda-approval.html").replace(
        b"</main>", b'<input type="hidden" id="date" value="05/06/2026"/></main>'
    )
    listing = parse_listing(page, CATEGORY, today_et=date(2026, 5, 8))
    assert listing.entries[0].published_at == datetime(2026, 5, 6, 14, 10, tzinfo=UTC)


def test_time_only_cards_without_a_date_are_left_undated() -> None:
    listing = parse_listing(fixture_bytes("listing-2026-category-fda-approval.html"), CATEGORY)
    assert listing.entries[0].published_at is None
    assert listing.entries[3].published_at == datetime(2026, 5, 7, 23, 25, tzinfo=UTC)


def test_valid_listing_without_cards_is_empty() -> None:
    listing = parse_listing(
        fixture_bytes("listing-2026-newsroom-empty.html"),
        "https://www.prnewswire.com/news/kestrel-bio/",
    )
    assert listing.entries == []
    assert listing.kind == "newsroom"


@pytest.mark.parametrize(
    "name", ["blocked-2026-access-denied.html", "blocked-2026-cloudflare-challenge.html"]
)
def test_access_denied_listing_raises_blocked_page(name: str) -> None:
    with pytest.raises(BlockedPage):
        parse_listing(fixture_bytes(name), NEWSROOM)


def test_page_without_listing_structure_raises_layout_changed() -> None:
    with pytest.raises(LayoutChanged):
        parse_listing(fixture_bytes("layout-2026-changed.html"), NEWSROOM)


def test_detail_page_is_not_mistaken_for_an_empty_listing() -> None:
    with pytest.raises(LayoutChanged):
        parse_listing(fixture_bytes("detail-2026-grainger-302676819.excerpt.html"), NEWSROOM)


def test_truncated_listing_raises_truncated_page() -> None:
    page = fixture_bytes("listing-2026-newsroom-norvana.html")
    with pytest.raises(TruncatedPage):
        parse_listing(page[: len(page) // 2], NEWSROOM)


def test_str_and_bytes_listings_parse_the_same() -> None:
    page = fixture_bytes("listing-2026-newsroom-norvana.html")
    assert parse_listing(page.decode("utf-8"), NEWSROOM) == parse_listing(page, NEWSROOM)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.prnewswire.com/news/ideanomics", "newsroom"),
        (CATEGORY, "category"),
        ("https://www.prnewswire.com/news-releases/news-releases-list/?page=3", "all"),
    ],
)
def test_listing_kind_follows_the_url(url: str, kind: str) -> None:
    assert listing_kind(url) == kind
