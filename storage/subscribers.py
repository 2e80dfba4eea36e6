"""Functions on `subscriber`: the configured recipients, synchronised on every load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Subscriber
from storage.upsert import insert_for


@dataclass(frozen=True, slots=True)
class Listed:
    """A subscriber as the configuration lists it."""

    channel: str  # email | slack | webhook
    address: str
    name: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """E-mail addresses compare case-insensitively; URLs exactly (their paths are secrets
        that a server may compare case-sensitively)."""
        address = self.address.strip()
        return self.channel, address.lower() if self.channel == "email" else address


def key_of(row: Subscriber) -> tuple[str, str]:
    return Listed(row.channel, row.address).key


def sync_subscribers(
    session: Session, listed: Iterable[Listed | str], now: datetime
) -> dict[tuple[str, str], Subscriber]:
    """Make the table match the configuration; return the active rows by (channel, address).

    A bare string is an e-mail address. A new subscriber gets `added_at = now`; a known one
    keeps its `added_at` (it never moves later, even after it was removed and listed again)
    and takes the configured name. Subscribers no longer listed are marked inactive, never
    deleted: their digests and deliveries stay as history.
    """
    wanted: dict[tuple[str, str], Listed] = {}
    for entry in listed:
        item = Listed("email", entry) if isinstance(entry, str) else entry
        wanted.setdefault(item.key, Listed(item.channel, item.address.strip(), item.name))
    known = {key_of(row): row for row in session.scalars(select(Subscriber))}
    missing = [item for key, item in wanted.items() if key not in known]
    if missing:
        insert = insert_for(session)
        statement = insert(Subscriber).values(
            [
                {"channel": i.channel, "address": i.address, "name": i.name, "added_at": now,
                 "active": True}
                for i in missing
            ]
        )  # fmt: skip
        # Two commands loading the configuration at once: the first insert wins.
        session.execute(statement.on_conflict_do_nothing(index_elements=["channel", "address"]))
        session.flush()
        known = {key_of(row): row for row in session.scalars(select(Subscriber))}
    for key, row in known.items():
        row.active = key in wanted
        if key in wanted and row.name != wanted[key].name:
            row.name = wanted[key].name
    session.flush()
    return {key: row for key, row in known.items() if key in wanted}


def active_subscribers(session: Session) -> list[Subscriber]:
    stmt = (
        select(Subscriber)
        .where(Subscriber.active.is_(True))
        .order_by(Subscriber.channel, Subscriber.address)
    )
    return list(session.scalars(stmt))


def mark_digest_period(session: Session, subscriber_id: int, period: datetime) -> None:
    """Remember the schedule firing this digest answered, so the next is due at the next one."""
    row = session.get(Subscriber, subscriber_id)
    if row is not None and (row.last_digest_at is None or row.last_digest_at < period):
        row.last_digest_at = period
