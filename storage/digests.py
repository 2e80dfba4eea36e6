"""Functions on `digest` and `digest_item`: what was mailed to whom, and the outbox insert."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from storage.models import Delivery, Digest, DigestItem, MilestoneEvent, Release

ROLE_EVENT = "event"
ROLE_CORRECTION = "correction"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One delivery to put in the outbox: where, under which printable label, and the channel's
    payload (None for e-mail, which is rebuilt from the digest's subject and bodies)."""

    channel: str
    address: str
    label: str
    payload: str | None = None


def email_to(addresses: Sequence[str]) -> list[Outgoing]:
    return [Outgoing("email", address, address) for address in addresses]


def alertable_events(session: Session, since: datetime) -> list[tuple[MilestoneEvent, Release]]:
    """Events that may be mailed: alertable, not retracted, current, detected since `since`."""
    stmt = (
        select(MilestoneEvent, Release)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .where(
            MilestoneEvent.alertable.is_(True),
            MilestoneEvent.retracted.is_(False),
            MilestoneEvent.superseded.is_(False),
            MilestoneEvent.detected_at >= since,
        )
        .order_by(MilestoneEvent.detected_at, MilestoneEvent.id)
    )
    return [(event, release) for event, release in session.execute(stmt)]


def mailed_event_ids(session: Session, subscriber_id: int) -> set[int]:
    """Events already in a message to this subscriber (digest or immediate alert)."""
    stmt = select(DigestItem.event_id).where(
        DigestItem.subscriber_id == subscriber_id, DigestItem.role == ROLE_EVENT
    )
    return set(session.scalars(stmt))


def corrections_due(session: Session, subscriber_id: int) -> list[tuple[MilestoneEvent, Release]]:
    """Retracted events this subscriber was sent and has not yet been told about."""
    correction = aliased(DigestItem)
    stmt = (
        select(MilestoneEvent, Release)
        .join(Release, Release.id == MilestoneEvent.release_pk)
        .join(DigestItem, DigestItem.event_id == MilestoneEvent.id)
        .where(
            MilestoneEvent.retracted.is_(True),
            DigestItem.subscriber_id == subscriber_id,
            DigestItem.role == ROLE_EVENT,
            ~exists().where(
                correction.subscriber_id == subscriber_id,
                correction.event_id == MilestoneEvent.id,
                correction.role == ROLE_CORRECTION,
            ),
        )
        .order_by(MilestoneEvent.id)
    )
    return [(event, release) for event, release in session.execute(stmt)]


def message_exists(session: Session, digest_key: str) -> bool:
    return session.scalar(select(Digest.id).where(Digest.digest_key == digest_key)) is not None


def create_message(
    session: Session,
    *,
    digest_key: str,
    kind: str,
    subscriber_id: int | None,
    message_id: str,
    subject: str,
    text_body: str,
    html_body: str,
    to: Sequence[Outgoing],
    now: datetime,
    event_ids: Sequence[int] = (),
    correction_ids: Sequence[int] = (),
) -> Digest | None:
    """The outbox insert: digest, items and one queued delivery per address, all or nothing.

    Returns None (and inserts nothing) when the key or any (subscriber, event, role) item
    exists already: another run composed it, and UNIQUE constraints are the real guard.
    The caller commits.
    """
    try:
        with session.begin_nested():
            digest = Digest(
                digest_key=digest_key,
                kind=kind,
                subscriber_id=subscriber_id,
                message_id=message_id,
                subject=subject,
                text_body=text_body,
                html_body=html_body,
                created_at=now,
            )
            session.add(digest)
            session.flush()
            if subscriber_id is not None:
                session.add_all(
                    [
                        *(
                            DigestItem(digest_id=digest.id, subscriber_id=subscriber_id,
                                       event_id=event_id, role=ROLE_EVENT)
                            for event_id in event_ids
                        ),
                        *(
                            DigestItem(digest_id=digest.id, subscriber_id=subscriber_id,
                                       event_id=event_id, role=ROLE_CORRECTION)
                            for event_id in correction_ids
                        ),
                    ]
                )  # fmt: skip
            unique = {(o.channel, o.address): o for o in reversed(to)}
            session.add_all(
                Delivery(digest_id=digest.id, channel=o.channel, address=o.address,
                         label=o.label[:320], payload=o.payload, status="queued", attempts=0,
                         next_attempt_at=now, created_at=now, parts_sent=0)
                for o in reversed(unique.values())
            )  # fmt: skip
            session.flush()
    except IntegrityError:
        return None
    return digest
