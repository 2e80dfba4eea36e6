"""The fast path's walk: block shapes, and what is never text. Pages here are SYNTHETIC."""

from __future__ import annotations

from lxml import etree

from crawler.parsing.html_page import parse_page
from crawler.parsing.main_text import content_root
from crawler.parsing.text_blocks import text_blocks


def blocks_of(article_inner: str) -> list[str]:
    root = parse_page(f"<html><body><article>{article_inner}</article></body></html>")
    container = content_root(root)
    assert container is not None
    return text_blocks(container)


def test_paragraphs_headings_list_items_and_quotes_are_one_block_each() -> None:
    html = (
        "<h2>Highlights</h2><p>First   paragraph,\n spread\tover lines.</p>"
        "<ul><li>One</li><li><p>Two</p></li></ul><blockquote>A quote</blockquote>"
    )
    assert blocks_of(html) == [
        "Highlights",
        "First paragraph, spread over lines.",
        "One",
        "Two",
        "A quote",
    ]


def test_br_is_a_line_break_inside_its_block() -> None:
    assert blocks_of("<p>Media: Jane Rivera<br>media@acme.example<br/> +1 617 555 0100</p>") == [
        "Media: Jane Rivera\nmedia@acme.example\n+1 617 555 0100"
    ]


def test_a_table_is_one_block_with_a_line_per_row_and_cells_joined_by_bars() -> None:
    html = (
        "<p>Results:</p><table><thead><tr><th>Metric</th><th>Q4 2025</th></tr></thead>"
        "<tbody><tr><td>Sales</td><td>$4.4<br>billion</td></tr><tr><td> </td><td></td></tr>"
        "<tr><td><p>Diluted</p><p>EPS</p></td><td>$9.44</td></tr>"
        "<tr style='display: none'><td>Hidden row</td></tr>"
        "<tr><td>Shares</td><td hidden>hidden cell</td><td>100</td></tr></tbody></table>"
        "<p>After.</p>"
    )
    assert blocks_of(html) == [
        "Results:",
        "Metric | Q4 2025\nSales | $4.4 billion\nDiluted EPS | $9.44\nShares | 100",
        "After.",
    ]


def test_loose_text_in_a_div_is_a_block_of_its_own() -> None:
    html = "<div>Loose before <b>bold</b><p>A paragraph</p>loose after</div>"
    assert blocks_of(html) == ["Loose before bold", "A paragraph", "loose after"]


def test_pre_keeps_its_line_breaks() -> None:
    assert blocks_of("<pre>Revenue   4.4\nMargin    14.3%</pre>") == ["Revenue 4.4\nMargin 14.3%"]


def test_scripts_navigation_forms_and_hidden_elements_are_never_text() -> None:
    html = (
        "<p>Visible one.</p>"
        "<script>var secret = 'script text';</script><style>.x { color: red }</style>"
        "<noscript>Enable JavaScript</noscript><template><p>Template text</p></template>"
        "<nav><a href='/'>Menu link</a></nav><aside>Related story</aside>"
        "<form><label>Email</label><select><option>Option text</option></select>"
        "<button>Subscribe</button></form><iframe>Frame text</iframe><svg><text>Svg text</text></svg>"
        "<p hidden>Hidden attribute</p><div aria-hidden='true'>Aria hidden</div>"
        "<p style='color: red; DISPLAY : none'>Styled away</p>"
        "<p>Visible <span style='display:none'>inline hidden</span>two.</p>"
        "<div aria-hidden='false'>Visible three.</div>"
    )
    assert blocks_of(html) == ["Visible one.", "Visible two.", "Visible three."]


def test_text_after_a_comment_is_kept() -> None:
    assert blocks_of("<p>Before <!-- a note --> after.</p><!-- end -->Tail text.") == [
        "Before after.",
        "Tail text.",
    ]


def test_in_a_tree_that_kept_its_comments_only_their_tails_are_text() -> None:
    html = "<div><p>Before <!-- a note --> after.</p><!-- end -->Tail text.<?pi data?></div>"
    tree = etree.fromstring(html, etree.HTMLParser())
    container = tree.find(".//div")
    assert container is not None
    assert text_blocks(container) == ["Before after.", "Tail text."]


def test_a_hidden_container_has_no_text() -> None:
    root = parse_page("<html><body><article hidden><p>Draft</p></article></body></html>")
    container = content_root(root)
    assert container is not None
    assert text_blocks(container) == []
