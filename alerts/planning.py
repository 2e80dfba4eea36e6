"""Which events go to whom, and when: one subscriber's immediate alerts and due digest.

Planning reads only (no write lock while schedules are computed and messages rendered). The
plan records what it was read from (`basis`); the write transaction compares and plans again
when another run mailed something or answered a period meanwhile (`stale`), so no event goes
into a second message. Channel-neutral: the plan carries each message's `DigestContent`, its
e-mail rendering (the stored copy every channel keeps) and the channel's own payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.orm import Session

from alerts.channels.base import delivery_identity
from alerts.channels.payloads import payload_for
from alerts.digest import (
    DigestContent,
    EventView,
    Filters,
    Recipient,
    assemble_alert,
    assemble_digest,
    select_events,
    split_immediate,
)
from alerts.email import MailSettings, Rendered, new_message_id, render_digest
from storage import digests, subscribers
from storage.digests import Outgoing
from storage.models import Subscriber as SubscriberRow

Basis = tuple[frozenset[int], datetime | None]


class DigestSchedule(Protocol):
    def period(self, since: datetime, now: datetime) -> datetime | None:
        """The latest firing in (since, now], or None when no digest is due."""

    def next_after(self, since: datetime) -> datetime: ...


@dataclass(frozen=True, slots=True)
class Subscription:
    """A configured subscriber as planning sees it."""

    channel: str  # email | slack | webhook
    address: str  # a secret for Slack and webhooks
    label: str  # printable
    timezone: str
    immediate: frozenset[str]
    filters: Filters
    schedule: DigestSchedule
    secret: str | None = field(default=None, repr=False)  # webhook_secret


@dataclass(frozen=True, slots=True)
class Planned:
    """A message to put in the outbox (or to show, for --dry-run and --preview)."""

    subscriber_id: int
    label: str
    kind: str  # digest | alert
    digest_key: str
    content: DigestContent
    rendered: Rendered
    message_id: str
    outgoing: Outgoing

    @property
    def item_count(self) -> int:
        return self.content.count

    @property
    def channel(self) -> str:
        return self.outgoing.channel


@dataclass(slots=True)
class SubscriberPlan:
    subscriber_id: int
    label: str
    messages: list[Planned] = field(default_factory=list)
    period: datetime | None = None  # the firing a digest answered (even an empty one)
    next_digest_at: datetime | None = None
    basis: Basis = (frozenset(), None)  # what the plan was read from

    def describe(self, verb: str = "queued") -> str:
        alerts = [m for m in self.messages if m.kind == "alert"]
        digest = next((m for m in self.messages if m.kind == "digest"), None)
        parts = (
            [f"{len(alerts)} immediate alert{'s' if len(alerts) != 1 else ''}"] if alerts else []
        )
        if digest is not None:
            count = digest.item_count
            corrections = len(digest.content.corrections)
            parts.append(f"digest of {count} milestone{'s' if count != 1 else ''}")
            if corrections:
                parts[-1] += f" + {corrections} correction{'s' if corrections != 1 else ''}"
        if not parts:
            when = (
                f" (next digest {self.next_digest_at.isoformat()})" if self.next_digest_at else ""
            )
            return f"{self.label}: nothing to send{when}"
        return f"{self.label}: {', '.join(parts)} {verb}"


def subscriber_row(session: Session, subscription: Subscription) -> SubscriberRow:
    wanted = subscribers.Listed(subscription.channel, subscription.address).key
    return next(
        r for r in subscribers.active_subscribers(session) if subscribers.key_of(r) == wanted
    )


def key_prefix(subscription: Subscription, row: SubscriberRow) -> str:
    """Digest keys name e-mail subscribers by address (as before channels); others by row id,
    never by their secret URL."""
    if subscription.channel == "email":
        return row.address.lower()
    return f"{subscription.channel}-{row.id}"


def basis_of(session: Session, subscriber_id: int) -> Basis:
    row = session.get_one(SubscriberRow, subscriber_id)
    return frozenset(digests.mailed_event_ids(session, subscriber_id)), row.last_digest_at


def stale(session: Session, plan: SubscriberPlan) -> bool:
    """Another run mailed this subscriber or answered a period since the plan was read."""
    return basis_of(session, plan.subscriber_id) != plan.basis


def plan(
    session: Session, subscription: Subscription, settings: MailSettings, now: datetime, *,
    force_due: bool,
) -> SubscriberPlan:  # fmt: skip
    """What this subscriber should get now (reads only)."""
    row = subscriber_row(session, subscription)
    recipient = Recipient(
        id=row.id, name=subscription.label, added_at=row.added_at,
        timezone=subscription.timezone, immediate=subscription.immediate,
        filters=subscription.filters,
    )  # fmt: skip
    result = SubscriberPlan(subscriber_id=row.id, label=subscription.label)
    candidates = [
        EventView.from_rows(e, r) for e, r in digests.alertable_events(session, row.added_at)
    ]
    mailed = digests.mailed_event_ids(session, row.id)
    result.basis = (frozenset(mailed), row.last_digest_at)
    fresh = select_events(recipient, candidates, mailed)
    immediate, waiting = split_immediate(recipient, fresh)
    prefix = key_prefix(subscription, row)
    for event in immediate:
        content = assemble_alert(recipient, event, now)
        key = f"alert:{prefix}:{event.id}"
        result.messages.append(_planned(subscription, row, "alert", key, content, settings, now))
    since = row.last_digest_at or row.added_at
    period = now if force_due else subscription.schedule.period(since, now)
    if period is None:
        result.next_digest_at = subscription.schedule.next_after(since).astimezone(UTC)
        return result
    result.period = period
    retracted = [EventView.from_rows(e, r) for e, r in digests.corrections_due(session, row.id)]
    content_or_none = assemble_digest(recipient, waiting, retracted, now)
    if content_or_none is not None:
        key = f"digest:{prefix}:{period.astimezone(UTC).isoformat()}"
        result.messages.append(
            _planned(subscription, row, "digest", key, content_or_none, settings, now)
        )
    return result


def _planned(
    subscription: Subscription, row: SubscriberRow, kind: str, key: str, content: DigestContent,
    settings: MailSettings, now: datetime,
) -> Planned:  # fmt: skip
    message_id = new_message_id(settings, kind)
    identity = delivery_identity(message_id, subscription.channel, subscription.address)
    payload = payload_for(
        subscription.channel, content, identity=identity, created_at=now,
        secret=subscription.secret,
    )  # fmt: skip
    outgoing = Outgoing(subscription.channel, subscription.address, subscription.label, payload)
    return Planned(
        row.id, subscription.label, kind, key, content, render_digest(content, settings),
        message_id, outgoing,
    )  # fmt: skip


def compose(session: Session, result: SubscriberPlan, now: datetime) -> list[str]:
    """Put the plan's messages in the outbox (the caller commits, one transaction); return the
    keys another run had composed already."""
    existing = []
    for message in result.messages:
        created = digests.create_message(
            session, digest_key=message.digest_key, kind=message.kind,
            subscriber_id=message.subscriber_id, message_id=message.message_id,
            subject=message.rendered.subject, text_body=message.rendered.text,
            html_body=message.rendered.html, to=[message.outgoing], now=now,
            event_ids=message.content.event_ids, correction_ids=message.content.correction_ids,
        )  # fmt: skip
        if created is None:
            existing.append(message.digest_key)
    if result.period is not None:
        subscribers.mark_digest_period(session, result.subscriber_id, result.period)
    return existing
