"""The real daemon in a subprocess: replica + SMTP sink, second-level schedules (issue 6)."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from replica import Replica
from storage.models import CrawlRun, Release
from storage.session import make_engine, make_session_factory
from tests.support.project import FAST_SCRAPY, Project, make_project
from tests.support.smtp import SmtpServer
from wirewatch.demo import IND_BODY, IND_TITLE
from wirewatch.receiver import Receiver

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"


@pytest.fixture
def replica() -> Iterator[Replica]:
    with Replica(releases=120, seed=3) as running:
        yield running


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def daemon_project(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, *, crawl: str = "every 3s",
    failures: int = 2,
) -> Project:  # fmt: skip
    extra = f"""
[schedule]
crawl = "{crawl}"
[alerts]
failures_before_alert = {failures}
[daemon]
stop_grace = "8s"
state_dir = "{tmp_path / "var"}"
[[subscriber]]
email = "bd@example.com"
digest = "daily 08:00 Asia/Shanghai"
immediate = ["ind_clearance", "approval", "crl", "clinical_hold"]
"""
    project = make_project(
        tmp_path, replica.base_url,
        watches=[{"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"}],
        extra=extra,
    )  # fmt: skip
    text = project.config_path.read_text(encoding="utf-8")
    text = text.replace(f"[daemon]\nstate_dir = {json.dumps(str(tmp_path / 'var'))}\n", "")
    text = text.replace("[smtp]\n", f"[smtp]\nurl = {json.dumps(smtp.url())}\n")
    project.config_path.write_text(text, encoding="utf-8")
    return project


Start = Callable[[Project], "subprocess.Popen[bytes]"]


@pytest.fixture
def start() -> Iterator[Start]:
    """Starts `wirewatch run` for a project; a daemon still running at the end is killed."""
    started: list[subprocess.Popen[bytes]] = []

    def launch(project: Project) -> subprocess.Popen[bytes]:
        env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps(FAST_SCRAPY)}
        env.pop("WIREWATCH_CONFIG", None)
        process = subprocess.Popen(
            [str(BIN), "--config", str(project.config_path), "run"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=project.root,
        )  # fmt: skip
        started.append(process)
        return process

    yield launch
    for process in started:
        if process.poll() is None:
            process.kill()
        if process.stdout is not None and not process.stdout.closed:
            process.communicate()  # reaps it and closes its pipes


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def crawl_runs(project: Project) -> list[CrawlRun]:
    engine = make_engine(project.database_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
    except OperationalError:  # not created yet
        return []
    finally:
        engine.dispose()


def finished_runs(project: Project) -> list[CrawlRun]:
    return [r for r in crawl_runs(project) if r.finished_at is not None]


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> float:
    started = time.monotonic()
    process.send_signal(sig)
    process.wait(timeout=30)
    elapsed = time.monotonic() - started
    process.communicate()
    return elapsed


def test_a_new_release_reaches_the_subscriber_within_one_interval_and_sigterm_exits_0(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, start: Start
) -> None:
    project = daemon_project(tmp_path, replica, smtp)
    daemon = start(project)
    wait_for(lambda: len(finished_runs(project)) >= 1, 60, "the first crawl")
    assert smtp.sink.received == []  # the first crawl's history is baseline
    replica.publish(1, company="xellsmart", title=IND_TITLE, body=IND_BODY)
    published = time.monotonic()
    wait_for(lambda: len(smtp.sink.to("bd@example.com")) >= 1, 3 + 60, "the alert e-mail")
    assert time.monotonic() - published < 3 + 60
    [message] = smtp.sink.to("bd@example.com")
    assert "XS-203" in message.message["Subject"]
    assert daemon.poll() is None
    second = start(project)  # a second daemon refuses to start
    _, refused = second.communicate(timeout=30)
    assert second.returncode == 75
    assert b"another daemon" in refused
    started = time.monotonic()
    daemon.send_signal(signal.SIGTERM)
    _, errors = daemon.communicate(timeout=30)
    assert daemon.returncode == 0
    assert time.monotonic() - started < 8 + 2
    assert b"Traceback" not in errors


def test_one_cycle_of_the_daemon_delivers_the_new_milestone_to_mail_slack_and_a_webhook(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, start: Start
) -> None:
    project = daemon_project(tmp_path, replica, smtp)
    with Receiver() as hooks:
        hooks.expect_secret("/hook", "daemon-test-secret-16")
        every = 'digest = "daily 08:00 UTC"\nimmediate = ["ind_clearance"]\n'
        with project.config_path.open("a", encoding="utf-8") as config:
            config.write(
                f'[[subscriber]]\nslack = "{hooks.url("/slack")}"\nname = "bd-slack"\n{every}'
                f'[[subscriber]]\nwebhook = "{hooks.url("/hook")}"\n'
                f'webhook_secret = "daemon-test-secret-16"\nname = "crm"\n{every}'
            )
        daemon = start(project)
        wait_for(lambda: len(finished_runs(project)) >= 1, 60, "the first crawl")
        replica.publish(1, company="xellsmart", title=IND_TITLE, body=IND_BODY)
        wait_for(
            lambda: smtp.sink.to("bd@example.com") and hooks.received("/slack")
            and hooks.received("/hook"),
            60, "the alert on every channel",
        )  # fmt: skip
        time.sleep(4)  # another crawl and mail cycle: nothing more may arrive
        stop(daemon)
        [mail], [slack], [hook] = (
            smtp.sink.to("bd@example.com"), hooks.received("/slack"), hooks.received("/hook"),
        )  # fmt: skip
    assert "XS-203" in mail.message["Subject"]
    assert "XS-203" in slack.body.decode()
    assert hook.signature_ok is True
    assert [e["product"] for e in hook.json()["events"]] == ["XS-203"]
    assert daemon.returncode == 0


def test_sigterm_mid_crawl_leaves_no_half_written_rows(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, start: Start
) -> None:
    project = daemon_project(tmp_path, replica, smtp, crawl="every 1h")
    replica.set_fault("slow", "/news-releases/", delay=1.0)
    daemon = start(project)
    wait_for(lambda: bool(crawl_runs(project)), 60, "a crawl to start")
    wait_for(lambda: any(r.path.startswith("/news-releases/") for r in replica.requests), 30,
             "detail fetches")  # fmt: skip
    elapsed = stop(daemon)
    assert daemon.returncode == 0
    assert elapsed < 8 + 2
    engine = make_engine(project.database_url)
    with make_session_factory(engine)() as session:
        stored = list(session.scalars(select(Release)))
        runs = list(session.scalars(select(CrawlRun)))
    engine.dispose()
    assert all(r.title and r.body and r.published_at for r in stored)
    assert all(run.finished_at is not None for run in runs)
    assert {run.finish_reason for run in runs} <= {"shutdown", "finished"}


def test_kill_9_and_restart_neither_loses_nor_duplicates_mail_and_catches_up_once(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, start: Start
) -> None:
    project = daemon_project(tmp_path, replica, smtp, crawl="every 20s")
    daemon = start(project)
    wait_for(lambda: len(finished_runs(project)) >= 1, 60, "the first crawl")
    replica.publish(1, company="xellsmart", title=IND_TITLE, body=IND_BODY)
    daemon.send_signal(signal.SIGKILL)
    daemon.communicate(timeout=10)
    before = len(finished_runs(project))
    daemon = start(project)
    wait_for(lambda: len(smtp.sink.to("bd@example.com")) >= 1, 60, "the alert after restart")
    time.sleep(5)
    assert len(smtp.sink.to("bd@example.com")) == 1
    # One catch-up crawl at start, the next only on schedule (20 s later).
    assert len(finished_runs(project)) - before == 1
    stop(daemon)
    assert daemon.returncode == 0


def test_a_blocked_site_gives_one_ops_alert_after_n_runs_and_one_recovery_notice(
    tmp_path: Path, replica: Replica, smtp: SmtpServer, start: Start
) -> None:
    project = daemon_project(tmp_path, replica, smtp, crawl="every 2s", failures=2)
    daemon = start(project)
    wait_for(lambda: len(finished_runs(project)) >= 1, 60, "the first crawl")
    replica.set_fault("access_denied", "/news/")
    wait_for(lambda: len(smtp.sink.to("ops@example.com")) >= 1, 90, "the ops alert")
    runs_at_alert = len(finished_runs(project))
    wait_for(lambda: len(finished_runs(project)) >= runs_at_alert + 3, 60, "more bad runs")
    assert len(smtp.sink.to("ops@example.com")) == 1
    assert "blocked" in smtp.sink.to("ops@example.com")[0].message["Subject"]
    # A blocked watch backs off: each wait between its runs longer than the one before.
    blocked = sorted(r.started_at for r in finished_runs(project) if r.health == "blocked")
    gaps = [later - earlier for earlier, later in itertools.pairwise(blocked)]
    assert len(gaps) >= 3
    assert gaps[-1] > gaps[-2] > gaps[0]
    replica.set_fault(None)
    wait_for(lambda: len(smtp.sink.to("ops@example.com")) >= 2, 90, "the recovery notice")
    runs_at_recovery = len(finished_runs(project))
    wait_for(lambda: len(finished_runs(project)) >= runs_at_recovery + 2, 60, "more good runs")
    notices = smtp.sink.to("ops@example.com")
    assert len(notices) == 2
    assert "recovered" in notices[1].message["Subject"]
    stop(daemon)
