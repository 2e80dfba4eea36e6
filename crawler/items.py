"""What the spider yields and what the parsers return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class PressRelease:
    """One release as read from its detail page; `(source, release_id)` identifies it."""

    release_id: str
    url: str
    title: str
    subtitles: list[str]
    published_at: datetime | None
    company: str | None
    company_slug: str | None
    company_url: str | None
    dateline_city: str | None
    body: str
    tickers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    also_from_source: list[str] = field(default_factory=list)
    template: str = ""
    parser_version: str = ""
    source: str = "prnewswire"
    watch: str | None = None  # the first watch that claimed it (and kept it, after filters)
    # Every watch of this crawl that listed it (one fetch serves them all): the spider adds a
    # later claimant to this same set while the page is in flight; filters remove rejecters.
    watches: set[str] = field(default_factory=set)
    fingerprint: str | None = None
    duplicate_of: tuple[str, str] | None = None  # (source, release_id) of the original
    # Not stored: what `crawler.cleaning.prepare` derived (fields its tidying changed, the
    # body's 5-word shingles for the re-issue check), so the crawl process need not redo it.
    cleaned: list[str] | None = None
    shingles: frozenset[int] | None = None


@dataclass(slots=True, frozen=True)
class ListingEntry:
    """One release card on a newsroom, category list or RSS feed."""

    release_id: str
    url: str
    title: str
    published_at: datetime | None
    teaser: str = ""
    company: str | None = None


@dataclass(slots=True)
class Listing:
    """A parsed listing page or feed."""

    entries: list[ListingEntry]
    kind: str
    page: int = 1
