"""The payload each channel stores in the outbox for one message (None: e-mail, which is
rebuilt from the digest's subject and bodies)."""

from __future__ import annotations

from datetime import datetime

from alerts.channels.slack import render as slack
from alerts.channels.webhook import render as webhook
from alerts.digest import DigestContent


def payload_for(
    channel: str, content: DigestContent, *, identity: str, created_at: datetime,
    secret: str | None,
) -> str | None:  # fmt: skip
    if channel == "email":
        return None
    if channel == "slack":
        return slack.payload(slack.render_messages(content))
    if channel == "webhook":
        if not secret:
            raise ValueError("a webhook message needs its subscriber's webhook_secret")
        return webhook.payload(webhook.event_body(content, identity, created_at), secret)
    raise ValueError(f"unknown channel {channel!r}")
