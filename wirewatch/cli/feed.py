"""`wirewatch feed [--out FILE]`: write the Atom feed of alertable events once."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import click

from wirewatch.app import App, CommandError
from wirewatch.web.feed import atom_feed
from wirewatch.web.filters import Query


@click.command("feed")
@click.option("--out", "out", default="-", help="File to write (default: stdout).")
@click.pass_obj
def command(app: App, out: str) -> None:
    """Write the Atom feed of alertable milestones (what would be mailed as news)."""
    app.ready_database()
    with app.session_factory() as session:
        body = atom_feed(session, app.config, Query(), datetime.now(UTC))
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
