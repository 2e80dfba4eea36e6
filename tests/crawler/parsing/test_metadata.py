"""What a page says about itself, read without an extractor library. Pages are SYNTHETIC."""

from __future__ import annotations

import json

from crawler.parsing.html_page import parse_page
from crawler.parsing.metadata import read_metadata


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


def json_ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


ARTICLE = json.dumps({"@type": "NewsArticle", "headline": "Acme Announces"})


def test_json_ld_wrapped_in_a_comment_or_cdata_is_read() -> None:
    for wrapped in (f"<!--\n{ARTICLE}\n-->", f"//<![CDATA[\n{ARTICLE}\n//]]>"):
        meta = read_metadata(parse_page(page(json_ld(wrapped))))
        assert (meta.is_article, meta.headline) == (True, "Acme Announces")


def test_an_unreadable_json_ld_block_does_not_hide_a_readable_one() -> None:
    head = json_ld('{"@type": "NewsArticle", "headline": "Broken",}') + json_ld(ARTICLE)
    assert read_metadata(parse_page(page(head))).headline == "Acme Announces"


def test_json_ld_in_the_body_and_in_a_top_level_list_is_read() -> None:
    listed = json.dumps([{"@type": "WebPage", "name": "x"}, json.loads(ARTICLE)])
    assert read_metadata(parse_page(page(body=json_ld(listed)))).headline == "Acme Announces"


def test_raw_newlines_inside_json_ld_strings_are_accepted() -> None:
    head = json_ld('{"@type": "NewsArticle", "headline": "Acme\n Announces"}')
    assert read_metadata(parse_page(page(head))).headline == "Acme Announces"


def test_author_and_publisher_are_read_as_string_object_or_list() -> None:
    data = {
        "@type": "Article",
        "author": ["", {"@type": "Organization", "name": "Acme Bio Inc."}],
        "publisher": "GlobeNewswire",
        "mainEntityOfPage": {"@id": "https://example.com/release"},
        "keywords": ["Biotech", " Oncology "],
    }
    meta = read_metadata(parse_page(page(json_ld(json.dumps(data)))))
    assert (meta.author, meta.publisher, meta.url) == (
        "Acme Bio Inc.",
        "GlobeNewswire",
        "https://example.com/release",
    )
    assert meta.keywords == ["Biotech", "Oncology"]


def test_opengraph_first_value_wins_and_article_tags_are_joined() -> None:
    head = (
        '<meta property="og:title" content="First &amp; only">'
        '<meta property="og:title" content="Second">'
        '<meta property="og:type" content="article">'
        '<meta property="twitter:title" content="Not OpenGraph">'
        '<meta property="article:tag" content="iPSC">'
        '<meta property="article:tag" content="Parkinson\'s disease">'
        '<meta property="article:published_time" content="2026-10-05T12:00:00Z">'
    )
    meta = read_metadata(parse_page(page(head)))
    assert (meta.headline, meta.is_article) == ("First & only", True)
    assert meta.keywords == ["iPSC", "Parkinson's disease"]
    assert meta.date_published == "2026-10-05T12:00:00Z"


def test_json_ld_wins_over_opengraph() -> None:
    head = json_ld(ARTICLE) + '<meta property="og:title" content="OG title">'
    assert read_metadata(parse_page(page(head))).headline == "Acme Announces"


def test_a_page_without_metadata_says_nothing() -> None:
    meta = read_metadata(parse_page(page(body="<p>Hello</p>")))
    assert (meta.is_article, meta.headline, meta.keywords) == (False, "", [])
