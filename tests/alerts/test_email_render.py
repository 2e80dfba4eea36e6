"""Templates and message building: escaping, headers, multipart shape, stable identity."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from alerts.digest import Filters, Recipient, assemble_alert, assemble_digest
from alerts.email import (
    MailSettings,
    build_message,
    new_message_id,
    render_digest,
    render_ops_alert,
)
from alerts.sanitize import header_text, safe_url
from tests.support.mailing import event_view as event

NOW = datetime(2026, 3, 3, tzinfo=UTC)
R = Recipient(1, "bd@bd.test", datetime(2026, 3, 1, tzinfo=UTC), "Europe/Berlin",
              frozenset(), Filters(companies=("XellSmart",)))  # fmt: skip


@pytest.mark.parametrize(
    "hostile",
    ["X\r\nBcc: x@evil", "X=?UTF-8?Q?=0A?=Bcc: x@evil", "X\u2028Bcc: x@evil", "X\nBcc: x@evil\n",
     "X\x00\u202eBcc:\x85 x@evil", "X\u200b=\u200b?utf-8?q?=0A?="],
)  # fmt: skip
def test_header_text_leaves_one_line_and_no_encoded_word(hostile: str) -> None:
    text = header_text(hostile)
    assert "\n" not in text and "\r" not in text and "=?" not in text
    assert all(c.isprintable() for c in text)


def test_header_text_is_capped() -> None:
    assert len(header_text("x" * 1000)) == 200


@pytest.mark.parametrize(
    ("url", "kept"),
    [("https://www.prnewswire.com/news-releases/a-1.html", True), ("http://x.test/a", True),
     ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
     ("//evil.test/x", False), ("https://x.test/\"onmouseover=1", False),
     ("https://user:pw@x.test/", False), ("https://x.test/a b", False), (None, False)],
)  # fmt: skip
def test_only_plain_http_links_survive(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_html_is_escaped_and_text_is_not() -> None:
    hostile = event(title="A & B <script>alert(1)</script>", evidence='x < y & "z"')
    rendered = render_digest(assemble_alert(R, hostile, NOW), MailSettings())
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "A & B <script>alert(1)</script>" in rendered.text
    assert '"x < y & "z""' in rendered.text


def test_digest_html_has_count_sections_links_zone_and_reason() -> None:
    digest = assemble_digest(R, [event(), event(2, type="crl", status="negative")], [], NOW)
    assert digest is not None
    settings = MailSettings(unsubscribe="https://bd.test/unsubscribe?u=1&t=2")
    rendered = render_digest(digest, settings)
    assert rendered.subject == "[wirewatch] 2 new milestones: XellSmart"
    assert "2 new regulatory milestones" in rendered.html
    assert 'href="https://www.prnewswire.com/news-releases/x-302468123.html"' in rendered.html
    assert "Mon 02 Mar 2026, 14:10 CET" in rendered.html
    assert "companies: XellSmart" in rendered.html
    assert 'href="https://bd.test/unsubscribe?u=1&amp;t=2"' in rendered.html
    assert 'style="' in rendered.html  # CSS inlined for Outlook and Gmail
    assert "max-width: 640px" in rendered.html


def test_message_is_multipart_alternative_plain_first_with_identity_headers() -> None:
    settings = MailSettings(sender="wirewatch <alerts@wirewatch.test>",
                            unsubscribe="https://bd.test/u")  # fmt: skip
    rendered = render_digest(assemble_alert(R, event(), NOW), settings)
    message_id = new_message_id(settings, "alert")
    message = build_message(settings=settings, recipient="bd@bd.test", subject=rendered.subject,
                            text=rendered.text, html=rendered.html, message_id=message_id,
                            date=NOW)  # fmt: skip
    raw = message.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed["Message-ID"] == message_id and message_id.endswith("@wirewatch.test>")
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["List-Unsubscribe"] == "<https://bd.test/u>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["From"] == "wirewatch <alerts@wirewatch.test>" and parsed["To"] == "bd@bd.test"
    again = build_message(settings=settings, recipient="bd@bd.test", subject=rendered.subject,
                          text=rendered.text, html=rendered.html, message_id=message_id,
                          date=NOW)  # fmt: skip
    assert again.as_bytes() == raw


def test_mailto_unsubscribe_has_no_one_click_header() -> None:
    settings = MailSettings(unsubscribe="mailto:unsubscribe@bd.test")
    message = build_message(settings=settings, recipient="bd@bd.test", subject="s", text="t",
                            html="<p>h</p>", message_id="<1@x.test>", date=NOW)  # fmt: skip
    assert message["List-Unsubscribe"] == "<mailto:unsubscribe@bd.test>"
    assert message["List-Unsubscribe-Post"] is None


def test_ops_alert_renders_facts_and_advice_escaped() -> None:
    rendered = render_ops_alert("watch_unhealthy", {
        "summary": "xellsmart is blocked", "facts": {"Watch": "xellsmart", "Health": "blocked",
        "Since": "2026-03-02T09:00:00+00:00", "Last error": "403 <Access Denied>"},
        "advice": "Check robots.txt and the User-Agent.",
    })  # fmt: skip
    assert rendered.subject == "[wirewatch ops] A watch is unhealthy: xellsmart is blocked"
    assert "Last error: 403 <Access Denied>" in rendered.text
    assert "403 &lt;Access Denied&gt;" in rendered.html
    assert "What to do: Check robots.txt" in rendered.text


def test_each_milestone_names_the_wire_its_release_came_from() -> None:
    events = [event(), event(2, type="crl", status="negative", source="businesswire")]
    digest = assemble_digest(R, events, [], NOW)
    assert digest is not None
    rendered = render_digest(digest, MailSettings(unsubscribe="https://bd.test/u"))
    assert "Mon 02 Mar 2026, 14:10 CET · PR Newswire" in rendered.text
    assert "CET · Business Wire" in rendered.text
    assert rendered.html.count("PR Newswire") == 1 and rendered.html.count("Business Wire") == 1
