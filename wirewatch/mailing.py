"""Wiring for delivery: configuration → subscriptions, schedules → due digests, outbox →
channels (e-mail, Slack, webhooks).

`run_mail_cycle` is what the daemon calls each tick and `wirewatch digest` calls once: immediate
alerts, due digests (each composed into the outbox in one transaction), then the delivery queue.
Planning itself is `alerts.planning`; sending is `alerts.delivery` through `alerts.channels`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from alerts import delivery, planning
from alerts.channels.base import Channel
from alerts.channels.email.channel import EmailChannel
from alerts.channels.email.transport import FileTransport, SmtpTransport, Transport
from alerts.channels.slack.channel import SlackChannel
from alerts.channels.webhook.channel import WebhookChannel
from alerts.digest import Filters
from alerts.email import MailSettings
from alerts.planning import Planned, SubscriberPlan, Subscription
from storage import deliveries, subscribers
from storage.session import read_only
from wirewatch.config import Config, Subscriber
from wirewatch.schedules import Schedule, digest_period, next_after

logger = logging.getLogger(__name__)

__all__ = ["MailReport", "Mailer", "Planned", "SubscriberPlan", "mailer_for", "run_mail_cycle"]


def mail_settings(config: Config) -> MailSettings:
    return MailSettings(
        sender=config.smtp.from_, unsubscribe=config.smtp.unsubscribe,
        ops=tuple(config.smtp.ops), ops_slack=config.smtp.ops_slack,
    )  # fmt: skip


def transport_for(config: Config, state_dir: Path) -> Transport:
    """SMTP from [smtp] url / $WIREWATCH_SMTP_URL, else .eml files in <state_dir>/outbox."""
    if config.smtp.url:
        timeout = config.smtp.timeout.total_seconds()
        return SmtpTransport.from_url(config.smtp.url, timeout)
    return FileTransport(state_dir / "outbox")


def channels_for(config: Config, transport: Transport) -> dict[str, Channel]:
    """Every channel a delivery row may name; `[smtp] timeout` bounds each attempt."""
    timeout = config.smtp.timeout.total_seconds()
    return {
        "email": EmailChannel(transport, mail_settings(config)),
        "slack": SlackChannel(timeout),
        "webhook": WebhookChannel(timeout),
    }


def lease_for(config: Config) -> timedelta:
    """Longer than any exchange can take, so a live attempt is never claimed twice."""
    return max(timedelta(minutes=10), 4 * config.smtp.timeout)


@dataclass(frozen=True, slots=True)
class ConfiguredSchedule:
    """A subscriber's `digest` schedule as planning asks for it."""

    schedule: Schedule

    def period(self, since: datetime, now: datetime) -> datetime | None:
        return digest_period(self.schedule, since, now)

    def next_after(self, since: datetime) -> datetime:
        return next_after(self.schedule, since)


def subscription_for(subscriber: Subscriber, config: Config) -> Subscription:
    return Subscription(
        channel=subscriber.channel,
        address=subscriber.address,
        label=subscriber.label,
        timezone=subscriber.schedule.timezone,
        immediate=frozenset(subscriber.immediate),
        filters=Filters(
            companies=tuple(subscriber.companies),
            types=tuple(subscriber.types),
            agencies=tuple(subscriber.agencies),
            keywords=tuple(subscriber.keywords),
            aliases=tuple((c.name, tuple(c.aliases)) for c in config.company),
        ),
        schedule=ConfiguredSchedule(subscriber.schedule),
        secret=subscriber.webhook_secret,
    )


def listed(config: Config) -> list[subscribers.Listed]:
    return [subscribers.Listed(s.channel, s.address, s.name) for s in config.subscriber]


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
    """The delivery side of one configuration and database."""

    def __init__(
        self, config: Config, session_factory: sessionmaker[Session], state_dir: Path,
        transport: Transport | None = None, channels: Mapping[str, Channel] | None = None,
    ) -> None:  # fmt: skip
        self.config = config
        self.session_factory = session_factory
        self.state_dir = state_dir
        self.settings = mail_settings(config)
        self.transport = transport or transport_for(config, state_dir)
        self.channels = dict(channels or channels_for(config, self.transport))

    def describe(self) -> str:
        used = {s.channel for s in self.config.subscriber} | (
            {"slack"} if self.config.smtp.ops_slack else set()
        )
        extra = [self.channels[c].describe() for c in ("slack", "webhook") if c in used]
        return ", ".join([self.transport.describe(), *extra])

    def sync_subscribers(self, now: datetime) -> None:
        with self.session_factory.begin() as session:
            subscribers.sync_subscribers(session, listed(self.config), now)

    def _configured(self, only: str | None) -> list[Subscriber]:
        chosen = [s for s in self.config.subscriber if only is None or s.answers_to(only)]
        if only is not None and not chosen:
            shown = "(a URL)" if "://" in only else only  # a URL is a secret: not repeated
            raise LookupError(f"--subscriber {shown}: not in the configuration (by e-mail or name)")
        return chosen

    def plan(
        self, session: Session, subscriber: Subscriber, now: datetime, *, force_due: bool
    ) -> SubscriberPlan:
        """What this subscriber should get now (reads only)."""
        subscription = subscription_for(subscriber, self.config)
        return planning.plan(session, subscription, self.settings, now, force_due=force_due)

    def commit(
        self, subscriber: Subscriber, plan: SubscriberPlan, now: datetime, *, force_due: bool
    ) -> SubscriberPlan:
        """Compose a plan made outside the write transaction. Another run may have mailed or
        answered a period meanwhile: then the plan is made again inside the transaction, so
        no event goes into a second message."""
        with self.session_factory.begin() as session:
            if planning.stale(session, plan):
                logger.info("%s: plan changed by another run, planning again", plan.label)
                plan = self.plan(session, subscriber, now, force_due=force_due)
            for key in planning.compose(session, plan, now):
                logger.info("%s exists already (composed by another run)", key)
        return plan

    def cycle(
        self, now: datetime, *, force_due: bool = False, only: str | None = None,
        compose: bool = True, send: bool = True, force_send: bool = False,
    ) -> MailReport:  # fmt: skip
        """Immediate alerts and due digests into the outbox, then the delivery queue once."""
        report = MailReport(transport=self.describe())
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
                self.session_factory, self.channels, self.settings, now,
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
    from datetime import UTC

    return mailer_for(app).ops_alert(key, kind, context, now or datetime.now(UTC))


def delivery_health(session: Session) -> str:
    """`ok`, `retrying`, or `failed` (sending paused by an SMTP authentication failure)."""
    return deliveries.delivery_health(session)


def plans_messages(plans: Sequence[SubscriberPlan]) -> list[Planned]:
    return [m for plan in plans for m in plan.messages]
