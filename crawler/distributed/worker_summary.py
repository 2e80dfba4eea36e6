"""WorkerSummaryExtension: a worker's share of a distributed backfill, for its coordinator.

In a distributed backfill the coordinator owns the run: it holds the watches' crawl locks and
writes one `crawl_run` row per watch from the merged worker summaries. A worker writes no run
row; it reports its raw health per watch, and whether it read a listing page of the watch at
all (a worker that read none has nothing to say about the listing, which is not a failure).
"""

from __future__ import annotations

from typing import Any

from crawler.extensions.crawl_runs import CrawlRunsExtension


class WorkerSummaryExtension(CrawlRunsExtension):
    def spider_opened(self, spider: Any) -> None:
        # Asked now, in its own short transaction: a worker may store a watch's releases without
        # ever reading its listing, and `KnownReleases.mark_many` would otherwise ask it from
        # inside the store transaction, on a second connection that waits for the first (SQLite).
        for watch in spider.watches:
            spider.known.watch_has_history(watch.name)

    def spider_closed(self, spider: Any, reason: str) -> None:
        summary = []
        for watch in spider.watches:
            health = spider.health[watch.name]
            summary.append(
                {
                    "watch": watch.name,
                    "health": health.verdict,
                    "listing_ok": health.listing_ok,
                    "done_paging": health.done_paging,
                    "messages": health.messages,
                    "retry_after": health.retry_after,
                    **{k: getattr(health.counts, k) for k in health.counts.__slots__},
                }
            )
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("wirewatch/summary", summary)
        spider.known.close()
