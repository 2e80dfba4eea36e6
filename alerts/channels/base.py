"""What every channel shares: the stored delivery as the sender hands it over, the outcome of
one attempt, and the stable identity of a delivery."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol
from urllib.parse import urlsplit

# A fixed namespace: the identity of a delivery is the same whoever computes it, whenever.
_IDENTITY = uuid.UUID("3f4e5a0c-8d1b-5b7e-9a51-7e0c2d6a4b19")


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # may work later: 4xx SMTP, HTTP 429/5xx, timeouts, lost connections
    FAILED = "failed"  # will not work: refused recipient, HTTP 4xx; ops are alerted
    PAUSE = "pause"  # breaks every message of the channel (our SMTP login): stop, spend nothing


@dataclass(frozen=True, slots=True)
class Attempt:
    outcome: Outcome
    error: str = ""
    retry_after: timedelta | None = None  # the server's Retry-After, honoured over backoff
    parts_sent: int | None = None  # split payloads: parts accepted by the end of this attempt


@dataclass(frozen=True, slots=True)
class Envelope:
    """One outbox row and its digest, rebuilt the same on every attempt."""

    delivery_id: int
    channel: str
    address: str  # a secret for Slack and webhooks: never print it, print `label`
    label: str
    identity: str  # the Message-ID (e-mail) or X-Wirewatch-Delivery (webhook): same on a resend
    payload: str | None
    parts_sent: int
    kind: str  # digest | alert | ops
    subject: str
    text: str
    html: str
    created_at: datetime


class Channel(Protocol):
    def send(self, envelope: Envelope) -> Attempt: ...

    def describe(self) -> str: ...


def delivery_identity(message_id: str, channel: str, address: str) -> str:
    """Stable id of (message, channel, address): a UUID, derivable again from the stored row."""
    return str(uuid.uuid5(_IDENTITY, f"{message_id}\n{channel}\n{address}"))


def redact(text: str, address: str) -> str:
    """An error text with the secret address (and its path) taken out."""
    out = text.replace(address, "<address>")
    path = urlsplit(address).path
    if len(path) > 1:
        out = out.replace(path, "<path>")
    return out
