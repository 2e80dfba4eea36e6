"""Fault matrix, mail (red-team H2, H3, M01–M10, E02, U08, C20): a real aiosmtpd on 127.0.0.1
with switchable faults, the real outbox on SQLite and PostgreSQL. Each test asserts that
nothing is lost (every subscriber's message is sent or its row says why not) and nothing is
mailed twice (a resend only with the same Message-ID)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from alerts.channels.email.transport import SmtpTransport
from storage import deliveries
from storage.events import retract
from storage.models import Delivery, Digest
from storage.models import Subscriber as SubscriberRow
from storage.session import read_only
from tests.support.mailing import T0, mail_config, seed_event
from tests.support.smtp import Received, SilentServer, SmtpServer, closed_port
from wirewatch.mailing import Mailer

BEFORE = T0 - timedelta(hours=1)
OPS = "ops@ops.test"


def mailer_for(
    session_factory: sessionmaker[Session], tmp_path: Path, url: str,
    subscribers: list[dict[str, Any]], *, synced_at: datetime = BEFORE, **options: Any,
) -> Mailer:  # fmt: skip
    mailer = Mailer(mail_config(subscribers, smtp_url=url, **options), session_factory, tmp_path)
    mailer.sync_subscribers(synced_at)
    return mailer


def rows(session_factory: sessionmaker[Session]) -> list[Delivery]:
    with session_factory() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def statuses(session_factory: sessionmaker[Session]) -> dict[str, str]:
    return {row.recipient: row.status for row in rows(session_factory)}


def assert_nothing_twice(received: list[Received]) -> None:
    """The same text reaches a recipient under one Message-ID only: a second copy is allowed
    solely as a resend of the same message (same Message-ID)."""
    pairs = {(r.rcpt_tos, r.message_id) for r in received}
    bodies = {(r.rcpt_tos, r.part("plain")) for r in received}
    assert len(bodies) == len(pairs), "the same text went out twice under different ids"


def test_h3_a_non_ascii_address_without_smtputf8_fails_alone_and_mail_flows_for_everyone(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    people = [{"email": "bd@bd.test", "immediate": ["approval"]},
              {"email": "zoë@bd.test", "immediate": ["approval"]}]  # fmt: skip
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), people, ops=[OPS])
    with session_factory.begin() as session:
        seed_event(session, type_="approval", product="XS-1")
    first = mailer.cycle(T0 + timedelta(minutes=1))

    assert first.queue is not None and not first.queue.paused
    assert first.queue.failed == 1 and "SMTPUTF8" in first.queue.failures[0]
    assert statuses(session_factory) == {"bd@bd.test": "sent", "zoë@bd.test": "failed", OPS: "sent"}
    [ops] = smtp.sink.to(OPS)
    assert "zoë@bd.test" in ops.part("plain") and "SMTPUTF8" in ops.part("plain")
    with session_factory() as session:
        assert deliveries.delivery_health(session) != "failed"  # not reported as a login failure

    with session_factory.begin() as session:  # the next alert still reaches bd
        seed_event(session, type_="approval", product="XS-960", detected_at=T0 + timedelta(hours=1))
    mailer.cycle(T0 + timedelta(hours=1, minutes=1))
    assert len(smtp.sink.to("bd@bd.test")) == 2
    assert smtp.sink.to("zoë@bd.test") == []
    assert_nothing_twice(smtp.sink.received)


def test_h3_a_non_ascii_address_is_delivered_when_the_server_offers_smtputf8(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with SmtpServer(smtputf8=True) as server:
        mailer = mailer_for(session_factory, tmp_path, server.url(),
                            [{"email": "zoë@bd.test", "immediate": ["approval"]}])  # fmt: skip
        with session_factory.begin() as session:
            seed_event(session, type_="approval", product="XS-1")
        report = mailer.cycle(T0 + timedelta(minutes=1))
        assert report.queue is not None and report.queue.sent == 1 and not report.failed
        [received] = server.sink.received
        assert received.rcpt_tos == ("zoë@bd.test",)
        assert "zoë@bd.test" in str(received.message["To"])


def test_h2_a_digest_window_over_the_fall_back_day_sends_one_digest_and_returns(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    sat = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
    mailer = mailer_for(session_factory, tmp_path, smtp.url(),
                        [{"email": "bd@bd.test", "digest": "daily 01:30 America/New_York",
                          "immediate": []}], synced_at=sat - timedelta(days=1))  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session, detected_at=sat + timedelta(hours=1))
        session.execute(update(SubscriberRow).values(last_digest_at=sat))

    mailer.cycle(datetime(2025, 11, 2, 7, 0, tzinfo=UTC))  # after 01:30 EDT and 01:30 EST
    mailer.cycle(datetime(2025, 11, 2, 7, 30, tzinfo=UTC))
    with session_factory() as session:
        answered = session.scalars(select(SubscriberRow.last_digest_at)).one()
    assert answered == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first pass
    assert len(smtp.sink.received) == 1

    with session_factory.begin() as session:
        seed_event(session, product="XS-2", detected_at=datetime(2025, 11, 2, 8, tzinfo=UTC))
    mailer.cycle(datetime(2025, 11, 3, 6, 29, tzinfo=UTC))  # 01:29 EST: not due yet
    assert len(smtp.sink.received) == 1
    mailer.cycle(datetime(2025, 11, 3, 6, 31, tzinfo=UTC))
    assert len(smtp.sink.received) == 2
    assert_nothing_twice(smtp.sink.received)


def test_m01_a_closed_smtp_port_means_retry_and_nothing_lost(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    people = [{"email": "bd@bd.test"}]
    down = mailer_for(
        session_factory, tmp_path, f"smtp://u:s3cret@127.0.0.1:{closed_port()}", people
    )
    with session_factory.begin() as session:
        seed_event(session)
    report = down.cycle(T0 + timedelta(days=1))
    assert report.queue is not None and report.queue.retried == 1
    [row] = rows(session_factory)
    assert row.status == "retry" and "s3cret" not in (row.last_error or "")
    mailer_for(session_factory, tmp_path, smtp.url(), people).cycle(
        T0 + timedelta(days=1, minutes=2)
    )
    assert statuses(session_factory) == {"bd@bd.test": "sent"} and len(smtp.sink.received) == 1


@pytest.mark.parametrize("mode", ["data_421", "data_451"])
def test_m02_m03_a_4xx_at_data_retries_then_sends_exactly_one_copy(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path, mode: str
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    smtp.sink.mode = mode
    mailer.cycle(now)
    assert statuses(session_factory) == {"bd@bd.test": "retry"}
    smtp.sink.mode = "ok"
    for minutes in (2, 10, 60):
        mailer.cycle(now + timedelta(minutes=minutes))
    assert statuses(session_factory) == {"bd@bd.test": "sent"}
    assert len(smtp.sink.received) == 1


def test_m04_a_550_for_one_recipient_fails_that_row_alerts_ops_and_sends_the_other(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(),
                        [{"email": "good@bd.test"}, {"email": "bad@bd.test"}], ops=[OPS])  # fmt: skip
    with session_factory.begin() as session:
        seed_event(session)
    smtp.sink.mode, smtp.sink.refuse = "rcpt_550", {"bad@bd.test"}
    report = mailer.cycle(T0 + timedelta(days=1))
    mailer.cycle(T0 + timedelta(days=2))
    assert report.failed
    assert statuses(session_factory) == {
        "good@bd.test": "sent",
        "bad@bd.test": "failed",
        OPS: "sent",
    }
    assert len(smtp.sink.to(OPS)) == 1 and len(smtp.sink.to("good@bd.test")) == 1


def test_m05_an_auth_failure_pauses_without_spending_attempts_or_printing_the_password(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with SmtpServer(auth=("wire", "right")) as server:
        mailer = mailer_for(session_factory, tmp_path, server.url("wire", "hunter2"),
                            [{"email": "a@bd.test"}])  # fmt: skip
        with session_factory.begin() as session:
            seed_event(session)
        report = mailer.cycle(T0 + timedelta(days=1))
        assert report.queue is not None and report.queue.paused
        [row] = rows(session_factory)
        assert (row.status, row.attempts) == ("queued", 0)
        assert "hunter2" not in (row.last_error or "") and "hunter2" not in report.transport
        assert "hunter2" not in " ".join(report.lines())
        assert server.sink.received == []


def test_m06_accepted_then_dropped_is_resent_once_with_the_same_message_id(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    smtp.sink.mode = "accept_then_drop"
    mailer.cycle(now)
    smtp.sink.mode = "ok"
    for minutes in (2, 10, 60):
        mailer.cycle(now + timedelta(minutes=minutes))
    first, second = smtp.sink.received
    assert first.message_id == second.message_id and first.raw == second.raw
    assert statuses(session_factory) == {"bd@bd.test": "sent"}


def test_m07_a_sender_killed_mid_data_resends_once_after_the_lease(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    mailer.cycle(now, force_due=True, send=False)
    with session_factory.begin() as session:  # the state `kill -9` during DATA leaves behind
        row = session.scalars(select(Delivery)).one()
        row.status, row.attempts, row.lease_until = "sending", 1, now + timedelta(minutes=10)
    mailer.cycle(now + timedelta(minutes=5))
    assert smtp.sink.received == []  # the lease holds: nobody else sends it
    mailer.cycle(now + timedelta(minutes=11))
    mailer.cycle(now + timedelta(minutes=30))
    assert len(smtp.sink.received) == 1 and statuses(session_factory) == {"bd@bd.test": "sent"}


def test_m08_a_server_that_never_greets_times_out_into_retry(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with SilentServer() as port:
        mailer = mailer_for(session_factory, tmp_path, f"smtp://127.0.0.1:{port}",
                            [{"email": "bd@bd.test"}])  # fmt: skip
        mailer.transport = SmtpTransport.from_url(f"smtp://127.0.0.1:{port}", timeout=0.5)
        with session_factory.begin() as session:
            seed_event(session)
        report = mailer.cycle(T0 + timedelta(days=1))
    assert report.queue is not None and report.queue.retried == 1 and not report.queue.paused
    assert statuses(session_factory) == {"bd@bd.test": "retry"}


def test_m09_c20_header_injection_through_headline_company_or_sender_is_defused(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    config = mail_config([{"email": "bd@bd.test", "immediate": ["approval"]}],
                         smtp_url=smtp.url())  # fmt: skip
    config = config.model_copy(update={"smtp": config.smtp.model_copy(
        update={"from_": "x <a@wirewatch.test>\r\nBcc: sender@evil.test"})})  # fmt: skip
    mailer = Mailer(config, session_factory, tmp_path)
    mailer.sync_subscribers(BEFORE)
    with session_factory.begin() as session:
        seed_event(
            session,
            company="Evil =?UTF-8?Q?=0A?=Bcc: x@evil.test",
            type_="approval",
            title="FDA approves X\r\nBcc: x@evil.test",
            product="X\r\nCc: y@evil.test",
        )
    mailer.cycle(T0 + timedelta(days=1), force_due=True)
    [received] = smtp.sink.received
    assert received.rcpt_tos == ("bd@bd.test",)
    names = [name.lower() for name in received.message]
    assert "bcc" not in names and "cc" not in names and names.count("subject") == 1
    assert b"\nBcc:" not in received.raw and b"\nCc:" not in received.raw


def test_m10_html_injection_leaves_no_active_tag_or_attribute(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), [{"email": "bd@bd.test"}])
    with session_factory.begin() as session:
        seed_event(session, title="<img src=x onerror=alert(1)>", url="javascript:alert(3)",
                   evidence="<script>alert(2)</script> the FDA cleared it")  # fmt: skip
    mailer.cycle(T0 + timedelta(days=1), force_due=True)
    [received] = smtp.sink.received
    tree = lxml_html.fromstring(received.part("html"))
    assert tree.xpath("//script|//img|//iframe|//object") == []
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert not value.strip().lower().startswith("javascript:"), value


def test_e02_u08_a_retraction_sends_one_correction_with_clean_headers(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    mailer = mailer_for(session_factory, tmp_path, smtp.url(),
                        [{"email": "bd@bd.test", "immediate": []}])  # fmt: skip
    with session_factory.begin() as session:
        event_id = seed_event(session).id
    now = T0 + timedelta(days=1)
    mailer.cycle(now, force_due=True)
    with session_factory.begin() as session:
        retract(session, event_id, "wrong company\r\nBcc: x@evil.test =?UTF-8?Q?=0A?=", now)
        retract(session, event_id, "retracted twice", now)
    for hours in (1, 2, 3):
        mailer.cycle(now + timedelta(hours=hours), force_due=True)
    _alert, correction = smtp.sink.received
    assert "Correction" in str(correction.message["Subject"])
    assert "bcc" not in [name.lower() for name in correction.message]
    assert b"\nBcc:" not in correction.raw
    with session_factory() as session:
        kinds = sorted(session.scalars(select(Digest.kind)))
    assert len(kinds) == 2


def test_c22_regex_characters_in_filters_are_plain_text(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    people = [
        {"email": "regex@bd.test", "keywords": ["(", "[", "C++", "\\"], "companies": ["a(b"]},
        {"email": "plain@bd.test", "keywords": ["XS-411 (C++)"]},
    ]
    mailer = mailer_for(session_factory, tmp_path, smtp.url(), people)
    with session_factory.begin() as session:
        seed_event(session, evidence="The FDA cleared XS-411 (C++) today.", title="XS-411 (C++)")
    report = mailer.cycle(T0 + timedelta(days=1), force_due=True)
    assert not report.failed
    assert len(smtp.sink.to("plain@bd.test")) == 1
    assert smtp.sink.to("regex@bd.test") == []  # company "a(b" matches nothing, literally


def test_h2_a_plan_made_stale_by_another_run_is_planned_again_and_nothing_goes_twice(
    session_factory: sessionmaker[Session], smtp: SmtpServer, tmp_path: Path
) -> None:
    people = [{"email": "bd@bd.test", "immediate": []}]
    ours = mailer_for(session_factory, tmp_path, smtp.url(), people)
    other = mailer_for(session_factory, tmp_path, smtp.url(), people)
    with session_factory.begin() as session:
        seed_event(session)
    now = T0 + timedelta(days=1)
    [subscriber] = ours.config.subscriber
    with read_only(session_factory) as session:  # planned outside the write transaction …
        stale = ours.plan(session, subscriber, now, force_due=True)
    assert stale.messages
    other.cycle(now + timedelta(seconds=1), force_due=True)  # … while another run mails it
    fresh = ours.commit(subscriber, stale, now + timedelta(seconds=2), force_due=True)
    ours.cycle(now + timedelta(seconds=3), send=True, compose=False)
    assert fresh.messages == []
    assert len(smtp.sink.received) == 1
    with session_factory() as session:
        assert len(session.scalars(select(Digest)).all()) == 1
