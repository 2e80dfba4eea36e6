"""WorkerSummaryExtension: a worker's share of a distributed backfill, for its coordinator.

In a distributed backfill the coordinator owns the run: it holds the watches' crawl locks and
writes one `crawl_run` row per watch from the merged worker summaries. A worker writes no run
row; it reports its raw health per watch, and whether it read a listing page of the watch at
all (a worker that read none has nothing to say about the listing, which is not a failure).
It is the crawl's state owner all the same (`crawl_state` finds it).
"""

from __future__ import annotations

from typing import Any

from crawler.extensions.crawl_runs import CrawlRunsExtension
from crawler.summary import watch_summary


class WorkerSummaryExtension(CrawlRunsExtension):
    def spider_opened(self, spider: Any) -> None:
        # Asked now, in its own short transaction: a worker may store a watch's releases without
        # ever reading its listing, and `KnownReleases.mark_many` would otherwise ask it from
        # inside the store transaction, on a second connection that waits for the first (SQLite).
        for watch in self.watches:
            self.known.watch_has_history(watch.name)

    def spider_closed(self, spider: Any, reason: str) -> None:
        summary = [
            watch_summary(
                watch=watch.name,
                source=watch.source,
                health=self.health[watch.name].verdict,
                messages=self.health[watch.name].messages,
                counts=self.counts(watch.name),
                listing_ok=self.health[watch.name].listing_ok,
                done_paging=self.health[watch.name].done_paging,
                retry_after=self.health[watch.name].retry_after,
            )
            for watch in self.watches
        ]
        self.publish(summary)
        self.known.close()
