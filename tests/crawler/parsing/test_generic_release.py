"""The generic detail parser's contract: a release, or a typed error, never an empty release.
Pages here are SYNTHETIC and minimal, each built to trip one rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from crawler.parsing.errors import BlockedPage, LayoutChanged, TruncatedPage
from crawler.parsing.generic_release import parse_generic_release
from crawler.sources.businesswire.text import CONVENTIONS as BUSINESSWIRE
from crawler.sources.globenewswire.text import CONVENTIONS as GLOBENEWSWIRE

GNW_URL = "https://www.globenewswire.com/news-release/2026/10/05/3375009/0/en/x.html"
BODY = (
    "<p>TORONTO, Oct.  05, 2026  (GLOBE NEWSWIRE) -- Acme Bio Inc. (TSX: ACME) today announced "
    "a thing.</p><p>More about the thing.</p>"
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>t</title>{head}</head>"
        f"<body><main><article>{body}</article></main></body></html>"
    )


def json_ld(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_page_with_neither_metadata_nor_a_dateline_is_a_changed_layout() -> None:
    html = page(body="<h1>Welcome</h1><p>Our new site has many sections to explore today.</p>")
    with pytest.raises(LayoutChanged):
        parse_generic_release(html, GNW_URL, GLOBENEWSWIRE)


def test_article_metadata_without_any_text_is_a_changed_layout_not_an_empty_release() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": "A headline"})
    with pytest.raises(LayoutChanged):
        parse_generic_release(page(head, body="<div></div>"), GNW_URL, GLOBENEWSWIRE)


def test_dateline_without_metadata_is_enough_and_the_title_is_the_first_heading() -> None:
    html = page(body="<h1>Acme Bio Announces a Thing</h1>" + BODY)
    release = parse_generic_release(html, GNW_URL, GLOBENEWSWIRE)
    assert release.title == "Acme Bio Announces a Thing"
    assert release.body.startswith("TORONTO, Oct. 05, 2026 (GLOBE NEWSWIRE) -- Acme Bio")
    assert release.company == "Acme Bio Inc."
    assert release.tickers == ["TSX:ACME"]


def test_url_without_a_release_id_is_a_changed_layout() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": "A headline"})
    with pytest.raises(LayoutChanged):
        parse_generic_release(page(head), "https://www.globenewswire.com/en/", GLOBENEWSWIRE)


def test_json_ld_inside_a_graph_with_escaped_headline_is_read() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": "page"},
                {
                    "@type": ["NewsArticle"],
                    "headline": "Acme &amp; Partners Announce",
                    "alternativeHeadline": "A subtitle",
                    "datePublished": "2026-10-05T08:00:00",
                    "author": [{"@type": "Organization", "name": "Acme Bio Inc."}],
                    "keywords": "Biotech, Oncology",
                },
            ],
        }
    )
    release = parse_generic_release(page(head), GNW_URL, GLOBENEWSWIRE)
    assert release.title == "Acme & Partners Announce"
    assert release.subtitles == ["A subtitle"]
    # No offset in the metadata: the wire's own zone (GlobeNewswire prints Eastern time).
    assert release.published_at == datetime(2026, 10, 5, 12, 0, tzinfo=UTC)
    assert release.tags == ["Biotech", "Oncology"]


def test_the_wire_itself_is_never_the_company() -> None:
    head = (
        json_ld(
            {
                "@type": "NewsArticle",
                "headline": "H",
                "author": {"@type": "Organization", "name": "GlobeNewswire Inc."},
            }
        )
        + '<meta name="author" content="GlobeNewswire">'
    )
    release = parse_generic_release(page(head), GNW_URL, GLOBENEWSWIRE, company_hint="Acme")
    assert release.company == "Acme"


def test_opengraph_article_is_metadata_enough() -> None:
    head = (
        '<meta property="og:type" content="article"><meta property="og:title" content="OG title">'
        '<meta property="article:published_time" content="2026-10-05T12:00:00Z">'
    )
    body = "<p>Acme Bio today announced a thing that has no dateline at all.</p>"
    release = parse_generic_release(page(head, body), GNW_URL, GLOBENEWSWIRE)
    assert (release.title, release.dateline_city) == ("OG title", None)
    assert release.published_at == datetime(2026, 10, 5, 12, 0, tzinfo=UTC)
    assert release.body == "Acme Bio today announced a thing that has no dateline at all."


def test_unreadable_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    html = page(head, "<h1>Acme Bio Announces a Thing</h1>" + BODY)
    assert parse_generic_release(html, GNW_URL, GLOBENEWSWIRE).title == "Acme Bio Announces a Thing"


def test_business_wire_contacts_heading_ends_the_release() -> None:
    body = (
        "<h1>Acme Announces</h1><p>BOSTON--(BUSINESS WIRE)--Acme Bio Inc. (NASDAQ: ACME) today "
        "announced a thing.</p><p>More about it.</p><h2>Contacts</h2><p>Jo, jo@acme.example</p>"
    )
    release = parse_generic_release(
        page(body=body), "https://www.businesswire.com/news/home/20261005500001/en/", BUSINESSWIRE
    )
    assert release.body.endswith("More about it.")


def test_access_denied_page_is_blocked() -> None:
    html = (
        "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1></body></html>"
    )
    with pytest.raises(BlockedPage):
        parse_generic_release(html, GNW_URL, GLOBENEWSWIRE)


def test_page_cut_short_is_truncated() -> None:
    with pytest.raises(TruncatedPage):
        parse_generic_release(page()[:-40].encode(), GNW_URL, GLOBENEWSWIRE)


def test_empty_payload_is_truncated() -> None:
    with pytest.raises(TruncatedPage):
        parse_generic_release(b"  ", GNW_URL, GLOBENEWSWIRE)


def test_utf8_bytes_without_a_declared_charset_are_read_as_utf8() -> None:
    html = page(body="<h1>Société Acme annonce</h1>" + BODY)
    release = parse_generic_release(html.encode("utf-8"), GNW_URL, GLOBENEWSWIRE)
    assert release.title == "Société Acme annonce"


def test_str_page_with_an_xml_declaration_is_read() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>' + page(body="<h1>Acme Announces</h1>" + BODY)
    assert parse_generic_release(html, GNW_URL, GLOBENEWSWIRE).title == "Acme Announces"


def test_the_dateline_paragraph_is_never_taken_for_the_title() -> None:
    with pytest.raises(LayoutChanged):
        parse_generic_release(page(), GNW_URL, GLOBENEWSWIRE)
