"""`parse_listing`: newsroom, category and all-news list pages to a Listing.

Cards (real markup, see reference §4a)::

    <div class="row newsCards" lang="en-US">
      <div class="col-sm-12 card">
        <a class="newsreleaseconsolidatelink display-outline w-100"
           href="/news-releases/<slug>-<id>.html">
          <h3 class="no-top-margin remove-outline"><small>Feb 03, 2026, 08:00 ET</small>
             TITLE</h3>
          <p class="remove-outline">teaser…</p>
        </a></div></div>

The date is `h3 > small`: a full date, or "HH:MM ET" for today's cards, dated from the
page's `<input id="date" value="MM/DD/YYYY">`, else `today_et`, else left None. Going down
a list, a time-only card later than the one above it belongs to the previous day.

What a replica must emit (the contract for "normal listing structure"): a `<main>` element
containing at least one of

* `div.row.newsCards` cards (a listing with entries), or
* a card column `div.card-list` (may be empty), or
* a pagination list `ul.pagination`, or
* the list's hidden `<input id="date">`.

A page with that structure and no cards parses to `Listing(entries=[])` ("empty"); a
200 page without it raises LayoutChanged; an Access Denied / challenge page raises
BlockedPage; a page without its closing `</html>` raises TruncatedPage.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from lxml import etree

from crawler.items import Listing, ListingEntry
from crawler.parsing.document import (
    elements,
    has_class,
    raise_if_blocked,
    raise_if_truncated,
    squash,
    strings,
    text_of,
)
from crawler.parsing.errors import LayoutChanged
from crawler.parsing.wire_entry import page_number
from crawler.sources.prnewswire.chrome import parse_trimmed
from crawler.sources.prnewswire.dates import DateParseError, parse_prn_datetime
from crawler.sources.prnewswire.fields import canonical_url, release_id
from crawler.sources.prnewswire.rss import parse_rss

__all__ = ["listing_kind", "parse_listing", "parse_rss"]

_CARDS = etree.XPath(
    f"//div[{has_class('newsCards')}]//a[{has_class('newsreleaseconsolidatelink')}]"
)
_STRUCTURE = etree.XPath(
    f"//main[.//div[{has_class('card-list')}] or .//ul[{has_class('pagination')}]"
    " or .//input[@id='date']]"
)
_PAGE_DATE = etree.XPath("//input[@id='date']/@value")
_SMALL = etree.XPath(".//h3/small")
_H3 = etree.XPath(".//h3")
_TEASER = etree.XPath(f".//p[{has_class('remove-outline')}]")


def listing_kind(url: str) -> str:
    """ "newsroom" (/news/<slug>/), "category" (…-latest-news/…) or "all"."""
    path = urlsplit(url).path
    if path.startswith("/news/"):
        return "newsroom"
    if "-latest-news/" in path:
        return "category"
    return "all"


def _page_date(root: etree._Element, today_et: date | None) -> date | None:
    for value in strings(_PAGE_DATE(root)):
        try:
            return datetime.strptime(value.strip(), "%m/%d/%Y").date()  # noqa: DTZ007
        except ValueError:
            continue
    return today_et


def parse_listing(html: str | bytes, url: str, *, today_et: date | None = None) -> Listing:
    """Parse a listing page fetched from `url` (relative card hrefs are joined to it)."""
    root = parse_trimmed(html)
    raise_if_blocked(root)
    raise_if_truncated(html, "listing page")
    cards = elements(_CARDS(root))
    if not cards and not elements(_STRUCTURE(root)):
        raise LayoutChanged("no listing structure (newsCards, card-list, pagination, input#date)")
    day = _page_date(root, today_et)
    entries: list[ListingEntry] = []
    seen: set[str] = set()
    previous_time: tuple[int, int] | None = None
    for card in cards:
        href = card.get("href") or ""
        absolute = canonical_url(href, url)
        rid = release_id(absolute)
        if rid is None or absolute in seen:  # non-.html links (videos, newsroom) are skipped
            continue
        seen.add(absolute)
        small = next(iter(elements(_SMALL(card))), None)
        stamp = squash(text_of(small)) if small is not None else ""
        heading = next(iter(elements(_H3(card))), None)
        title = ""
        if heading is not None:
            title = squash((heading.text or "") + "".join(_text_without(heading, small)))
        teaser_el = next(iter(elements(_TEASER(card))), None)
        teaser = squash(text_of(teaser_el)) if teaser_el is not None else ""
        published_at = None
        if stamp:
            published_at, previous_time, day = _card_time(stamp, day, previous_time)
        entries.append(
            ListingEntry(
                release_id=rid, url=absolute, title=title, published_at=published_at, teaser=teaser
            )
        )
    return Listing(entries=entries, kind=listing_kind(url), page=page_number(url))


def _text_without(heading: etree._Element, skip: etree._Element | None) -> list[str]:
    parts: list[str] = []
    for child in heading:
        if child is not skip:
            parts.append(text_of(child))
        if child.tail:
            parts.append(child.tail)
    return parts


def _card_time(
    stamp: str, day: date | None, previous: tuple[int, int] | None
) -> tuple[datetime | None, tuple[int, int] | None, date | None]:
    """Date one card; time-only stamps walk back a day when the clock goes up."""
    parts = stamp.split(":")
    time_only = len(stamp) <= 9 and len(parts) == 2
    if not time_only:
        try:
            return parse_prn_datetime(stamp), previous, day
        except DateParseError:
            return None, previous, day
    if day is None:
        return None, previous, day
    try:
        clock = (int(parts[0]), int(parts[1].split()[0]))
    except (ValueError, IndexError):
        return None, previous, day
    if previous is not None and clock > previous:
        day = day - timedelta(days=1)
    try:
        return parse_prn_datetime(stamp, today_et=day), clock, day
    except DateParseError:
        return None, previous, day
