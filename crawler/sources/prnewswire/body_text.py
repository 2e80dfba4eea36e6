"""Release body markup to plain text: one block per paragraph, blank line between blocks.

Rules: `p`, headings and list items are blocks; `<br>` is a line break inside a block;
a table is one block with one line per row and cells joined by " | "; scripts, styles,
images (including the rt.gif tracking pixel), forms, the amplify advert
(`a.fullClick`, `.prnNewsLetterWidgetSection`), modals and the hidden 2017 `p#PURL`
("To view the original version…") are dropped.

`prepare` mutates the tree once (br markers, inline junk removed) so each block's text is
then one C-level `itertext` join instead of a Python walk: the whole extraction has to fit
in half the time of the lxml parse (bench/parse_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crawler.parsing.document import Element, text_of

_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption"}
)
_SKIP_TAGS = (
    "script",
    "style",
    "noscript",
    "img",
    "iframe",
    "svg",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "template",
    "link",
    "meta",
    "video",
    "audio",
    "picture",
    "object",
)
_SKIP_TAG_SET = frozenset(_SKIP_TAGS)
_SKIP_CLASSES = frozenset({"fullClick", "prnNewsLetterWidgetSection", "valueText", "modal"})
_SKIP_IDS = frozenset({"PURL", "financial-modal"})
_BR = "\ue000"  # private-use marker for <br>, survives whitespace collapsing
_SPACE = re.compile(r"[^\S\ue000]+")


def prepare(container: Element) -> None:
    """Mark `<br>` and drop skipped inline elements inside a body container (in place)."""
    for br in container.iter("br"):
        br.tail = _BR + (br.tail or "")
    for junk in list(container.iter(*_SKIP_TAGS)):
        parent = junk.getparent()
        if parent is None:
            continue
        if junk.tail:
            previous = junk.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + junk.tail
            else:
                parent.text = (parent.text or "") + junk.tail
        parent.remove(junk)


def _skipped(element: Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIP_TAG_SET:
        return True
    classes = element.get("class")
    if classes and not _SKIP_CLASSES.isdisjoint(classes.split()):
        return True
    return element.get("id") in _SKIP_IDS


def _clean(text: str) -> str:
    lines = (line.strip() for line in _SPACE.sub(" ", text).split(_BR))
    return "\n".join(line for line in lines if line)


def block_text(element: Element) -> str:
    """Text of one block element (after `prepare`), `<br>` kept as newlines."""
    return _clean(text_of(element))


def _table_text(table: Element) -> str:
    rows = []
    for row in table.iter("tr"):
        cells = (block_text(cell).replace("\n", " ") for cell in row if cell.tag in ("td", "th"))
        line = " | ".join(cell for cell in cells if cell)
        if line:
            rows.append(line)
    return "\n".join(rows)


def iter_blocks(container: Element) -> Iterator[str]:
    """Yield the non-empty text blocks of a prepared container in document order."""
    if container.text and container.text.strip():
        yield _clean(container.text)
    for child in container:
        if not _skipped(child):
            tag = child.tag
            if tag in _BLOCK_TAGS:
                text = block_text(child)
                if text:
                    yield text
            elif tag == "table":
                text = _table_text(child)
                if text:
                    yield text
            else:
                yield from iter_blocks(child)
        if child.tail and child.tail.strip():
            text = _clean(child.tail)
            if text:
                yield text
