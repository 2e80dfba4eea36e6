"""E-mail transports: SMTP (plain, implicit TLS, STARTTLS) or .eml files when none is configured.

A non-ASCII address (RFC 6531) is sent with SMTPUTF8 when the server offers it; when it does
not, that one delivery fails (and ops hear of it). It must never pause the queue: a pause is
for what breaks every message (our login, our sender), and one subscriber's address paused all
mail for everyone, reported as a login failure (red-team H3).
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from alerts.channels.base import Attempt, Outcome
from alerts.sanitize import one_line, slug


class Transport(Protocol):
    def send(self, message: EmailMessage, sender: str, recipient: str) -> Attempt: ...

    def describe(self) -> str: ...


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
