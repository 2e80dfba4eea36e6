"""`wirewatch status [--json] [--check]`: watch health, counts, delivery queue, heartbeat."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from rich.markup import escape
from rich.table import Table

from storage.session import read_only
from wirewatch.app import App, log_file
from wirewatch.output import HEALTH_STYLE, console
from wirewatch.status import Status, gather


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (ARCHITECTURE.md shape).")
@click.option("--check", is_flag=True, help="Exit 1 when the daemon heartbeat is too old.")
@click.pass_obj
def command(app: App, as_json: bool, check: bool) -> None:
    """Show each watch's health, last and next run, counts and the delivery queue."""
    app.ready_database(read_only=True)
    now = datetime.now(UTC)
    with read_only(app.session_factory) as session:
        status = gather(session, app.config, now)
    if as_json:
        click.echo(json.dumps(status.as_json(), indent=2))
    elif not check:
        _print(status, now)
    if check and not status.daemon_alive(now):
        seen = status.heartbeat_at.isoformat() if status.heartbeat_at else "never"
        click.echo(f"wirewatch: daemon heartbeat is stale (last: {seen})", err=True)
        raise SystemExit(1)
    if check and not as_json:
        click.echo("daemon alive")


def _when(value: datetime | None, now: datetime, missing: str = "—") -> str:
    if value is None:
        return missing
    seconds = int((value - now).total_seconds())
    span = abs(seconds)
    text = (
        f"{span}s" if span < 120 else f"{span // 60}m" if span < 7200 else f"{span // 3600}h"
        if span < 172800 else f"{span // 86400}d"
    )  # fmt: skip
    return f"in {text}" if seconds > 0 else f"{text} ago"


def _print(status: Status, now: datetime) -> None:
    table = Table(title="watches", title_justify="left")
    for column in ("watch", "kind", "health", "last run", "last success", "next run"):
        table.add_column(column)
    for watch in status.watches:
        style = HEALTH_STYLE.get(watch.health, "white")
        health = watch.health if watch.enabled else f"{watch.health} (disabled)"
        table.add_row(
            escape(watch.name),
            watch.kind,
            f"[{style}]{health}[/]",
            _when(watch.last_run_at, now),
            _when(watch.last_success_at, now),
            _when(watch.next_run_at, now, "no daemon" if watch.enabled else "—"),
        )
    console.print(table)
    d = status.deliveries
    beat = _when(status.heartbeat_at, now) if status.heartbeat_at else "no daemon seen"
    console.print(
        f"releases {status.releases} · events {status.events} · deliveries: "
        f"{d['queued']} queued, {d['sending']} sending, {d['retry']} retrying, "
        f"{d['failed']} failed, {d['sent']} sent · daemon heartbeat {beat}"
    )
    if status.delivery_health != "ok":
        style = "red" if status.delivery_health == "failed" else "yellow"
        note = (
            "sending paused: the SMTP server refused our login or sender "
            f"(see {escape(str(log_file() or 'the log'))})"
            if status.delivery_health == "failed"
            else "some messages wait for another attempt"
        )
        console.print(f"[{style}]delivery {status.delivery_health}[/]: {note}")
