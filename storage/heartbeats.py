"""Functions on `heartbeat`: the daemon's proof of life."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.models import Heartbeat


def beat(
    session: Session, name: str, *, pid: int, host: str, now: datetime, started_at: datetime
) -> None:
    row = session.get(Heartbeat, name)
    if row is None:
        session.add(Heartbeat(name=name, beat_at=now, pid=pid, host=host, started_at=started_at))
        return
    row.beat_at = now
    row.pid = pid
    row.host = host
    row.started_at = started_at


def forget(session: Session, name: str) -> None:
    """A clean stop: no heartbeat means no daemon (status stops promising scheduled runs)."""
    row = session.get(Heartbeat, name)
    if row is not None:
        session.delete(row)
