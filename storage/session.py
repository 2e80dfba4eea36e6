"""Engines and session factories, tuned per dialect (reliability.md §0.3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "wirewatch_read_only"  # execution option: a reading transaction (plain BEGIN)


def make_engine(url: str, *, application_name: str = "wirewatch") -> Engine:
    """Create an engine: SQLite in WAL with BEGIN IMMEDIATE, PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed,
            pool_pre_ping=True,
            hide_parameters=True,  # errors and logs never print values (webhook URLs, secrets)
            pool_size=2,
            max_overflow=4,
            connect_args={
                "options": "-c statement_timeout=30000 -c lock_timeout=5000"
                " -c idle_in_transaction_session_timeout=60000",
                "application_name": application_name,
                "connect_timeout": 10,
            },
        )
    return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, must emit BEGIN so that it can be IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front so busy_timeout applies instead of a
        # mid-transaction "database is locked" when a read transaction tries to upgrade.
        # Readers (`read_only`) never write, so a plain deferred BEGIN: in WAL they read a
        # snapshot next to a writer instead of queueing behind it (red-team M2).
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def read_only(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reading: no write lock is taken and nothing may be flushed. Closing it
    ends the transaction and detaches what it loaded, still readable (no rollback: that would
    expire the objects the caller keeps)."""
    with session_factory() as session:
        session.connection(execution_options={READ_ONLY: True})
        session.info[READ_ONLY] = True
        yield session


@event.listens_for(Session, "before_flush")
def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a read-only session tried to write")


def redact_url(url: str) -> str:
    """The URL with any password hidden, for logs and errors."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database url>"
