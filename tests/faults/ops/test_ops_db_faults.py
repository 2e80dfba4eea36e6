"""Fault matrix, database (red-team M1, M2, D01, D03–D05, D08): readers never queue behind a
writer, analysis never holds a write transaction while it extracts, a broken database file is
one line. Real SQLite files and the real PostgreSQL server."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from alerts.milestones.model import Extraction, ReleaseText
from storage import heartbeats, migrate
from storage.models import Digest, MilestoneEvent, Release
from storage.session import make_engine, make_session_factory, read_only
from tests.support.cli import RunCli, assert_no_traceback, assert_one_line, write_config
from tests.support.mailing import seed_event
from wirewatch import analysis
from wirewatch.app import App
from wirewatch.health_alerts import HealthNotice, send_health_notice

pytestmark = pytest.mark.slow

APPROVAL = (
    "SUZHOU, China -- XellSmart today announced that the U.S. FDA has approved XS-960 for ALS."
)


def migrated(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    engine.dispose()


@contextmanager
def sqlite_writer(path: Path) -> Iterator[None]:
    """Another process's write transaction (an admin's `sqlite3` shell, a long backfill batch):
    holds the write lock until the block ends."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=0)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE subscriber SET active = active")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_m2_d05_d07_read_commands_answer_while_another_process_holds_the_write_lock(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write_config(tmp_path, "[[subscriber]]\nemail = 'bd@example.com'\n")
    assert run_cli("status").code == 0  # creates the database
    url = f"sqlite:///{tmp_path / 'var' / 'wirewatch.db'}"
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        seed_event(session)
        now = datetime.now(UTC)
        heartbeats.beat(session, "daemon", pid=1, host="h", now=now, started_at=now)
    engine.dispose()

    with sqlite_writer(tmp_path / "var" / "wirewatch.db"):
        check = run_cli("status", "--check")
        as_json = run_cli("status", "--json")
        events = run_cli("events", "--json")
        table = run_cli("events")
    for ran in (check, as_json, events, table):
        assert_no_traceback(ran)
        assert ran.code == 0, ran.err
        assert "locked" not in ran.err
    assert check.out.strip() == "daemon alive"
    assert '"releases": 1' in as_json.out and "XS-411" in events.out


def test_m2_a_read_command_writes_nothing_not_even_a_new_subscriber(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write_config(tmp_path, "[[subscriber]]\nemail = 'bd@example.com'\n")
    assert run_cli("status").code == 0
    write_config(tmp_path, "[[subscriber]]\nemail = 'bd@example.com'\n[[subscriber]]\n"
                 "email = 'new@example.com'\n")  # fmt: skip
    with sqlite_writer(tmp_path / "var" / "wirewatch.db"):
        ran = run_cli("status", "--json")  # would wait, then fail, if it tried to write
    assert ran.code == 0, ran.err
    assert run_cli("digest", "--dry-run").code == 0  # a mailing command records the newcomer


def _probe_sqlite(url: str) -> Callable[[], None]:
    path = make_url(url).database
    assert path is not None

    def probe() -> None:
        connection = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            connection.execute("BEGIN IMMEDIATE")  # fails at once if anyone holds the lock
            connection.execute("ROLLBACK")
        finally:
            connection.close()

    return probe


def _probe_postgres(url: str) -> Callable[[], None]:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

    def probe() -> None:
        with psycopg.connect(dsn, autocommit=True, application_name="probe") as connection:
            row = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'wirewatch' AND state LIKE 'idle in transaction%'"
            ).fetchone()
        assert row is not None and row[0] == 0, "a wirewatch transaction is open"

    return probe


def test_m1_r05_analysis_holds_no_write_transaction_while_it_extracts(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine).begin() as session:
        for n in range(3):
            seed_event(session, product=f"XS-{n}", evidence=APPROVAL)
    engine.dispose()
    write_config(tmp_path, f"[database]\nurl = '{database_url}'\n[daemon]\n"
                 f"state_dir = '{tmp_path / 'var'}'\n")  # fmt: skip
    probe = (_probe_sqlite if database_url.startswith("sqlite") else _probe_postgres)(database_url)
    probed: list[int] = []
    real = analysis.extract_releases

    def extract_while_probing(texts: list[tuple[int, ReleaseText]]) -> dict[int, Extraction]:
        # The only stand-in of this suite: it runs the real extraction, and checks from another
        # connection, in another thread, that nothing holds the database meanwhile.
        errors: list[BaseException] = []

        def check() -> None:
            try:
                probe()
            except BaseException as exc:  # noqa: BLE001 -- reported to the test below
                errors.append(exc)

        thread = threading.Thread(target=check)
        thread.start()
        thread.join(30)
        assert not errors, errors
        probed.append(len(texts))
        return real(texts)

    monkeypatch.setattr(analysis, "extract_releases", extract_while_probing)
    app = App(str(tmp_path / "wirewatch.toml"))
    try:
        report = analysis.analyse_pending(app, send=True)
    finally:
        app.close()
    assert probed == [3]
    assert report.releases == 3
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        versions = set(session.scalars(select(Release.analysed_version)))
        found = session.scalars(select(MilestoneEvent.product)).all()
    engine.dispose()
    assert versions == {analysis.ANALYSER_VERSION}
    assert {"XS-0", "XS-1", "XS-2"} <= set(found)


def test_d01_a_read_only_database_reads_and_fails_a_write_in_one_line(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write_config(tmp_path, "[[subscriber]]\nemail = 'bd@example.com'\n")
    url = f"sqlite:///{tmp_path / 'var' / 'wirewatch.db'}"
    migrated(url)
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        event_id = seed_event(session).id
    engine.dispose()
    read_only = {
        "WIREWATCH_DATABASE_URL": f"sqlite:///file:{tmp_path}/var/wirewatch.db?mode=ro&uri=true"
    }
    ran = run_cli("events", "--json", env=read_only)
    assert ran.code == 0 and "XS-411" in ran.out, ran.err
    ran = run_cli("events", "retract", str(event_id), "--reason", "x", env=read_only)
    assert_one_line(ran, 1, "readonly", "details in")


def test_d03_a_database_in_a_missing_folder_is_created(run_cli: RunCli, tmp_path: Path) -> None:
    write_config(tmp_path, f"[database]\nurl = 'sqlite:///{tmp_path}/a/b/c/w.db'\n")
    ran = run_cli("status", "--json")
    assert ran.code == 0, ran.err
    assert (tmp_path / "a" / "b" / "c" / "w.db").exists()


@pytest.mark.parametrize("damage", ["random", "pages", "header"])
def test_d04_a_corrupted_database_file_is_one_line_and_exit_1(
    run_cli: RunCli, tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "var" / "wirewatch.db"
    if damage == "random":
        path.parent.mkdir()
        path.write_bytes(os.urandom(64 * 1024))
    else:
        migrated(f"sqlite:///{path}")
        data = bytearray(path.read_bytes())
        if damage == "header":
            data = data[:100]
        else:
            for page in range(1, len(data) // 4096):
                data[page * 4096 : page * 4096 + 64] = os.urandom(64)
        path.write_bytes(bytes(data))
    assert_one_line(run_cli("digest" if damage == "pages" else "status"), 1)


def test_d08_a_zero_byte_database_file_is_given_a_schema_once(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "wirewatch.db").write_bytes(b"")
    first = run_cli("db", "upgrade")
    second = run_cli("db", "upgrade")
    assert first.code == 0 and second.code == 0, (first.err, second.err)
    assert "up to date" in second.out.lower() or "up to date" in second.err.lower()
    assert run_cli("status", "--json").code == 0


def test_m2_rows_read_in_a_read_only_session_stay_readable_after_it(database_url: str) -> None:
    migrated(database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        seed_event(session)
    with read_only(factory) as session:
        rows = list(session.scalars(select(Release)))
    assert rows[0].title  # loaded attributes survive the end of the read
    with read_only(factory) as session:
        session.scalars(select(Release)).one().title = "changed"
        with pytest.raises(RuntimeError, match="read-only"):
            session.flush()
    engine.dispose()


@pytest.mark.parametrize("health", ["failed", "never_seen_health"])
def test_l11_an_ops_alert_points_at_the_crawl_log_where_state_dir_puts_it(
    tmp_path: Path, health: str
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    migrated(url)
    write_config(tmp_path, f"[database]\nurl = '{url}'\n[daemon]\nstate_dir = '{tmp_path / 'state'}'\n"
                 "[smtp]\nops = ['ops@example.com']\n")  # fmt: skip
    app = App(str(tmp_path / "wirewatch.toml"))
    try:
        notice = HealthNotice(key="k", watch="xellsmart", health=health, recovered=False,
                              since=None, bad_runs=3, last_error="503")  # fmt: skip
        send_health_notice(app, notice)
        with make_session_factory(app.engine)() as session:
            text = session.scalars(select(Digest.text_body)).one()
    finally:
        app.close()
    assert str(tmp_path / "state" / "log" / "crawl.log") in " ".join(text.split())
    assert "var/log" not in text


def test_m2_web_pages_answer_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from wirewatch.config import Config
    from wirewatch.web.app import create_app

    path = tmp_path / "wirewatch.db"
    url = f"sqlite:///{path}"
    migrated(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        seed_event(session)
        event_id = session.scalars(select(MilestoneEvent.id)).one()
    config = Config.model_validate({"database": {"url": url}})
    with sqlite_writer(path), TestClient(create_app(config, factory)) as client:
        pages = [client.get(p) for p in ("/", "/api/events", "/feed.atom", f"/events/{event_id}")]
    engine.dispose()
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert "XS-411" in pages[1].text
