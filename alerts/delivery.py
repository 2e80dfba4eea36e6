"""The sender: claim an outbox row, commit, talk SMTP outside any transaction, settle the row.

Delivery is at-least-once with a stable identity (ARCHITECTURE.md "Delivery"): the only possible
duplicate is a resend with the same Message-ID after the server's reply to an accepted message
was lost. Outcomes: 250 → sent; 4xx, timeouts, refused or dropped connections → retry with
exponential backoff (1 min doubling to at most 6 h) until MAX_ATTEMPTS → failed; 5xx or a refused
recipient → failed; failed → an ops alert (itself through the outbox, never about an ops alert);
authentication or sender refusal → sending paused, no attempt spent, logged as ERROR.

A non-ASCII address (RFC 6531) is sent with SMTPUTF8 when the server offers it; when it does
not, that one delivery fails (and ops hear of it). It must never pause the queue: a pause is
for what breaks every message (our login, our sender), and one subscriber's address paused all
mail for everyone, reported as a login failure (red-team H3).
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from sqlalchemy.orm import Session, sessionmaker

from alerts.email import MailSettings, build_message, new_message_id, render_ops_alert
from alerts.sanitize import one_line, slug
from storage import deliveries, digests
from storage.models import Delivery, Digest
from storage.session import read_only

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # 1+2+4+…+256 min, then 6 h twice: about 20 h of trying before giving up
BACKOFF_START = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
AUTH_PAUSE = timedelta(minutes=15)  # between login attempts after an authentication failure


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    PAUSE = "pause"


@dataclass(frozen=True, slots=True)
class Attempt:
    outcome: Outcome
    error: str = ""


class Transport(Protocol):
    def send(self, message: EmailMessage, sender: str, recipient: str) -> Attempt: ...

    def describe(self) -> str: ...


def backoff(attempts: int) -> timedelta:
    """Delay after the n-th failed attempt: 1 min, 2, 4, 8 … capped at 6 h."""
    delay: timedelta = BACKOFF_START * (2 ** max(0, min(attempts - 1, 20)))
    return min(delay, BACKOFF_CAP)


def _code_outcome(code: int) -> Outcome:
    return Outcome.RETRY if 400 <= code < 500 else Outcome.FAILED


def _reply(code: int, text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return one_line(f"{code} {raw}")[:500]


@dataclass(frozen=True, slots=True)
class SmtpTransport:
    """smtp:// (plain, optional AUTH), smtps:// (implicit TLS), smtp+starttls://."""

    scheme: str
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0

    @classmethod
    def from_url(cls, url: str, timeout: float) -> SmtpTransport:
        parts = urlsplit(url)
        default_port = {"smtps": 465, "smtp+starttls": 587}.get(parts.scheme, 25)
        return cls(
            scheme=parts.scheme,
            host=parts.hostname or "localhost",
            port=parts.port or default_port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            timeout=timeout,
        )

    def describe(self) -> str:
        user = f"{self.username}@" if self.username else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"  # never the password

    def _connect(self) -> smtplib.SMTP:
        local = socket.gethostname()  # getfqdn() may wait on DNS
        if self.scheme == "smtps":
            return smtplib.SMTP_SSL(
                self.host, self.port, local_hostname=local, timeout=self.timeout,
                context=ssl.create_default_context(),
            )  # fmt: skip
        smtp = smtplib.SMTP(self.host, self.port, local_hostname=local, timeout=self.timeout)
        if self.scheme == "smtp+starttls":
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        return smtp

    def send(self, message: EmailMessage, sender: str, recipient: str) -> Attempt:
        smtp: smtplib.SMTP | None = None
        try:
            smtp = self._connect()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.ehlo_or_helo_if_needed()
            if not (sender.isascii() and recipient.isascii()) and not smtp.has_extn("smtputf8"):
                return Attempt(
                    Outcome.FAILED,
                    f"the mail server does not offer SMTPUTF8, needed for the non-ASCII address "
                    f"{one_line(recipient if not recipient.isascii() else sender)}",
                )
            refused = smtp.send_message(message, from_addr=sender, to_addrs=[recipient])
        except UnicodeError as exc:  # a header or address this message cannot carry
            return Attempt(Outcome.FAILED, f"cannot encode the message: {one_line(str(exc))}")
        except smtplib.SMTPAuthenticationError as exc:
            return Attempt(
                Outcome.PAUSE, f"authentication failed: {_reply(exc.smtp_code, exc.smtp_error)}"
            )
        except smtplib.SMTPNotSupportedError as exc:
            return Attempt(Outcome.PAUSE, f"server does not support this: {one_line(str(exc))}")
        except smtplib.SMTPSenderRefused as exc:
            outcome = Outcome.RETRY if 400 <= exc.smtp_code < 500 else Outcome.PAUSE
            return Attempt(outcome, f"sender refused: {_reply(exc.smtp_code, exc.smtp_error)}")
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = exc.recipients.get(recipient, (550, b"refused"))
            return Attempt(_code_outcome(code), f"recipient refused: {_reply(code, text)}")
        except smtplib.SMTPResponseException as exc:
            return Attempt(_code_outcome(exc.smtp_code), _reply(exc.smtp_code, exc.smtp_error))
        except smtplib.SMTPServerDisconnected as exc:
            return Attempt(Outcome.RETRY, f"connection lost: {one_line(str(exc))}")
        except (smtplib.SMTPException, OSError) as exc:  # refused, timeout, TLS, DNS
            return Attempt(Outcome.RETRY, f"{type(exc).__name__}: {one_line(str(exc))}"[:500])
        finally:
            if smtp is not None:
                _quit(smtp)
        if refused:
            code, text = refused.get(recipient, next(iter(refused.values())))
            return Attempt(_code_outcome(code), f"recipient refused: {_reply(code, text)}")
        return Attempt(Outcome.SENT)


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()  # the message is settled by send_message's result, not by QUIT


@dataclass(frozen=True, slots=True)
class FileTransport:
    """No SMTP configured: each message becomes <dir>/<timestamp>-<message-id>-<recipient>.eml."""

    directory: Path

    def describe(self) -> str:
        return f"files in {self.directory}"

    def send(self, message: EmailMessage, sender: str, recipient: str) -> Attempt:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{stamp}-{slug(str(message['Message-ID']).strip('<>'))}-{slug(recipient)}.eml"
        try:
            write_atomic(self.directory / name, message.as_bytes())
        except OSError as exc:
            return Attempt(Outcome.RETRY, f"cannot write {self.directory}: {exc}")
        return Attempt(Outcome.SENT)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(slots=True)
class QueueReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    paused: bool = False
    failures: list[str] = field(default_factory=list)
    sent_to: list[str] = field(default_factory=list)


def message_for(digest: Digest, recipient: str, settings: MailSettings) -> EmailMessage:
    """The stored message, rebuilt byte-for-byte the same on every attempt."""
    return build_message(
        settings=settings, recipient=recipient, subject=digest.subject, text=digest.text_body,
        html=digest.html_body, message_id=digest.message_id, date=digest.created_at,
    )  # fmt: skip


def run_queue(
    session_factory: sessionmaker[Session],
    transport: Transport,
    settings: MailSettings,
    now: datetime,
    *,
    lease: timedelta = timedelta(minutes=10),
    force: bool = False,
    clock: Callable[[], datetime] | None = None,
) -> QueueReport:
    """Send every due delivery once. `force` tries even while paused after an auth failure."""
    report = QueueReport()
    with read_only(session_factory) as session:
        paused_at = deliveries.last_auth_failure(session)
        if paused_at is not None and not force and now - paused_at < AUTH_PAUSE:
            report.paused = True
            return report
    handled: set[int] = set()
    for _ in range(3):  # a second pass sends the ops alerts that the first pass queued
        with read_only(session_factory) as session:
            due = [i for i in deliveries.due_delivery_ids(session, now) if i not in handled]
        if not due:
            break
        for delivery_id in due:
            handled.add(delivery_id)
            if _attempt_one(session_factory, transport, settings, delivery_id, now, lease,
                            clock, report) is Outcome.PAUSE:  # fmt: skip
                report.paused = True
                return report
    return report


def _attempt_one(
    session_factory: sessionmaker[Session], transport: Transport, settings: MailSettings,
    delivery_id: int, now: datetime, lease: timedelta, clock: Callable[[], datetime] | None,
    report: QueueReport,
) -> Outcome | None:  # fmt: skip
    with session_factory.begin() as session:
        if not deliveries.claim(session, delivery_id, clock() if clock else now, lease):
            return None  # another sender took it, or it is no longer due
        delivery, digest = deliveries.delivery_with_digest(session, delivery_id)
        message = message_for(digest, delivery.recipient, settings)
        recipient = delivery.recipient
    # committed: the row is `sending` with a lease; SMTP runs outside any transaction
    attempt = transport.send(message, parseaddr(settings.sender)[1], recipient)
    with session_factory.begin() as session:
        _settle(session, delivery_id, attempt, settings, clock() if clock else now, report)
    return attempt.outcome


def _settle(
    session: Session, delivery_id: int, attempt: Attempt, settings: MailSettings,
    now: datetime, report: QueueReport,
) -> None:  # fmt: skip
    delivery, digest = deliveries.delivery_with_digest(session, delivery_id)
    what = f"message {digest.message_id} to {delivery.recipient}"
    if attempt.outcome is Outcome.SENT:
        deliveries.mark_sent(session, delivery_id, now)
        report.sent += 1
        report.sent_to.append(delivery.recipient)
        logger.info("sent %s", what)
    elif attempt.outcome is Outcome.PAUSE:
        deliveries.mark_paused(session, delivery_id, attempt.error)
        logger.error(
            "SENDING PAUSED: the mail server refused our credentials or sender (%s); fix [smtp] "
            "url/from and run `wirewatch digest`; nothing is lost, the queue waits", attempt.error,
        )  # fmt: skip
    elif attempt.outcome is Outcome.RETRY and delivery.attempts < MAX_ATTEMPTS:
        deliveries.mark_retry(session, delivery_id, now + backoff(delivery.attempts), attempt.error)
        report.retried += 1
        logger.warning("will retry %s (attempt %d): %s", what, delivery.attempts, attempt.error)
    else:
        error = attempt.error
        if attempt.outcome is Outcome.RETRY:
            error = f"gave up after {delivery.attempts} attempts: {error}"
        deliveries.mark_failed(session, delivery_id, error)
        report.failed += 1
        report.failures.append(f"{delivery.recipient}: {error}")
        logger.error("delivery failed for %s: %s", what, error)
        _alert_ops_about(session, delivery, digest, error, settings, now)


def _alert_ops_about(
    session: Session, delivery: Delivery, digest: Digest, error: str, settings: MailSettings,
    now: datetime,
) -> None:  # fmt: skip
    if digest.kind == "ops":
        return  # never an alert about an alert: that is how mail loops start
    context = {
        "summary": f"to {delivery.recipient}",
        "facts": {
            "Recipient": delivery.recipient,
            "Subject": digest.subject,
            "Message-ID": digest.message_id,
            "Attempts": str(delivery.attempts),
            "Error": error,
            "First queued": delivery.created_at.isoformat(),
        },
        "advice": "Check the address and the mail server's reply above. The events in this "
        "message were not delivered to this recipient; run `wirewatch digest --preview DIR` "
        "to see what they were.",
    }
    queue_ops_alert(session, settings, f"delivery-failed:{delivery.id}", "delivery_failed",
                    context, now)  # fmt: skip


def queue_ops_alert(
    session: Session, settings: MailSettings, key: str, kind: str, context: Mapping[str, Any],
    now: datetime,
) -> bool:  # fmt: skip
    """Put an ops alert in the outbox once per `key`; False when sent before or no ops list."""
    digest_key = f"ops:{key}"
    if not settings.ops:
        logger.warning("ops alert %s not mailed: [smtp] ops is empty", key)
        return False
    if digests.message_exists(session, digest_key):
        return False
    rendered = render_ops_alert(kind, context)
    created = digests.create_message(
        session, digest_key=digest_key, kind="ops", subscriber_id=None,
        message_id=new_message_id(settings, "ops"), subject=rendered.subject,
        text_body=rendered.text, html_body=rendered.html, recipients=settings.ops, now=now,
    )  # fmt: skip
    return created is not None
