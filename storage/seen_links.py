"""Functions on `seen_link`: which release ids each watch has dealt with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from storage.models import Release, SeenLink
from storage.upsert import insert_for

SETTLED = ("stored", "filtered")
UNSETTLED = ("failed", "pending")
# A link that failed this often over this long is dead (a 404 for good, a page the parser
# can never read): it stops being retried, so a page of dead links does not cost requests on
# every crawl. Both bounds, so that a site outage of a few hours gives nothing up.
GIVE_UP_ATTEMPTS = 10
GIVE_UP_AGE = timedelta(days=3)


def _given_up(now: datetime) -> ColumnElement[bool]:
    return and_(
        SeenLink.outcome == "failed",
        SeenLink.attempts >= GIVE_UP_ATTEMPTS,
        SeenLink.first_seen_at <= now - GIVE_UP_AGE,
    )


def settled_ids(
    session: Session, watch: str, release_ids: Iterable[str], now: datetime
) -> set[str]:
    """Ids this watch has stored, filtered out, or given up on (failed and pending ones are
    retried)."""
    ids = list(set(release_ids))
    if not ids:
        return set()
    stmt = select(SeenLink.release_id).where(
        SeenLink.watch == watch,
        SeenLink.release_id.in_(ids),
        or_(SeenLink.outcome.in_(SETTLED), _given_up(now)),
    )
    return set(session.scalars(stmt))


def retry_due(session: Session, watch: str, now: datetime, limit: int) -> list[tuple[str, str]]:
    """(release_id, url) of this watch's failed or pending links, least recently tried first.

    They are fetched again directly, whether or not a listing still shows them (a feed keeps
    20 items; a failed release may have slid below where incremental paging stops).
    """
    stmt = (
        select(SeenLink.release_id, SeenLink.url)
        .where(
            SeenLink.watch == watch,
            SeenLink.outcome.in_(UNSETTLED),
            ~_given_up(now),
        )
        .order_by(SeenLink.last_seen_at, SeenLink.id)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def history_start(session: Session, watch: str) -> datetime | None:
    """Where a watch without `listed_through` (one crawled before it existed) stops paging: its
    newest stored release, else the first time it saw any release."""
    stored = select(SeenLink.source, SeenLink.release_id).where(
        SeenLink.watch == watch, SeenLink.outcome == "stored"
    )
    newest = select(func.max(Release.published_at)).where(
        tuple_(Release.source, Release.release_id).in_(stored)
    )
    found = session.scalar(newest)
    if found is None:
        found = session.scalar(
            select(func.min(SeenLink.first_seen_at)).where(SeenLink.watch == watch)
        )
    return found


def mark_pending(
    session: Session,
    watch: str,
    links: Iterable[tuple[str, str]],
    now: datetime,
    source: str = "prnewswire",
) -> None:
    """Record listed links about to be fetched, so a crawl that stops before storing them
    (a crash, a timeout, a full disk, the request budget) leaves them to be retried. A link
    the watch already has a row for keeps it."""
    rows = [
        {
            "watch": watch,
            "source": source,
            "release_id": release_id,
            "url": url,
            "outcome": "pending",
            "reason": None,
            "first_seen_at": now,
            "last_seen_at": now,
            "attempts": 0,
        }
        for release_id, url in dict(links).items()
    ]
    if not rows:
        return
    table = SeenLink.__table__
    stmt = insert_for(session)(table).on_conflict_do_nothing(
        index_elements=[table.c.watch, table.c.release_id, table.c.source]
    )
    session.connection().execute(stmt, rows)


def watch_has_history(session: Session, watch: str) -> bool:
    """True once the watch has settled at least one release."""
    stmt = select(exists().where(SeenLink.watch == watch, SeenLink.outcome.in_(SETTLED)))
    return bool(session.scalar(stmt))


def mark_seen(
    session: Session,
    watch: str,
    links: Iterable[tuple[str, str]],
    outcome: str,
    now: datetime,
    reason: str | None = None,
    source: str = "prnewswire",
) -> None:
    """Record (release_id, url) pairs for a watch; a later outcome replaces an earlier one."""
    rows = {
        release_id: {
            "watch": watch,
            "source": source,
            "release_id": release_id,
            "url": url,
            "outcome": outcome,
            "reason": reason,
            "first_seen_at": now,
            "last_seen_at": now,
            "attempts": 1,
        }
        for release_id, url in links
    }
    if not rows:
        return
    insert = insert_for(session)
    table = SeenLink.__table__
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.watch, table.c.release_id, table.c.source],
        set_={
            "outcome": stmt.excluded.outcome,
            "reason": stmt.excluded.reason,
            "last_seen_at": stmt.excluded.last_seen_at,
            "attempts": table.c.attempts + 1,
        },
    )
    session.connection().execute(stmt, list(rows.values()))
