"""POST the stored, signed body with its stable delivery id."""

from __future__ import annotations

from dataclasses import dataclass

from alerts.channels import http
from alerts.channels.base import Attempt, Envelope, Outcome
from alerts.channels.webhook.render import parts_of

SIGNATURE_HEADER = "X-Wirewatch-Signature"
DELIVERY_HEADER = "X-Wirewatch-Delivery"


@dataclass(frozen=True, slots=True)
class WebhookChannel:
    timeout: float = 30.0

    def describe(self) -> str:
        return "signed webhooks"

    def send(self, envelope: Envelope) -> Attempt:
        if not envelope.payload:
            return Attempt(Outcome.FAILED, "nothing stored to send")
        body, signature = parts_of(envelope.payload)
        headers = {SIGNATURE_HEADER: signature, DELIVERY_HEADER: envelope.identity}
        reply = http.post(envelope.address, body, headers, self.timeout)
        return reply if isinstance(reply, Attempt) else http.attempt_of(reply, envelope.address)
