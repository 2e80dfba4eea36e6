"""S01–S12, S17–S21, S25: what the site can do to a crawl, and the crawl after it recovers.

Each fault: 3 releases published, the fault set, `wirewatch crawl` gives the documented health
and exit code in one line, the fault cleared, the next crawl stores all 3 (nothing lost, nothing
twice). Moved here from tests/crawler/test_crawl_faults.py, which this suite replaces.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from replica import Replica
from tests.faults.crawl.conftest import (
    CATEGORY,
    NEWSROOM,
    assert_clean,
    assert_fails,
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

DETAILS = "/news-releases/"


@pytest.fixture
def front(tmp_path: Path, hostile: Hostile) -> Project:
    """The newsroom crawled through the hostile front (once, so the watch has history)."""
    project = newsroom_project(tmp_path, hostile.base_url)
    assert_ok(project.run("crawl"))
    return project


def test_s01_one_429_with_retry_after_is_waited_for_and_the_crawl_is_ok(
    project: Project, replica: Replica
) -> None:
    published = replica.publish(3)
    replica.set_fault("429", NEWSROOM, count=1)
    assert_ok(project.run("crawl"))
    assert set(published) <= snapshot(project).ids
    assert snapshot(project).last_run().health == "ok"


def test_s01_429s_that_persist_after_retries_block_the_watch_then_it_recovers(
    project: Project, replica: Replica
) -> None:
    published = replica.publish(3)
    replica.set_fault("429", NEWSROOM)
    assert_fails(project.run("crawl"), "blocked")
    run = snapshot(project).last_run()
    assert (run.health, run.retry_after) == ("blocked", 1)
    replica.set_fault(None, "/")
    assert_recovered(project, published)


def test_s02_503s_on_the_listing_are_retried_and_the_crawl_succeeds(
    project: Project, replica: Replica
) -> None:
    replica.clear_requests()
    replica.set_fault("503", NEWSROOM, count=2)
    assert_ok(project.run("crawl"))
    calls = [r.status for r in replica.requests if r.path.startswith(NEWSROOM)]
    assert calls == [503, 503, 200]


def test_s02_a_listing_that_keeps_failing_is_one_line_and_other_watches_go_on(
    tmp_path: Path, replica: Replica
) -> None:
    project = make_project(tmp_path, replica.base_url)
    replica.set_fault("503", NEWSROOM)
    result = project.run("crawl")
    assert_fails(result, "failed")
    runs = {r.watch: r.health for r in snapshot(project).runs}
    assert runs == {"xellsmart": "failed", "biotech": "ok"}  # one failure never stops the others


def test_s02_503s_on_detail_pages_fail_the_watch_then_it_recovers(
    project: Project, replica: Replica
) -> None:
    published = replica.publish(3)
    replica.set_fault("503", DETAILS)
    assert_fails(project.run("crawl"), "failed")
    assert not set(published) & snapshot(project).ids
    replica.set_fault(None, "/")
    assert_recovered(project, published)


@pytest.mark.parametrize("where", [NEWSROOM, DETAILS])
def test_s03_responses_slower_than_the_timeout_fail_then_recover(
    project: Project, replica: Replica, where: str
) -> None:
    published = replica.publish(3)
    replica.set_fault("slow", where, delay=3.0)
    result = project.run("crawl", env=scrapy_env(DOWNLOAD_TIMEOUT=1, RETRY_TIMES=1))
    assert_fails(result, "failed")
    assert "timed out" in result.output
    replica.set_fault(None, "/")
    assert_recovered(project, published)


@pytest.mark.parametrize(
    ("mode", "health"),
    [("access_denied", "blocked"), ("layout_changed", "layout_changed"), ("truncated", "failed")],
)
def test_s04_s05_s06_a_bad_listing_page_stores_nothing_and_sets_the_health(
    project: Project, replica: Replica, mode: str, health: str
) -> None:
    published = replica.publish(3)
    before = snapshot(project).ids
    replica.set_fault(mode, NEWSROOM)
    assert_fails(project.run("crawl"), health)
    assert snapshot(project).ids == before
    replica.set_fault(None, "/")
    assert_recovered(project, published)


@pytest.mark.parametrize(
    ("mode", "health"),
    [("access_denied", "blocked"), ("layout_changed", "layout_changed"), ("truncated", "failed")],
)
def test_s04_s05_s06_bad_detail_pages_are_never_stored_as_releases_then_recover(
    project: Project, replica: Replica, mode: str, health: str
) -> None:
    published = replica.publish(3)
    before = {r.release_id: (r.title, r.body) for r in snapshot(project).releases}
    replica.set_fault(mode, DETAILS)
    assert_fails(project.run("crawl"), health)
    state = snapshot(project)
    assert {r.release_id: (r.title, r.body) for r in state.releases} == before
    assert {state.seen[r].outcome for r in published} == {"failed"}
    replica.set_fault(None, "/")
    after = assert_recovered(project, published)
    assert "Access Denied" not in {r.title for r in after.releases}


def test_s07_a_connection_closed_without_a_response_is_one_clean_line(
    project: Project, replica: Replica
) -> None:
    published = replica.publish(3)
    replica.set_fault("disconnect", DETAILS)
    result = project.run("crawl")
    assert_fails(result, "failed")
    assert "connection closed without a response" in result.output
    assert "Failure" not in (snapshot(project).last_run().message or "")
    replica.set_fault(None, "/")
    assert_recovered(project, published)


def test_s08_a_404_listing_fails_then_recovers(project: Project, replica: Replica) -> None:
    published = replica.publish(3)
    replica.set_fault("404", NEWSROOM)
    result = project.run("crawl")
    assert_fails(result, "failed")
    assert "HTTP 404" in result.output
    replica.set_fault(None, "/")
    assert_recovered(project, published)


def test_s09_a_listing_without_cards_is_empty_then_recovers(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.on(NEWSROOM, Rule("empty_listing"))
    assert_fails(front.run("crawl"), "empty")
    hostile.clear()
    assert_recovered(front, published)


def test_s10_a_body_shorter_than_its_content_length_fails_then_recovers(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.on(DETAILS, Rule("short_body"))
    result = front.run("crawl")
    assert_fails(result, "failed")
    assert "cut short" in result.output
    hostile.clear()
    assert_recovered(front, published)


def test_s11_a_403_blocks_the_watch_then_it_recovers(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.on(NEWSROOM, Rule("status", status=403))
    assert_fails(front.run("crawl"), "blocked")
    hostile.clear()
    assert_recovered(front, published)


def test_s12_a_redirect_loop_on_the_listing_fails_in_one_line(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.on(NEWSROOM, Rule("redirect", location=NEWSROOM + "?page=1&pagesize=25"))
    result = front.run("crawl")
    assert_fails(result, "failed")
    assert "redirect" in result.output.lower()
    hostile.clear()
    assert_recovered(front, published)


def test_s17_a_10_mb_detail_page_is_stored_normally(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    [big] = replica.publish(1)
    pad = b"<!-- " + b"x" * 10_000_000 + b" -->"
    hostile.on(
        path_of(replica, big),
        Rule("rewrite", rewrite=lambda b: b.replace(b"</body>", pad + b"</body>")),
    )
    state = assert_recovered(front, [big])
    assert state.last_run().new_items == 1


def test_s18_nul_bytes_and_unbalanced_tags_in_a_detail_page_store_no_garbage(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(2)
    hostile.on(
        path_of(replica, published[0]),
        Rule("rewrite", rewrite=lambda b: b.replace(b"<article", b"\x00\x00<div><div><article", 1)),
    )
    result = front.run("crawl")
    assert_clean(result)
    assert result.exit_code in (0, 1)
    hostile.clear()
    state = assert_recovered(front, published)
    assert all("\x00" not in r.title + r.body for r in state.releases)


def test_s19_s20_control_characters_and_markup_in_a_headline_are_stored_as_plain_text(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    [hostile_id] = replica.publish(1, title="XellSmart Announces Progress")
    evil = "X\x07e\x1b[31ml\u202elSmart <script>alert(1)</script> Announces"
    hostile.on(
        path_of(replica, hostile_id),
        Rule(
            "rewrite",
            rewrite=lambda b: b.replace(
                b"XellSmart Announces Progress",
                evil.replace("<", "&lt;").replace(">", "&gt;").encode(),
            ),
        ),
    )
    state = assert_recovered(front, [hostile_id])
    [release] = [r for r in state.releases if r.release_id == hostile_id]
    assert not any(c in release.title for c in "\x07\x1b\u202e")
    assert "<script>" in release.title  # text, escaped only where it is rendered


def test_s21_a_robots_txt_disallowing_the_listing_fails_the_watch(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.requests.clear()
    hostile.on(
        "/robots.txt",
        Rule("body", body=b"User-agent: *\nDisallow: /news/\n", content_type="text/plain"),
    )
    result = front.run("crawl")
    assert_fails(result, "failed")
    assert "robots.txt" in result.output
    assert not [p for p in hostile.requests if p.startswith(NEWSROOM)]
    hostile.clear()
    assert_recovered(front, published)


def test_s21_a_robots_txt_that_errors_allows_everything(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    hostile.on("/robots.txt", Rule("status", status=500))
    assert_recovered(front, published)


def test_s25_sigterm_mid_crawl_stops_gracefully_and_the_next_crawl_stores_the_rest(
    project: Project, replica: Replica
) -> None:
    published = replica.publish(20)
    replica.set_fault("slow", DETAILS, delay=0.5)
    replica.clear_requests()
    env = {**os.environ, **scrapy_env()}
    wirewatch = [
        str(Path(sys.executable).parent / "wirewatch"),
        "--config",
        str(project.config_path),
    ]
    process = subprocess.Popen(
        [*wirewatch, "crawl"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(r.path.startswith(DETAILS) for r in replica.requests[-5:]):
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 1, out
    assert b"Traceback" not in out
    assert snapshot(project).last_run().finish_reason == "shutdown"
    replica.set_fault(None, "/")
    assert_recovered(project, published)


def test_a_category_watch_fault_leaves_the_newsroom_watch_healthy(
    tmp_path: Path, replica: Replica
) -> None:
    """S02 on one watch of two: the other is crawled and recorded `ok` as usual."""
    project = make_project(tmp_path, replica.base_url)
    replica.set_fault("429", CATEGORY)
    result = project.run("crawl")
    assert result.exit_code == 1
    assert [line.split(":")[1].strip() for line in error_lines(result)] == ["watch biotech"]
    assert {r.watch: r.health for r in snapshot(project).runs}["xellsmart"] == "ok"
