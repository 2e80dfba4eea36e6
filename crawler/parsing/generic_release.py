"""`parse_generic_release`: any wire's detail page to a PressRelease, without site selectors.

For wires whose detail markup nobody could verify (GlobeNewswire, Business Wire: no real
detail page of either could be found), the page is read through what it says about itself
(`metadata.py`) and through its own content element (`main_text.py`), and only the wire's
text conventions (`WireConventions`: dateline, end of the release, id from the URL, zone)
are wire-specific:

* title: JSON-LD `headline`, else `og:title`, else the first `<h1>` of the content root
  (else of the page); subtitles: JSON-LD `alternativeHeadline`
  (text before the dateline is not guessed at: on real pages it is subtitles, a printed
  date or summary bullets, and nothing generic tells them apart).
* published_at: JSON-LD `datePublished`, else `article:published_time`, else the caller's
  `published_hint` (the feed's time), else `<meta name="date">`; a time without a zone is
  read in the wire's own zone.
* body: the main text (the page's `itemprop="articleBody"`, `<article>` or `<main>` walked
  once; trafilatura on the whole page when there is none, or when it shows no dateline on
  a page not marked as an article) from the dateline block, up to the wire's
  end-of-release block; without a dateline, all of the main text after the title.
* company: JSON-LD `author` (not the wire itself), else the end-of-release block
  ("SOURCE …"), else `company_hint` (the feed's company), else `<meta name="author">`, else
  the issuer the text opens with ("Galderma (SIX: GALD), …").

A page with neither article metadata nor a dateline in its main text, or with no title or
no body text, raises LayoutChanged (crawl health `layout_changed`): never an empty release.
Cost (bench/generic_parse_bench.py): about 1.25-1.4x a bare `lxml.html.fromstring` of the
page on the fast path, 5-10x when trafilatura has to read it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime

from lxml import etree

from crawler.items import ListingEntry, PressRelease
from crawler.parsing.document import (
    Element,
    first_string,
    raise_if_blocked,
    raise_if_truncated,
    squash,
)
from crawler.parsing.errors import LayoutChanged
from crawler.parsing.html_page import parse_page
from crawler.parsing.main_text import read_main_text
from crawler.parsing.metadata import PageMetadata, read_metadata
from crawler.parsing.tickers import tickers, unique
from crawler.parsing.wire_conventions import (
    WireConventions,
    dateline_city,
    end_index,
    is_wire_name,
    issuer,
    lead_company,
)
from crawler.parsing.zoned_dates import ZonedDateError, parse_zoned_datetime

_H1 = etree.XPath("(.//h1)[1]")
_FIRST_H1 = etree.XPath("(/descendant::h1)[1]")
TEMPLATE = "generic"
VERSION = "generic.2"  # .2: fast main-text path, metadata without extruct


def parse_generic_release(
    html: str | bytes,
    url: str,
    wire: WireConventions,
    *,
    company_hint: str | None = None,
    published_hint: datetime | None = None,
) -> PressRelease:
    """Parse a detail page of `wire` fetched from `url`.

    `company_hint` and `published_hint` are what the listing or feed said about this release
    (GlobeNewswire's `dc:contributor`, a feed's `pubDate`); the page wins where it says more.
    """
    root = parse_page(html)
    raise_if_blocked(root)
    raise_if_truncated(html, "release page")
    meta = read_metadata(root)
    text = read_main_text(root, wire, meta.is_article)
    blocks, start = text.blocks, text.start
    if not meta.is_article and start is None:
        raise LayoutChanged(f"{wire.name}: no article metadata and no dateline in the main text")
    title = meta.headline or _first_heading(root, text.container)
    if not title:
        raise LayoutChanged(f"{wire.name}: release has no title")
    # The page's own URL (JSON-LD, og:url) when it names a release, else the one fetched.
    page_url = wire.canonical_url(meta.url, url) if meta.url else ""
    rid = wire.release_id(page_url) if page_url else None
    if rid is None:
        page_url = wire.canonical_url(url, None)
        rid = wire.release_id(page_url)
    if rid is None:
        raise LayoutChanged(f"{wire.name}: no release id in {page_url!r}")
    body_blocks, source_company = _body(wire, blocks, start, title)
    body = "\n\n".join(body_blocks)
    if not body:
        raise LayoutChanged(f"{wire.name}: release has no body text")
    company = _company(wire, meta, source_company, company_hint) or lead_company(wire, body)
    return PressRelease(
        release_id=rid,
        url=page_url,
        title=title,
        subtitles=[s for s in meta.alternative_headlines if s != title],
        published_at=_published_at(wire, meta, published_hint),
        company=company,
        company_slug=None,
        company_url=None,
        dateline_city=dateline_city(wire, blocks[start]) if start is not None else None,
        body=body,
        tickers=tickers(body, []),
        tags=unique(k for k in meta.keywords if company is None or k != company),
        also_from_source=[],
        template=TEMPLATE,
        parser_version=VERSION,
        source=wire.name,
    )


def _first_heading(root: Element, container: Element | None) -> str:
    """The first `<h1>` of the content root, else of the page (an `articleBody` element
    usually leaves the headline out)."""
    return (first_string(container, _H1) if container is not None else "") or first_string(
        root, _FIRST_H1
    )


def _body(
    wire: WireConventions, blocks: list[str], start: int | None, title: str
) -> tuple[list[str], str | None]:
    """The release text blocks and the issuer named by the end-of-release block."""
    if start is None:
        start = 0
        while start < len(blocks) and squash(blocks[start]).casefold() == title.casefold():
            start += 1
    end = end_index(wire, blocks, start)
    source_company = issuer(wire, blocks[end]) if end is not None else None
    return blocks[start:end], source_company


def _company(
    wire: WireConventions, meta: PageMetadata, source: str | None, hint: str | None
) -> str | None:
    for candidate in (meta.author, source, hint, meta.meta_author):
        if candidate and not is_wire_name(wire, candidate):
            return squash(candidate)
    return None


def _published_at(
    wire: WireConventions, meta: PageMetadata, hint: datetime | None
) -> datetime | None:
    strong = _read_date(wire, meta.date_published)
    if strong is not None:
        return strong
    if hint is not None:
        return hint.astimezone(UTC)
    return _read_date(wire, meta.meta_date)


def _read_date(wire: WireConventions, text: str) -> datetime | None:
    if not text:
        return None
    with contextlib.suppress(ValueError):
        parsed = datetime.fromisoformat(text.strip())
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=wire.local_zone)
        return parsed.astimezone(UTC)
    try:
        return parse_zoned_datetime(text, wire.tzinfos)
    except ZonedDateError:
        return None


def generic_detail(
    wire: WireConventions,
) -> Callable[[bytes, str, ListingEntry | None], PressRelease]:
    """`wire`'s detail parser: the generic one, with what the listing or feed said as hints."""

    def parse_detail(body: bytes, url: str, entry: ListingEntry | None) -> PressRelease:
        return parse_generic_release(
            body,
            url,
            wire,
            company_hint=entry.company if entry else None,
            published_hint=entry.published_at if entry else None,
        )

    return parse_detail
