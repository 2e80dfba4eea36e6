"""Parse a whole page into an `lxml.html` tree, for the source-neutral parsers.

extruct's OpenGraph reader and trafilatura want `lxml.html` elements (`.head`, HTML class
lookup), so this is not `document.parse_html` (plain `etree`; PR Newswire parses it with its chrome cut, `crawler.sources.prnewswire.chrome`).
Bytes are decoded with the charset the page declares in its first 4 KB, else UTF-8 (what
every wire serves): libxml2's own guess for a page without one is Latin-1.
"""

from __future__ import annotations

import re

import lxml.html

from crawler.parsing.errors import TruncatedPage

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_page(html: str | bytes) -> lxml.html.HtmlElement:
    """The page's root element; TruncatedPage for an empty payload or one without markup."""
    if not html or html.isspace():  # not `strip()`: that copies the whole page
        raise TruncatedPage("empty document")
    if isinstance(html, bytes):
        declared = _CHARSET.search(html[:4096])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        try:
            parser = lxml.html.HTMLParser(encoding=encoding)
        except LookupError:  # a charset libxml2 does not know
            parser = lxml.html.HTMLParser(encoding="utf-8")
    else:
        # lxml refuses str input carrying an encoding declaration.
        html = _XML_DECLARATION.sub("", html, count=1)
        parser = lxml.html.HTMLParser()
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except lxml.etree.ParserError as exc:  # "Document is empty": no markup at all
        raise TruncatedPage(f"document has no markup: {exc}") from exc
