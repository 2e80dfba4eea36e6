"""`parse_feed`: a GlobeNewswire RSS feed (`/RssFeed/…`) to a Listing of kind "rss".

Per item (real feed `/RssFeed/orgclass/1/…`, see tests/fixtures/globenewswire/README.md):
`link` (else `guid`) is the canonical release URL; `dc:identifier` the release id (checked
against the URL's); `dc:contributor` the company; `pubDate` "Mon, 05 Oct 2026 18:15 GMT";
`category[domain$="/rss/stock"]` tickers "EXCHANGE:SYMBOL" (exchange labels may hold spaces:
"Other OTC:DSVSF"), `category[domain$="/rss/ISIN"]` ISINs; `dc:subject` subjects;
`dc:language`; `description` CDATA HTML, usually the lead paragraph starting with the
dateline, sometimes the subtitle twice (once in `<pre>`), tags stripped for the teaser.
The `dc` namespace is non-standard (see `crawler/parsing/feed_xml.py`).
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime

from lxml import etree

from crawler.items import Listing
from crawler.parsing.document import squash
from crawler.parsing.feed_xml import child_text, child_texts, rss_items
from crawler.parsing.wire_entry import WireEntry
from crawler.parsing.zoned_dates import ZonedDateError
from crawler.sources.globenewswire.dates import parse_datetime
from crawler.sources.globenewswire.urls import canonical_url, release_id

_BLOCK_TAG = re.compile(r"</?(?:p|div|br|pre|li|ul|ol|h[1-6]|table|tr|td)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.IGNORECASE | re.DOTALL)


def parse_feed(xml: str | bytes, url: str) -> Listing:
    """Parse the feed fetched from `url`."""
    entries: list[WireEntry] = []
    seen: set[str] = set()
    for item in rss_items(xml, "GlobeNewswire feed"):
        link = child_text(item, "link") or child_text(item, "guid")
        absolute = canonical_url(link, url) if link else ""
        rid = release_id(absolute)
        if rid is None or rid in seen:
            continue
        identifier = child_text(item, "identifier")
        if identifier and identifier != rid:
            continue  # an item whose id and URL disagree is not trusted
        seen.add(rid)
        entries.append(
            WireEntry(
                release_id=rid,
                url=absolute,
                title=child_text(item, "title"),
                published_at=_published_at(item),
                teaser=teaser(child_text(item, "description")),
                company=child_text(item, "contributor") or None,
                language=child_text(item, "language") or None,
                tickers=_categories(item, "/rss/stock"),
                isins=_categories(item, "/rss/ISIN"),
                subjects=tuple(child_texts(item, "subject")),
            )
        )
    return Listing(entries=list(entries), kind="rss")


def teaser(description: str) -> str:
    """Plain text of a CDATA HTML description: inline tags vanish without a space
    ("“<strong>Discovery</strong>”"), block tags become one; a `<pre>` that repeats the
    text before it (seen on the SCWorx item) is dropped."""
    pre = _PRE.search(description)
    if pre is not None:
        rest = _text(description[: pre.start()] + description[pre.end() :])
        if _text(pre.group(1)) in rest:
            description = description[: pre.start()] + description[pre.end() :]
    return _text(description)


def _text(fragment: str) -> str:
    return squash(html_lib.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", fragment))))


def _published_at(item: etree._Element) -> datetime | None:
    stamp = child_text(item, "pubDate") or child_text(item, "modified")
    if not stamp:
        return None
    try:
        return parse_datetime(stamp)
    except ZonedDateError:
        return None


def _categories(item: etree._Element, domain_suffix: str) -> tuple[str, ...]:
    return tuple(
        squash(category.text or "")
        for category in item.iterfind("category")
        if (category.get("domain") or "").endswith(domain_suffix) and (category.text or "").strip()
    )
