"""A page element's visible text as blocks, in one walk of its subtree (no extractor, no XPath).

Source-neutral: the generic detail parser's fast path (`main_text.py`) runs it on the
element the page itself declares to be its content. The block shapes are the ones the
trafilatura path yields, so the two are interchangeable downstream:

* one block per paragraph, heading, list item, blockquote, pre or other block element,
  and one per run of loose text directly inside a `<div>` ("<div>text<p>…</p>more</div>"
  is three blocks);
* a table is one block, one line per row, its cells joined by " | " (a cell's own
  paragraphs and line breaks become spaces; empty cells and rows are left out);
* `<br>` is a line break inside a block (and so is a newline inside `<pre>`);
* whitespace (no-break spaces too) is squashed to single spaces, empty lines dropped.

Never text: scripts, styles and other non-content elements (`_SKIPPED`), and anything hidden
with the `hidden` attribute, `aria-hidden="true"` or an inline `display:none`. Comments and
processing instructions are skipped but the text after them (their tail) is kept. What a
stylesheet hides cannot be seen from here: each wire's `noise` pattern drops those lines.
"""

from __future__ import annotations

import re

from crawler.parsing.document import Element, squash

_SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "aside", "form", "button", "svg",
        "iframe", "select", "textarea", "head", "object", "embed", "video", "audio", "canvas",
        "map", "math", "title",
    }
)  # fmt: skip
# Elements that start and end a block; every other element is inline text (a, span, b, …).
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "body", "html",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "figure", "figcaption", "address", "hr", "center", "details",
        "summary", "fieldset", "legend", "caption", "tr", "td", "th", "thead", "tbody",
        "tfoot", "hgroup", "menu", "dir",
    }
)  # fmt: skip
_EDGES = _BLOCKS | {"table", "pre", "br"}  # elements the walk does more for than collect text
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_BR = "\ue000"  # marks a line break so whitespace squashing keeps it
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def text_blocks(container: Element) -> list[str]:
    """The visible text of `container` (itself included) as blocks, in document order."""
    blocks: list[str] = []
    parts: list[str] = []
    if container.tag not in _SKIPPED and not _hidden(container):
        text = container.text
        if text:
            parts.append(text)
        _walk(container, parts, blocks)
        if parts:
            _flush(parts, blocks)
    return blocks


def _hidden(element: Element) -> bool:
    # One call for the attribute names, then plain list lookups: cheaper than three `get`s on
    # the many elements that only carry a class.
    names = element.keys()
    if not names:
        return False
    if "hidden" in names:
        return True
    if "aria-hidden" in names and element.get("aria-hidden") == "true":
        return True
    return "style" in names and _DISPLAY_NONE.search(element.get("style") or "") is not None


def _walk(element: Element, parts: list[str], blocks: list[str]) -> None:
    """Append the text inside `element` to `parts`, flushing a block at each block edge.

    The hot loop of the fast path (every element of the content root passes here once):
    each `.text`/`.tail` read is a conversion in lxml, so each is read once.
    """
    for child in element:
        tag = child.tag
        # Comments and processing instructions have a function for a tag: only their tail counts.
        if type(tag) is str and tag not in _SKIPPED and not _hidden(child):
            if tag not in _EDGES:  # inline: a, span, b, …
                text = child.text
                if text:
                    parts.append(text)
                if len(child):
                    _walk(child, parts, blocks)
            elif tag == "br":
                parts.append(_BR)
            else:
                if parts:
                    _flush(parts, blocks)
                if tag == "table":
                    _table(child, blocks)
                elif tag == "pre":
                    inner = [child.text] if child.text else []
                    _walk(child, inner, blocks)
                    parts.extend(part.replace("\n", _BR) for part in inner)
                else:
                    text = child.text
                    if text:
                        parts.append(text)
                    if len(child):
                        _walk(child, parts, blocks)
                if parts:
                    _flush(parts, blocks)
        tail = child.tail
        if tail:
            parts.append(tail)


def _table(table: Element, blocks: list[str]) -> None:
    rows = []
    for row in _rows(table):
        cells = []
        for cell in row:
            if cell.tag in _CELLS:
                text = squash(" ".join(text_blocks(cell)))  # one line per row
                if text:
                    cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    if rows:
        blocks.append("\n".join(rows))


def _rows(table: Element) -> list[Element]:
    """The table's own visible rows (not those of a table nested in a cell)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _ROW_GROUPS and not _hidden(child):
            rows.extend(row for row in child if row.tag == "tr")
    return [row for row in rows if not _hidden(row)]


def _flush(parts: list[str], blocks: list[str]) -> None:
    text = "".join(parts)
    parts.clear()
    if text.isspace():  # most flushes: the indentation between two block elements
        return
    if _BR in text:
        lines = (squash(line) for line in text.split(_BR))
        text = "\n".join(line for line in lines if line)
    else:
        text = squash(text)
    if text:
        blocks.append(text)
