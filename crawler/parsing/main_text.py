"""The main text of a page as text blocks, found by trafilatura (no site selectors).

Source-neutral: used by the generic detail parser for wires whose detail markup nobody could
verify. trafilatura runs in its fast mode (no readability/jusText comparison), favouring recall, on the page's
single `<main>` or `<article>` when there is exactly one (HTML5 semantics, not a site
selector): the navigation and footers around it are most of a real page and most of
trafilatura's time. Its output tree (`head`, `p`, `list/item`, `table/row/cell`, `quote`,
`lb`) becomes one block per paragraph, heading, list item, quote or table (one line per
row, cells joined by " | ", as in `text.py`), `<lb/>` a line break inside a block.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import cast

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import Extractor

from crawler.parsing.document import Element, squash

# One options object for every call: building it costs about a tenth of the extraction.
# Recall mode: on the `<main>` alone, the default mode drops loose `<li>`s of the 2015 PR
# Newswire template; the dateline and end-of-release cuts keep the extra recall harmless.
OPTIONS = Extractor(
    output_format="python", fast=True, recall=True, comments=False, tables=True, formatting=False
)
_CONTAINERS = etree.XPath("//main")
_ARTICLES = etree.XPath("//article")
_BLOCKS = frozenset({"head", "p", "item", "quote", "code"})
_BR = "\ue000"  # marks <lb/> so whitespace collapsing keeps the line break

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # "empty HTML tree" etc. → our errors


def content_root(root: Element) -> Element:
    """The one `<main>` (else the one `<article>`) of the page, else the page itself."""
    for finder in (_CONTAINERS, _ARTICLES):
        found = finder(root)
        if isinstance(found, list) and len(found) == 1 and isinstance(found[0], etree._Element):
            return found[0]
    return root


def main_blocks(root: Element) -> list[str]:
    """The page's main text as blocks ([] when trafilatura finds no main text)."""
    try:
        document = bare_extraction(content_root(root), options=OPTIONS)
    except ValueError:  # trafilatura's "nothing to extract" signal
        return []
    body = getattr(document, "body", None)
    if not isinstance(body, etree._Element):
        return []
    return list(_blocks(body))


def _blocks(container: Element) -> Iterator[str]:
    for child in container:
        tag = child.tag
        if tag in _BLOCKS:
            text = _text(child)
            if text:
                yield text
        elif tag == "table":
            rows = (
                " | ".join(cell for cell in (_text(c) for c in row.iter("cell")) if cell)
                for row in child.iter("row")
            )
            table = "\n".join(row for row in rows if row)
            if table:
                yield table
        elif tag in ("list", "div", "section", "body"):
            yield from _blocks(child)


def _text(element: Element) -> str:
    for lb in element.iter("lb"):
        lb.tail = _BR + (lb.tail or "")
    text = "".join(cast(Iterable[str], element.itertext()))
    lines = (squash(line) for line in text.split(_BR))
    return "\n".join(line for line in lines if line)
