"""Parse a whole page into a plain `lxml.etree` HTML tree, for the source-neutral parsers.

Not `document.parse_html` (PR Newswire parses with that, its chrome cut first,
`crawler.sources.prnewswire.chrome`), though the tree is the same kind: no `lxml.html`
element classes, whose Python class lookup runs for every element the parsers touch
(a quarter of the generic parser's own walk), and no comments or processing instructions.
trafilatura, which wants `lxml.html` elements, gets its own copy (`main_text.py`).
Bytes are decoded with the charset the page declares in its first 4 KB, else UTF-8 (what
every wire serves): libxml2's own guess for a page without one is Latin-1.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.parsing.document import Element
from crawler.parsing.errors import TruncatedPage

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_page(html: str | bytes) -> Element:
    """The page's root element; TruncatedPage for an empty payload or one without markup."""
    if not html or html.isspace():  # not `strip()`: that copies the whole page
        raise TruncatedPage("empty document")
    if isinstance(html, bytes):
        declared = _CHARSET.search(html[:4096])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        try:
            parser = _parser(encoding)
        except LookupError:  # a charset libxml2 does not know
            parser = _parser("utf-8")
    else:
        # lxml refuses str input carrying an encoding declaration.
        html = _XML_DECLARATION.sub("", html, count=1)
        parser = _parser(None)
    try:
        root = etree.fromstring(html, parser)
    except etree.ParserError as exc:
        raise TruncatedPage(f"document has no markup: {exc}") from exc
    if root is None:  # no markup at all
        raise TruncatedPage("document has no markup")
    return root


def _parser(encoding: str | None) -> etree.HTMLParser:
    # A new parser per page (~1 µs): lxml parsers must not be shared between threads.
    return etree.HTMLParser(
        encoding=encoding, remove_comments=True, remove_pis=True, collect_ids=False
    )
