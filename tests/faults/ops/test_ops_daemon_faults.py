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
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from storage.session import make_engine, make_session_factory
from tests.support.cli import BIN, RunCli, assert_one_line, write_config
from tests.support.mailing import seed_event
from tests.support.smtp import SilentServer

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


def test_r01_d09_d10_a_second_daemon_exits_75_naming_the_first_on_either_database(
    run_cli: RunCli, tmp_path: Path, start: Start, database_url: str
) -> None:
    write_config(tmp_path, f"[database]\nurl = '{database_url}'\n[schedule]\ncrawl = 'every 1h'\n")
    first = start()

    def beating() -> bool:
        engine = make_engine(database_url)
        try:
            with engine.connect() as connection:
                return connection.execute(text("SELECT count(*) FROM heartbeat")).scalar() == 1
        except SQLAlchemyError:
            return False  # the schema is not there yet
        finally:
            engine.dispose()

    wait_for(beating, "a heartbeat")
    second = start()
    assert second.wait(timeout=60) == 75
    _out, err = second.communicate()
    lines = [line for line in err.decode().splitlines() if line.strip()]
    assert len(lines) == 1 and str(first.pid) in lines[0], lines
    assert "Traceback" not in err.decode()
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=30) == 0


def test_r07_status_check_without_a_daemon_is_exit_1_stale(run_cli: RunCli, tmp_path: Path) -> None:
    dst_project(tmp_path, run_cli)
    assert_one_line(run_cli("status", "--check"), 1, "heartbeat is stale")


def test_r05_sigterm_while_a_job_hangs_on_a_mail_server_stops_within_the_grace(
    run_cli: RunCli, tmp_path: Path, start: Start
) -> None:
    with SilentServer() as port:
        write_config(tmp_path, f"[schedule]\ncrawl = 'every 1h'\n[daemon]\nstop_grace = '2s'\n"
                     f"[smtp]\nurl = 'smtp://127.0.0.1:{port}'\ntimeout = '120s'\n"
                     "[[subscriber]]\nemail = 'bd@example.com'\nimmediate = ['ind_clearance']\n")  # fmt: skip
        assert run_cli("digest", "--dry-run").code == 0  # the database and the subscriber
        engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'wirewatch.db'}")
        with make_session_factory(engine).begin() as session:
            seed_event(session, detected_at=datetime.now(UTC))
        engine.dispose()
        daemon = start()
        wait_for(lambda: query(tmp_path, "SELECT status FROM delivery") == [("sending",)],
                 "the mail job to wait on the silent server")  # fmt: skip
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0  # not the 120 s the SMTP greeting could take
    _out, err = daemon.communicate()
    assert b"Traceback" not in err
    # Nothing lost: the claimed row is resent with the same Message-ID after its lease.
    assert query(tmp_path, "SELECT status, attempts FROM delivery") == [("sending", 1)]
