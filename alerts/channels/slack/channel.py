"""Send stored Slack messages in order; a retry resumes at the first one not accepted."""

from __future__ import annotations

import json
from dataclasses import dataclass

from alerts.channels import http
from alerts.channels.base import Attempt, Envelope, Outcome
from alerts.channels.slack.render import messages_of


@dataclass(frozen=True, slots=True)
class SlackChannel:
    timeout: float = 30.0

    def describe(self) -> str:
        return "Slack incoming webhooks"

    def send(self, envelope: Envelope) -> Attempt:
        if not envelope.payload:
            return Attempt(Outcome.FAILED, "nothing stored to send")
        messages = messages_of(envelope.payload)
        sent = envelope.parts_sent
        for message in messages[sent:]:
            body = json.dumps(message, ensure_ascii=False).encode("utf-8")
            reply = http.post(envelope.address, body, {}, self.timeout)
            attempt = (
                reply if isinstance(reply, Attempt) else http.attempt_of(reply, envelope.address)
            )
            if attempt.outcome is not Outcome.SENT:
                return Attempt(attempt.outcome, attempt.error, attempt.retry_after, sent)
            sent += 1
        return Attempt(Outcome.SENT, parts_sent=sent)
