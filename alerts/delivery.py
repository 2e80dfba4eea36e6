"""The outbox sender, for every channel: claim a row, commit, send outside any transaction,
settle the row.

Delivery is at-least-once with a stable identity (ARCHITECTURE.md "Delivery", "Channels"): the
only possible duplicate is a resend with the same identity (Message-ID, X-Wirewatch-Delivery)
after the reply to an accepted message was lost. Outcomes: sent; retry (SMTP 4xx, HTTP 429/5xx,
timeouts, refused or dropped connections) with exponential backoff (1 min doubling to at most
6 h, or the server's Retry-After) until MAX_ATTEMPTS → failed; failed (refused recipient, HTTP
4xx) → an ops alert (itself through the outbox, never about an ops alert); pause (our SMTP login
or sender refused) → e-mail waits, no attempt spent, logged as ERROR; other channels go on.
The sender knows channels only through `alerts.channels.base.Channel`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from alerts.channels.base import Attempt, Channel, Envelope, Outcome, delivery_identity
from alerts.channels.slack.render import payload as slack_payload
from alerts.channels.slack.render import render_ops as slack_ops
from alerts.email import MailSettings, new_message_id, ops_values, render_ops_alert
from storage import deliveries, digests
from storage.models import Delivery, Digest
from storage.session import read_only

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # 1+2+4+…+256 min, then 6 h twice: about 20 h of trying before giving up
BACKOFF_START = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
AUTH_PAUSE = timedelta(minutes=15)  # between login attempts after an authentication failure
PAUSABLE = "email"  # the only channel with a login that can break every message


def backoff(attempts: int) -> timedelta:
    """Delay after the n-th failed attempt: 1 min, 2, 4, 8 … capped at 6 h."""
    delay: timedelta = BACKOFF_START * (2 ** max(0, min(attempts - 1, 20)))
    return min(delay, BACKOFF_CAP)


@dataclass(slots=True)
class QueueReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    paused: bool = False
    failures: list[str] = field(default_factory=list)
    sent_to: list[str] = field(default_factory=list)


def envelope_of(delivery: Delivery, digest: Digest) -> Envelope:
    identity = (
        digest.message_id
        if delivery.channel == "email"
        else delivery_identity(digest.message_id, delivery.channel, delivery.address)
    )
    return Envelope(
        delivery_id=delivery.id, channel=delivery.channel, address=delivery.address,
        label=delivery.label or delivery.address, identity=identity, payload=delivery.payload,
        parts_sent=delivery.parts_sent, kind=digest.kind, subject=digest.subject,
        text=digest.text_body, html=digest.html_body, created_at=digest.created_at,
    )  # fmt: skip


def run_queue(
    session_factory: sessionmaker[Session],
    channels: Mapping[str, Channel],
    settings: MailSettings,
    now: datetime,
    *,
    lease: timedelta = timedelta(minutes=10),
    force: bool = False,
    clock: Callable[[], datetime] | None = None,
) -> QueueReport:
    """Send every due delivery once. `force` tries e-mail even while paused after an auth
    failure; a paused e-mail queue never holds back Slack or webhooks."""
    report = QueueReport()
    skip: tuple[str, ...] = ()
    with read_only(session_factory) as session:
        paused_at = deliveries.last_auth_failure(session)
        if paused_at is not None and not force and now - paused_at < AUTH_PAUSE:
            report.paused = True
            skip = (PAUSABLE,)
    handled: set[int] = set()
    for _ in range(3):  # a second pass sends the ops alerts that the first pass queued
        with read_only(session_factory) as session:
            due = [
                i for i in deliveries.due_delivery_ids(session, now, skip_channels=skip)
                if i not in handled
            ]  # fmt: skip
        if not due:
            break
        for delivery_id in due:
            handled.add(delivery_id)
            outcome = _attempt_one(
                session_factory, channels, settings, delivery_id, now, lease, clock, report
            )
            if outcome is Outcome.PAUSE:
                report.paused = True
                skip = (PAUSABLE,)
                break  # the due list holds e-mail rows: read it again without them
    return report


def _attempt_one(
    session_factory: sessionmaker[Session], channels: Mapping[str, Channel],
    settings: MailSettings, delivery_id: int, now: datetime, lease: timedelta,
    clock: Callable[[], datetime] | None, report: QueueReport,
) -> Outcome | None:  # fmt: skip
    with session_factory.begin() as session:
        delivery, digest = deliveries.delivery_with_digest(session, delivery_id)
        if delivery.channel == PAUSABLE and report.paused:
            return None
        if not deliveries.claim(session, delivery_id, clock() if clock else now, lease):
            return None  # another sender took it, or it is no longer due
        delivery, digest = deliveries.delivery_with_digest(session, delivery_id)
        envelope = envelope_of(delivery, digest)
    # committed: the row is `sending` with a lease; the channel talks outside any transaction
    channel = channels.get(envelope.channel)
    if channel is None:
        attempt = Attempt(Outcome.FAILED, f"no channel {envelope.channel!r} in this version")
    else:
        attempt = channel.send(envelope)
    with session_factory.begin() as session:
        _settle(session, delivery_id, attempt, settings, clock() if clock else now, report)
    return attempt.outcome


def _settle(
    session: Session, delivery_id: int, attempt: Attempt, settings: MailSettings,
    now: datetime, report: QueueReport,
) -> None:  # fmt: skip
    delivery, digest = deliveries.delivery_with_digest(session, delivery_id)
    label = delivery.label or delivery.address
    what = f"{digest.kind} {digest.message_id} to {label} ({delivery.channel})"
    if attempt.parts_sent is not None:
        deliveries.mark_progress(session, delivery_id, attempt.parts_sent)
    if attempt.outcome is Outcome.SENT:
        deliveries.mark_sent(session, delivery_id, now)
        report.sent += 1
        report.sent_to.append(label)
        logger.info("sent %s", what)
    elif attempt.outcome is Outcome.PAUSE:
        deliveries.mark_paused(session, delivery_id, attempt.error)
        logger.error(
            "SENDING PAUSED: the mail server refused our credentials or sender (%s); fix [smtp] "
            "url/from and run `wirewatch digest`; nothing is lost, the queue waits", attempt.error,
        )  # fmt: skip
    elif attempt.outcome is Outcome.RETRY and delivery.attempts < MAX_ATTEMPTS:
        delay = max(backoff(delivery.attempts), attempt.retry_after or timedelta(0))
        deliveries.mark_retry(session, delivery_id, now + delay, attempt.error)
        report.retried += 1
        logger.warning("will retry %s (attempt %d): %s", what, delivery.attempts, attempt.error)
    else:
        error = attempt.error
        if attempt.outcome is Outcome.RETRY:
            error = f"gave up after {delivery.attempts} attempts: {error}"
        deliveries.mark_failed(session, delivery_id, error)
        report.failed += 1
        report.failures.append(f"{label}: {error}")
        logger.error("delivery failed for %s: %s", what, error)
        _alert_ops_about(session, delivery, digest, error, settings, now)


def _alert_ops_about(
    session: Session, delivery: Delivery, digest: Digest, error: str, settings: MailSettings,
    now: datetime,
) -> None:  # fmt: skip
    if digest.kind == "ops":
        return  # never an alert about an alert: that is how mail loops start
    label = delivery.label or delivery.address
    context = {
        "summary": f"to {label}",
        "facts": {
            "Recipient": label,
            "Channel": delivery.channel,
            "Subject": digest.subject,
            "Message-ID": digest.message_id,
            "Attempts": str(delivery.attempts),
            "Error": error,
            "First queued": delivery.created_at.isoformat(),
        },
        "advice": "Check the address (or the receiving service) and the reply above. The events "
        "in this message were not delivered to this recipient; run `wirewatch digest --preview "
        "DIR` to see what they were.",
    }
    queue_ops_alert(session, settings, f"delivery-failed:{delivery.id}", "delivery_failed",
                    context, now)  # fmt: skip


def queue_ops_alert(
    session: Session, settings: MailSettings, key: str, kind: str, context: Mapping[str, Any],
    now: datetime,
) -> bool:  # fmt: skip
    """Put an ops alert in the outbox once per `key`, to `[smtp] ops` and `[smtp] ops_slack`;
    False when sent before or nobody is configured to hear it."""
    digest_key = f"ops:{key}"
    if not settings.ops and not settings.ops_slack:
        logger.warning("ops alert %s not sent: [smtp] ops and ops_slack are empty", key)
        return False
    if digests.message_exists(session, digest_key):
        return False
    rendered = render_ops_alert(kind, context)
    to = digests.email_to(settings.ops)
    if settings.ops_slack:
        values = ops_values(kind, context)
        message = slack_ops(values["title"], values["summary"], values["facts"], values["advice"])
        to.append(digests.Outgoing("slack", settings.ops_slack, "ops Slack channel",
                                   slack_payload([message])))  # fmt: skip
    created = digests.create_message(
        session, digest_key=digest_key, kind="ops", subscriber_id=None,
        message_id=new_message_id(settings, "ops"), subject=rendered.subject,
        text_body=rendered.text, html_body=rendered.html, to=to, now=now,
    )  # fmt: skip
    return created is not None
