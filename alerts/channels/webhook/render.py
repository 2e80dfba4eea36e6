"""DigestContent → the webhook's JSON event, signed. Pure.

One shape for every message (README "Webhooks"): `id` is the delivery id also sent as
`X-Wirewatch-Delivery` (the same on a resend: receivers drop what they have seen), `kind` is
`digest` or `alert`, `events` the milestones, `corrections` the retractions. The signature is
HMAC-SHA256 of the exact body bytes with the subscriber's `webhook_secret`, made when the
message is composed: the outbox stores the body and its signature, never the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from alerts.digest import DigestContent, Item
from alerts.vocabulary import severity_class

SCHEMA = "wirewatch.milestones/1"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def event_json(item: Item, company: str) -> dict[str, Any]:
    return {
        "event_id": item.event_id,
        "type": item.type,
        "label": item.label,
        "severity": severity_class(item.type),
        "summary": item.summary,
        "agency": item.agency,
        "product": item.product,
        "indication": item.indication,
        "phase": item.phase,
        "status": item.status,
        "company": company,
        "headline": item.headline,
        "evidence": item.evidence,
        "release_url": item.url,
        "source": item.source,
        "published_at": _iso(item.published_at),
        "detected_at": _iso(item.detected_at),
    }


def event_body(content: DigestContent, delivery_id: str, created_at: datetime) -> bytes:
    document = {
        "schema": SCHEMA,
        "id": delivery_id,
        "kind": content.kind,
        "created_at": created_at.isoformat(),
        "subscriber": content.recipient,
        "events": [event_json(i, s.company) for s in content.sections for i in s.items],
        "corrections": [
            {"event_id": c.event_id, "summary": c.summary, "headline": c.headline,
             "release_url": c.url, "reason": c.reason}
            for c in content.corrections
        ],
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(body: bytes, secret: str) -> str:
    """The X-Wirewatch-Signature value: sha256=<hex of HMAC-SHA256(secret, body)>."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def payload(body: bytes, secret: str) -> str:
    """What the outbox stores: the exact body and its signature."""
    return json.dumps({"body": body.decode("utf-8"), "signature": signature(body, secret)},
                      ensure_ascii=False)  # fmt: skip


def parts_of(stored: str) -> tuple[bytes, str]:
    data = json.loads(stored)
    return str(data["body"]).encode("utf-8"), str(data["signature"])
