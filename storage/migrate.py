"""Alembic driven from code: `wirewatch db upgrade` and the tests use this.

Alembic is imported only to migrate: every command checks the database's revision first, and
importing Alembic and parsing each migration script for that took ~0.1 s of every command's
start. The check reads the revision table and compares it with `HEAD_REVISION`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, String, column, inspect, select, table

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision: the schema the models describe. Update it with each new
# migration (a test compares it with Alembic's head).
HEAD_REVISION = "9f3b2c7d1e60"
_VERSIONS = table("alembic_version", column("version_num", String(32)))


def alembic_config(database_url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    return config


def upgrade(engine: Engine, database_url: str, revision: str = "head") -> None:
    """Bring the database to `revision` on the given engine's connection."""
    from alembic import command

    _migrate(engine, database_url, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, database_url: str, revision: str) -> None:
    """Take the database back to `revision` (tests of the migrations; ops restoring a release)."""
    from alembic import command

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
    """The database's revision (Alembic's version table), None for a database without one."""
    from storage.session import READ_ONLY

    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        if not inspect(connection).has_table(_VERSIONS.name):
            return None
        versions = list(connection.scalars(select(_VERSIONS.c.version_num)))
    if len(versions) > 1:  # branches: never made here, but not this code's schema either
        raise RuntimeError(f"the database has several revisions: {', '.join(versions)}")
    return versions[0] if versions else None


def head_revision() -> str | None:
    """Alembic's head, from the migration scripts (slow: tests and `db` commands)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
