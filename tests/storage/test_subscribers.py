"""Subscribers follow the configuration; `added_at` never moves later; history is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Subscriber
from storage.subscribers import Listed, sync_subscribers

T = datetime(2026, 3, 1, tzinfo=UTC)


def table(session_factory: sessionmaker[Session]) -> dict[str, tuple[datetime, bool]]:
    with session_factory() as session:
        return {s.address: (s.added_at, s.active) for s in session.scalars(select(Subscriber))}


def test_added_at_is_the_first_load_and_removal_keeps_history(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        sync_subscribers(session, ["a@bd.test"], T)
    with session_factory.begin() as session:
        active = sync_subscribers(session, ["A@bd.test", "b@bd.test"], T + timedelta(days=1))
    assert sorted(active) == [("email", "a@bd.test"), ("email", "b@bd.test")]
    assert table(session_factory) == {
        "a@bd.test": (T, True), "b@bd.test": (T + timedelta(days=1), True),
    }  # fmt: skip
    with session_factory.begin() as session:
        sync_subscribers(session, ["b@bd.test"], T + timedelta(days=2))
    assert table(session_factory)["a@bd.test"] == (T, False)
    with session_factory.begin() as session:
        sync_subscribers(session, ["a@bd.test", "b@bd.test"], T + timedelta(days=3))
    assert table(session_factory)["a@bd.test"] == (T, True)


def test_slack_and_webhook_subscribers_are_kept_by_exact_url_and_take_their_configured_name(
    session_factory: sessionmaker[Session],
) -> None:
    hook = "https://hooks.example.test/services/T0/B0/AbC"
    with session_factory.begin() as session:
        sync_subscribers(session, [Listed("slack", hook, "bd-channel"), "a@bd.test"], T)
    with session_factory.begin() as session:
        active = sync_subscribers(
            session,
            [Listed("slack", hook, "bd-room"), Listed("webhook", hook.lower(), "crm"), "a@bd.test"],
            T + timedelta(days=1),
        )
    assert set(active) == {("slack", hook), ("webhook", hook.lower()), ("email", "a@bd.test")}
    with session_factory() as session:
        rows = {(s.channel, s.name): s.added_at for s in session.scalars(select(Subscriber))}
    assert rows == {
        ("slack", "bd-room"): T, ("webhook", "crm"): T + timedelta(days=1), ("email", None): T,
    }  # fmt: skip
