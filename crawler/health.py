"""Per-watch health bookkeeping during one crawl: the worst verdict seen and its counters.

The counters live in `crawler.stats` under `wirewatch/<watch>/<counter>` (Scrapy's own idiom,
as `scrapy.extensions.corestats`), so they show in the crawl's stats dump like any other;
`WatchHealth` reads them back into the `crawl_run` row at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scrapy.statscollectors import StatsCollector

from crawler.summary import COUNTERS, worse
from storage.crawl_runs import RunCounts


def stat_key(watch: str, counter: str) -> str:
    return f"wirewatch/{watch}/{counter}"


@dataclass(slots=True)
class WatchHealth:
    """What one watch's crawl saw, to become its crawl_run row."""

    name: str
    kind: str
    stats: StatsCollector
    source: str = "prnewswire"
    verdict: str = "ok"
    listing_ok: bool = False
    messages: list[str] = field(default_factory=list)
    retry_after: int | None = None
    done_paging: bool = False
    newest_listed: datetime | None = None  # the newest release the listing showed this run
    left_over: int = 0  # releases left for the next crawl by the request budget

    def count(self, counter: str, by: int = 1) -> None:
        self.stats.inc_value(stat_key(self.name, counter), by)

    @property
    def counts(self) -> RunCounts:
        values = {c: int(self.stats.get_value(stat_key(self.name, c), 0) or 0) for c in COUNTERS}
        return RunCounts(**values)

    def problem(self, health: str, message: str, *, error: bool = True) -> None:
        """A failure of the run (`error=False`: a verdict such as `empty`, not an error)."""
        self.verdict = worse(health, self.verdict)
        if error:
            self.count("errors")
        self.note(message)

    def note(self, message: str) -> None:
        """Something the run should say that is not a failure (its verdict is unchanged)."""
        if len(self.messages) < 5:
            self.messages.append(message)

    def final_verdict(self) -> str:
        if self.verdict == "ok" and not self.listing_ok:
            # No listing page was ever read: nothing else can explain it.
            return "failed"
        return self.verdict
