"""Alembic environment: URL from the caller's config, else $WIREWATCH_DATABASE_URL."""

from __future__ import annotations

import os

from alembic import context

from storage.models import Base
from storage.session import make_engine

DEFAULT_URL = "sqlite:///var/wirewatch.db"


def _url() -> str:
    configured = context.config.attributes.get("database_url")
    if isinstance(configured, str):
        return configured
    return os.environ.get("WIREWATCH_DATABASE_URL") or DEFAULT_URL


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite has almost no ALTER: batch mode copies and moves
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
