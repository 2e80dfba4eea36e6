"""`parse_rss`: a PR Newswire RSS 2.0 feed (/rss/…-list.rss) to a Listing of kind "rss".

Items: `link` (else `guid`), `title`, `pubDate` (RFC 822, UTC), `dc:contributor` (the
issuing company, same as the SOURCE line) and `description` (CDATA HTML, tags stripped)
as the teaser. Malformed XML or a non-RSS document → LayoutChanged; an HTML block page
served instead of the feed → BlockedPage. Entity expansion and network access are off.
"""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree

from crawler.items import Listing, ListingEntry
from crawler.parsing.document import parse_html, raise_if_blocked, squash, text_of
from crawler.parsing.errors import LayoutChanged
from crawler.sources.prnewswire.dates import DateParseError, parse_prn_datetime
from crawler.sources.prnewswire.fields import canonical_url, release_id

DC = "http://purl.org/dc/elements/1.1/"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[^>]+>")


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse_rss(xml: str | bytes, url: str) -> Listing:
    """Parse the feed fetched from `url`."""
    # lxml refuses str input carrying an encoding declaration, so drop it and use UTF-8.
    data = _XML_DECLARATION.sub("", xml, count=1).encode("utf-8") if isinstance(xml, str) else xml
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        _raise_if_html_block_page(data)
        raise LayoutChanged(f"malformed RSS XML: {exc}") from exc
    if root is None or root.tag != "rss" or root.find("channel") is None:
        _raise_if_html_block_page(data)
        raise LayoutChanged(f"not an RSS 2.0 feed (root {getattr(root, 'tag', None)!r})")
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    for item in root.iterfind("channel/item"):
        link = _child_text(item, "link") or _child_text(item, "guid")
        absolute = canonical_url(link, url) if link else ""
        rid = release_id(absolute)
        if rid is None or absolute in seen:
            continue
        seen.add(absolute)
        published_at = None
        pub_date = _child_text(item, "pubDate")
        if pub_date:
            try:
                published_at = parse_prn_datetime(pub_date)
            except DateParseError:
                published_at = None
        description = _child_text(item, "description")
        entries.append(
            ListingEntry(
                release_id=rid,
                url=absolute,
                title=_child_text(item, "title"),
                published_at=published_at,
                teaser=squash(html_lib.unescape(_TAG.sub(" ", description))),
                company=_child_text(item, f"{{{DC}}}contributor") or None,
            )
        )
    return Listing(entries=entries, kind="rss")


def _raise_if_html_block_page(data: bytes) -> None:
    """An Access Denied / challenge HTML page served in place of the feed → BlockedPage."""
    if data.strip():
        raise_if_blocked(parse_html(data))


def _child_text(item: etree._Element, tag: str) -> str:
    child = item.find(tag)
    if child is None:
        return ""
    return squash(text_of(child))
