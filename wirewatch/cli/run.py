"""`wirewatch run`: the daemon (scheduled crawls, alerts, digests, retries, heartbeat)."""

from __future__ import annotations

import click

from storage.locks import LockHeld
from wirewatch.app import App, CommandError


@click.command("run")
@click.pass_obj
def command(app: App) -> None:
    """Run the scheduler until SIGTERM/SIGINT (exit 0). Logs go to var/log/wirewatch.log."""
    from wirewatch.daemon import Daemon

    daemon = Daemon(app)
    click.echo(
        f"wirewatch daemon: crawl {app.config.schedule.crawl}, database {app.database_label}, "
        f"logs in {app.state_dir / 'log'}"
    )
    try:
        code = daemon.run()
    except LockHeld as exc:
        raise CommandError(f"another daemon is running: {exc}", exit_code=75) from None
    raise SystemExit(code)
