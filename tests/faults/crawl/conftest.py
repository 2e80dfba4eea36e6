"""The crawl fault matrix: the real replica, real databases, `wirewatch` as users run it.

Every test names its fault (the red-team ids of reference/redteam-2026-12.md: H1, S01 …) and
checks the same four things: the documented exit code and health, one line per problem and no
traceback on the terminal, nothing lost once the fault clears (every published release is
stored), nothing stored twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import select

from replica import Replica
from storage.models import CrawlRun, Release, SeenLink, WatchState
from storage.session import make_engine, make_session_factory
from tests.faults.crawl.hostile import Hostile
from tests.support.project import FAST_SCRAPY, Project, make_project

NEWSROOM = "/news/xellsmart/"
CATEGORY = "/news-releases/health-latest-news/biotechnology-list/"
XELLSMART = [{"name": "xellsmart", "kind": "company", "path": NEWSROOM}]


@pytest.fixture(scope="module")
def module_replica() -> Iterator[Replica]:
    with Replica(releases=200, seed=11) as replica:
        yield replica


@pytest.fixture
def replica(module_replica: Replica) -> Iterator[Replica]:
    module_replica.reset()
    yield module_replica
    module_replica.reset()


@pytest.fixture
def hostile(replica: Replica) -> Iterator[Hostile]:
    """A misbehaving front for the replica (redirects, off-site links, short bodies …)."""
    with Hostile(replica.base_url) as front:
        yield front


@pytest.fixture
def elsewhere(replica: Replica) -> Iterator[Hostile]:
    """Another origin serving the same pages: the crawler must never ask it anything."""
    with Hostile(replica.base_url) as other:
        yield other


def newsroom_project(
    root: Path, base_url: str, database_url: str | None = None, **kw: Any
) -> Project:
    return make_project(root, base_url, database_url=database_url, watches=XELLSMART, **kw)


@pytest.fixture(scope="module")
def crawled_once(module_replica: Replica, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database after the newsroom's first crawl of the replica's own releases."""
    module_replica.reset()
    root = tmp_path_factory.mktemp("crawled-once")
    assert_ok(newsroom_project(root, module_replica.base_url).run("crawl"))
    return root / "wirewatch.db"


@pytest.fixture
def project(tmp_path: Path, replica: Replica, crawled_once: Path) -> Project:
    """The xellsmart newsroom on SQLite, crawled once: the watch has history.

    A copy of one first crawl per module (the replica is reset to the same releases before
    each test), which saves a crawl process per test.
    """
    source, target = sqlite3.connect(crawled_once), sqlite3.connect(tmp_path / "wirewatch.db")
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return newsroom_project(tmp_path, replica.base_url)


@pytest.fixture
def both_project(tmp_path: Path, replica: Replica, database_url: str) -> Project:
    """The same, on SQLite and on the real PostgreSQL server (faults where storage is involved)."""
    project = newsroom_project(tmp_path, replica.base_url, database_url)
    assert_ok(project.run("crawl"))
    return project


@dataclass
class Snapshot:
    releases: list[Release]
    runs: list[CrawlRun]
    seen: dict[str, SeenLink]
    states: dict[str, WatchState]

    @property
    def ids(self) -> set[str]:
        return {r.release_id for r in self.releases}

    def last_run(self, watch: str = "xellsmart") -> CrawlRun:
        return [r for r in self.runs if r.watch == watch][-1]


def snapshot(project: Project) -> Snapshot:
    engine = make_engine(project.database_url)
    try:
        with make_session_factory(engine)() as session:
            return Snapshot(
                releases=list(session.scalars(select(Release).order_by(Release.id))),
                runs=list(session.scalars(select(CrawlRun).order_by(CrawlRun.id))),
                seen={s.release_id: s for s in session.scalars(select(SeenLink))},
                states={s.name: s for s in session.scalars(select(WatchState))},
            )
    finally:
        engine.dispose()


def scrapy_env(**settings: Any) -> dict[str, str]:
    """Extra Scrapy settings for one `project.run` (on top of the fast retries)."""
    return {"WIREWATCH_SCRAPY_SETTINGS": json.dumps({**FAST_SCRAPY, **settings})}


def error_lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("wirewatch: ")]


def assert_clean(result: Result) -> None:
    """No traceback, no Python or Twisted object repr on the terminal."""
    for marker in ("Traceback", "<twisted", "Failure instance", "Error caught on signal"):
        assert marker not in result.output, result.output


def assert_ok(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert_clean(result)
    assert error_lines(result) == [], result.output


def assert_fails(result: Result, health: str, watch: str = "xellsmart", code: int = 1) -> None:
    """Exit 1 (or `code`) and one line for the watch, saying its health."""
    assert result.exit_code == code, result.output
    assert_clean(result)
    lines = error_lines(result)
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"wirewatch: watch {watch}: {health}"), result.output


def assert_recovered(project: Project, published: list[str]) -> Snapshot:
    """The fault is gone: a crawl succeeds, every published release is stored exactly once."""
    result = project.run("crawl")
    assert_ok(result)
    state = snapshot(project)
    missing = set(published) - state.ids
    assert not missing, f"lost for good: {sorted(missing)}"
    assert_no_duplicates(state)
    assert state.last_run().health == "ok"
    return state


def assert_no_duplicates(state: Snapshot) -> None:
    twice = [k for k, n in Counter(r.release_id for r in state.releases).items() if n > 1]
    assert not twice
    urls = [k for k, n in Counter(r.url for r in state.releases).items() if n > 1]
    assert not urls


def path_of(replica: Replica, release_id: str) -> str:
    return replica.release_url(release_id).removeprefix(replica.base_url)
