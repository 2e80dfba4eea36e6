"""The e-mail channel: the stored digest rebuilt into the same message on every attempt."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

from alerts.channels.base import Attempt, Envelope
from alerts.channels.email.transport import Transport
from alerts.email import MailSettings, build_message


def message_for(envelope: Envelope, settings: MailSettings) -> EmailMessage:
    """The stored message, byte-for-byte the same on every attempt (same Message-ID)."""
    return build_message(
        settings=settings, recipient=envelope.address, subject=envelope.subject,
        text=envelope.text, html=envelope.html, message_id=envelope.identity,
        date=envelope.created_at,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class EmailChannel:
    transport: Transport
    settings: MailSettings

    def describe(self) -> str:
        return self.transport.describe()

    def send(self, envelope: Envelope) -> Attempt:
        message = message_for(envelope, self.settings)
        return self.transport.send(message, parseaddr(self.settings.sender)[1], envelope.address)
