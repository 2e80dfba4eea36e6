"""M7, L7, L8: credentials in base_url, a backfill from year 1, a backfill interrupted by Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from replica import Replica
from storage.redaction import redact_secrets
from tests.faults.crawl.conftest import (
    NEWSROOM,
    assert_clean,
    assert_no_duplicates,
    newsroom_project,
    scrapy_env,
    snapshot,
)
from tests.support.project import Project
from tests.support.releases import listed_ids

BIN = Path(sys.executable).parent / "wirewatch"


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("http://bob:hunter2@127.0.0.1:18080", "hunter2"),
        ("ftp://:hunter2@mail.example.com/", "hunter2"),
        ("http://bob:hun@ter2@127.0.0.1:18080/", "ter2"),
        ("https://TOKEN123@feed.example.com/", "TOKEN123"),
    ],
)
def test_m7_a_base_url_with_credentials_is_rejected_at_load_and_never_printed(
    tmp_path: Path, url: str, secret: str
) -> None:
    project = newsroom_project(tmp_path, url)
    for env in ({}, {"WIREWATCH_PRNEWSWIRE_BASE_URL": url}):
        result = project.run("crawl", env=env)
        assert result.exit_code == 2, result.output
        assert_clean(result)
        assert secret not in result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "source.prnewswire.base_url" in lines[0], lines
    assert not (tmp_path / "wirewatch.db").exists()  # rejected before anything ran
    for log in (tmp_path / "var" / "log").glob("*.log"):
        assert secret not in log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x ftp://:hunter2@mail.example.com/ y", "x ftp://:***@mail.example.com/ y"),
        ("'http://bob:hun@ter2@h:1/p'", "'http://bob:***@h:1/p'"),
        ("postgresql+psycopg://u:p%40ss@db/w", "postgresql+psycopg://u:***@db/w"),
        ("https://TOKEN@h/x", "https://***@h/x"),
        ("http://bob:pa/ss@h/", "http://bob:***@h/"),
        (
            "http://h/news/@handle and http://h/x?a=b@c",
            "http://h/news/@handle and http://h/x?a=b@c",
        ),
    ],
)
def test_m7_one_redaction_helper_hides_every_password_form(text: str, shown: str) -> None:
    assert redact_secrets(text) == shown


@pytest.mark.slow
def test_l7_backfill_since_year_one_stores_every_release(tmp_path: Path, replica: Replica) -> None:
    """U23: the re-issue window used to overflow below year 1 and drop a release a run."""
    project = newsroom_project(tmp_path, replica.base_url)
    result = project.run("backfill", "--since", "0001-01-01", "--watch", "xellsmart")
    assert result.exit_code == 0, result.output
    assert_clean(result)
    state = snapshot(project)
    assert state.ids == listed_ids(replica, NEWSROOM)
    assert_no_duplicates(state)


@pytest.mark.slow
def test_l8_an_interrupted_backfill_exits_1_saying_so_and_the_rerun_finishes(
    tmp_path: Path, replica: Replica
) -> None:
    """U24: Ctrl-C printed "interrupted", then exited 0 as if it had finished."""
    project: Project = newsroom_project(tmp_path, replica.base_url)
    replica.set_fault("slow", "/news-releases/", delay=0.3)
    command = [str(BIN), "--config", str(project.config_path), "backfill", "--since", "2000-01-01"]
    env = {**os.environ, **scrapy_env()}
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sum(r.path.startswith("/news-releases/") for r in replica.requests) >= 5:
            break
        time.sleep(0.1)
    first.send_signal(signal.SIGINT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 1, err.decode()
    assert b"Traceback" not in out + err
    [line] = err.decode().strip().splitlines()
    assert "interrupted before it finished: run the same command again to resume" in line
    partial = snapshot(project).ids
    assert partial < listed_ids(replica, NEWSROOM)
    replica.set_fault(None, "/")
    again = subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr.decode()
    assert b"resuming an interrupted backfill" in again.stdout
    state = snapshot(project)
    assert state.ids == listed_ids(replica, NEWSROOM)
    assert_no_duplicates(state)
