"""Business Wire listings: no real listing page exists, so these pages are SYNTHETIC and only
release links are relied on."""

from __future__ import annotations

import pytest

from crawler.parsing.errors import BlockedPage, LayoutChanged
from crawler.sources.businesswire.listing import listing_kind, parse_listing

NEWSROOM = """<!DOCTYPE html><html><head><title>Newsroom | Business Wire</title></head><body>
<div class="newsroom"><ul>
<li><a href="/news/home/20261005512345/en/Kestrel-Announces-FDA-Clearance"><img src="x.jpg"></a>
<a href="/news/home/20261005512345/en/Kestrel-Announces-FDA-Clearance">Kestrel Announces FDA
 Clearance of IND for KN-204</a></li>
<li><a href="https://cts.businesswire.com/ct/CT?id=smartlink&amp;url=https%3A%2F%2Fwww.businesswire.com%2Fnews%2Fhome%2F20260901500001%2Fen%2FKestrel-Q2&amp;newsitemid=20260901500001">Kestrel Reports Second Quarter Results</a></li>
<li><a href="/newsroom?company=Kestrel&amp;page=2">Next</a></li>
</ul></div></body></html>"""


def test_entries_are_the_release_links_titled_by_their_longest_text() -> None:
    listing = parse_listing(NEWSROOM, "https://www.businesswire.com/newsroom?company=Kestrel")
    assert [(e.release_id, e.title, e.url) for e in listing.entries] == [
        (
            "20261005512345",
            "Kestrel Announces FDA Clearance of IND for KN-204",
            "https://www.businesswire.com/news/home/20261005512345/en/Kestrel-Announces-FDA-Clearance",
        ),
        (
            "20260901500001",
            "Kestrel Reports Second Quarter Results",
            "https://www.businesswire.com/news/home/20260901500001/en/Kestrel-Q2",
        ),
    ]
    assert listing.kind == "company"


def test_page_without_a_release_link_is_a_changed_layout() -> None:
    page = "<html><head><title>Business Wire</title></head><body><p>Hi</p></body></html>"
    with pytest.raises(LayoutChanged):
        parse_listing(page, "https://www.businesswire.com/newsroom")


def test_access_denied_listing_is_blocked() -> None:
    page = "<html><head><title>Access Denied</title></head><body></body></html>"
    with pytest.raises(BlockedPage):
        parse_listing(page, "https://www.businesswire.com/newsroom")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.businesswire.com/newsroom?industry=Biotechnology", "industry"),
        ("https://www.businesswire.com/newsroom?subject=FDA", "subject"),
        ("https://www.businesswire.com/newsroom", "all"),
    ],
)
def test_listing_kind_follows_the_filter(url: str, kind: str) -> None:
    assert listing_kind(url) == kind
