"""Terminal output: rich tables for summaries (stdout), nothing for errors (one line on stderr)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from wirewatch.crawling import CrawlOutcome

console = Console(highlight=False, soft_wrap=True)
if not console.is_terminal:
    # Piped or captured output: do not squeeze tables into 80 columns.
    console.width = 140

HEALTH_STYLE = {
    "ok": "green",
    "empty": "yellow",
    "stale": "yellow",
    "never_run": "dim",
    "blocked": "red",
    "layout_changed": "red",
    "failed": "red",
}


def print_crawl_summary(outcome: CrawlOutcome) -> None:
    table = Table(title="crawl", title_justify="left")
    for column in ("watch", "health", "new", "known", "filtered", "re-issues", "requests"):
        table.add_column(column, justify="left" if column in ("watch", "health") else "right")
    for row in outcome.watches:
        health = row.get("health", "?")
        table.add_row(
            row["watch"],
            f"[{HEALTH_STYLE.get(health, 'white')}]{health}[/]",
            str(row.get("new_items", "")),
            str(row.get("seen_items", "")),
            str(row.get("filtered", "")),
            str(row.get("duplicates", "")),
            str(row.get("requests", "")),
        )
    console.print(table)
