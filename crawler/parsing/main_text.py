"""The main text of a page as text blocks: from the page's own semantics, else trafilatura.

Source-neutral: used by the generic detail parser for wires whose detail markup nobody could
verify. Two paths yield the same block shapes (one block per paragraph, heading, list item,
quote or pre; a table as one block, one line per row, cells joined by " | "; a line break
inside a block for `<br>`):

* fast (`FAST`): the element the page declares to be its content, walked once
  (`text_blocks.py`). In this order: the single element with schema.org microdata
  `itemprop="articleBody"` (the page's own declaration of its body), else the single
  `<article>`, else the single `<main>` (HTML5 semantics, not site selectors). A walk costs
  a fraction of an lxml parse; trafilatura alone costs twice one.
* trafilatura (`TRAFILATURA`), kept for pages the fast path cannot read: no such single
  container, or a container whose text holds no dateline of the wire on a page whose
  metadata says nothing of an article (`read_main_text`). It runs on the whole page in its
  fast mode (no readability/jusText comparison), favouring recall; its output tree (`head`,
  `p`, `list/item`, `table/row/cell`, `quote`, `lb`) becomes the blocks above. It costs
  5-10x an lxml parse of the page (bench/generic_parse_bench.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import lxml.html
from lxml import etree

from crawler.parsing.document import Element, squash
from crawler.parsing.text_blocks import text_blocks
from crawler.parsing.wire_conventions import WireConventions, dateline_index, without_noise

FAST = "fast"
TRAFILATURA = "trafilatura"
# `@itemprop` may list several properties ("articleBody text"). Selecting the attributes
# and then their parents costs a tenth of `//*[@itemprop='articleBody']`, which libxml2
# evaluates as a predicate on every element (a fifth of an lxml parse on its own).
_ARTICLE_BODIES = etree.XPath(
    "/descendant::*/@itemprop[contains(concat(' ', normalize-space(.), ' '), ' articleBody ')]"
)
_NOT_CONTAINERS = frozenset({"meta", "link"})  # microdata carriers without text
_BLOCKS = frozenset({"head", "p", "item", "quote", "code"})
_BR = "\ue000"  # marks <lb/> so whitespace collapsing keeps the line break

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # "empty HTML tree" etc. → our errors


def content_root(root: Element) -> Element | None:
    """The page's single `itemprop="articleBody"` element, else its single `<article>`,
    else its single `<main>`; None when it has none of them alone."""
    values = _ARTICLE_BODIES(root)
    bodies = [
        parent
        for value in (values if isinstance(values, list) else [])
        if isinstance(value, etree._ElementUnicodeResult)
        and (parent := value.getparent()) is not None
        and parent.tag not in _NOT_CONTAINERS
    ]
    if len(bodies) == 1:
        return bodies[0]
    articles: list[Element] = []
    mains: list[Element] = []
    for element in root.iter("article", "main"):  # one pass for both, in C
        (articles if element.tag == "article" else mains).append(element)
    if len(articles) == 1:
        return articles[0]
    return mains[0] if len(mains) == 1 else None


@dataclass(frozen=True, slots=True)
class MainText:
    blocks: list[str]  # the wire's noise blocks already left out
    start: int | None  # index of the block opening with the wire's dateline
    path: str  # FAST or TRAFILATURA
    container: Element | None  # the content root, also when trafilatura read the page


def read_main_text(root: Element, wire: WireConventions, is_article: bool) -> MainText:
    """The page's main text by the fast path, else by trafilatura on the whole page.

    The fast path is trusted when its container's text holds a dateline of the wire or the
    page's metadata says it is an article (then an empty container is an empty release,
    which the caller turns into LayoutChanged: trafilatura would read what the page hides).
    Otherwise the container may be the wrong one (a teaser `<article>`, a `<main>` holding
    a landing page) and trafilatura, which weighs the whole page, reads it instead.
    """
    container = content_root(root)
    if container is not None:
        blocks = without_noise(wire, text_blocks(container))
        start = dateline_index(wire, blocks)
        if start is not None or is_article:
            return MainText(blocks, start, FAST, container)
    blocks = without_noise(wire, trafilatura_blocks(root))
    return MainText(blocks, dateline_index(wire, blocks), TRAFILATURA, container)


@functools.cache
def trafilatura_options() -> Any:
    """One options object for every call: building it costs about a tenth of the extraction.
    Recall mode: the default mode drops loose `<li>`s of the 2015 PR Newswire template; the
    dateline and end-of-release cuts keep the extra recall harmless."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python", fast=True, recall=True, comments=False, tables=True,
        formatting=False,
    )  # fmt: skip


def trafilatura_blocks(root: Element) -> list[str]:
    """The page's main text as trafilatura finds it ([] when it finds none).

    trafilatura takes `lxml.html` trees only, so a plain `etree` page (`html_page.py`) is
    serialised and parsed again for it: on the fallback path only.
    """
    if not isinstance(root, lxml.html.HtmlElement):
        root = lxml.html.document_fromstring(
            etree.tostring(root, encoding="unicode", method="html")
        )
    from trafilatura import bare_extraction  # the fallback only: ~0.2 s of imports

    try:
        document = bare_extraction(root, options=trafilatura_options())
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
                " | ".join(cell for cell in (squash(_text(c)) for c in row.iter("cell")) if cell)
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
