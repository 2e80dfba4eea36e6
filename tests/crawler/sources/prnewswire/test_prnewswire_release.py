from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.items import PressRelease
from crawler.parsing.errors import BlockedPage, LayoutChanged, TruncatedPage
from crawler.sources.prnewswire.release import parse_release
from tests.support.golden import release_as_json

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "prnewswire"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def as_json(release: PressRelease) -> dict[str, Any]:
    """The form used in *.expected.json (`tests.support.golden.release_as_json`)."""
    return release_as_json(release)


GOLDEN = sorted(FIXTURES.glob("detail-*.expected.json"))


def _page_for(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".html"))


@pytest.mark.parametrize("expected_path", GOLDEN, ids=[p.name.split(".")[0] for p in GOLDEN])
def test_detail_page_matches_its_hand_checked_json_in_every_field(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    page = _page_for(expected_path).read_bytes()
    assert as_json(parse_release(page, expected["url"])) == expected


def test_every_detail_fixture_has_an_expected_json() -> None:
    pages = {p.name for p in FIXTURES.glob("detail-*.html")}
    assert pages == {_page_for(p).name for p in GOLDEN}


def test_2024_template_reads_true_afternoon_time() -> None:
    # p.mb-no and meta[name=date] say 03:39; transmission id 201604251539… says 15:39 ET.
    release = parse_release(fixture_bytes("detail-2024-hackerrank-300256929.html"), "https://x/")
    assert release.published_at == datetime(2016, 4, 25, 19, 39, tzinfo=UTC)


def test_2017_template_treats_z_meta_date_as_eastern_time() -> None:
    release = parse_release(fixture_bytes("detail-2017-hackerrank-300256929.html"), "https://x/")
    assert release.published_at == datetime(2016, 4, 25, 19, 39, tzinfo=UTC)


def test_2017_and_2024_copies_of_one_release_read_the_same_text() -> None:
    old = parse_release(fixture_bytes("detail-2017-hackerrank-300256929.html"), "https://x/")
    new = parse_release(fixture_bytes("detail-2024-hackerrank-300256929.html"), "https://x/")
    assert (old.release_id, old.title, old.subtitles, old.body) == (
        new.release_id,
        new.title,
        new.subtitles,
        new.body,
    )
    assert old.dateline_city == new.dateline_city == "PALO ALTO, Calif."


def test_2017_template_leaves_out_the_hidden_original_version_link() -> None:
    release = parse_release(fixture_bytes("detail-2017-hackerrank-300256929.html"), "https://x/")
    assert "To view the original version" not in release.body


def test_2026_template_drops_the_advert_and_pre_dateline_summary() -> None:
    release = parse_release(
        fixture_bytes("detail-2026-grainger-302676819.excerpt.html"), "https://x/"
    )
    assert release.body.startswith("CHICAGO, Feb. 3, 2026 /PRNewswire/ -- Grainger (NYSE: GWW)")
    assert "Request a Demo" not in release.body
    assert "more press release views" not in release.body
    assert "SOURCE" not in release.body


def test_2026_template_resolves_relative_also_from_links() -> None:
    release = parse_release(
        fixture_bytes("detail-2026-grainger-302676819.excerpt.html"), "https://x/"
    )
    assert release.also_from_source[0] == (
        "https://www.prnewswire.com/news-releases/"
        "grainger-reports-results-for-the-second-quarter-2026-302841639.html"
    )


@pytest.mark.parametrize(
    ("name", "slug", "url"),
    [
        (
            "detail-2015-tableau-300039248.html",
            "tableau+software",
            "https://www.prnewswire.com/news/tableau+software/",
        ),
        (
            "detail-2017-hackerrank-300256929.html",
            "hackerrank",
            "https://www.prnewswire.com/news/hackerrank/",
        ),
        (
            "detail-2020-ideanomics-301074797.html",
            "ideanomics",
            "https://www.prnewswire.com/news/ideanomics/",
        ),
        (
            "detail-2026-grainger-302676819.excerpt.html",
            "w.w.-grainger%2C-inc.",
            "https://www.prnewswire.com/news/w.w.-grainger%2C-inc./",
        ),
    ],
)
def test_company_slug_is_kept_as_the_site_writes_it(name: str, slug: str, url: str) -> None:
    release = parse_release(fixture_bytes(name), "https://x/")
    assert (release.company_slug, release.company_url) == (slug, url)


def test_tickers_are_exchange_qualified() -> None:
    grainger = parse_release(
        fixture_bytes("detail-2026-grainger-302676819.excerpt.html"), "https://x/"
    )
    tableau = parse_release(fixture_bytes("detail-2015-tableau-300039248.html"), "https://x/")
    assert (grainger.tickers, tableau.tickers) == (["NYSE:GWW"], ["NYSE:DATA"])


def test_xellsmart_seed_release_reads_suzhou_dateline_and_fda_body() -> None:
    release = parse_release(fixture_bytes("detail-2025-xellsmart-302427583.html"), "https://x/")
    assert release.release_id == "302427583"
    assert release.dateline_city == "SUZHOU, China"
    assert release.published_at == datetime(2025, 4, 15, 13, 10, tzinfo=UTC)
    assert release.company == "XellSmart"
    assert "Orphan Drug Designation by the U.S. FDA" in release.body
    assert "FDA Approval" in release.tags


def test_multi_agency_release_keeps_both_subtitles_and_ticker() -> None:
    release = parse_release(
        fixture_bytes("detail-2026-norvana-multiagency-302900001.html"), "https://x/"
    )
    assert len(release.subtitles) == 2
    assert release.tickers == ["NASDAQ:NRVB"]
    assert all(agency in release.body for agency in ("FDA", "NMPA", "EMA"))
    assert '"Three regulators reached the same conclusion within six weeks," said' in release.body
    assert 'Chief Executive Officer.\n"We will open' in release.body  # <br> kept as a newline


def test_canadian_dateline_with_single_dash_and_prweb_prefix_reads_city() -> None:
    release = parse_release(
        fixture_bytes("detail-2026-maplecell-canadian-302900002.html"), "https://x/"
    )
    assert release.dateline_city == "TORONTO"
    assert release.body.startswith("TORONTO, May 8, 2026 /PRNewswire-PRWeb/ - MapleCell")
    assert release.tickers == ["TSX-V:MCT"]


def test_str_and_bytes_pages_parse_the_same() -> None:
    page = fixture_bytes("detail-2020-ideanomics-301074797.html")
    assert parse_release(page.decode("utf-8"), "https://x/") == parse_release(page, "https://x/")


def test_page_without_canonical_link_uses_the_fetch_url() -> None:
    page = fixture_bytes("detail-2026-maplecell-canadian-302900002.html").decode("utf-8")
    page = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", page)
    fetched = (
        "http://www.prnewswire.com/news-releases/"
        "maplecell-therapeutics-receives-health-canada-no-objection-letter-for-mct-7-phase-1-trial"
        "-302900002.html?tc=eml_cleartime#top"
    )
    release = parse_release(page, fetched)
    assert release.url == fetched.replace("http:", "https:").split("?")[0]
    assert release.release_id == "302900002"


@pytest.mark.parametrize(
    "name", ["blocked-2026-access-denied.html", "blocked-2026-cloudflare-challenge.html"]
)
def test_access_denied_and_challenge_pages_raise_blocked_page(name: str) -> None:
    with pytest.raises(BlockedPage):
        parse_release(fixture_bytes(name), "https://x/")


def test_changed_layout_raises_layout_changed() -> None:
    with pytest.raises(LayoutChanged):
        parse_release(fixture_bytes("layout-2026-changed.html"), "https://x/")


def test_truncated_detail_page_raises_truncated_page() -> None:
    with pytest.raises(TruncatedPage):
        parse_release(fixture_bytes("truncated-2025-xellsmart-302427583.html"), "https://x/")


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.9, 0.99])
def test_a_page_cut_anywhere_raises_truncated_page(fraction: float) -> None:
    page = fixture_bytes("detail-2020-ideanomics-301074797.html")
    with pytest.raises(TruncatedPage):
        parse_release(page[: int(len(page) * fraction)], "https://x/")


def test_empty_response_raises_truncated_page() -> None:
    with pytest.raises(TruncatedPage):
        parse_release(b"  ", "https://x/")


def test_release_without_source_line_raises_layout_changed() -> None:
    page = fixture_bytes("detail-2026-norvana-multiagency-302900001.html").decode("utf-8")
    page = page.replace("<p>SOURCE Norvana Biotherapeutics, Inc.</p>", "")
    with pytest.raises(LayoutChanged):
        parse_release(page, "https://x/")


def test_release_without_a_known_header_raises_layout_changed() -> None:
    page = fixture_bytes("detail-2026-norvana-multiagency-302900001.html").decode("utf-8")
    page = page.replace("release-header", "story-header")
    with pytest.raises(LayoutChanged):
        parse_release(page, "https://x/")
