"""A wirewatch configuration for tests: a temp state dir, a SQLite database, the replica."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from wirewatch.cli import cli

FAST_SCRAPY = {"WIREWATCH_RETRY_BACKOFF": 0.05, "WIREWATCH_RETRY_AFTER_MAX": 5, "RETRY_TIMES": 2}

BIOTECH_TERMS = ["iPSC", "cell therapy", "XellSmart", "FDA", "NMPA", "Parkinson's", "ALS"]


def toml_value(value: Any) -> str:
    return json.dumps(value)


@dataclass
class Project:
    root: Path
    config_path: Path
    database_url: str

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        environment = {"WIREWATCH_SCRAPY_SETTINGS": json.dumps(FAST_SCRAPY), **(env or {})}
        return CliRunner().invoke(
            cli, ["--config", str(self.config_path), *args], env=environment, catch_exceptions=False
        )


def make_project(
    root: Path,
    base_url: str,
    *,
    database_url: str | None = None,
    watches: list[dict[str, Any]] | None = None,
    extra: str = "",
) -> Project:
    database_url = database_url or f"sqlite:///{root / 'wirewatch.db'}"
    if watches is None:
        watches = [
            {"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"},
            {
                "name": "biotech",
                "kind": "category",
                "path": "/news-releases/health-latest-news/biotechnology-list/",
                "include": BIOTECH_TERMS,
            },
        ]
    lines = [
        "[source.prnewswire]",
        f"base_url = {toml_value(base_url)}",
        "download_delay = 0",
        "timeout = '10s'",
        "[database]",
        f"url = {toml_value(database_url)}",
        "[daemon]",
        f"state_dir = {toml_value(str(root / 'var'))}",
        "[smtp]",
        "ops = ['ops@example.com']",
    ]
    for watch in watches:
        lines.append("[[watch]]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in watch.items())
    lines.append(extra)
    path = root / "wirewatch.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Project(root, path, database_url)
