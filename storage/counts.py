"""Counts for `status`: releases, events, the delivery queue, the heartbeat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Delivery, Heartbeat, MilestoneEvent, Release

DELIVERY_STATES = ("queued", "sending", "sent", "retry", "failed")


def release_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Release)) or 0


def event_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MilestoneEvent)) or 0


def delivery_counts(session: Session) -> dict[str, int]:
    counts = dict.fromkeys(DELIVERY_STATES, 0)
    rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    for status, count in rows:
        counts[status] = count
    return counts


def heartbeat_at(session: Session, name: str = "daemon") -> datetime | None:
    row = session.get(Heartbeat, name)
    return row.beat_at if row else None
