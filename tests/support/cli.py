"""The real CLI in a subprocess, in a scratch directory of its own (fault-matrix tests).

`cli_runner(folder)` starts `wirewatch` the way a user does (console script, cwd = the scratch folder, no
WIREWATCH_* variables from the outer environment); `assert_one_line` checks the contract every
failure must keep: the documented exit code, one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent / "wirewatch"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


RunCli = Callable[..., Ran]


def cli_runner(folder: Path) -> RunCli:
    def run(
        *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
        cwd: Path | None = None, timeout: float = 120,
    ) -> Ran:  # fmt: skip
        environment = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
        environment |= env or {}
        done = subprocess.run(
            [str(BIN), *args], input=stdin, capture_output=True, cwd=cwd or folder,
            env=environment, timeout=timeout, check=False,
        )  # fmt: skip
        return Ran(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )

    return run


def assert_no_traceback(ran: Ran) -> None:
    assert "Traceback" not in ran.err, ran.err
    assert "Traceback" not in ran.out, ran.out


def assert_one_line(ran: Ran, code: int, *needles: str) -> str:
    """Exit `code`, exactly one line on stderr starting `wirewatch:`, holding every needle."""
    assert_no_traceback(ran)
    assert ran.code == code, (ran.code, ran.err)
    assert len(ran.err_lines) == 1, ran.err
    line = ran.err_lines[0]
    assert line.startswith("wirewatch: "), line
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def assert_usage_error(ran: Ran, *needles: str) -> None:
    """click's usage error: exit 2, an `Error:` line, no traceback."""
    assert_no_traceback(ran)
    assert ran.code == 2, (ran.code, ran.err)
    errors = [line for line in ran.err_lines if line.startswith("Error:")]
    assert len(errors) == 1, ran.err
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


def write_config(folder: Path, text: str, name: str = "wirewatch.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
