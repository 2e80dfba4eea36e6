"""Functions on `subscriber`: the configured recipients, synchronised on every load."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Subscriber
from storage.upsert import insert_for


def sync_subscribers(
    session: Session, emails: Iterable[str], now: datetime
) -> dict[str, Subscriber]:
    """Make the table match the configuration; return the active rows by lower-cased e-mail.

    A new address gets `added_at = now`; a known one keeps its `added_at` (it never moves
    later, even after the address was removed and listed again). Addresses no longer listed
    are marked inactive, never deleted: their digests and deliveries stay as history.
    """
    wanted = {email.strip().lower(): email.strip() for email in emails}
    known = {row.email.lower(): row for row in session.scalars(select(Subscriber))}
    missing = [email for key, email in wanted.items() if key not in known]
    if missing:
        insert = insert_for(session)
        statement = insert(Subscriber).values(
            [{"email": email, "added_at": now, "active": True} for email in missing]
        )
        # Two commands loading the configuration at once: the first insert wins.
        session.execute(statement.on_conflict_do_nothing(index_elements=["email"]))
        session.flush()
        known = {row.email.lower(): row for row in session.scalars(select(Subscriber))}
    for key, row in known.items():
        row.active = key in wanted
    session.flush()
    return {key: row for key, row in known.items() if key in wanted}


def active_subscribers(session: Session) -> list[Subscriber]:
    stmt = select(Subscriber).where(Subscriber.active.is_(True)).order_by(Subscriber.email)
    return list(session.scalars(stmt))


def mark_digest_period(session: Session, subscriber_id: int, period: datetime) -> None:
    """Remember the schedule firing this digest answered, so the next is due at the next one."""
    row = session.get(Subscriber, subscriber_id)
    if row is not None and (row.last_digest_at is None or row.last_digest_at < period):
        row.last_digest_at = period
