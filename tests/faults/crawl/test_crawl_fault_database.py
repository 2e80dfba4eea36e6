"""H4, D09/D10, R08: the database fails the crawl child, or another crawl holds the lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from replica import Replica
from storage import migrate
from storage.session import make_engine, make_session_factory
from tests.faults.crawl.conftest import (
    assert_clean,
    assert_ok,
    assert_recovered,
    error_lines,
    newsroom_project,
    scrapy_env,
    snapshot,
)
from tests.support.postgres import PostgresServer
from tests.support.project import Project
from wirewatch.config import Watch
from wirewatch.crawling import CrawlOutcome, _outcome, record_unrecorded

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"


def test_h4_a_read_only_database_file_fails_the_crawl_with_exit_1_in_one_line(
    tmp_path: Path, replica: Replica
) -> None:
    """D02: the child cannot write a thing; it used to exit 0 with an empty table."""
    path = tmp_path / "wirewatch.db"
    project = newsroom_project(tmp_path, replica.base_url)
    assert_ok(project.run("crawl"))
    before = snapshot(project)
    replica.publish(3)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = project.run("crawl", env={**scrapy_env(), "WIREWATCH_DATABASE_URL": read_only})
    assert result.exit_code == 1, result.output
    assert_clean(result)
    lines = error_lines(result)
    assert len(lines) == 1, result.output
    assert "database error" in lines[0] and "readonly" in lines[0]
    assert snapshot(project).ids == before.ids


@pytest.mark.postgres
def test_h4_a_lock_held_past_the_lock_timeout_fails_the_crawl_and_nothing_is_lost(
    tmp_path: Path, replica: Replica, postgres_server: PostgresServer
) -> None:
    """D06 on PostgreSQL (lock_timeout 5 s): the crawl_run table is locked as the child starts.

    SQLite waits 30 s for its lock (too long for the suite); the read-only test above takes the
    same code path, and the D06 reproduction was run by hand (exit 1, one line, run recorded).
    """
    database_url = postgres_server.create_database(f"h4lock{os.getpid()}")
    project = newsroom_project(tmp_path, replica.base_url, database_url)
    assert_ok(project.run("crawl"))
    published = replica.publish(3)
    engine = make_engine(database_url)
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.begin() as conn:
            conn.execute(text("SET lock_timeout = 0"))
            conn.execute(text("LOCK TABLE crawl_run IN ACCESS EXCLUSIVE MODE"))
            locked.set()
            release.wait(20)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        timer = threading.Timer(12.0, release.set)
        timer.start()
        result = project.run("crawl")
    finally:
        release.set()
        holder.join()
        engine.dispose()
    assert result.exit_code == 1, result.output
    assert_clean(result)
    lines = error_lines(result)
    assert len(lines) == 1 and "database error" in lines[0], result.output
    run = snapshot(project).last_run()
    # recorded by the child when the lock is gone by its close, else by the parent
    assert run.health == "failed" and run.finish_reason in ("database_error", "error")
    assert snapshot(project).states["xellsmart"].health == "failed"
    assert_recovered(project, published)


def test_h4_r08_a_crawl_child_that_reports_nothing_is_a_failure() -> None:
    """Exit 0 without a summary, or a summary with no watch, is no success (R08)."""
    stderr = Path("var/log/crawl-stderr.log")
    silent = _outcome(0, b"", stderr)
    assert silent.failed and silent.exit_code == 1
    assert "no summary" in (silent.error or "")
    empty = _outcome(0, b'{"watches": [], "locked": []}\n', stderr)
    assert empty.failed and empty.error == "the crawl reported no watch"
    locked = _outcome(75, b'{"watches": [], "locked": ["held by pid 1"]}\n', stderr)
    assert not locked.failed  # every watch locked: exit 75, not a failure of the work


def test_h4_the_parent_records_health_failed_when_the_child_could_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    factory = make_session_factory(engine)
    watches = [Watch(name="xellsmart", kind="company", path="/news/xellsmart/")]
    outcome = CrawlOutcome(
        exit_code=1,
        watches=[{"watch": "xellsmart", "health": "failed", "recorded": False,
                  "message": "database error: database is locked"}],
        error="database error: database is locked",
    )  # fmt: skip
    record_unrecorded(factory, outcome, watches, "incremental")
    record_unrecorded(factory, outcome, watches, "incremental")  # recorded once only
    engine.dispose()
    project = Project(tmp_path, tmp_path / "none.toml", url)
    state = snapshot(project)
    assert [(r.health, r.message) for r in state.runs] == [
        ("failed", "database error: database is locked")
    ]
    assert state.states["xellsmart"].health == "failed"
    assert state.states["xellsmart"].consecutive_bad == 1
    assert state.runs[0].finished_at is not None
    assert state.runs[0].finished_at <= datetime.now(UTC)


def test_d09_d10_a_second_crawl_while_one_runs_exits_75_naming_the_holder(
    tmp_path: Path, replica: Replica, database_url: str
) -> None:
    project = newsroom_project(tmp_path, replica.base_url, database_url)
    assert_ok(project.run("crawl"))
    published = replica.publish(8)
    replica.set_fault("slow", "/news-releases/", delay=4.0)  # the first crawl takes >= 32 s
    replica.clear_requests()
    env = {**os.environ, **scrapy_env()}
    command = [str(BIN), "--config", str(project.config_path)]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "env": env}
    with subprocess.Popen([*command, "crawl"], **pipes) as first:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(
            r.path.startswith("/news-releases/") for r in replica.requests
        ):
            time.sleep(0.1)
        # Both at once, while the first crawl holds the watch's lock.
        with (
            subprocess.Popen([*command, "crawl"], **pipes) as crawl,
            subprocess.Popen([*command, "backfill", "--since", "2026-01-01"], **pipes) as backfill,
        ):
            outputs = [p.communicate(timeout=120) for p in (crawl, backfill)]
            codes = [crawl.returncode, backfill.returncode]
        first.communicate(timeout=120)
    for code, (out, err) in zip(codes, outputs, strict=True):
        assert code == 75, err.decode()
        lines = err.decode().strip().splitlines()
        assert len(lines) == 1 and "pid" in lines[0], lines
        assert b"Traceback" not in out + err
    assert first.returncode == 0
    replica.set_fault(None, "/")
    assert_recovered(project, published)
    assert_clean(project.run("crawl"))
