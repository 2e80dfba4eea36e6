"""`wirewatch extract [--in FILE] [--out FILE]`: milestone extraction over JSONL (streaming)."""

from __future__ import annotations

from typing import IO

import click

from alerts.extract_jsonl import run_extract
from wirewatch.app import CommandError


@click.command("extract")
@click.option("--in", "in_file", default="-", type=click.File("rb"))
@click.option("--out", "out_file", default="-", type=click.File("w", encoding="utf-8", lazy=False))
def command(in_file: IO[bytes], out_file: IO[str]) -> None:
    """Read releases as JSON lines; write one line of milestones per input line, same order."""

    def write(line: str) -> None:
        try:
            out_file.write(line if line.endswith("\n") else line + "\n")
            out_file.flush()
        except OSError as exc:  # --out /dev/full, a closed pipe
            name = getattr(out_file, "name", "the output")
            raise CommandError(f"cannot write {name}: {exc.strerror or exc}") from None

    # Bytes in: each line is decoded on its own, so bad UTF-8 costs one `error` line (M4).
    processed, errors = run_extract(in_file, write)
    if errors:
        click.echo(f"wirewatch: {errors} of {processed} line(s) could not be read", err=True)
