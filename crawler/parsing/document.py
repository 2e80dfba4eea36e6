"""Parse a page once with lxml and answer the questions every parser asks first.

Is it a block/challenge page, was it cut short in transit, and what is its `<title>`?
All checks here look at a few known places (the `<title>`, the last bytes of the
payload), never at the whole document again, so parsers stay within 1.5x of a bare
`lxml.html.fromstring` (see bench/parse_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from lxml import etree

from crawler.parsing.errors import BlockedPage, TruncatedPage

Element = etree._Element

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# Titles of 200-status block pages: Akamai ("Access Denied"), Cloudflare challenge pages.
_BLOCKED_TITLES = re.compile(
    r"^(access denied|attention required!?( \| cloudflare)?|just a moment\.*"
    r"|please wait\.*|request rejected|403 forbidden|forbidden)$",
    re.IGNORECASE,
)
_TAIL_BYTES = 2048
# Compiled once: compiling an XPath costs about as much as running these two.
_TITLE = etree.XPath("/html/head/title")
_BODY_H1 = etree.XPath("/html/body/h1")


def parse_html(html: str | bytes) -> Element:
    """Parse a whole HTML page into an lxml tree, comments and processing instructions dropped."""
    if isinstance(html, bytes):
        head = _CHARSET.search(html[:4096])
        encoding = head.group(1).decode("ascii") if head else "utf-8"
        parser = etree.HTMLParser(
            encoding=encoding, remove_comments=True, remove_pis=True, collect_ids=False
        )
    else:
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    if not html.strip():
        raise TruncatedPage("empty document")
    root = etree.fromstring(html, parser)
    if root is None:
        raise TruncatedPage("document has no markup")
    return root


def is_complete(html: str | bytes) -> bool:
    """True if the payload still carries its closing `</html>` near the end.

    A page cut in transit loses it; libxml2 would silently repair the rest. The 2017
    template has stray markup after `</html>`, so look at the last 2 KB, not the last tag.
    """
    tail = html[-_TAIL_BYTES:]
    if isinstance(tail, bytes):
        return b"</html" in tail.lower()
    return "</html" in tail.lower()


def page_title(root: Element) -> str:
    """The normalised text of `<head><title>` (empty if missing)."""
    titles = _TITLE(root)
    if isinstance(titles, list) and titles and isinstance(titles[0], etree._Element):
        return squash(text_of(titles[0]))
    return ""


def raise_if_blocked(root: Element) -> None:
    """Raise BlockedPage for "Access Denied" / Cloudflare challenge pages served with 200."""
    title = page_title(root)
    if _BLOCKED_TITLES.match(title):
        raise BlockedPage(f"block page: {title!r}")
    body_text = first_string(root, _BODY_H1)
    if body_text and _BLOCKED_TITLES.match(body_text):
        raise BlockedPage(f"block page: {body_text!r}")


def raise_if_truncated(html: str | bytes, what: str) -> None:
    """Raise TruncatedPage when the payload lost its end."""
    if not is_complete(html):
        raise TruncatedPage(f"{what}: no closing </html>, page cut short")


def squash(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space and strip."""
    # str.split() splits on exactly the characters regex `\s` matches (str.isspace), ~3x faster.
    return " ".join(text.split())


def elements(result: Any) -> list[Element]:
    """The element nodes of an XPath result."""
    if not isinstance(result, list):
        return []
    return [node for node in result if isinstance(node, etree._Element)]


def strings(result: Any) -> list[str]:
    """The string results (attribute values, text nodes) of an XPath result, as plain str."""
    if isinstance(result, str):
        return [str(result)]
    if not isinstance(result, list):
        return []
    return [str(node) for node in result if isinstance(node, str)]


def first_string(node: Element, xpath: str | etree.XPath) -> str:
    """The first string an XPath returns on `node`, whitespace-collapsed, or ''."""
    result = xpath(node) if isinstance(xpath, etree.XPath) else node.xpath(xpath)
    for value in strings(result):
        if value.strip():
            return squash(value)
    for element in elements(result):
        text = squash(text_of(element))
        if text:
            return text
    return ""


def text_of(element: Element) -> str:
    """All text inside an element (no tail), in document order."""
    # lxml-stubs type itertext() as str | bytes; on a parsed tree it only yields str.
    return "".join(cast(Iterable[str], element.itertext()))


def has_class(name: str) -> str:
    """An XPath predicate body for "has CSS class `name`" (class lists can have stray spaces)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
