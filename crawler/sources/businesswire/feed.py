"""`parse_feed`: a Business Wire RSS feed (`feed.businesswire.com/mrss/home/?rss=…`) to a
Listing of kind "rss".

Per item (real feed, see tests/fixtures/businesswire/README.md): `link`
`http://www.businesswire.com/news/home/<id>/<lang>/<Slug>/?feedref=<token>` (canonical: https,
no query); `guid` `<id><lang>` (checked against the link); `pubDate` "Mon, 5 Oct 2026
16:01:00 UT"; `title` double-escaped (`R&amp;amp;D`: after XML decoding `&amp;`, `&apos;`,
`&quot;` remain, so it is HTML-unescaped once more); `description` a plain-text lead cut
mid-word at about 500 characters, also double-escaped for `&`, starting with the dateline.
The feed names no company: it is read from the lead ("Galderma (SIX: GALD), …",
`wire_conventions.lead_company`), None when the lead does not open with it. Tickers come from
"(NYSE: MX, …)" in the lead, plus dateline cashtags ("$MX") without an exchange.
"""

from __future__ import annotations

import html as html_lib
from datetime import datetime

from lxml import etree

from crawler.items import Listing
from crawler.parsing.document import squash
from crawler.parsing.feed_xml import child_text, rss_items
from crawler.parsing.tickers import tickers
from crawler.parsing.wire_conventions import lead_company
from crawler.parsing.wire_entry import WireEntry
from crawler.parsing.zoned_dates import ZonedDateError
from crawler.sources.businesswire.dates import parse_datetime
from crawler.sources.businesswire.text import CONVENTIONS, cashtags
from crawler.sources.businesswire.urls import canonical_url, release_id, split_guid


def parse_feed(xml: str | bytes, url: str) -> Listing:
    """Parse the feed fetched from `url`."""
    entries: list[WireEntry] = []
    seen: set[str] = set()
    for item in rss_items(xml, "Business Wire feed"):
        link = child_text(item, "link")
        absolute = canonical_url(link, url) if link else ""
        rid = release_id(absolute)
        guid = split_guid(child_text(item, "guid"))
        if rid is None or rid in seen or (guid is not None and guid[0] != rid):
            continue
        seen.add(rid)
        teaser = _unescape(child_text(item, "description"))
        symbols = tickers(teaser, [])
        qualified = {symbol.split(":", 1)[1] for symbol in symbols}
        symbols += [tag for tag in cashtags(teaser) if tag not in qualified]
        entries.append(
            WireEntry(
                release_id=rid,
                url=absolute,
                title=_unescape(child_text(item, "title")),
                published_at=_published_at(item),
                teaser=teaser,
                company=lead_company(CONVENTIONS, teaser),
                language=guid[1] if guid is not None else None,
                tickers=tuple(symbols),
            )
        )
    return Listing(entries=list(entries), kind="rss")


def _unescape(text: str) -> str:
    """Undo the second escaping ("R&amp;D" → "R&D", "d&apos;euros" → "d'euros")."""
    return squash(html_lib.unescape(text))


def _published_at(item: etree._Element) -> datetime | None:
    stamp = child_text(item, "pubDate")
    if not stamp:
        return None
    try:
        return parse_datetime(stamp)
    except ZonedDateError:
        return None
