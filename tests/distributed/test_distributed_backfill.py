"""`wirewatch backfill --workers N`: N crawl processes, one Redis queue, one database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from sqlalchemy import select

from replica import Replica
from storage.models import CrawlRun
from storage.session import make_engine, make_session_factory
from tests.support.postgres import PostgresServer
from tests.support.project import FAST_SCRAPY, Project, make_project
from tests.support.releases import listed_ids, stored_ids

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"
ALL_NEWS = "/news-releases/news-releases-list/"
HEALTH = "/news-releases/health-latest-news/health-latest-news-list/"


def backfill(project: Project, workers: int) -> list[str]:
    return [
        str(BIN), "--config", str(project.config_path), "backfill", "--since", "2000-01-01",
        "--workers", str(workers),
    ]  # fmt: skip


def environment(redis_url: str | None = None) -> dict[str, str]:
    env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps(FAST_SCRAPY)}
    env.pop("WIREWATCH_REDIS_URL", None)
    if redis_url:
        env["WIREWATCH_REDIS_URL"] = redis_url
    return env


def test_three_workers_store_every_release_of_5000_once_in_postgresql_and_fetch_no_page_twice(
    tmp_path: Path, postgres_server: PostgresServer, redis_url: str
) -> None:
    with Replica(releases=5000, seed=7) as replica:
        expected = listed_ids(replica, ALL_NEWS) | listed_ids(replica, HEALTH)
        assert len(expected) >= 5000
        database_url = postgres_server.create_database(f"distributed_{os.getpid()}")
        project = make_project(
            tmp_path, replica.base_url, database_url=database_url,
            watches=[
                {"name": "all-news", "kind": "category", "path": ALL_NEWS},
                {"name": "health", "kind": "category", "path": HEALTH},
            ],
        )  # fmt: skip
        started = time.monotonic()
        result = subprocess.run(
            backfill(project, 3), capture_output=True, timeout=300, check=False,
            env=environment(redis_url),
        )  # fmt: skip
        elapsed = time.monotonic() - started
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        assert b"Traceback" not in result.stdout + result.stderr

        stored = stored_ids(database_url)
        assert set(stored) == expected
        assert max(stored.values()) == 1

        paths = Counter(record.path for record in replica.requests)
        # Each worker's RobotsTxtMiddleware reads robots.txt once for itself: 3 times in all.
        assert paths.pop("/robots.txt") == 3
        twice = {path: n for path, n in paths.items() if n > 1}
        assert twice == {}
        assert {record.status for record in replica.requests} == {200}
        assert sum(1 for p in paths if p.endswith(".html")) == len(expected)

    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        runs = session.scalars(select(CrawlRun)).all()
    engine.dispose()
    assert sorted((r.watch, r.mode, r.health, r.finish_reason) for r in runs) == [
        ("all-news", "backfill", "ok", "finished"),
        ("health", "backfill", "ok", "finished"),
    ]
    assert sum(r.new_items for r in runs) == len(expected)
    assert redis.Redis.from_url(redis_url).keys("wirewatch:backfill:*") == []
    print(f"3 workers: {len(expected)} releases in {elapsed:.1f}s")


def test_two_workers_fill_sqlite_with_their_own_redis_and_a_rerun_fetches_nothing(
    tmp_path: Path, redis_url: str
) -> None:
    with Replica(releases=400, seed=3) as replica:
        expected = listed_ids(replica, ALL_NEWS)
        project = make_project(
            tmp_path, replica.base_url,
            watches=[{"name": "all-news", "kind": "category", "path": ALL_NEWS}],
        )  # fmt: skip
        # No WIREWATCH_REDIS_URL: the command starts (and stops) a redis-server of its own.
        first = subprocess.run(
            backfill(project, 2), capture_output=True, timeout=300, check=False, env=environment()
        )
        assert first.returncode == 0, first.stderr.decode()[-2000:]
        stored = stored_ids(project.database_url)
        assert set(stored) == expected
        assert max(stored.values()) == 1
        assert b"analysed" in first.stdout

        replica.clear_requests()
        again = subprocess.run(
            backfill(project, 2), capture_output=True, timeout=300, check=False, env=environment()
        )
        assert again.returncode == 0, again.stderr.decode()[-2000:]
        assert stored_ids(project.database_url) == stored
        assert not any(r.path.endswith(".html") for r in replica.requests)


def _worker_pids(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"crawler.run" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


def test_a_killed_worker_is_reported_and_the_same_backfill_again_completes_the_run(
    tmp_path: Path, redis_url: str
) -> None:
    with Replica(releases=1500, seed=5) as replica:
        expected = listed_ids(replica, ALL_NEWS)
        project = make_project(
            tmp_path, replica.base_url,
            watches=[{"name": "all-news", "kind": "category", "path": ALL_NEWS}],
        )  # fmt: skip
        env = environment(redis_url)
        run = subprocess.Popen(
            backfill(project, 2), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        deadline = time.monotonic() + 120
        victims: list[int] = []
        while time.monotonic() < deadline and not victims:
            time.sleep(0.2)
            if len(replica.requests) > 200:
                victims = _worker_pids(run.pid)[:1]
        assert victims, "no worker process found"
        os.kill(victims[0], signal.SIGKILL)
        out, err = run.communicate(timeout=300)
        assert run.returncode == 1
        assert b"died" in err
        assert b"run the same backfill again to resume" in err
        assert b"Traceback" not in out + err
        assert 0 < len(stored_ids(project.database_url)) <= len(expected)

        again = subprocess.run(
            backfill(project, 2), capture_output=True, timeout=300, check=False, env=env
        )
        assert again.returncode == 0, again.stderr.decode()[-2000:]
        stored = stored_ids(project.database_url)
        assert set(stored) == expected
        assert max(stored.values()) == 1
