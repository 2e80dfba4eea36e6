"""A misbehaving site: retries, health verdicts, one line per failed watch, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.models import CrawlRun, Release, SeenLink
from storage.session import make_engine, make_session_factory
from tests.support.project import Project, make_project
from wirewatch.replica import Replica

pytestmark = pytest.mark.slow

NEWSROOM = "/news/xellsmart/"
CATEGORY = "/news-releases/health-latest-news/biotechnology-list/"


@pytest.fixture
def replica() -> Iterator[Replica]:
    with Replica(releases=200, seed=11) as running:
        yield running


@pytest.fixture
def project(tmp_path: Path, replica: Replica, database_url: str) -> Project:
    """The same crawl on SQLite and on a real PostgreSQL server."""
    return make_project(tmp_path, replica.base_url, database_url=database_url)


def snapshot(project: Project) -> dict[str, tuple[str, str, str | None]]:
    engine = make_engine(project.database_url)
    with make_session_factory(engine)() as session:
        rows = {
            r.release_id: (r.title, r.body, r.fingerprint) for r in session.scalars(select(Release))
        }
    engine.dispose()
    return rows


def last_runs(project: Project) -> dict[str, CrawlRun]:
    engine = make_engine(project.database_url)
    with make_session_factory(engine)() as session:
        rows = list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
    engine.dispose()
    return {run.watch: run for run in rows}


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("wirewatch: ")]


def test_503s_on_a_listing_are_retried_and_the_crawl_succeeds(
    project: Project, replica: Replica
) -> None:
    replica.set_fault("503", NEWSROOM, count=2)
    result = project.run("crawl")
    assert result.exit_code == 0, result.output
    newsroom_calls = [r for r in replica.requests if r.path.startswith(NEWSROOM)]
    assert [r.status for r in newsroom_calls] == [503, 503, 200]
    assert last_runs(project)["xellsmart"].health == "ok"


def test_a_429_with_retry_after_is_retried_after_waiting(
    project: Project, replica: Replica
) -> None:
    replica.set_fault("429", CATEGORY, count=1)
    result = project.run("crawl")
    assert result.exit_code == 0, result.output
    assert last_runs(project)["biotech"].health == "ok"


def test_a_listing_that_keeps_failing_is_reported_in_one_line_and_exits_1(
    project: Project, replica: Replica
) -> None:
    replica.set_fault("503", NEWSROOM)
    result = project.run("crawl")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = error_lines(result.output)
    assert lines == [lines[0]] and lines[0].startswith("wirewatch: watch xellsmart: failed")
    runs = last_runs(project)
    assert runs["xellsmart"].health == "failed"
    assert runs["biotech"].health == "ok"  # one watch's failure never stops the others


@pytest.mark.parametrize(
    ("mode", "health"),
    [("access_denied", "blocked"), ("layout_changed", "layout_changed")],
)
def test_a_bad_listing_page_stores_nothing_and_sets_the_health(
    project: Project, replica: Replica, mode: str, health: str
) -> None:
    replica.set_fault(mode, "/")
    result = project.run("crawl")
    assert result.exit_code == 1
    assert snapshot(project) == {}
    runs = last_runs(project)
    assert {runs["xellsmart"].health, runs["biotech"].health} == {health}
    assert len(error_lines(result.output)) == 2


def test_blocked_detail_pages_are_not_stored_as_releases(
    project: Project, replica: Replica
) -> None:
    replica.set_fault("access_denied", "/news-releases/x")  # no such prefix: warm-up
    replica.set_fault(None, "/")
    project.run("crawl")
    before = snapshot(project)
    [new_id] = replica.publish(1, company="xellsmart")
    replica.set_fault("access_denied", replica.release_url(new_id).removeprefix(replica.base_url))
    result = project.run("crawl")
    assert result.exit_code == 1
    assert "blocked" in result.output
    assert snapshot(project) == before
    titles = {title for title, _, _ in snapshot(project).values()}
    assert "Access Denied" not in titles


def test_truncated_pages_store_nothing_then_the_next_healthy_crawl_picks_them_up(
    project: Project, replica: Replica
) -> None:
    project.run("crawl")
    before = snapshot(project)
    published = replica.publish(2, company="xellsmart")
    replica.set_fault("truncated", "/news-releases/")
    result = project.run("crawl")
    assert result.exit_code == 1
    assert "xellsmart: failed" in result.output
    assert snapshot(project) == before  # nothing stored, nothing altered
    engine = make_engine(project.database_url)
    with make_session_factory(engine)() as session:
        failed = set(
            session.scalars(select(SeenLink.release_id).where(SeenLink.outcome == "failed"))
        )
    engine.dispose()
    assert set(published) <= failed
    replica.set_fault(None, "/")
    result = project.run("crawl")
    assert result.exit_code == 0, result.output
    after = snapshot(project)
    assert set(after) - set(before) == set(published)
    assert {k: after[k] for k in before} == before
