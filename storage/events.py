"""Functions on `milestone_event`."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
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


def list_events(
    session: Session, since: datetime | None = None, limit: int | None = None
) -> list[tuple[MilestoneEvent, Release]]:
    """Current (not superseded) events with their releases, newest publication first."""
    stmt = (
        select(MilestoneEvent, Release)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(MilestoneEvent.superseded.is_(False))
        .order_by(Release.published_at.desc(), MilestoneEvent.id.desc())
    )
    if since is not None:
        stmt = stmt.where(Release.published_at >= since)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [(event, release) for event, release in session.execute(stmt).all()]


def retract(session: Session, event_id: int, reason: str, now: datetime) -> MilestoneEvent | None:
    event = session.get(MilestoneEvent, event_id)
    if event is None:
        return None
    event.retracted = True
    event.retracted_reason = reason
    event.retracted_at = now
    return event
