"""H1, L10: a crawl that stores only part of what is new loses nothing; the budget defers, never drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from replica import Replica
from storage.session import make_engine
from tests.faults.crawl.conftest import (
    NEWSROOM,
    assert_clean,
    assert_fails,
    assert_no_duplicates,
    assert_ok,
    assert_recovered,
    error_lines,
    newsroom_project,
    path_of,
    scrapy_env,
    snapshot,
)
from tests.faults.crawl.hostile import Hostile, Rule
from tests.support.project import Project, make_project

pytestmark = pytest.mark.slow


def test_h1_page_two_releases_recovered_after_partial_crawl(
    both_project: Project, replica: Replica
) -> None:
    """S24/D11: 40 new releases (pages 1 and 2); the three oldest fail with 503s."""
    project = both_project
    published = replica.publish(40)
    oldest = sorted(published)[:3]
    for release_id in oldest:
        replica.set_fault("503", path_of(replica, release_id))
    assert_fails(project.run("crawl"), "failed")
    state = snapshot(project)
    assert set(published) - set(oldest) <= state.ids
    assert {state.seen[r].outcome for r in oldest} == {"failed"}
    replica.set_fault(None, "/")
    assert_recovered(project, published)
    # and once recovered, an idle crawl costs one listing request again
    replica.clear_requests()
    assert_ok(project.run("crawl"))
    assert [r.path.split("?")[0] for r in replica.requests if r.path != "/robots.txt"] == [NEWSROOM]


def test_h1_a_failed_listing_page_two_is_read_again_by_the_next_crawl(
    tmp_path: Path, hostile: Hostile, replica: Replica, database_url: str
) -> None:
    """Page 1 stored in full, page 2 of the listing never read: nothing on page 1 says so."""
    project = newsroom_project(tmp_path, hostile.base_url, database_url)
    assert_ok(project.run("crawl"))
    published = replica.publish(40)
    hostile.on(f"{NEWSROOM}?page=2", Rule("status", status=503))
    assert_fails(project.run("crawl"), "failed")
    state = snapshot(project)
    assert len(set(published) & state.ids) == 25  # page 1 only
    hostile.clear()
    assert_recovered(project, published)


def test_h1_releases_left_by_a_full_disk_are_fetched_by_the_next_crawl(
    both_project: Project, replica: Replica
) -> None:
    """D11: storing fails as on a full disk; the listing was read, nothing of it is lost."""
    project = both_project
    engine = make_engine(project.database_url)
    try:
        _fill_the_disk_then_free_it(project, replica, engine)
    finally:
        engine.dispose()


def _fill_the_disk_then_free_it(project: Project, replica: Replica, engine: Engine) -> None:
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        if postgres:
            conn.execute(
                text(
                    "CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                    "'could not extend file: No space left on device' USING ERRCODE = 'disk_full';"
                    " END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER disk_is_full BEFORE INSERT ON release "
                    "FOR EACH ROW EXECUTE FUNCTION disk_full()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER disk_is_full BEFORE INSERT ON release "
                    "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
                )
            )
    published = replica.publish(30)
    result = project.run("crawl")
    assert result.exit_code == 1, result.output
    assert_clean(result)
    assert "disk" in result.output.lower() or "space" in result.output.lower()
    assert snapshot(project).last_run().health == "failed"
    with engine.begin() as conn:
        conn.execute(
            text(
                "DROP TRIGGER disk_is_full ON release" if postgres else "DROP TRIGGER disk_is_full"
            )
        )
    assert_recovered(project, published)


def test_h1_releases_a_timed_out_crawl_never_fetched_are_fetched_by_the_next(
    project: Project, replica: Replica
) -> None:
    """A crawl stopped by its time limit mid-way: the releases it listed are not forgotten."""
    published = replica.publish(30)
    replica.set_fault("slow", "/news-releases/", delay=1.0)
    result = project.run("crawl", env=scrapy_env(CLOSESPIDER_TIMEOUT=2))
    assert result.exit_code == 1, result.output
    assert_clean(result)
    state = snapshot(project)
    assert state.last_run().finish_reason == "closespider_timeout"
    left = set(published) - state.ids
    assert left and {state.seen[r].outcome for r in left} <= {"pending", "failed"}
    replica.set_fault(None, "/")
    assert_recovered(project, published)


def test_h1_a_failed_rss_item_is_retried_after_it_left_the_feed(
    tmp_path: Path, replica: Replica
) -> None:
    """A feed shows its 20 newest items: a failed one slides out, and is fetched anyway."""
    watches = [{"name": "feed", "kind": "rss", "path": "/rss/news-releases-list.rss"}]
    project = make_project(tmp_path, replica.base_url, watches=watches)
    assert_ok(project.run("crawl"))
    [victim] = replica.publish(1, company="xellsmart")
    replica.set_fault("503", path_of(replica, victim))
    assert_fails(project.run("crawl", "--watch", "feed"), "failed", watch="feed")
    replica.set_fault(None, "/")
    replica.publish(25, company="xellsmart")  # the victim is no longer in the feed
    result = project.run("crawl", "--watch", "feed")
    assert_ok(result)
    assert victim in snapshot(project).ids


def test_l10_a_huge_listing_costs_at_most_the_budget_and_the_rest_follows(
    tmp_path: Path, replica: Replica, database_url: str
) -> None:
    """S22: more new releases than the per-crawl request budget: deferred, never dropped."""
    project = newsroom_project(tmp_path, replica.base_url, database_url)
    config = project.config_path.read_text()
    project.config_path.write_text(
        config.replace("download_delay = 0", "max_requests = 12\ndownload_delay = 0")
    )
    assert_ok(project.run("crawl"))
    published = replica.publish(40)
    crawls = 0
    while set(published) - snapshot(project).ids and crawls < 8:
        replica.clear_requests()
        result = project.run("crawl")
        crawls += 1
        assert result.exit_code == 0, result.output
        assert_clean(result)
        assert error_lines(result) == []
        made = [r for r in replica.requests if r.path != "/robots.txt"]
        assert len(made) <= 12
    state = snapshot(project)
    assert set(published) <= state.ids, f"after {crawls} crawls"
    assert crawls >= 4  # 40 releases at <= 12 requests a crawl
    assert_no_duplicates(state)
    assert "request budget" in (state.runs[-2].message or "")
