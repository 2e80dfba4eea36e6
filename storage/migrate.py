"""Alembic driven from code: `wirewatch db upgrade` and the tests use this."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    return config


def upgrade(engine: Engine, database_url: str, revision: str = "head") -> None:
    """Bring the database to `revision` on the given engine's connection."""
    _migrate(engine, database_url, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, database_url: str, revision: str) -> None:
    """Take the database back to `revision` (tests of the migrations; ops restoring a release)."""
    _migrate(engine, database_url, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, database_url: str, run: Callable[[Config], None]) -> None:
    config = alembic_config(database_url)
    with engine.connect() as connection:
        raw = connection.connection.driver_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            # Batch mode copies a table and drops the old one, which foreign keys forbid while
            # rows refer to it; SQLite ignores this pragma inside a transaction (Alembic's
            # recipe: off around the migration, then check every reference by hand).
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                run(config)
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    from storage.session import READ_ONLY

    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
