"""Render e-mails from templates/email/<name>/{subject.txt, body.txt, body.html} and build them.

Autoescape is on for `.html` templates only (decided by name, explicitly: `select_autoescape`
misses names such as `digest.html.j2`), and `StrictUndefined` turns a missing variable into an
error instead of a blank. Plain text is never escaped. CSS is inlined after rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from alerts.digest import DigestContent
from alerts.sanitize import header_text, one_line, safe_url

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_DOMAIN = "wirewatch.invalid"


@dataclass(frozen=True, slots=True)
class MailSettings:
    """What messages need from the [smtp] configuration."""

    sender: str = "wirewatch <alerts@example.com>"
    unsubscribe: str | None = None
    ops: tuple[str, ...] = ()
    ops_slack: str | None = field(default=None, repr=False)  # an incoming-webhook URL: secret

    @property
    def sender_address(self) -> Address:
        display, addr = parseaddr(self.sender)
        username, _, domain = addr.partition("@")
        return Address(display_name=header_text(display, 100), username=username, domain=domain)

    @property
    def message_id_domain(self) -> str:
        """Message-IDs use the sender's domain, not this host's name, so they stay stable."""
        domain = parseaddr(self.sender)[1].rpartition("@")[2].strip().lower()
        return (
            domain if domain and all(c.isalnum() or c in ".-" for c in domain) else DEFAULT_DOMAIN
        )

    @property
    def unsubscribe_link(self) -> str | None:
        if self.unsubscribe and self.unsubscribe.startswith("mailto:"):
            return one_line(self.unsubscribe).replace(" ", "")
        return safe_url(self.unsubscribe)


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(".html")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=_autoescape,  # noqa: S701 (on for .html, off for .txt: decided by name)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    return env


@cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def render(name: str, context: Mapping[str, Any]) -> Rendered:
    """Render email/<name>/ into a one-line subject, a text body and an inlined HTML body."""
    env = environment()
    subject = env.get_template(f"email/{name}/subject.txt").render(context)
    text = env.get_template(f"email/{name}/body.txt").render(context)
    html = env.get_template(f"email/{name}/body.html").render(context)
    return Rendered(header_text(subject), text, _inliner().inline(html))


def render_digest(content: DigestContent, settings: MailSettings) -> Rendered:
    """A `milestone-digest` (several events, corrections) or a `milestone-alert` (one event)."""
    name = "milestone-alert" if content.kind == "alert" else "milestone-digest"
    return render(name, {"digest": content, "unsubscribe": settings.unsubscribe_link})


OPS_TITLES = {
    "delivery_failed": "A message could not be delivered",
    "delivery_paused": "Sending is paused: the mail server refused our login",
    "watch_unhealthy": "A watch is unhealthy",
    "watch_recovered": "A watch has recovered",
}


def render_ops_alert(kind: str, context: Mapping[str, Any]) -> Rendered:
    """An `ops-alert` for health and delivery problems.

    `context`: `summary` (one line, goes in the subject), `facts` (label → value, e.g. watch,
    health, since, last error), `advice` (what to do); optional `title`.
    """
    return render("ops-alert", ops_values(kind, context))


def ops_values(kind: str, context: Mapping[str, Any]) -> dict[str, Any]:
    """The ops alert's title, summary, facts and advice, for every channel."""
    facts = context.get("facts") or {}
    pairs = list(facts.items()) if isinstance(facts, Mapping) else list(facts)
    return {
        "kind": kind,
        "title": context.get("title") or OPS_TITLES.get(kind, kind.replace("_", " ").capitalize()),
        "summary": one_line(str(context.get("summary") or "")),
        "facts": [(one_line(str(k)), one_line(str(v))) for k, v in pairs],
        "advice": str(context.get("advice") or ""),
    }


def new_message_id(settings: MailSettings, idstring: str) -> str:
    """A Message-ID made once per digest, stored with it and reused on every resend."""
    return make_msgid(idstring=header_text(idstring, 40).replace(" ", "-") or None,
                      domain=settings.message_id_domain)  # fmt: skip


def build_message(
    *,
    settings: MailSettings,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """The message exactly as stored: multipart/alternative, plain text first, then HTML."""
    message = EmailMessage(policy=SMTP)
    message["From"] = settings.sender_address
    username, _, domain = recipient.partition("@")
    message["To"] = Address(username=username, domain=domain)
    message["Subject"] = header_text(subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"  # Outlook/Exchange out-of-office replies
    link = settings.unsubscribe_link
    if link:
        message["List-Unsubscribe"] = f"<{link}>"
        if link.startswith("https://"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    # A boundary derived from the Message-ID: every resend is the same bytes.
    message.set_boundary(f"==wirewatch-{sha256(message_id.encode()).hexdigest()[:32]}")
    return message
