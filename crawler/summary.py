"""The crawl summary a crawl child hands its parent: one typed shape for every producer.

`crawler.run` prints one `CrawlSummary` as a JSON line; its per-watch rows come from
`CrawlRunsExtension` (a normal crawl) or `WorkerSummaryExtension` (a worker's share of a
distributed backfill), both through `watch_summary`, so the parent (`wirewatch.crawling`,
`wirewatch.distributed`) reads the same keys whoever produced them. No Scrapy import here:
the daemon reads these types without loading Scrapy.
"""

from __future__ import annotations

from typing import TypedDict

# The per-watch counters (`crawler.stats` keys `wirewatch/<watch>/<counter>`), in the order
# of `storage.crawl_runs.RunCounts`.
COUNTERS = (
    "requests", "pages", "new_items", "seen_items", "duplicates", "filtered", "errors",
)  # fmt: skip

# Worst first: the verdict of a run is the most severe thing that happened in it.
SEVERITY = ("blocked", "layout_changed", "failed", "empty", "ok")


def worse(a: str, b: str) -> str:
    return a if SEVERITY.index(a) <= SEVERITY.index(b) else b


class WatchSummary(TypedDict):
    watch: str
    source: str
    health: str  # the run's verdict (a worker's raw verdict in a distributed backfill)
    message: str | None  # the messages joined, secrets redacted
    messages: list[str]
    run_id: int | None  # the crawl_run row, None when no row was written (a worker)
    recorded: bool  # the run's row was written (the parent records it when not)
    listing_ok: bool  # a listing page of the watch was read
    done_paging: bool
    retry_after: int | None
    requests: int
    pages: int
    new_items: int
    seen_items: int
    duplicates: int
    filtered: int
    errors: int


class CrawlSummary(TypedDict):
    watches: list[WatchSummary]
    locked: list[str]  # one line per watch skipped because another crawl holds its lock
    error: str | None
    finish_reason: str | None
    requests: int
    items: int


def empty_summary(*, locked: list[str] | None = None, error: str | None = None) -> CrawlSummary:
    return {
        "watches": [],
        "locked": list(locked or []),
        "error": error,
        "finish_reason": None,
        "requests": 0,
        "items": 0,
    }


def watch_summary(
    *,
    watch: str,
    source: str,
    health: str,
    messages: list[str],
    counts: dict[str, int],
    message: str | None = None,
    run_id: int | None = None,
    recorded: bool = False,
    listing_ok: bool = False,
    done_paging: bool = False,
    retry_after: int | None = None,
) -> WatchSummary:
    return {
        "watch": watch,
        "source": source,
        "health": health,
        "message": message if message is not None else ("; ".join(messages) or None),
        "messages": list(messages),
        "run_id": run_id,
        "recorded": recorded,
        "listing_ok": listing_ok,
        "done_paging": done_paging,
        "retry_after": retry_after,
        "requests": int(counts.get("requests", 0)),
        "pages": int(counts.get("pages", 0)),
        "new_items": int(counts.get("new_items", 0)),
        "seen_items": int(counts.get("seen_items", 0)),
        "duplicates": int(counts.get("duplicates", 0)),
        "filtered": int(counts.get("filtered", 0)),
        "errors": int(counts.get("errors", 0)),
    }


def counts_of(row: WatchSummary) -> dict[str, int]:
    """The row's counters, by name (the keys of `storage.crawl_runs.RunCounts`)."""
    return {
        "requests": row["requests"],
        "pages": row["pages"],
        "new_items": row["new_items"],
        "seen_items": row["seen_items"],
        "duplicates": row["duplicates"],
        "filtered": row["filtered"],
        "errors": row["errors"],
    }
