"""`wirewatch extract [--in FILE] [--out FILE]`: milestone extraction over JSONL (streaming)."""

from __future__ import annotations

import sys
from typing import IO

import click

from alerts.extract_jsonl import run_extract


@click.command("extract")
@click.option("--in", "in_file", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--out", "out_file", default="-", type=click.File("w", encoding="utf-8", lazy=False))
@click.option(
    "--explain",
    is_flag=True,
    help="Say why: an 'explain' key per event, and the dropped candidates under 'dropped'.",
)
def command(in_file: IO[str], out_file: IO[str], explain: bool) -> None:
    """Read releases as JSON lines; write one line of milestones per input line, same order."""

    def write(line: str) -> None:
        out_file.write(line if line.endswith("\n") else line + "\n")
        out_file.flush()

    processed, errors = run_extract(in_file, write, explain)
    if errors:
        click.echo(f"wirewatch: {errors} of {processed} line(s) could not be read", err=True)
    sys.stdout.flush()
