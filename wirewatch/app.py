"""The composition root's shared state for one command: config, engine, sessions, logging."""

from __future__ import annotations

import logging
import logging.handlers
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from storage import migrate, subscribers
from storage.session import READ_ONLY, make_engine, make_session_factory, redact_url
from wirewatch.config import Config, load_config

logger = logging.getLogger(__name__)


class CommandError(Exception):
    """A failure to report as one line; `exit_code` follows ARCHITECTURE.md."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class App:
    def __init__(self, config_file: str | None) -> None:
        self.config_file = config_file

    @cached_property
    def config(self) -> Config:
        config = load_config(self.config_file)
        log_dir = Path(config.daemon.state_dir) / "log"
        try:
            setup_logging(log_dir)
        except OSError as exc:
            raise CommandError(
                f"cannot write the log in {log_dir} ([daemon] state_dir = "
                f"{config.daemon.state_dir!r}): {exc.strerror or exc}"
            ) from None
        return config

    @property
    def state_dir(self) -> Path:
        return Path(self.config.daemon.state_dir)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.config.database.url)

    @cached_property
    def session_factory(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    @property
    def database_label(self) -> str:
        return redact_url(self.config.database.url)

    def ready_database(self, *, read_only: bool = False) -> None:
        """Create the schema of a brand-new database; refuse an out-of-date one.

        `read_only` (status, events): no write lock and no write unless the database is brand
        new, so a health check answers while another process writes (red-team M2). Only the
        commands that mail or store sync the subscriber list.
        """
        from sqlalchemy.exc import OperationalError

        try:
            with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
                tables = set(inspect(connection).get_table_names())
            current = migrate.current_revision(self.engine)
        except OperationalError as exc:
            raise CommandError(
                f"cannot open the database {self.database_label}: {_first(exc)}"
            ) from None
        if not tables - {"alembic_version"}:
            logger.info("creating the schema in %s", self.database_label)
            self.upgrade()
            read_only = False
        elif current != migrate.HEAD_REVISION:
            raise CommandError(
                f"the database {self.database_label} is at revision {current}, not the code's "
                f"{migrate.HEAD_REVISION}: run `wirewatch db upgrade`",
                exit_code=2,
            )
        if not read_only:
            self.sync_subscribers()

    def sync_subscribers(self) -> None:
        """A subscriber's `added_at` is the first time any command loaded a config listing it."""
        with self.session_factory.begin() as session:
            subscribers.sync_subscribers(
                session,
                [subscribers.Listed(s.channel, s.address, s.name) for s in self.config.subscriber],
                datetime.now(UTC),
            )

    def upgrade(self) -> None:
        migrate.upgrade(self.engine, self.config.database.url)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def _first(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0]


def log_file() -> Path | None:
    """Where this process logs, once `setup_logging` ran (else None)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_wirewatch", False):
            return Path(getattr(handler, "baseFilename", ""))
    return None


def setup_logging(directory: Path, *, verbose: bool = False) -> None:
    """Everything to var/log/wirewatch.log; the terminal gets only what commands print."""
    root = logging.getLogger()
    if any(getattr(h, "_wirewatch", False) for h in root.handlers):
        return
    directory.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.WatchedFileHandler(directory / "wirewatch.log", encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s")
    )
    handler._wirewatch = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("sqlalchemy", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
