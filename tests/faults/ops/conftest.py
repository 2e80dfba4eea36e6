"""Fixtures of the ops fault matrix: the real CLI in a scratch folder, a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.cli import RunCli, cli_runner
from tests.support.smtp import SmtpServer

# The same examples on every run (a red `make test` is reproducible) and no example database
# written into the project folder.
settings.register_profile("wirewatch", database=None, derandomize=True)
settings.load_profile("wirewatch")


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    return cli_runner(tmp_path)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server
