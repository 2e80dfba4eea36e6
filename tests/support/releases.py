"""What the replica lists and what the database stored, for crawl and backfill assertions."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select

from crawler.sources.prnewswire.listing import parse_listing
from replica import Replica
from storage.models import Release
from storage.session import make_engine, make_session_factory


def listed_ids(replica: Replica, path: str) -> set[str]:
    """Every release id on every page of a replica listing (read without HTTP)."""
    ids: set[str] = set()
    page = 1
    while True:
        response = replica.site.respond(path, f"page={page}&pagesize=100")
        entries = parse_listing(response.body, replica.url(path)).entries
        if not entries:
            return ids
        ids |= {e.release_id for e in entries}
        page += 1


def stored_ids(database_url: str) -> Counter[str]:
    """How many times each release id is stored (always 1 when all is well)."""
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        rows = session.scalars(select(Release.release_id)).all()
    engine.dispose()
    return Counter(rows)


def release_row(release_id: str, when: datetime, **extra: Any) -> dict[str, Any]:
    """A `release` row for `storage.releases.insert_releases`: XellSmart, published and
    fetched at `when`, every other column overridable."""
    data: dict[str, Any] = {
        "release_id": release_id,
        "url": f"https://www.prnewswire.com/news-releases/r-{release_id}.html",
        "title": f"Release {release_id}",
        "subtitles": [],
        "published_at": when,
        "company": "XellSmart",
        "company_slug": "xellsmart",
        "company_url": None,
        "dateline_city": "SUZHOU, China",
        "body": "Body",
        "tickers": [],
        "tags": [],
        "also_from_source": [],
        "watch": "xellsmart",
        "fingerprint": f"fp{release_id}",
        "template": "2025",
        "parser_version": "t",
        "fetched_at": when,
    }
    data.update(extra)
    return data
