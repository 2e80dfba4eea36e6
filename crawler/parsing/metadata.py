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
# `/descendant::` rather than `//`: libxml2 walks it without a node set per step, ~2x faster.
_JSONLD = etree.XPath("/descendant::script[@type='application/ld+json']")
_OPENGRAPH = etree.XPath("/html/head/meta[@property and @content]")
_OG_PREFIXES = ("og:", "article:")
# "<!--", "<![CDATA[" (also after "//") around a JSON-LD block, as old templates wrote them.
_LEADING_WRAPPER = re.compile(r"^(?:\s|<!--|<!\[CDATA\[|//\s*(?=<!--|<!\[CDATA\[))+")
_TRAILING_WRAPPER = re.compile(r"(?:\s|-->|\]\]>|//\s*(?=-->|\]\]>))+$")
_META_DATES = etree.XPath(
    "/html/head/meta[@name='date' or @name='dc.date' or @name='DC.date.issued'"
    " or @itemprop='datePublished']/@content"
)
_META_AUTHOR = etree.XPath("/html/head/meta[@name='author']/@content")


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
    article = next(_articles(_jsonld_items(root)), None)
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
    og = _opengraph(root)
    meta.headline = meta.headline or og.get("og:title", "")
    meta.description = meta.description or og.get("og:description", "")
    meta.url = meta.url or og.get("og:url", "")
    meta.date_published = meta.date_published or og.get("article:published_time", "")
    meta.is_article = meta.is_article or og.get("og:type", "").lower() in {"article", "articles"}
    if not meta.keywords and "article:tag" in og:
        meta.keywords = _keywords(og["article:tag"])
    meta.meta_date = next((squash(d) for d in _strings(_META_DATES(root)) if d.strip()), "")
    meta.meta_author = next((_text(a) for a in _strings(_META_AUTHOR(root)) if a.strip()), "")
    return meta


def _jsonld_items(root: Element) -> list[Any]:
    items: list[Any] = []
    for script in elements(_JSONLD(root)):
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


def _opengraph(root: Element) -> dict[str, str]:
    """First value of each OpenGraph property (`og:*`, `article:*`); article:tag joined."""
    found: dict[str, str] = {}
    for meta in elements(_OPENGRAPH(root)):
        name = meta.get("property") or ""
        if not name.startswith(_OG_PREFIXES):
            continue
        text = _text(meta.get("content"))
        if name == "article:tag" and name in found:
            found[name] = f"{found[name]},{text}"
        elif text and name not in found:
            found[name] = text
    return found


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


def _strings(result: Any) -> list[str]:
    return [str(node) for node in result] if isinstance(result, list) else []
