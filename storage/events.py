"""Functions on `milestone_event`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from storage.models import MilestoneEvent, Release


def events_of_releases(session: Session, release_pks: Iterable[int]) -> list[MilestoneEvent]:
    """The events of these releases, oldest first."""
    stmt = select(MilestoneEvent).where(MilestoneEvent.release_pk.in_(sorted(set(release_pks))))
    return list(session.scalars(stmt.order_by(MilestoneEvent.id)))


@dataclass(slots=True)
class NewEvent:
    """A `milestone_event` row an analysis creates, before `insert_events` stores it: a plain
    object (building ~5 000 instrumented ORM objects made a backfill analysis' write phase
    ~30 % slower: 0.71-0.93 -> 0.54-0.61 s). Its fields are the table's columns (a test keeps
    them so)."""

    release_pk: int
    type: str
    agency: str | None
    agency_key: str
    product: str | None
    product_key: str
    indication: str | None
    phase: str | None
    status: str
    evidence: str
    novelty: str
    company: str | None
    event_key: str
    published_at: datetime | None
    analyser_version: str
    detected_at: datetime
    baseline: bool = False
    alertable: bool = False
    repeat_of: int | None = None
    retracted: bool = False
    retracted_reason: str | None = None
    retracted_at: datetime | None = None
    conflict: str | None = None
    superseded: bool = False
    id: int | None = None  # given by insert_events


def insert_events(session: Session, events: list[NewEvent]) -> None:
    """Store new events in one statement and give each its id. A backfill creates thousands;
    adding them to the session and flushing them (state tracking, per-object bookkeeping)
    made its analysis' write phase ~15 % slower (0.80-0.88 -> 0.70-0.72 s for 5 071 events,
    before `NewEvent` took the rest)."""
    if not events:
        return
    table = MilestoneEvent.metadata.tables[MilestoneEvent.__tablename__]
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    rows = [{name: getattr(event, name) for name in _COLUMNS} for event in events]
    ids = session.scalars(stmt, rows).all()
    for event, new_id in zip(events, ids, strict=True):
        event.id = new_id


_COLUMNS = [name for name in NewEvent.__dataclass_fields__ if name != "id"]


def alertable_with_keys(session: Session, event_keys: Iterable[str]) -> list[MilestoneEvent]:
    """Alertable events (retracted or not) with any of these event keys, oldest first."""
    stmt = select(MilestoneEvent).where(
        MilestoneEvent.event_key.in_(sorted(set(event_keys))), MilestoneEvent.alertable.is_(True)
    )
    return list(session.scalars(stmt.order_by(MilestoneEvent.id)))


def announced_for_products(
    session: Session, product_keys: Iterable[str], other_than: Iterable[int] = ()
) -> list[tuple[MilestoneEvent, str, datetime | None]]:
    """(event, its release id, its release's publication time) of the newest current event
    announcing one of these products as news with each indication, per company (ties: the
    lowest id), leaving out the releases `other_than`; oldest first.

    What the conflict check asks of other releases is the indications they give a product,
    newest first: an older event with the same company and indication gives the same answer
    later, so only the newest is read. (Reading them all made a backfill quadratic: each batch
    read every earlier announcement of its products.)
    """
    newest = (
        select(
            MilestoneEvent.id.label("id"),
            func.row_number()
            .over(
                partition_by=(
                    MilestoneEvent.product_key, MilestoneEvent.company, MilestoneEvent.indication
                ),
                order_by=(Release.published_at.desc().nulls_last(), MilestoneEvent.id),
            )
            .label("rank"),
        )
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(
            MilestoneEvent.product_key.in_(sorted(set(product_keys))),
            MilestoneEvent.novelty == "new",
            MilestoneEvent.superseded.is_(False),
            MilestoneEvent.indication.is_not(None),
            MilestoneEvent.release_pk.not_in(sorted(set(other_than))),
        )
        .subquery()
    )  # fmt: skip
    stmt = (
        select(MilestoneEvent, Release.release_id, Release.published_at)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .join(newest, newest.c.id == MilestoneEvent.id)
        .where(newest.c.rank == 1)
        .order_by(MilestoneEvent.id)
    )
    return [
        (event, release_id, published) for event, release_id, published in session.execute(stmt)
    ]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What `events`, the web view, its JSON API and the Atom feed filter on.

    `companies` are names compared case-insensitively with the event's company (callers expand
    [[company]] aliases); `text` is a case-insensitive substring of the headline, evidence,
    product, indication or company; `alertable_only` keeps what the mailing rules would send.
    """

    since: datetime | None = None
    companies: tuple[str, ...] = ()
    type: str | None = None
    agency: str | None = None
    text: str | None = None
    alertable_only: bool = False
    limit: int | None = None


def list_events(
    session: Session, since: datetime | None = None, limit: int | None = None
) -> list[tuple[MilestoneEvent, Release]]:
    """Current (not superseded) events with their releases, newest publication first."""
    return find_events(session, EventFilter(since=since, limit=limit))


def find_events(session: Session, where: EventFilter) -> list[tuple[MilestoneEvent, Release]]:
    """Current events matching `where`, newest publication first."""
    stmt = (
        select(MilestoneEvent, Release)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(MilestoneEvent.superseded.is_(False))
        .order_by(Release.published_at.desc(), MilestoneEvent.id.desc())
    )
    company = func.lower(func.coalesce(MilestoneEvent.company, Release.company, ""))
    if where.since is not None:
        stmt = stmt.where(Release.published_at >= where.since)
    if where.companies:
        stmt = stmt.where(company.in_(sorted({f for n in where.companies for f in _folds(n)})))
    if where.type is not None:
        stmt = stmt.where(MilestoneEvent.type == where.type)
    if where.agency is not None:
        stmt = stmt.where(MilestoneEvent.agency == where.agency)
    if where.text:
        patterns = ["%" + re.sub(r"([\\%_])", r"\\\1", f) + "%" for f in _folds(where.text)]
        columns = (Release.title, MilestoneEvent.evidence, MilestoneEvent.product,
                   MilestoneEvent.indication, company)  # fmt: skip
        stmt = stmt.where(
            or_(*(func.lower(c).like(p, escape="\\") for c in columns for p in patterns))
        )
    if where.alertable_only:
        stmt = stmt.where(
            MilestoneEvent.alertable.is_(True),
            MilestoneEvent.novelty == "new",
            MilestoneEvent.baseline.is_(False),
            MilestoneEvent.retracted.is_(False),
        )
    if where.limit is not None:
        stmt = stmt.limit(where.limit)
    return [(event, release) for event, release in session.execute(stmt).all()]


def _folds(text: str) -> set[str]:
    """`text` lower-cased as PostgreSQL's lower() does it, and as SQLite's (ASCII letters only),
    so that an exact name matches on both."""
    return {text.lower(), "".join(c.lower() if c.isascii() else c for c in text)}


def event_with_release(session: Session, event_id: int) -> tuple[MilestoneEvent, Release] | None:
    stmt = (
        select(MilestoneEvent, Release)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(MilestoneEvent.id == event_id)
    )
    row = session.execute(stmt).first()
    return (row[0], row[1]) if row else None


def event_companies(session: Session) -> list[str]:
    """Every company with a current event, alphabetically."""
    name = func.coalesce(MilestoneEvent.company, Release.company)
    stmt = (
        select(name)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(MilestoneEvent.superseded.is_(False), name.is_not(None))
        .distinct()
    )
    return sorted((n for n in session.scalars(stmt) if n), key=str.casefold)


def retract(session: Session, event_id: int, reason: str, now: datetime) -> MilestoneEvent | None:
    event = session.get(MilestoneEvent, event_id)
    if event is None:
        return None
    event.retracted = True
    event.retracted_reason = reason
    event.retracted_at = now
    return event
