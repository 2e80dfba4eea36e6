"""A blocked watch backs off: Retry-After, else doubling crawl intervals, at most 6 hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage import crawl_runs, heartbeats
from wirewatch.backoff import CAP, next_attempt, split_due
from wirewatch.config import Watch, load_config
from wirewatch.status import gather

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EVERY = timedelta(minutes=30)


@pytest.mark.parametrize(
    ("health", "bad", "retry_after", "wait"),
    [
        ("ok", 0, None, None),
        ("failed", 5, 600, None),  # not the site asking us to slow down
        ("layout_changed", 5, None, None),
        ("blocked", 1, None, None),  # one block may be a blip: the normal schedule
        ("blocked", 1, 3600, timedelta(hours=1)),  # unless the site says when
        ("blocked", 2, None, 2 * EVERY - EVERY / 2),
        ("blocked", 3, None, 4 * EVERY - EVERY / 2),
        ("blocked", 3, 60, 4 * EVERY - EVERY / 2),  # the longer of the two
        ("blocked", 12, None, CAP - EVERY / 2),
        ("blocked", 1, 86_400, CAP),
    ],
)
def test_the_next_attempt_of_a_watch(
    health: str, bad: int, retry_after: int | None, wait: timedelta | None
) -> None:
    expected = None if wait is None else NOW + wait
    assert next_attempt(health, bad, NOW, retry_after, EVERY) == expected


def record(
    session_factory: sessionmaker[Session], watch: str, healths: list[str], retry_after: int | None
) -> None:
    """Runs of `watch` ending at NOW, one interval apart."""
    with session_factory.begin() as session:
        for number, health in enumerate(healths):
            at = NOW - EVERY * (len(healths) - 1 - number)
            run = crawl_runs.start_run(session, watch, "incremental", at - timedelta(seconds=20))
            session.flush()
            crawl_runs.finish_run(
                session, run.id, now=at, finish_reason="finished", health=health,
                counts=crawl_runs.RunCounts(), retry_after=retry_after if number == len(healths) - 1 else None,
            )  # fmt: skip
            crawl_runs.record_health(
                session, watch, "company", health=health, now=at, new_items=0, completed=True
            )


def test_the_daemon_crawls_only_the_watches_not_backing_off(
    session_factory: sessionmaker[Session],
) -> None:
    watches = [
        Watch(name=name, kind="company", path=f"/news/{name}/")
        for name in ("fine", "blip", "banned", "told", "new")
    ]
    record(session_factory, "fine", ["ok", "ok"], None)
    record(session_factory, "blip", ["ok", "blocked"], None)
    record(session_factory, "banned", ["blocked", "blocked", "blocked"], None)
    record(session_factory, "told", ["ok", "blocked"], 7200)
    due, postponed = split_due(session_factory, watches, EVERY, NOW + EVERY)
    assert [w.name for w in due] == ["fine", "blip", "new"]
    assert postponed == {
        "banned": NOW + 4 * EVERY - EVERY / 2,
        "told": NOW + timedelta(hours=2),
    }
    # Once the wait is over, the watch is tried again (and a success ends the backoff).
    due, postponed = split_due(session_factory, watches, EVERY, NOW + timedelta(hours=3))
    assert [w.name for w in due] == ["fine", "blip", "banned", "told", "new"]
    assert postponed == {}


def test_status_shows_the_next_run_after_the_backoff(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "wirewatch.toml"
    path.write_text(
        '[schedule]\ncrawl = "every 30m"\n'
        '[[watch]]\nname = "banned"\nkind = "company"\npath = "/news/banned/"\n'
        '[[watch]]\nname = "fine"\nkind = "company"\npath = "/news/fine/"\n',
        encoding="utf-8",
    )
    config = load_config(str(path), environ={})
    record(session_factory, "banned", ["blocked", "blocked", "blocked"], None)
    record(session_factory, "fine", ["ok"], None)
    later = NOW + timedelta(minutes=1)
    with session_factory.begin() as session:
        heartbeats.beat(session, "daemon", pid=1, host="h", now=later, started_at=NOW)
    with session_factory() as session:
        status = gather(session, config, later)
    next_run = {w.name: w.next_run_at for w in status.watches}
    resume = NOW + 4 * EVERY - EVERY / 2
    assert next_run["fine"] is not None
    assert next_run["fine"] <= NOW + EVERY
    assert next_run["banned"] is not None
    assert resume <= next_run["banned"] <= resume + EVERY
