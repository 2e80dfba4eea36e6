"""The channels migration keeps an existing database's subscribers, digests and deliveries.

Runs on SQLite and the real PostgreSQL server: the schema before the migration is filled with
rows through plain SQL, then upgraded to head.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import migrate
from storage.models import Delivery, Subscriber
from storage.session import make_engine, make_session_factory

BEFORE_CHANNELS = "452e0888cdcb"
T = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_existing_subscribers_and_deliveries_become_email_with_their_addresses(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, database_url, BEFORE_CHANNELS)
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO subscriber (id, email, added_at, active) VALUES "
                     "(1, 'bd@bd.test', :t, true), (2, 'ops@bd.test', :t, false)"),
                {"t": T},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO digest (id, digest_key, kind, subscriber_id, message_id, "
                     "subject, text_body, html_body, created_at) VALUES (1, 'digest:bd@bd.test:x',"
                     " 'digest', 1, '<m1@bd.test>', 'Subject', 'text', '<p>html</p>', :t)"),
                {"t": T},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO delivery (id, digest_id, recipient, status, attempts, "
                     "next_attempt_at, created_at) VALUES (1, 1, 'bd@bd.test', 'retry', 2, :t, :t)"),
                {"t": T},
            )  # fmt: skip

        migrate.upgrade(engine, database_url)

        with make_session_factory(engine)() as session:
            subscribers = {s.id: s for s in session.query(Subscriber)}
            delivery = session.get_one(Delivery, 1)
        assert [(s.channel, s.address, s.name, s.active) for s in subscribers.values()] == [
            ("email", "bd@bd.test", None, True),
            ("email", "ops@bd.test", None, False),
        ]
        assert subscribers[1].added_at == T
        assert (delivery.channel, delivery.address, delivery.label) == (
            "email", "bd@bd.test", "bd@bd.test",
        )  # fmt: skip
        assert (delivery.status, delivery.attempts, delivery.payload, delivery.parts_sent) == (
            "retry", 2, None, 0,
        )  # fmt: skip
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_the_same_address_may_subscribe_once_per_channel_only(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, database_url)
        insert = text(
            "INSERT INTO subscriber (channel, address, added_at, active) VALUES (:c, :a, :t, true)"
        )
        with engine.begin() as conn:
            conn.execute(insert, {"c": "email", "a": "bd@bd.test", "t": T})
            conn.execute(insert, {"c": "webhook", "a": "bd@bd.test", "t": T})
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(insert, {"c": "email", "a": "bd@bd.test", "t": T})
    finally:
        engine.dispose()


def test_a_downgrade_keeps_the_email_rows_drops_the_others_and_upgrades_again(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, database_url)
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO subscriber (id, channel, address, added_at, active) VALUES "
                     "(1, 'email', 'bd@bd.test', :t, true), "
                     "(2, 'slack', 'https://hooks.test/x', :t, true)"),
                {"t": T},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO digest (id, digest_key, kind, subscriber_id, message_id, "
                     "subject, text_body, html_body, created_at) VALUES "
                     "(1, 'k1', 'digest', 1, '<m1@x>', 's', 't', 'h', :t), "
                     "(2, 'k2', 'digest', 2, '<m2@x>', 's', 't', 'h', :t)"),
                {"t": T},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO delivery (digest_id, channel, address, label, status, "
                     "attempts, next_attempt_at, created_at) VALUES "
                     "(1, 'email', 'bd@bd.test', 'bd@bd.test', 'sent', 1, :t, :t), "
                     "(2, 'slack', 'https://hooks.test/x', 'bd-slack', 'sent', 1, :t, :t)"),
                {"t": T},
            )  # fmt: skip

        migrate.downgrade(engine, database_url, BEFORE_CHANNELS)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT email FROM subscriber")).all() == [("bd@bd.test",)]
            assert conn.execute(text("SELECT recipient FROM delivery")).all() == [("bd@bd.test",)]
        migrate.upgrade(engine, database_url)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
