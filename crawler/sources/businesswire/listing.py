"""`parse_listing`: a Business Wire listing page (company newsroom, industry or subject list)
to a Listing.

No real Business Wire listing page could be found (see tests/fixtures/businesswire/README.md),
so nothing here depends on its markup: every link to a release URL
(`/news/home/<14-digit id>/…`, absolute, relative, or wrapped by the `/ct/` click tracker)
is an entry, titled by the longest text among the links to that release (image links have
none); company, teaser and time are left empty rather than guessed (the id's first 8 digits
give the day: `urls.release_date`). A page with no release link raises LayoutChanged:
without a real capture, an empty newsroom cannot be told from a changed layout. The old
portal listings (`/portal/site/home/news/industry/`, `…/subject/`, `…/company/`) are
disallowed by robots.txt (see `robots.py`); prefer the `/mrss/` feeds for industries.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree

from crawler.items import Listing
from crawler.parsing.document import (
    elements,
    raise_if_blocked,
    raise_if_truncated,
)
from crawler.parsing.errors import LayoutChanged
from crawler.parsing.html_page import parse_page
from crawler.parsing.wire_entry import page_number, release_links
from crawler.sources.businesswire.urls import (
    canonical_url,
    release_id,
    release_language,
    unwrap_smartlink,
)

_LINKS = etree.XPath("//a[@href]")


def parse_listing(html: str | bytes, url: str) -> Listing:
    """Parse a listing page fetched from `url` (relative hrefs are joined to it)."""
    root = parse_page(html)
    raise_if_blocked(root)
    raise_if_truncated(html, "listing page")
    entries = release_links(
        elements(_LINKS(root)),
        # Joined with its query first: a smartlink's target is in it.
        lambda href: canonical_url(unwrap_smartlink(urljoin(url, href.strip()))),
        release_id,
        release_language,
    )
    if not entries:
        raise LayoutChanged("Business Wire listing: no link to a release")
    return Listing(entries=list(entries), kind=listing_kind(url), page=page_number(url))


def listing_kind(url: str) -> str:
    """ "industry", "subject", "company" from the query or path, else "all"."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    for facet in ("industry", "subject", "company"):
        if facet in query or f"/{facet}/" in parts.path.lower():
            return facet
    return "all"
