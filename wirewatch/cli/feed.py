"""`wirewatch feed [--out FILE]`: write the Atom feed of alertable events once."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import click

from alerts.sanitize import safe_url
from wirewatch.app import App, CommandError
from wirewatch.web.feed import atom_feed
from wirewatch.web.filters import BadQuery, Query


@click.command("feed")
@click.option("--out", "out", default="-", help="File to write (default: stdout).")
@click.option("--company", default="", help="Only this company (a [[company]] alias works).")
@click.option("--type", "type_", default="", help="Only this milestone type.")
@click.option("--agency", default="", help="Only this agency.")
@click.option("--since", default="", help="Only releases published on or after DATE.")
@click.option("--q", "text", default="", help="Only events whose text contains this.")
@click.option("--base-url", default=None, help="Where the file will be served, for its links.")
@click.pass_obj
def command(
    app: App, out: str, company: str, type_: str, agency: str, since: str, text: str,
    base_url: str | None,
) -> None:  # fmt: skip
    """Write the Atom feed of alertable milestones (what would be mailed as news)."""
    try:
        query = Query.parse(
            {"company": company, "type": type_, "agency": agency, "since": since, "q": text}
        )
    except BadQuery as exc:
        raise click.UsageError(f"--{exc}") from None
    base = safe_url(base_url) if base_url else None
    if base_url and base is None:
        raise click.UsageError(f"--base-url: {base_url!r} is not an http(s) URL")
    app.ready_database()
    with app.session_factory() as session:
        body = atom_feed(session, app.config, query, datetime.now(UTC), base and base.rstrip("/"))
    if out == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    _write_atomically(Path(out), body)


def _write_atomically(path: Path, body: bytes) -> None:
    """A web server or reader polling the file never sees half a feed."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as f:
            temporary = Path(f.name)
            f.write(body)
        temporary.replace(path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}", exit_code=1) from None
