"""Functions on `delivery`: the outbox rows the sender claims, sends and settles.

States: queued → sending → sent | retry | failed; retry → sending …; a `sending` row whose lease
expired is claimable again (its first attempt may or may not have reached the server: it is
resent with the same Message-ID, at-least-once). An authentication failure puts the row back
where it was without spending an attempt and marks it `error_kind = 'auth'`: while such an
unsent row exists, delivery health is `failed` (sending is paused).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Delivery, Digest

UNSENT = ("queued", "retry", "sending")
AUTH = "auth"


def _due(now: datetime) -> object:
    return or_(
        and_(Delivery.status.in_(("queued", "retry")), Delivery.next_attempt_at <= now),
        and_(Delivery.status == "sending", Delivery.lease_until < now),
    )


def due_delivery_ids(
    session: Session, now: datetime, limit: int = 200, skip_channels: Sequence[str] = ()
) -> list[int]:
    stmt = (
        select(Delivery.id)
        .where(_due(now))  # type: ignore[arg-type]
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
    )
    if skip_channels:
        stmt = stmt.where(Delivery.channel.not_in(skip_channels))
    return list(session.scalars(stmt))


def claim(session: Session, delivery_id: int, now: datetime, lease: timedelta) -> bool:
    """Take the row for one attempt (the caller commits before talking SMTP)."""
    stmt = (
        update(Delivery)
        .where(Delivery.id == delivery_id, _due(now))  # type: ignore[arg-type]
        .values(
            status="sending",
            attempts=Delivery.attempts + 1,
            lease_until=now + lease,
            last_attempt_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    claimed = bool(session.execute(stmt).rowcount == 1)  # type: ignore[attr-defined]
    session.expire_all()
    return claimed


def delivery_with_digest(session: Session, delivery_id: int) -> tuple[Delivery, Digest]:
    delivery = session.get_one(Delivery, delivery_id)
    return delivery, session.get_one(Digest, delivery.digest_id)


def mark_sent(session: Session, delivery_id: int, now: datetime) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.status = "sent"
    delivery.sent_at = now
    delivery.lease_until = None
    delivery.error_kind = None
    if delivery.channel != "email":
        return
    # A successful login proves the credentials work again: lift the pause.
    session.execute(
        update(Delivery)
        .where(Delivery.error_kind == AUTH)
        .values(error_kind=None)
        .execution_options(synchronize_session=False)
    )


def mark_progress(session: Session, delivery_id: int, parts_sent: int) -> None:
    """Parts of a split payload accepted so far (kept whatever the attempt's outcome)."""
    delivery = session.get_one(Delivery, delivery_id)
    delivery.parts_sent = max(delivery.parts_sent, parts_sent)


def mark_retry(session: Session, delivery_id: int, next_attempt_at: datetime, error: str) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.status = "retry"
    delivery.next_attempt_at = next_attempt_at
    delivery.lease_until = None
    delivery.last_error = error
    delivery.error_kind = "transient"


def mark_failed(session: Session, delivery_id: int, error: str) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.status = "failed"
    delivery.lease_until = None
    delivery.last_error = error
    delivery.error_kind = "rejected"


def mark_paused(session: Session, delivery_id: int, error: str) -> None:
    """Undo the claim: the attempt does not count, the row stays due, sending is paused."""
    delivery = session.get_one(Delivery, delivery_id)
    delivery.attempts = max(0, delivery.attempts - 1)
    delivery.status = "queued" if delivery.attempts == 0 else "retry"
    delivery.lease_until = None
    delivery.last_error = error
    delivery.error_kind = AUTH


def last_auth_failure(session: Session) -> datetime | None:
    stmt = select(func.max(Delivery.last_attempt_at)).where(
        Delivery.error_kind == AUTH, Delivery.status.in_(UNSENT)
    )
    return session.scalar(stmt)


def delivery_health(session: Session) -> str:
    """`failed` while sending is paused by an authentication failure; `retrying` while some
    message waits for another attempt; else `ok`."""
    if last_auth_failure(session) is not None:
        return "failed"
    retrying = session.scalar(select(Delivery.id).where(Delivery.status == "retry").limit(1))
    return "retrying" if retrying is not None else "ok"
