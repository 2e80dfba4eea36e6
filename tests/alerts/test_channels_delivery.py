"""Slack and signed webhooks through the outbox to a real HTTP server on 127.0.0.1.

The receiver (`wirewatch.receiver`) checks every signature and answers as each test scripts it:
200, 429 with Retry-After, 500, 400, or a dropped connection after reading the request. Every
test runs on SQLite and PostgreSQL (the `session_factory` fixture).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Delivery, Digest
from tests.support.mailing import T0, seed_event
from tests.support.smtp import SmtpServer
from wirewatch.config import Config
from wirewatch.mailing import Mailer
from wirewatch.receiver import DROP, Answer, Receiver

BEFORE = T0 - timedelta(hours=1)
SECRET = "s3cret-s3cret-s3cret"
SLACK = "/services/T000/B000/SlackSecretPath"
HOOK = "/hooks/crm/WebhookSecretPath"


@pytest.fixture
def hooks() -> Iterator[Receiver]:
    with Receiver() as receiver:
        receiver.expect_secret(HOOK, SECRET)
        yield receiver


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def config(hooks: Receiver, smtp: SmtpServer, **smtp_options: Any) -> Config:
    every = {"digest": "daily 08:00 UTC", "immediate": ["ind_clearance"]}
    return Config.model_validate({
        "subscriber": [
            {"email": "bd@bd.test", **every},
            {"slack": hooks.url(SLACK), "name": "bd-slack", **every},
            {"webhook": hooks.url(HOOK), "webhook_secret": SECRET, "name": "crm", **every},
        ],
        "smtp": {"url": smtp.url(), "from": "wirewatch <alerts@wirewatch.test>", "timeout": "5s",
                 **smtp_options},
        "database": {"url": "sqlite://"},
    })  # fmt: skip


def subscribed(session_factory: sessionmaker[Session], tmp_path: Path, cfg: Config) -> Mailer:
    mailer = Mailer(cfg, session_factory, tmp_path)
    mailer.sync_subscribers(BEFORE)
    return mailer


def two_events(session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as session:
        seed_event(session)  # ind_clearance: immediate
        seed_event(session, type_="orphan_drug", product="XS228", indication="ALS",
                   evidence="The FDA granted orphan drug designation to XS228 for ALS.")  # fmt: skip


def rows(session_factory: sessionmaker[Session], channel: str | None = None) -> list[Delivery]:
    with session_factory() as session:
        stmt = select(Delivery).order_by(Delivery.id)
        if channel:
            stmt = stmt.where(Delivery.channel == channel)
        return list(session.scalars(stmt))


def test_every_channel_gets_each_event_exactly_once_and_nothing_on_the_next_run(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed(session_factory, tmp_path, config(hooks, smtp))
    two_events(session_factory)

    report = mailer.cycle(T0 + timedelta(days=1))
    again = mailer.cycle(T0 + timedelta(days=1, minutes=5), force_due=True)

    assert report.queue is not None and report.queue.sent == 6
    assert again.queue is not None and again.queue.sent == 0
    assert len(smtp.sink.to("bd@bd.test")) == 2
    slack = [r.json() for r in hooks.received(SLACK)]
    assert len(slack) == 2  # the alert, then the digest
    assert "FDA cleared the IND for XS-411" in json.dumps(slack[0])
    assert "orphan drug designation to XS228" in json.dumps(slack[1])
    posts = hooks.received(HOOK)
    assert [p.signature_ok for p in posts] == [True, True]
    bodies = [p.json() for p in posts]
    assert [(b["kind"], [e["type"] for e in b["events"]]) for b in bodies] == [
        ("alert", ["ind_clearance"]), ("digest", ["orphan_drug"]),
    ]  # fmt: skip
    assert [b["id"] for b in bodies] == [p.headers["X-Wirewatch-Delivery"] for p in posts]
    assert len({b["id"] for b in bodies}) == 2


def test_a_dropped_reply_is_resent_once_with_the_same_delivery_id_body_and_signature(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed(session_factory, tmp_path, config(hooks, smtp))
    with session_factory.begin() as session:
        seed_event(session)
    hooks.script(HOOK, DROP)

    mailer.cycle(T0 + timedelta(minutes=1))
    [row] = rows(session_factory, "webhook")
    assert row.status == "retry" and "no reply" in (row.last_error or "")
    mailer.cycle(T0 + timedelta(minutes=3))

    first, second = hooks.received(HOOK)
    assert first.answered is None and second.answered == 200
    assert first.headers["X-Wirewatch-Delivery"] == second.headers["X-Wirewatch-Delivery"]
    assert first.body == second.body
    assert first.headers["X-Wirewatch-Signature"] == second.headers["X-Wirewatch-Signature"]
    assert second.signature_ok is True
    assert [r.status for r in rows(session_factory, "webhook")] == ["sent"]


def test_429_waits_as_long_as_retry_after_asks_then_sends_one_copy(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed(session_factory, tmp_path, config(hooks, smtp))
    with session_factory.begin() as session:
        seed_event(session)
    hooks.script(SLACK, Answer(429, retry_after="600", body="rate_limited"))
    start = T0 + timedelta(minutes=1)

    mailer.cycle(start)
    [row] = rows(session_factory, "slack")
    assert row.status == "retry" and row.next_attempt_at == start + timedelta(seconds=600)
    assert "HTTP 429: rate_limited" in (row.last_error or "")
    mailer.cycle(start + timedelta(minutes=5))  # the 1-minute backoff alone would send now
    assert len(hooks.received(SLACK)) == 1
    mailer.cycle(start + timedelta(minutes=11))

    assert [r.answered for r in hooks.received(SLACK)] == [429, 200]
    assert rows(session_factory, "slack")[0].status == "sent"


def test_500s_retry_with_backoff_and_the_receiver_gets_one_accepted_copy(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed(session_factory, tmp_path, config(hooks, smtp))
    with session_factory.begin() as session:
        seed_event(session)
    hooks.script(HOOK, 500, 503)
    start = T0 + timedelta(minutes=1)

    mailer.cycle(start)
    [row] = rows(session_factory, "webhook")
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "retry", 1, start + timedelta(minutes=1),
    )  # fmt: skip
    mailer.cycle(start + timedelta(minutes=1))
    assert rows(session_factory, "webhook")[0].next_attempt_at == start + timedelta(minutes=3)
    mailer.cycle(start + timedelta(minutes=3))

    assert [r.answered for r in hooks.received(HOOK)] == [500, 503, 200]
    assert len({r.headers["X-Wirewatch-Delivery"] for r in hooks.received(HOOK)}) == 1
    assert [(r.status, r.attempts) for r in rows(session_factory, "webhook")] == [("sent", 3)]


def test_a_400_fails_the_delivery_and_alerts_ops_by_mail_and_slack_naming_no_url(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    cfg = config(hooks, smtp, ops=["ops@bd.test"], ops_slack=hooks.url("/ops"))
    mailer = subscribed(session_factory, tmp_path, cfg)
    with session_factory.begin() as session:
        seed_event(session)
    hooks.script(HOOK, Answer(400, body="bad signature"))

    report = mailer.cycle(T0 + timedelta(minutes=1))

    [row] = rows(session_factory, "webhook")
    assert row.status == "failed" and row.attempts == 1
    assert report.queue is not None and report.queue.failures == ["crm: HTTP 400: bad signature"]
    [ops_mail] = smtp.sink.to("ops@bd.test")
    assert "crm" in ops_mail.part("plain") and "HTTP 400" in ops_mail.part("plain")
    [ops_slack] = hooks.received("/ops")
    assert "crm" in ops_slack.body.decode() and "HTTP 400" in ops_slack.body.decode()
    for text in (ops_mail.raw.decode(), ops_slack.body.decode()):
        assert "WebhookSecretPath" not in text and "SlackSecretPath" not in text
    mailer.cycle(T0 + timedelta(hours=2))
    assert len(hooks.received(HOOK)) == 1  # failed stays failed: never a second send


def test_a_webhook_or_slack_url_never_appears_in_logs_reports_or_stored_errors(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    cfg = config(hooks, smtp, ops=["ops@bd.test"])
    mailer = subscribed(session_factory, tmp_path, cfg)
    two_events(session_factory)
    hooks.script(HOOK, DROP, Answer(500, body=f"echo {HOOK}"), 400)
    hooks.script(SLACK, 500, Answer(404, body="no_service"))
    caplog.set_level(logging.DEBUG)

    lines = []
    for minutes in (1, 3, 7, 20):
        lines += mailer.cycle(T0 + timedelta(days=1, minutes=minutes)).lines()

    with session_factory() as session:
        stored = [
            *(d.last_error or "" for d in session.scalars(select(Delivery))),
            *(d.text_body + d.subject for d in session.scalars(select(Digest))),
        ]
    everything = "\n".join([caplog.text, *lines, *stored, *(m.raw.decode() for m in
                                                           smtp.sink.received)])  # fmt: skip
    assert "failed: crm: HTTP 400" in "\n".join(lines)
    assert "failed: bd-slack: HTTP 404: no_service" in "\n".join(lines)
    for secret in ("WebhookSecretPath", "SlackSecretPath", SECRET):
        assert secret not in everything


def test_a_long_slack_digest_is_split_and_a_failed_second_part_resends_only_that_part(
    session_factory: sessionmaker[Session], hooks: Receiver, smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed(session_factory, tmp_path, config(hooks, smtp))
    with session_factory.begin() as session:
        for n in range(30):
            seed_event(session, type_="fast_track", product=f"XS-{n:03d}",
                       evidence=f"The FDA granted Fast Track designation to XS-{n:03d}.")  # fmt: skip
    hooks.script(SLACK, 200, 500)

    mailer.cycle(T0 + timedelta(days=1))
    [row] = rows(session_factory, "slack")
    assert (row.status, row.parts_sent) == ("retry", 1)
    mailer.cycle(T0 + timedelta(days=1, minutes=2))

    posts = hooks.received(SLACK)
    assert [p.answered for p in posts] == [200, 500, 200]
    first, _, second = (p.json() for p in posts)
    assert first["blocks"][0]["text"]["text"].endswith("(part 1 of 2)")
    assert second["blocks"][0]["text"]["text"].endswith("(part 2 of 2)")
    shown = json.dumps([first["blocks"], second["blocks"]])
    assert all(
        shown.count(f"designation to XS-{n:03d} (") == 1 for n in range(30)
    )  # each once, none lost
    assert all(len(m["blocks"]) <= 50 for m in (first, second))
    assert [(r.status, r.parts_sent) for r in rows(session_factory, "slack")] == [("sent", 2)]


def test_a_paused_smtp_login_holds_back_mail_only_and_slack_and_webhooks_still_go(
    session_factory: sessionmaker[Session], hooks: Receiver, tmp_path: Path
) -> None:
    with SmtpServer(auth=("bot", "right")) as server:
        cfg = config(hooks, server)
        cfg = cfg.model_copy(
            update={"smtp": cfg.smtp.model_copy(update={"url": server.url("bot", "wrong")})}
        )
        mailer = subscribed(session_factory, tmp_path, cfg)
        with session_factory.begin() as session:
            seed_event(session)

        report = mailer.cycle(T0 + timedelta(minutes=1))
        mailer.cycle(T0 + timedelta(minutes=2))  # still paused: e-mail is not retried yet

        assert report.queue is not None and report.queue.paused
        assert server.sink.received == []
    assert len(hooks.received(SLACK)) == 1 and len(hooks.received(HOOK)) == 1
    statuses = {r.channel: r.status for r in rows(session_factory)}
    assert statuses == {"email": "queued", "slack": "sent", "webhook": "sent"}
