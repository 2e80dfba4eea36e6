"""Fault matrix, daemon (red-team R01, R06/H2, R07): the real `wirewatch run` in a subprocess,
no watch (nothing leaves 127.0.0.1), mail to files. A digest schedule over a fall-back day must
not stop the daemon: it heartbeats, answers `status --check`, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.cli import BIN, RunCli, assert_one_line, write_config

pytestmark = pytest.mark.slow

Start = Callable[[], "subprocess.Popen[bytes]"]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    started: list[subprocess.Popen[bytes]] = []

    def launch() -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
        process = subprocess.Popen(
            [str(BIN), "run"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(process)
        return process

    yield launch
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def query(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(tmp_path / "var" / "wirewatch.db", timeout=10)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def dst_project(tmp_path: Path, run_cli: RunCli) -> None:
    write_config(tmp_path, "[schedule]\ncrawl = 'every 1h'\n[[subscriber]]\n"
                 "email = 'bd@example.com'\ndigest = 'daily 01:30 America/New_York'\n")  # fmt: skip
    assert run_cli("digest", "--dry-run").code == 0  # creates the database and the subscriber
    connection = sqlite3.connect(tmp_path / "var" / "wirewatch.db")
    with connection:
        connection.execute("UPDATE subscriber SET last_digest_at = '2025-11-01 12:00:00.000000'")
    connection.close()


def test_r06_h2_a_fall_back_digest_schedule_leaves_the_daemon_alive_and_stoppable(
    run_cli: RunCli, tmp_path: Path, start: Start
) -> None:
    dst_project(tmp_path, run_cli)
    daemon = start()
    wait_for(lambda: query(tmp_path, "SELECT last_digest_at FROM subscriber")[0][0]
             != "2025-11-01 12:00:00.000000", "the mail job to answer the digest period")  # fmt: skip
    check = run_cli("status", "--check")
    assert (check.code, check.out.strip()) == (0, "daemon alive"), check.err
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=30) == 0
    _out, err = daemon.communicate()
    assert b"Traceback" not in err
    assert query(tmp_path, "SELECT count(*) FROM heartbeat") == [(0,)]  # forgotten on a clean stop


def test_r01_a_second_daemon_exits_75_naming_the_first(
    run_cli: RunCli, tmp_path: Path, start: Start
) -> None:
    dst_project(tmp_path, run_cli)
    first = start()
    wait_for(lambda: query(tmp_path, "SELECT count(*) FROM heartbeat") == [(1,)], "a heartbeat")
    second = start()
    assert second.wait(timeout=60) == 75
    _out, err = second.communicate()
    lines = [line for line in err.decode().splitlines() if line.strip()]
    assert len(lines) == 1 and str(first.pid) in lines[0], lines
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=30) == 0


def test_r07_status_check_without_a_daemon_is_exit_1_stale(run_cli: RunCli, tmp_path: Path) -> None:
    dst_project(tmp_path, run_cli)
    assert_one_line(run_cli("status", "--check"), 1, "heartbeat is stale")
