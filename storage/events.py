"""Functions on `milestone_event`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.models import MilestoneEvent, Release


def events_of_release(session: Session, release_pk: int) -> list[MilestoneEvent]:
    stmt = select(MilestoneEvent).where(MilestoneEvent.release_pk == release_pk)
    return list(session.scalars(stmt.order_by(MilestoneEvent.id)))


def earlier_alertable(
    session: Session,
    event_key: str,
    published_at: datetime | None,
    window: timedelta,
    release_pk: int,
) -> MilestoneEvent | None:
    """An alertable, unretracted event with this key from another release published in the
    window before `published_at` (or, when it has no date, any time)."""
    stmt = select(MilestoneEvent).where(
        MilestoneEvent.event_key == event_key,
        MilestoneEvent.alertable.is_(True),
        MilestoneEvent.retracted.is_(False),
        MilestoneEvent.release_pk != release_pk,
    )
    if published_at is not None:
        stmt = stmt.where(MilestoneEvent.published_at.between(published_at - window, published_at))
    return session.scalars(stmt.order_by(MilestoneEvent.published_at).limit(1)).first()


def indications_elsewhere(
    session: Session, company: str | None, product_key: str, release_pk: int
) -> list[tuple[str, str]]:
    """(indication, release id) that other releases give for the same company's product."""
    if not product_key:
        return []
    stmt = (
        select(MilestoneEvent.indication, Release.release_id)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(
            MilestoneEvent.product_key == product_key,
            MilestoneEvent.release_pk != release_pk,
            MilestoneEvent.indication.is_not(None),
            MilestoneEvent.novelty == "new",
            MilestoneEvent.superseded.is_(False),
        )
        .order_by(Release.published_at.desc())
    )
    if company is not None:
        stmt = stmt.where(MilestoneEvent.company == company)
    return [
        (indication, release_id) for indication, release_id in session.execute(stmt) if indication
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
