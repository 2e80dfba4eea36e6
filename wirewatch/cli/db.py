"""`wirewatch db upgrade`: create or migrate the database (Alembic)."""

from __future__ import annotations

import click

from storage import migrate
from storage.locks import LockHeld, NamedLock
from wirewatch.app import App, CommandError


@click.group("db")
def command() -> None:
    """Database administration."""


@command.command("upgrade")
@click.pass_obj
def upgrade(app: App) -> None:
    """Create the schema or migrate it to the code's version."""
    config = app.config
    # Under the daemon lock: never migrate under a running daemon.
    lock = NamedLock("daemon", config.database.url, config.daemon.state_dir)
    try:
        lock.acquire("db upgrade")
    except LockHeld as exc:
        raise CommandError(f"cannot migrate while {exc}", exit_code=75) from None
    try:
        before = migrate.current_revision(app.engine)
        app.upgrade()
        after = migrate.current_revision(app.engine)
        app.sync_subscribers()
    finally:
        lock.release()
    if before == after:
        click.echo(f"database {app.database_label} is up to date (revision {after})")
    else:
        click.echo(f"database {app.database_label} upgraded: {before or 'empty'} → {after}")
