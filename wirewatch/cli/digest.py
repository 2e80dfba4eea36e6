"""`wirewatch digest [--dry-run] [--preview DIR] [--subscriber EMAIL|NAME] [--now]`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from alerts.channels.email.transport import write_atomic
from alerts.email import build_message, new_message_id
from alerts.sanitize import slug
from storage import deliveries
from storage.session import read_only
from wirewatch.app import App, CommandError
from wirewatch.mailing import Mailer, MailReport, Planned, mailer_for, plans_messages


@click.command("digest")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option(
    "--preview",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write .html/.txt/.eml per message (and the Slack or webhook JSON) to DIR; send nothing.",
)
@click.option(
    "--subscriber", "only", default=None, metavar="EMAIL|NAME",
    help="Only this subscriber (its e-mail address or name).",
)  # fmt: skip
@click.option("--now", "force_due", is_flag=True, help="Treat every digest as due now.")
@click.pass_obj
def command(
    app: App, dry_run: bool, preview: Path | None, only: str | None, force_due: bool
) -> None:
    """Send due immediate alerts and digests, then run the delivery queue once."""
    app.ready_database()
    mailer = mailer_for(app)
    now = datetime.now(UTC)
    looking = dry_run or preview is not None
    try:
        report = mailer.cycle(
            now, force_due=force_due, only=only, compose=not looking, send=not looking,
            force_send=True,
        )  # fmt: skip
    except LookupError as exc:
        raise CommandError(str(exc), exit_code=2) from None
    if looking:
        _show(mailer, report, preview, now)
        return
    for line in report.lines():
        click.echo(line)
    if report.failed:
        raise SystemExit(1)


def _show(mailer: Mailer, report: MailReport, preview: Path | None, now: datetime) -> None:
    messages = plans_messages(report.plans)
    for plan in report.plans:
        if not plan.messages:
            click.echo(plan.describe())
    for n, message in enumerate(messages, start=1):
        items = message.item_count
        corrections = len(message.content.corrections)
        extra = f", {corrections} correction(s)" if corrections else ""
        click.echo(
            f"{message.label}: {message.kind} \u201c{message.rendered.subject}\u201d "
            f"({items} milestone{'s' if items != 1 else ''}{extra})"
        )
        if preview is not None:
            _write_preview(mailer, preview / f"{n:02d}-{slug(message.label)}-{message.kind}",
                           message, now)  # fmt: skip
    with read_only(mailer.session_factory) as session:
        waiting = len(deliveries.due_delivery_ids(session, now))
    if waiting:
        click.echo(f"{waiting} message(s) already in the outbox are due to be sent")
    if preview is not None:
        click.echo(f"preview written to {preview} (nothing was sent)")
    elif not messages:
        click.echo("nothing to send")


def _write_preview(mailer: Mailer, stem: Path, message: Planned, now: datetime) -> None:
    rendered = message.rendered
    write_atomic(stem.with_suffix(".html"), rendered.html.encode("utf-8"))
    write_atomic(stem.with_suffix(".txt"), rendered.text.encode("utf-8"))
    payload = message.outgoing.payload
    if payload is not None:  # what a Slack or webhook subscriber would receive
        write_atomic(
            stem.with_suffix(f".{message.channel}.json"), preview_json(message.channel, payload)
        )
        return
    eml = build_message(
        settings=mailer.settings, recipient=message.outgoing.address, subject=rendered.subject, text=rendered.text,
        html=rendered.html, message_id=new_message_id(mailer.settings, "preview"), date=now,
    )  # fmt: skip
    write_atomic(stem.with_suffix(".eml"), eml.as_bytes())


def preview_json(channel: str, payload: str) -> bytes:
    """Slack: the messages as posted; webhook: the body as posted (its signature aside)."""
    data = json.loads(payload)
    document = json.loads(data["body"]) if channel == "webhook" else data["messages"]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
