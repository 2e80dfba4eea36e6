"""Wiring for mail: configuration → subscribers, schedules → due digests, outbox → transport.

`run_mail_cycle` is what the daemon calls each tick and `wirewatch digest` calls once: immediate
alerts, due digests (each composed into the outbox in one transaction), then the delivery queue.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from alerts import delivery
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
from storage import deliveries, digests, subscribers
from storage.models import Subscriber as SubscriberRow
from storage.session import read_only
from wirewatch.config import Config, Subscriber
from wirewatch.schedules import digest_period, next_after

logger = logging.getLogger(__name__)


def mail_settings(config: Config) -> MailSettings:
    return MailSettings(
        sender=config.smtp.from_, unsubscribe=config.smtp.unsubscribe, ops=tuple(config.smtp.ops)
    )


def transport_for(config: Config, state_dir: Path) -> delivery.Transport:
    """SMTP from [smtp] url / $WIREWATCH_SMTP_URL, else .eml files in <state_dir>/outbox."""
    if config.smtp.url:
        timeout = config.smtp.timeout.total_seconds()
        return delivery.SmtpTransport.from_url(config.smtp.url, timeout)
    return delivery.FileTransport(state_dir / "outbox")


def lease_for(config: Config) -> timedelta:
    """Longer than any SMTP exchange can take, so a live attempt is never claimed twice."""
    return max(timedelta(minutes=10), 4 * config.smtp.timeout)


def recipient_for(subscriber: Subscriber, row: SubscriberRow, config: Config) -> Recipient:
    return Recipient(
        id=row.id,
        email=row.email,
        added_at=row.added_at,
        timezone=subscriber.schedule.timezone,
        immediate=frozenset(subscriber.immediate),
        filters=Filters(
            companies=tuple(subscriber.companies),
            types=tuple(subscriber.types),
            agencies=tuple(subscriber.agencies),
            keywords=tuple(subscriber.keywords),
            aliases=tuple((c.name, tuple(c.aliases)) for c in config.company),
        ),
    )


@dataclass(frozen=True, slots=True)
class Planned:
    """A message to put in the outbox (or to show, for --dry-run and --preview)."""

    subscriber_id: int
    email: str
    kind: str  # digest | alert
    digest_key: str
    content: DigestContent
    rendered: Rendered

    @property
    def item_count(self) -> int:
        return self.content.count


@dataclass(slots=True)
class SubscriberPlan:
    subscriber_id: int
    email: str
    messages: list[Planned] = field(default_factory=list)
    period: datetime | None = None  # the firing a digest answered (even an empty one)
    next_digest_at: datetime | None = None
    # What the plan was read from: compose re-plans when another run changed it meanwhile.
    basis: tuple[frozenset[int], datetime | None] = (frozenset(), None)

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
            return f"{self.email}: nothing to send{when}"
        return f"{self.email}: {', '.join(parts)} {verb}"


@dataclass(slots=True)
class MailReport:
    plans: list[SubscriberPlan] = field(default_factory=list)
    queue: delivery.QueueReport | None = None
    transport: str = ""

    @property
    def failed(self) -> bool:
        return self.queue is not None and (self.queue.failed > 0 or self.queue.paused)

    def lines(self, verb: str = "queued") -> list[str]:
        out = [plan.describe(verb) for plan in self.plans]
        if self.queue is not None:
            q = self.queue
            out.append(
                f"delivery via {self.transport}: {q.sent} sent, {q.retried} to retry, "
                f"{q.failed} failed"
                + (" — PAUSED: the mail server refused our login or sender" if q.paused else "")
            )
            out.extend(f"failed: {line}" for line in q.failures)
        return out


class Mailer:
    """The mail side of one configuration and database."""

    def __init__(
        self, config: Config, session_factory: sessionmaker[Session], state_dir: Path,
        transport: delivery.Transport | None = None,
    ) -> None:  # fmt: skip
        self.config = config
        self.session_factory = session_factory
        self.state_dir = state_dir
        self.settings = mail_settings(config)
        self.transport = transport or transport_for(config, state_dir)

    def sync_subscribers(self, now: datetime) -> None:
        with self.session_factory.begin() as session:
            subscribers.sync_subscribers(session, (s.email for s in self.config.subscriber), now)

    def _configured(self, only: str | None) -> list[Subscriber]:
        chosen = [
            s for s in self.config.subscriber if only is None or s.email.lower() == only.lower()
        ]
        if only is not None and not chosen:
            raise LookupError(f"--subscriber {only}: not in the configuration")
        return chosen

    def plan(
        self, session: Session, subscriber: Subscriber, now: datetime, *, force_due: bool
    ) -> SubscriberPlan:
        """What this subscriber should get now (reads only)."""
        row = next(
            r for r in subscribers.active_subscribers(session)
            if r.email.lower() == subscriber.email.lower()
        )  # fmt: skip
        recipient = recipient_for(subscriber, row, self.config)
        plan = SubscriberPlan(subscriber_id=row.id, email=row.email)
        candidates = [
            EventView.from_rows(e, r)
            for e, r in digests.alertable_events(session, recipient.added_at)
        ]
        mailed = digests.mailed_event_ids(session, row.id)
        plan.basis = (frozenset(mailed), row.last_digest_at)
        fresh = select_events(recipient, candidates, mailed)
        immediate, waiting = split_immediate(recipient, fresh)
        for event in immediate:
            content = assemble_alert(recipient, event, now)
            key = f"alert:{row.email.lower()}:{event.id}"
            plan.messages.append(self._planned(row, "alert", key, content))
        since = row.last_digest_at or row.added_at
        schedule = subscriber.schedule
        period = now if force_due else digest_period(schedule, since, now)
        if period is None:
            plan.next_digest_at = next_after(schedule, since).astimezone(UTC)
            return plan
        plan.period = period
        retracted = [EventView.from_rows(e, r) for e, r in digests.corrections_due(session, row.id)]
        content_or_none = assemble_digest(recipient, waiting, retracted, now)
        if content_or_none is not None:
            key = f"digest:{row.email.lower()}:{period.astimezone(UTC).isoformat()}"
            plan.messages.append(self._planned(row, "digest", key, content_or_none))
        return plan

    def commit(
        self, subscriber: Subscriber, plan: SubscriberPlan, now: datetime, *, force_due: bool
    ) -> SubscriberPlan:
        """Compose a plan made outside the write transaction. Another run may have mailed or
        answered a period meanwhile: then the plan is made again inside the transaction, so
        no event goes into a second message."""
        with self.session_factory.begin() as session:
            if self._basis(session, plan) != plan.basis:
                logger.info("%s: plan changed by another run, planning again", plan.email)
                plan = self.plan(session, subscriber, now, force_due=force_due)
            self.compose(session, plan, now)
        return plan

    def _basis(
        self, session: Session, plan: SubscriberPlan
    ) -> tuple[frozenset[int], datetime | None]:
        row = session.get_one(SubscriberRow, plan.subscriber_id)
        mailed = digests.mailed_event_ids(session, plan.subscriber_id)
        return frozenset(mailed), row.last_digest_at

    def _planned(self, row: SubscriberRow, kind: str, key: str, content: DigestContent) -> Planned:
        return Planned(row.id, row.email, kind, key, content, render_digest(content, self.settings))

    def compose(self, session: Session, plan: SubscriberPlan, now: datetime) -> None:
        """Put the plan's messages in the outbox (the caller commits, one transaction)."""
        for message in plan.messages:
            created = digests.create_message(
                session, digest_key=message.digest_key, kind=message.kind,
                subscriber_id=message.subscriber_id,
                message_id=new_message_id(self.settings, message.kind),
                subject=message.rendered.subject, text_body=message.rendered.text,
                html_body=message.rendered.html, recipients=[message.email], now=now,
                event_ids=message.content.event_ids,
                correction_ids=message.content.correction_ids,
            )  # fmt: skip
            if created is None:
                logger.info("%s exists already (composed by another run)", message.digest_key)
        if plan.period is not None:
            subscribers.mark_digest_period(session, plan.subscriber_id, plan.period)

    def cycle(
        self, now: datetime, *, force_due: bool = False, only: str | None = None,
        compose: bool = True, send: bool = True, force_send: bool = False,
    ) -> MailReport:  # fmt: skip
        """Immediate alerts and due digests into the outbox, then the delivery queue once."""
        report = MailReport(transport=self.transport.describe())
        self.sync_subscribers(now)
        for subscriber in self._configured(only):
            # Planning (schedule arithmetic, rendering) reads only: no write lock is held while
            # it runs. The write transaction checks that the plan still stands, else re-plans.
            with read_only(self.session_factory) as session:
                plan = self.plan(session, subscriber, now, force_due=force_due)
            if compose:
                plan = self.commit(subscriber, plan, now, force_due=force_due)
            report.plans.append(plan)
        if send:
            report.queue = delivery.run_queue(
                self.session_factory, self.transport, self.settings, now,
                lease=lease_for(self.config), force=force_send,
            )  # fmt: skip
        return report

    def ops_alert(self, key: str, kind: str, context: dict[str, Any], now: datetime) -> bool:
        with self.session_factory.begin() as session:
            return delivery.queue_ops_alert(session, self.settings, key, kind, context, now)


def mailer_for(app: Any) -> Mailer:
    """A Mailer from a `wirewatch.app.App` (config, session factory, state dir)."""
    return Mailer(app.config, app.session_factory, app.state_dir)


def run_mail_cycle(app: Any, now: datetime) -> MailReport:
    """The daemon's tick: immediate alerts, due digests, then the delivery queue once."""
    return mailer_for(app).cycle(now)


def send_ops_alert(
    app: Any, key: str, kind: str, context: dict[str, Any], now: datetime | None = None
) -> bool:
    """Queue an ops alert once per `key` (e.g. "watch:xellsmart:blocked:<since>"); it goes out
    with the next delivery run. `context`: summary, facts (label → value), advice."""
    return mailer_for(app).ops_alert(key, kind, context, now or datetime.now(UTC))


def delivery_health(session: Session) -> str:
    """`ok`, `retrying`, or `failed` (sending paused by an SMTP authentication failure)."""
    return deliveries.delivery_health(session)


def plans_messages(plans: Sequence[SubscriberPlan]) -> list[Planned]:
    return [m for plan in plans for m in plan.messages]
