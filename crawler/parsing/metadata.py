"""What a page says about itself: JSON-LD `NewsArticle` and OpenGraph, read straight from the tree.

Source-neutral: the generic detail parser (`generic_release.py`) reads these before it looks
at the text. Values come back unescaped and whitespace-collapsed: PR Newswire writes its
JSON-LD headline HTML-escaped a second time ("HackerRank &amp; Cybermedia"), and the
wires are likely to do the same. Dates stay strings here; the caller reads them in the
wire's zone (`zoned_dates.py`).

* JSON-LD: `json.loads` of each `<script type="application/ld+json">` (head or body), also
  when wrapped in an HTML comment or CDATA section; a block that still does not read (a
  trailing comma, a truncated object) is skipped, the others are kept. The first
  `NewsArticle`-like object wins, also inside `@graph` containers and top-level lists.
* OpenGraph: `<meta property="og:…|article:…" content="…">` in `<head>`, first value of
  each property, `article:tag` values joined.

No extractor library: extruct did the same in ~0.25 ms a page plus ~0.6 s of imports
(rdflib), a fair share of the generic parser's whole budget (bench/generic_parse_bench.py).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from crawler.parsing.document import Element, elements, squash

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"})
# JSON-LD in the head first: the body is scanned (a fifth of the cost of all metadata) only
# when the head holds no article. `/descendant::` rather than `//`: ~2x faster in libxml2.
_HEAD_JSONLD = etree.XPath("/html/head/script[@type='application/ld+json']")
_BODY_JSONLD = etree.XPath("/html/body/descendant::script[@type='application/ld+json']")
# One pass over the head's <meta>s for OpenGraph, dates and author (one XPath each cost
# three times as much, the date one with its four-way predicate most).
_HEAD_META = etree.XPath("/html/head/meta[@content]")
_OG_PREFIXES = ("og:", "article:")
_DATE_NAMES = frozenset({"date", "dc.date", "DC.date.issued"})  # and itemprop=datePublished
# "<!--", "<![CDATA[" (also after "//") around a JSON-LD block, as old templates wrote them.
_LEADING_WRAPPER = re.compile(r"^(?:\s|<!--|<!\[CDATA\[|//\s*(?=<!--|<!\[CDATA\[))+")
_TRAILING_WRAPPER = re.compile(r"(?:\s|-->|\]\]>|//\s*(?=-->|\]\]>))+$")


@dataclass(slots=True)
class PageMetadata:
    """The page's own description of the release (empty strings when absent)."""

    headline: str = ""
    alternative_headlines: list[str] = field(default_factory=list)
    description: str = ""
    url: str = ""
    date_published: str = ""  # JSON-LD datePublished, else article:published_time
    meta_date: str = ""  # <meta name="date"> and kin: weaker, often mislabelled
    author: str = ""  # JSON-LD author name
    meta_author: str = ""  # <meta name="author">
    publisher: str = ""
    keywords: list[str] = field(default_factory=list)
    article_body: str = ""
    is_article: bool = False  # a JSON-LD NewsArticle/Article or og:type article was found

    @property
    def has_headline(self) -> bool:
        return bool(self.headline)


def read_metadata(root: Element) -> PageMetadata:
    """Read JSON-LD and OpenGraph from a parsed page (its root element)."""
    meta = PageMetadata()
    article = next(_articles(_jsonld_items(_HEAD_JSONLD(root))), None)
    if article is None:
        article = next(_articles(_jsonld_items(_BODY_JSONLD(root))), None)
    if article is not None:
        meta.is_article = True
        meta.headline = _text(article.get("headline")) or _text(article.get("name"))
        meta.alternative_headlines = _texts(article.get("alternativeHeadline"))
        meta.description = _text(article.get("description"))
        meta.url = _text(article.get("url")) or _entity_id(article.get("mainEntityOfPage"))
        meta.date_published = _text(article.get("datePublished"))
        meta.author = next(iter(_names(article.get("author"))), "")
        meta.publisher = next(iter(_names(article.get("publisher"))), "")
        meta.keywords = _keywords(article.get("keywords"))
        meta.article_body = str(article.get("articleBody") or "").strip()
    og, meta.meta_date, meta.meta_author = _head_meta(root)
    meta.headline = meta.headline or og.get("og:title", "")
    meta.description = meta.description or og.get("og:description", "")
    meta.url = meta.url or og.get("og:url", "")
    meta.date_published = meta.date_published or og.get("article:published_time", "")
    meta.is_article = meta.is_article or og.get("og:type", "").lower() in {"article", "articles"}
    if not meta.keywords and "article:tag" in og:
        meta.keywords = _keywords(og["article:tag"])
    return meta


def _jsonld_items(scripts: Any) -> list[Any]:
    items: list[Any] = []
    for script in elements(scripts):
        data = _json(script.text or "")
        if isinstance(data, list):
            items.extend(data)
        elif data is not None:
            items.append(data)
    return items


def _json(text: str) -> Any:
    """The JSON value of a script's text, None when it does not read."""
    try:
        # strict=False: raw control characters (newlines, tabs) inside strings are common.
        return json.loads(text, strict=False)
    except ValueError:
        pass
    unwrapped = _TRAILING_WRAPPER.sub("", _LEADING_WRAPPER.sub("", text, count=1), count=1)
    if unwrapped == text:
        return None
    try:
        return json.loads(unwrapped, strict=False)
    except ValueError:
        return None


def _articles(items: list[Any]) -> Iterator[dict[str, Any]]:
    """NewsArticle-like objects, also inside `@graph` containers."""
    for item in items:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            yield from _articles(graph)
        types = item.get("@type")
        names = set(types) if isinstance(types, list) else {types}
        if names & ARTICLE_TYPES:
            yield item


def _head_meta(root: Element) -> tuple[dict[str, str], str, str]:
    """OpenGraph (first value of each `og:*`/`article:*` property, article:tag joined), the
    first `<meta name="date">` or kin, and the first `<meta name="author">`."""
    og: dict[str, str] = {}
    date = author = ""
    for meta in elements(_HEAD_META(root)):
        prop = meta.get("property")
        if prop is not None and prop.startswith(_OG_PREFIXES):
            text = _text(meta.get("content"))
            if prop == "article:tag" and prop in og:
                og[prop] = f"{og[prop]},{text}"
            elif text and prop not in og:
                og[prop] = text
        name = meta.get("name")
        if not date and (name in _DATE_NAMES or meta.get("itemprop") == "datePublished"):
            date = squash(meta.get("content") or "")
        if not author and name == "author":
            author = _text(meta.get("content"))
    return og, date, author


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if not isinstance(value, str):
        return ""
    return squash(html_lib.unescape(value) if "&" in value else value)


def _texts(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in (_text(v) for v in values) if text]


def _entity_id(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("@id")) or _text(value.get("url"))
    return _text(value)


def _names(value: Any) -> list[str]:
    """Names of `author`/`publisher`: a string, an object with `name`, or a list of either."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name:
            names.append(name)
    return names


def _keywords(value: Any) -> list[str]:
    parts = value if isinstance(value, list) else str(value or "").split(",")
    return [text for text in (_text(part) for part in parts) if text]
