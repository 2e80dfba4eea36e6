"""`wirewatch events [--since DATE] [--json | --csv]` and `events retract ID --reason TEXT`."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import click
from dateutil import parser as dateparser
from rich.markup import escape
from rich.table import Table

from storage import events as event_store
from storage.models import MilestoneEvent, Release
from storage.session import read_only
from wirewatch.app import App, CommandError
from wirewatch.output import console

FIELDS = (
    "id", "type", "agency", "product", "indication", "phase", "status", "novelty", "baseline",
    "retracted", "evidence", "conflict", "source", "release_id", "release_url", "title", "company",
    "published_at", "detected_at",
)  # fmt: skip


def parse_date(value: str, option: str) -> datetime:
    """A date or timestamp on the command line; a bare date means its start in UTC."""
    try:
        parsed = dateparser.isoparse(value)
    except ValueError:
        try:
            parsed = dateparser.parse(value, dayfirst=False)
        except (ValueError, OverflowError) as exc:
            raise click.BadParameter(f"{value!r} is not a date (e.g. 2025-04-15)") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def event_json(event: MilestoneEvent, release: Release) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "agency": event.agency,
        "product": event.product,
        "indication": event.indication,
        "phase": event.phase,
        "status": event.status,
        "novelty": event.novelty,
        "baseline": event.baseline,
        "retracted": event.retracted,
        "evidence": event.evidence,
        "conflict": event.conflict,
        "source": release.source,
        "release_id": release.release_id,
        "release_url": release.url,
        "title": release.title,
        "company": release.company,
        "published_at": release.published_at.isoformat() if release.published_at else None,
        "detected_at": event.detected_at.isoformat(),
    }


@click.group("events", invoke_without_command=True)
@click.option("--since", default=None, help="Only releases published on or after DATE.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.pass_context
def command(ctx: click.Context, since: str | None, as_json: bool, as_csv: bool) -> None:
    """Stored milestone events, newest first (new, restated, planned and background)."""
    if ctx.invoked_subcommand is not None:
        return
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    app: App = ctx.obj
    since_at = parse_date(since, "--since") if since else None
    app.ready_database(read_only=True)
    with read_only(app.session_factory) as session:
        rows = [event_json(e, r) for e, r in event_store.list_events(session, since_at)]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif as_csv:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
        click.echo(out.getvalue(), nl=False)
    else:
        _table(rows)


# Ids are 64-bit integers in both databases; a bigger number is no event (not an OverflowError).
MAX_ID = 2**63 - 1


@command.command("retract")
@click.argument("event_id", type=int)
@click.option("--reason", required=True, help="Why it is a false positive (shown to readers).")
@click.pass_obj
def retract(app: App, event_id: int, reason: str) -> None:
    """Mark an event as a false positive; those who got it receive a correction."""
    reason = " ".join(reason.split())
    if not reason:
        raise click.BadParameter("give the reason readers will see", param_hint="--reason")
    if not 0 < event_id <= MAX_ID:
        raise CommandError(f"no event with id {event_id}", exit_code=2)
    app.ready_database()
    with app.session_factory.begin() as session:
        event = event_store.retract(session, event_id, reason, datetime.now(UTC))
        if event is None:
            raise CommandError(f"no event with id {event_id}", exit_code=2)
        label = f"{event.type} {event.agency or ''} {event.product or ''}".strip()
    click.echo(f"event {event_id} ({label}) retracted: {reason}")


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"):
# a headline `=HYPERLINK(...)` would become a live link in the BD team's sheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no milestone events stored")
        return
    table = Table(title=f"{len(rows)} milestone event(s)", title_justify="left")
    for column in ("id", "published", "company", "event", "novelty", "release"):
        table.add_column(column)
    for row in rows:
        what = " · ".join(
            str(v) for v in (row["type"], row["agency"], row["product"], row["indication"]) if v
        )
        flags = row["novelty"]
        if row["baseline"]:
            flags += " (baseline)"
        if row["retracted"]:
            flags += " (retracted)"
        # Scraped text is data, never Rich markup: `[/]` in a company name crashed the table
        # and `[link=…]` could restyle it (red-team M5).
        what = escape(what)
        if row["conflict"]:
            what += f"\n[yellow]conflict: {escape(row['conflict'])}[/]"
        published = (row["published_at"] or "")[:16].replace("T", " ")
        release = row["release_id"] or ""
        if row["source"] != "prnewswire":
            release = f"{row['source']} {release}"
        table.add_row(
            str(row["id"]), published, escape(row["company"] or ""), what, flags, escape(release)
        )
    console.print(table)
