"""CrawlRunsExtension: one `crawl_run` row per watch, opened at start and settled at close.

A run killed before it closes keeps its row with no finish: `status` shows it as unfinished.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

from storage import crawl_runs

logger = logging.getLogger(__name__)


class CrawlRunsExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_ids: dict[str, int] = {}
        self.mode = crawler.settings.get("WIREWATCH_MODE", "incremental")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        return extension

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        """A pipeline crashed on a release: the run is not healthy, whatever else happened."""
        watch = getattr(item, "watch", None)
        if watch in spider.health:
            release_id = getattr(item, "release_id", "?")
            spider.health[watch].problem("failed", f"release {release_id}: {failure.value}")

    def spider_opened(self, spider: Any) -> None:
        now = datetime.now(UTC)
        with spider.known.session_factory.begin() as session:
            for watch in spider.watches:
                crawl_runs.close_abandoned_runs(session, watch.name, now)
                self.run_ids[watch.name] = crawl_runs.start_run(
                    session, watch.name, self.mode, now
                ).id

    def spider_closed(self, spider: Any, reason: str) -> None:
        now = datetime.now(UTC)
        summary = []
        with spider.known.session_factory.begin() as session:
            for watch in spider.watches:
                health = spider.health[watch.name]
                verdict = health.final_verdict() if reason == "finished" else health.verdict
                if reason != "finished" and not health.listing_ok and verdict == "ok":
                    verdict = "failed"
                message = "; ".join(health.messages) or None
                crawl_runs.finish_run(
                    session,
                    self.run_ids[watch.name],
                    now=now,
                    finish_reason=reason,
                    health=verdict,
                    counts=health.counts,
                    message=message,
                    retry_after=health.retry_after,
                )
                completed = reason == "finished" and verdict in ("ok", "empty")
                crawl_runs.record_health(
                    session,
                    watch.name,
                    watch.kind,
                    health=verdict,
                    now=now,
                    new_items=health.counts.new_items,
                    completed=completed and self.mode == "incremental",
                )
                summary.append(
                    {
                        "watch": watch.name,
                        "run_id": self.run_ids[watch.name],
                        "health": verdict,
                        "message": message,
                        **{k: getattr(health.counts, k) for k in health.counts.__slots__},
                    }
                )
        # A backfill is finished only when its crawl closed normally after the last listing
        # page: detail pages may still have been queued when an earlier page was read.
        for watch in spider.watches:
            health = spider.health[watch.name]
            if reason == "finished" and health.done_paging and health.listing_ok:
                spider.known.save_backfill_cursor(
                    watch.name, health.counts.pages, self.mode, spider.window, finished=True
                )
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("wirewatch/summary", summary)
        spider.known.close()
