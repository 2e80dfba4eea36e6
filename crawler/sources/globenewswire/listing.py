"""`parse_listing`: a GlobeNewswire listing page (organisation, subject, industry, home) to a
Listing.

Two readings, the verified one first:

* The 2018 ASP.NET template (real capture, tests/fixtures/globenewswire/): cards
  `div.results-link` (the `#main-content-L1` around them repeats its id), company
  `p.company-title`, headline link `h1.post-title16px > a`, subtitle the `<p>` after the
  `h1` (empty when none), time `span.dt-green` only relative ("12 minutes ago"), paging
  `ul.ui-html-pager`.
* Current layouts (no real capture exists): every link to a release URL
  (`/news-release/YYYY/MM/DD/<id>/…`) is an entry, titled by the longest text among the links
  to that release; company and teaser are left empty rather than guessed.

Cards carry no absolute time, so `published_at` is None: the detail page or feed supplies it,
and `urls.release_date` gives the day a backfill pages on. A page with the 2018 pager or
result count and no cards is an empty listing; a page with no release link and neither of
those raises LayoutChanged (without a real current capture, an empty organisation page
cannot be told from a changed layout).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import etree

from crawler.items import Listing
from crawler.parsing.document import (
    Element,
    elements,
    first_string,
    has_class,
    raise_if_blocked,
    raise_if_truncated,
    squash,
    text_of,
)
from crawler.parsing.errors import LayoutChanged
from crawler.parsing.html_page import parse_page
from crawler.parsing.wire_entry import WireEntry, page_number, release_links
from crawler.sources.globenewswire.urls import canonical_url, release_id

_CARDS_2018 = etree.XPath(f"//div[{has_class('results-link')}]")
_CARD_LINK = etree.XPath(".//h1/a[@href] | .//h2/a[@href] | .//h3/a[@href]")
_CARD_COMPANY = etree.XPath(f".//p[{has_class('company-title')}]")
_CARD_SUBTITLE = etree.XPath("(.//h1 | .//h2 | .//h3)[1]/following-sibling::p[1][not(@class)]")
_STRUCTURE_2018 = etree.XPath(
    f"//ul[{has_class('ui-html-pager')}] | //p[{has_class('search-metadata')}]"
)
_LINKS = etree.XPath("//a[@href]")


def listing_kind(url: str) -> str:
    """ "organization", "subject", "industry" (the `/search/<facet>/…` pages) or "all"."""
    path = urlsplit(url).path.lower()
    for facet in ("organization", "subject", "industry"):
        if f"/search/{facet}/" in path or f"/{facet}/" in path:
            return facet
    return "all"


def parse_listing(html: str | bytes, url: str) -> Listing:
    """Parse a listing page fetched from `url` (relative hrefs are joined to it)."""
    root = parse_page(html)
    raise_if_blocked(root)
    raise_if_truncated(html, "listing page")
    cards = elements(_CARDS_2018(root))
    entries = _cards_2018(cards, url) if cards else _release_links(root, url)
    if not entries and not elements(_STRUCTURE_2018(root)):
        raise LayoutChanged("GlobeNewswire listing: no release link, no pager, no result count")
    return Listing(entries=list(entries), kind=listing_kind(url), page=page_number(url))


def _cards_2018(cards: list[Element], url: str) -> list[WireEntry]:
    entries: list[WireEntry] = []
    seen: set[str] = set()
    for card in cards:
        link = next(iter(elements(_CARD_LINK(card))), None)
        if link is None:
            continue
        absolute = canonical_url(link.get("href") or "", url)
        rid = release_id(absolute)
        if rid is None or rid in seen:
            continue
        seen.add(rid)
        entries.append(
            WireEntry(
                release_id=rid,
                url=absolute,
                title=squash(text_of(link)),
                published_at=None,
                company=first_string(card, _CARD_COMPANY) or None,
                subtitle=first_string(card, _CARD_SUBTITLE),
                language=_language(absolute),
            )
        )
    return entries


def _release_links(root: Element, url: str) -> list[WireEntry]:
    return release_links(
        elements(_LINKS(root)), lambda href: canonical_url(href, url), release_id, _language
    )


def _language(release_url: str) -> str | None:
    """ "en" from `/news-release/2018/03/19/1442291/0/en/…`."""
    parts = urlsplit(release_url).path.split("/")
    try:
        index = parts.index("news-release")
    except ValueError:
        return None
    lang = parts[index + 6] if len(parts) > index + 6 else ""
    return lang if len(lang) == 2 and lang.isalpha() else None
