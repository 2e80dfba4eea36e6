"""Digests and alerts through the outbox to a real SMTP server (aiosmtpd on 127.0.0.1).

Every test runs on SQLite and PostgreSQL (the `session_factory` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.channels.email.transport import SmtpTransport
from alerts.delivery import AUTH_PAUSE
from storage import deliveries
from storage.events import retract
from storage.models import Delivery, Digest
from tests.support.mailing import T0, mail_config, seed_event
from tests.support.smtp import SmtpServer, closed_port
from wirewatch.mailing import Mailer

BEFORE = T0 - timedelta(hours=1)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def make_mailer(
    session_factory: sessionmaker[Session], tmp_path: Path, url: str, subscribers: list[dict],
    **options: object,
) -> Mailer:  # fmt: skip
    config = mail_config(subscribers, smtp_url=url, **options)  # type: ignore[arg-type]
    return Mailer(config, session_factory, tmp_path)


def subscribed_mailer(
    session_factory: sessionmaker[Session], tmp_path: Path, url: str, subscribers: list[dict],
    **options: object,
) -> Mailer:  # fmt: skip
    """`make_mailer` whose subscribers are synced before any event exists (at BEFORE)."""
    mailer = make_mailer(session_factory, tmp_path, url, subscribers, **options)
    mailer.sync_subscribers(BEFORE)
    return mailer


def rows(session_factory: sessionmaker[Session]) -> list[Delivery]:
    with session_factory() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def test_two_subscribers_with_different_filters_and_zones_get_exactly_their_events(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [
        {"email": "xs@bd.test", "digest": "daily 08:00 Asia/Shanghai", "immediate": [],
         "companies": ["XellSmart Biomedical"]},
        {"email": "crl@bd.test", "digest": "daily 08:00 America/New_York", "immediate": [],
         "types": ["crl", "clinical_hold"]},
    ], companies=[{"name": "XellSmart", "aliases": ["XellSmart Biomedical"]}])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session, company="XellSmart")
        seed_event(session, company="Acme Bio", type_="crl", product="AB-1", status="negative",
                   evidence="Acme received a complete response letter for AB-1.")  # fmt: skip
        seed_event(session, company="Acme Bio", type_="approval", agency="EMA", product="AB-2")

    report = mailer.cycle(T0 + timedelta(days=1))

    assert [r.rcpt_tos for r in smtp.sink.received] == [("xs@bd.test",), ("crl@bd.test",)] or [
        r.rcpt_tos for r in smtp.sink.received
    ] == [("crl@bd.test",), ("xs@bd.test",)]
    xs = smtp.sink.to("xs@bd.test")[0]
    assert "FDA cleared the IND for XS-411 (Parkinson's disease, Phase I)" in xs.part("plain")
    assert "Acme" not in xs.part("plain")
    assert "Mon 02 Mar 2026, 17:00 CST" in xs.part("plain")  # 09:00Z in Shanghai
    crl = smtp.sink.to("crl@bd.test")[0]
    assert "FDA issued a complete response letter for AB-1" in crl.part("plain")
    assert "XS-411" not in crl.part("plain") and "AB-2" not in crl.part("plain")
    assert "Mon 02 Mar 2026, 04:00 EST" in crl.part("plain")
    assert report.queue is not None and report.queue.sent == 2 and not report.failed


def test_a_subscriber_added_later_gets_nothing_from_before(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    early = make_mailer(session_factory, tmp_path, smtp.url(), [{"email": "early@bd.test"}])
    early.sync_subscribers(BEFORE)
    with session_factory.begin() as session:
        seed_event(session)
    both = make_mailer(session_factory, tmp_path, smtp.url(),
                       [{"email": "early@bd.test"}, {"email": "late@bd.test"}])  # fmt: skip
    both.sync_subscribers(T0 + timedelta(minutes=5))

    both.cycle(T0 + timedelta(days=1), force_due=True)

    assert len(smtp.sink.to("early@bd.test")) == 1
    assert smtp.sink.to("late@bd.test") == []


def test_running_the_digest_twice_sends_nothing_the_second_time(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(),
                         [{"email": "bd@bd.test", "immediate": []}])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    mailer.cycle(now, force_due=True)
    second = mailer.cycle(now + timedelta(seconds=1), force_due=True)

    assert len(smtp.sink.received) == 1
    assert second.queue is not None and second.queue.sent == 0
    assert "nothing to send" in second.plans[0].describe()


def test_451_retries_with_backoff_then_succeeds_with_one_copy(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    smtp.sink.mode = "data_451"

    first = mailer.cycle(now)
    [row] = rows(session_factory)
    assert first.queue is not None and first.queue.retried == 1 and not first.failed
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "retry",
        1,
        now + timedelta(minutes=1),
    )

    mailer.cycle(now + timedelta(seconds=30))  # not due yet: the server is not asked
    assert smtp.sink.attempts == 1
    mailer.cycle(now + timedelta(seconds=61))  # due, still 451: the delay doubles
    [row] = rows(session_factory)
    assert (row.attempts, row.next_attempt_at) == (2, now + timedelta(seconds=61, minutes=2))

    smtp.sink.mode = "ok"
    mailer.cycle(now + timedelta(minutes=4))
    mailer.cycle(now + timedelta(minutes=30))
    [row] = rows(session_factory)
    assert row.status == "sent" and row.attempts == 3
    assert len(smtp.sink.received) == 1


def test_550_for_one_recipient_fails_that_row_and_alerts_ops_once(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(),
                         [{"email": "good@bd.test"}, {"email": "bad@bd.test"}],
                         ops=["ops@ops.test"])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session)
    smtp.sink.mode, smtp.sink.refuse = "rcpt_550", {"bad@bd.test"}

    report = mailer.cycle(T0 + timedelta(days=1))
    mailer.cycle(T0 + timedelta(days=2))

    assert report.failed and report.queue is not None and report.queue.failed == 1
    assert "550" in report.queue.failures[0]
    assert len(smtp.sink.to("good@bd.test")) == 1
    assert smtp.sink.to("bad@bd.test") == []
    [ops] = smtp.sink.to("ops@ops.test")
    assert "could not be delivered" in str(ops.message["Subject"])
    assert "bad@bd.test" in ops.part("plain") and "550" in ops.part("plain")
    statuses = {(r.recipient, r.status) for r in rows(session_factory)}
    assert statuses == {("good@bd.test", "sent"), ("bad@bd.test", "failed"),
                        ("ops@ops.test", "sent")}  # fmt: skip


def test_a_failed_ops_alert_raises_no_alert_about_itself(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [{"email": "bad@bd.test"}],
                         ops=["ops@ops.test"])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session)
    smtp.sink.mode, smtp.sink.refuse = "rcpt_550", {"bad@bd.test", "ops@ops.test"}

    mailer.cycle(T0 + timedelta(days=1))
    mailer.cycle(T0 + timedelta(days=2))

    with session_factory() as session:
        kinds = sorted(session.scalars(select(Digest.kind)))
    assert kinds == ["alert", "ops"]
    assert [r.status for r in rows(session_factory)] == ["failed", "failed"]


def test_a_server_that_is_not_listening_means_retry_then_delivery(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    down = make_mailer(session_factory, tmp_path, f"smtp://127.0.0.1:{closed_port()}",
                       [{"email": "bd@bd.test"}])  # fmt: skip
    down.sync_subscribers(BEFORE)
    with session_factory.begin() as session:
        seed_event(session)
    report = down.cycle(T0 + timedelta(days=1))
    [row] = rows(session_factory)
    assert report.queue is not None and report.queue.retried == 1
    assert row.status == "retry" and "ConnectionRefused" in (row.last_error or "")

    up = make_mailer(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    up.cycle(T0 + timedelta(days=1, minutes=2))
    assert len(smtp.sink.received) == 1 and rows(session_factory)[0].status == "sent"


def test_accept_then_drop_is_resent_exactly_once_with_the_same_message_id(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    smtp.sink.mode = "accept_then_drop"
    mailer.cycle(now)
    assert rows(session_factory)[0].status == "retry"

    smtp.sink.mode = "ok"
    for minutes in (2, 10, 60):
        mailer.cycle(now + timedelta(minutes=minutes))

    first, second = smtp.sink.received
    assert first.message_id == second.message_id
    assert first.raw == second.raw  # the stored message, byte for byte
    assert rows(session_factory)[0].status == "sent"


def test_a_row_stuck_in_sending_past_its_lease_is_resent_with_the_same_message_id(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    mailer.cycle(now, force_due=True)
    with session_factory.begin() as session:  # as if the sender died after SMTP, before settling
        row = session.scalars(select(Delivery)).one()
        row.status, row.lease_until = "sending", now + timedelta(minutes=10)
        message_id = session.get_one(Digest, row.digest_id).message_id

    mailer.cycle(now + timedelta(minutes=5))  # the lease still holds: nobody else sends it
    assert len(smtp.sink.received) == 1
    mailer.cycle(now + timedelta(minutes=11))

    assert [r.message_id for r in smtp.sink.received] == [message_id, message_id]
    assert rows(session_factory)[0].status == "sent"


def test_hostile_release_text_cannot_add_headers_recipients_scripts_or_links(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(),
                         [{"email": "bd@bd.test", "immediate": ["approval"]}])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session, company="Evil\r\nBcc: x@evil.test", type_="approval",
                   product="X=?UTF-8?Q?=0A?=Bcc: x@evil.test",
                   title="FDA approves X\r\nBcc: x@evil.test <script>alert(1)</script>",
                   evidence="<script>alert(2)</script> approved\u2028Bcc: x@evil.test",
                   url="javascript:alert(3)")  # fmt: skip
        seed_event(session, company="Evil =?UTF-8?Q?=0A?=Bcc: x@evil.test", type_="filing",
                   status="submitted", title="<img src=x onerror=alert(4)>")  # fmt: skip
    mailer.cycle(T0 + timedelta(days=1), force_due=True)

    assert len(smtp.sink.received) == 2
    for received in smtp.sink.received:
        assert received.rcpt_tos == ("bd@bd.test",)
        headers = [name.lower() for name in received.message]
        assert headers.count("subject") == 1 and "bcc" not in headers and "cc" not in headers
        assert b"\nBcc:" not in received.raw
        html = received.part("html")
        assert "<script" not in html and "<img" not in html and "javascript:" not in html
    html = "".join(r.part("html") for r in smtp.sink.received)
    assert "&lt;script&gt;" in html and "&lt;img" in html


def test_a_retraction_corrects_only_those_who_received_the_event(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(), [
        {"email": "got@bd.test", "immediate": []},
        {"email": "other@bd.test", "immediate": [], "companies": ["Acme Bio"]},
    ])  # fmt: skip
    with session_factory.begin() as session:
        event_id = seed_event(session).id
    now = T0 + timedelta(days=1)
    mailer.cycle(now, force_due=True)
    with session_factory.begin() as session:
        retract(session, event_id, "the IND was for another company", now)

    mailer.cycle(now + timedelta(hours=1), force_due=True)
    mailer.cycle(now + timedelta(hours=2), force_due=True)

    _first, correction = smtp.sink.to("got@bd.test")
    assert "Correction" in str(correction.message["Subject"])
    assert "Withdrawn: FDA cleared the IND for XS-411" in correction.part("plain")
    assert "the IND was for another company" in correction.part("html")
    assert smtp.sink.to("other@bd.test") == []


def test_an_immediate_alert_is_not_repeated_in_the_digest(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = subscribed_mailer(session_factory, tmp_path, smtp.url(),
                         [{"email": "bd@bd.test", "immediate": ["crl"]}])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session, type_="crl", product="AB-1", status="negative")
        seed_event(session, type_="orphan_drug", product="XS228")
    mailer.cycle(T0 + timedelta(minutes=1))  # the daily digest is not due yet: only the alert
    [alert] = smtp.sink.received
    assert "complete response letter for AB-1" in str(alert.message["Subject"])

    mailer.cycle(T0 + timedelta(days=1), force_due=True)
    alert_again, digest = smtp.sink.received
    assert alert_again is alert
    assert "XS228" in digest.part("plain") and "AB-1" not in digest.part("plain")


def test_an_authentication_failure_pauses_sending_without_spending_attempts(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with SmtpServer(auth=("wire", "p@ss:w/rd")) as server:
        wrong = make_mailer(session_factory, tmp_path, server.url("wire", "nope"),
                            [{"email": "a@bd.test"}, {"email": "b@bd.test"}])  # fmt: skip
        wrong.sync_subscribers(BEFORE)
        with session_factory.begin() as session:
            seed_event(session)
        now = T0 + timedelta(days=1)
        report = wrong.cycle(now)
        assert report.failed and report.queue is not None and report.queue.paused
        assert [(r.status, r.attempts) for r in rows(session_factory)] == [("queued", 0)] * 2
        with session_factory() as session:
            assert deliveries.delivery_health(session) == "failed"
        again = wrong.cycle(now + timedelta(minutes=1))  # paused: no new login attempt
        assert again.queue is not None and again.queue.paused

        right = make_mailer(session_factory, tmp_path, server.url("wire", "p@ss:w/rd"),
                            [{"email": "a@bd.test"}, {"email": "b@bd.test"}])  # fmt: skip
        right.cycle(now + AUTH_PAUSE + timedelta(minutes=1))
        assert len(server.sink.received) == 2
        with session_factory() as session:
            assert deliveries.delivery_health(session) == "ok"


def test_the_smtp_url_never_shows_its_password() -> None:
    transport = SmtpTransport.from_url("smtp+starttls://me%40x:s3cr%2Ft@mail.test:2525", 5)
    assert (transport.username, transport.password) == ("me@x", "s3cr/t")
    assert "s3cr" not in transport.describe() and "s3cr" not in repr(transport)
