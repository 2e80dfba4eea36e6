"""Which element the fast path reads, and when trafilatura reads the page instead.
Inline pages are SYNTHETIC; the fixture test runs on every detail page in tests/fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.parsing.errors import LayoutChanged
from crawler.parsing.generic_release import parse_generic_release
from crawler.parsing.html_page import parse_page
from crawler.parsing.main_text import FAST, TRAFILATURA, content_root, read_main_text
from crawler.parsing.metadata import read_metadata
from crawler.parsing.wire_conventions import WireConventions
from crawler.sources.businesswire.text import CONVENTIONS as BUSINESSWIRE
from crawler.sources.globenewswire.text import CONVENTIONS as GLOBENEWSWIRE
from crawler.sources.prnewswire.text import CONVENTIONS as PRNEWSWIRE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
GNW_URL = "https://www.globenewswire.com/news-release/2026/10/05/3375009/0/en/x.html"
DATELINE = "TORONTO, Oct.  05, 2026  (GLOBE NEWSWIRE) -- Acme Bio Inc. (TSX: ACME) today announced"
NEWS_ARTICLE = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Acme"}</script>'
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


def root_text(body: str) -> str:
    container = content_root(parse_page(page(body)))
    assert container is not None
    return container.text or ""


def test_the_single_article_body_microdata_wins_over_article_and_main() -> None:
    body = (
        "<main>main<article>article<div itemprop='articleBody'>body</div></article>"
        "<article>other article</article></main>"
    )
    assert root_text(body) == "body"


def test_article_body_may_be_one_of_several_itemprop_values() -> None:
    assert root_text("<article>article<div itemprop='text articleBody'>body</div></article>") == (
        "body"
    )


def test_several_article_bodies_fall_back_to_the_single_article() -> None:
    body = (
        "<main>main<article>article<p itemprop='articleBody'>one</p>"
        "<p itemprop='articleBody'>two</p></article></main>"
    )
    assert root_text(body) == "article"


def test_a_meta_tag_carrying_article_body_is_not_a_container() -> None:
    body = "<meta itemprop='articleBody' content='x'><article>article</article>"
    assert root_text(body) == "article"


def test_the_single_article_wins_over_main() -> None:
    assert root_text("<main>main<article>article</article></main>") == "article"


def test_several_articles_fall_back_to_the_single_main() -> None:
    assert root_text("<main>main<article>one</article><article>two</article></main>") == "main"


def test_a_page_without_a_single_container_has_none() -> None:
    assert content_root(parse_page(page("<main>a</main><main>b</main><div>c</div>"))) is None


def test_a_page_without_a_container_is_read_by_trafilatura() -> None:
    html = page(
        "<div class='content'><h1>Acme Bio Announces a Thing</h1>"
        f"<p>{DATELINE} a thing of some length, told in a full sentence.</p>"
        "<p>More about the thing, in a second paragraph of the release.</p></div>"
    )
    text = read_main_text(parse_page(html), GLOBENEWSWIRE, is_article=False)
    assert text.path == TRAFILATURA
    release = parse_generic_release(html, GNW_URL, GLOBENEWSWIRE)
    assert release.title == "Acme Bio Announces a Thing"
    assert release.body.startswith("TORONTO, Oct. 05, 2026 (GLOBE NEWSWIRE) -- Acme Bio")
    assert release.dateline_city == "TORONTO"


def test_a_container_without_dateline_on_a_page_without_article_metadata_is_second_guessed() -> (
    None
):
    html = page(
        "<article><p>Subscribe to our newsletter for the latest news today.</p></article>"
        "<div class='release'><h1>Acme Bio Announces a Thing</h1>"
        f"<p>{DATELINE} a thing of some length, told in a full sentence.</p>"
        "<p>More about the thing, in a second paragraph of the release.</p></div>"
    )
    text = read_main_text(parse_page(html), GLOBENEWSWIRE, is_article=False)
    assert text.path == TRAFILATURA
    assert text.start is not None
    assert text.blocks[text.start].startswith("TORONTO")


def test_a_container_with_a_dateline_is_read_by_the_fast_path() -> None:
    html = page(f"<article><h1>Acme</h1><p>{DATELINE} a thing.</p></article>")
    text = read_main_text(parse_page(html), GLOBENEWSWIRE, is_article=False)
    assert (text.path, text.start, text.blocks[0]) == (FAST, 1, "Acme")


def test_a_container_of_only_hidden_and_script_text_is_a_changed_layout() -> None:
    body = (
        "<article><script>var text = 'TORONTO (GLOBE NEWSWIRE) -- x';</script>"
        f"<p hidden>{DATELINE} a thing.</p><nav>Home</nav></article>"
    )
    with pytest.raises(LayoutChanged):
        parse_generic_release(page(body, NEWS_ARTICLE), GNW_URL, GLOBENEWSWIRE)


def _detail_pages() -> list[tuple[Path, WireConventions]]:
    wires = {"prnewswire": PRNEWSWIRE, "globenewswire": GLOBENEWSWIRE, "businesswire": BUSINESSWIRE}
    return [
        (path, wire)
        for name, wire in wires.items()
        for path in sorted((FIXTURES / name).glob("detail-*.html"))
    ]


@pytest.mark.parametrize(
    ("path", "wire"), _detail_pages(), ids=[p.name.split(".")[0] for p, _ in _detail_pages()]
)
def test_every_detail_fixture_is_read_by_the_fast_path(path: Path, wire: WireConventions) -> None:
    root = parse_page(path.read_bytes())
    text = read_main_text(root, wire, read_metadata(root).is_article)
    assert text.path == FAST
    assert text.start is not None  # each one has its wire's dateline


def test_the_fast_path_fixtures_include_every_wire() -> None:
    assert {wire.name for _, wire in _detail_pages()} == {
        "prnewswire",
        "globenewswire",
        "businesswire",
    }
