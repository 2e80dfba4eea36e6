"""Per-watch health bookkeeping during one crawl: counters and the worst verdict seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storage.crawl_runs import RunCounts

# Worst first: the verdict of a run is the most severe thing that happened in it.
SEVERITY = ("blocked", "layout_changed", "failed", "empty", "ok")


def worse(a: str, b: str) -> str:
    return a if SEVERITY.index(a) <= SEVERITY.index(b) else b


@dataclass(slots=True)
class WatchHealth:
    """What one watch's crawl saw, to become its crawl_run row."""

    name: str
    kind: str
    counts: RunCounts = field(default_factory=RunCounts)
    verdict: str = "ok"
    listing_ok: bool = False
    messages: list[str] = field(default_factory=list)
    retry_after: int | None = None
    done_paging: bool = False
    newest_listed: datetime | None = None  # the newest release the listing showed this run
    left_over: int = 0  # releases left for the next crawl by the request budget

    def problem(self, health: str, message: str) -> None:
        self.verdict = worse(health, self.verdict)
        self.counts.errors += 1
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
