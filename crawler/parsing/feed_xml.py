"""Read an RSS 2.0 document safely and pick item fields, for the wires' feed parsers.

Entity expansion and network access are off. Malformed XML or a non-RSS document raises
LayoutChanged; an HTML block page served in place of the feed raises BlockedPage.
Namespaced children are matched on their local name: GlobeNewswire declares `dc` as
`http://dublincore.org/documents/dcmi-namespace/`, not the usual
`http://purl.org/dc/elements/1.1/`, and a parser keyed on the usual URI finds no `dc:` field.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.parsing.document import parse_html, raise_if_blocked, squash, text_of
from crawler.parsing.errors import LayoutChanged

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def rss_items(xml: str | bytes, what: str) -> list[etree._Element]:
    """The `<item>` elements of an RSS 2.0 feed (`what` names the feed in errors)."""
    # lxml refuses str input carrying an encoding declaration, so drop it and use UTF-8.
    data = _XML_DECLARATION.sub("", xml, count=1).encode("utf-8") if isinstance(xml, str) else xml
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        _raise_if_block_page(data)
        raise LayoutChanged(f"{what}: malformed RSS XML: {exc}") from exc
    if root is None or root.tag != "rss" or root.find("channel") is None:
        _raise_if_block_page(data)
        raise LayoutChanged(f"{what}: not an RSS 2.0 feed (root {getattr(root, 'tag', None)!r})")
    return list(root.iterfind("channel/item"))


def child_texts(item: etree._Element, local_name: str) -> list[str]:
    """Whitespace-collapsed texts of the children with this local name, any namespace."""
    return [
        text
        for child in item
        if isinstance(child.tag, str) and etree.QName(child).localname == local_name
        if (text := squash(text_of(child)))
    ]


def child_text(item: etree._Element, local_name: str) -> str:
    texts = child_texts(item, local_name)
    return texts[0] if texts else ""


def _raise_if_block_page(data: bytes) -> None:
    if data.strip():
        raise_if_blocked(parse_html(data))
