"""Functions on `seen_link`: which release ids each watch has dealt with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from storage.models import SeenLink
from storage.upsert import insert_for

SETTLED = ("stored", "filtered")


def settled_ids(session: Session, watch: str, release_ids: Iterable[str]) -> set[str]:
    """Ids this watch has stored or filtered out before (failed ones are retried)."""
    ids = list(set(release_ids))
    if not ids:
        return set()
    stmt = select(SeenLink.release_id).where(
        SeenLink.watch == watch, SeenLink.release_id.in_(ids), SeenLink.outcome.in_(SETTLED)
    )
    return set(session.scalars(stmt))


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
) -> None:
    """Record (release_id, url) pairs for a watch; a later outcome replaces an earlier one."""
    rows = {
        release_id: {
            "watch": watch,
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
        index_elements=[table.c.watch, table.c.release_id],
        set_={
            "outcome": stmt.excluded.outcome,
            "reason": stmt.excluded.reason,
            "last_seen_at": stmt.excluded.last_seen_at,
            "attempts": table.c.attempts + 1,
        },
    )
    session.connection().execute(stmt, list(rows.values()))
