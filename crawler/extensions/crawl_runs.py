"""CrawlRunsExtension: one `crawl_run` row per watch, opened at start and settled at close.

A run killed before it closes keeps its row with no finish: `status` shows it as unfinished.
A database that cannot be written (locked past the busy timeout, a read-only file, a full
disk) fails the crawl: the spider closes with reason `database_error`, every watch is
`failed`, and the summary says whether the runs could be recorded, so that the parent
exits 1 and records the health itself when the child could not.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from crawler.spiders.prnewswire import PrnewswireSpider, database_reason
from storage import crawl_runs
from storage.redaction import redact_secrets

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
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        return extension

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        """A pipeline crashed on a release: the run is not healthy, whatever else happened."""
        if isinstance(failure.value, SQLAlchemyError):
            spider.database_failed(failure.value)
            return
        watch = getattr(item, "watch", None)
        if watch in spider.health:
            release_id = getattr(item, "release_id", "?")
            spider.health[watch].problem("failed", f"release {release_id}: {failure.value}")

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        """A callback's database lookup or mark failed: the crawl cannot go on."""
        if isinstance(failure.value, SQLAlchemyError):
            spider.database_failed(failure.value)

    def spider_opened(self, spider: PrnewswireSpider) -> None:
        now = datetime.now(UTC)
        try:
            with spider.known.session_factory.begin() as session:
                for watch in spider.watches:
                    crawl_runs.close_abandoned_runs(session, watch.name, now)
                    self.run_ids[watch.name] = crawl_runs.start_run(
                        session, watch.name, self.mode, now
                    ).id
        except SQLAlchemyError as exc:
            self.run_ids.clear()
            spider.database_failed(exc)
            raise CloseSpider("database_error") from exc

    def spider_closed(self, spider: PrnewswireSpider, reason: str) -> None:
        now = datetime.now(UTC)
        summary = [self._verdict(spider, watch.name, reason) for watch in spider.watches]
        recorded = True
        try:
            with spider.known.session_factory.begin() as session:
                for watch, row in zip(spider.watches, summary, strict=True):
                    self._record(session, spider, watch.name, watch.kind, row, reason, now)
        except SQLAlchemyError as exc:
            recorded = False
            error = database_reason(exc)
            logger.error("could not record the crawl runs: %s", error)
            spider.database_error = spider.database_error or error
            for row in summary:
                row["health"] = "failed"
                row["message"] = f"database error: {spider.database_error}"
        for row in summary:
            row["recorded"] = recorded
        if recorded:
            self._save_cursors(spider, reason)
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("wirewatch/summary", summary)
        if spider.database_error:
            stats.set_value("wirewatch/error", f"database error: {spider.database_error}")
        spider.known.close()

    def _verdict(self, spider: PrnewswireSpider, name: str, reason: str) -> dict[str, Any]:
        health = spider.health[name]
        verdict = health.final_verdict() if reason == "finished" else health.verdict
        if reason != "finished" and not health.listing_ok and verdict == "ok":
            verdict = "failed"
        if health.left_over:
            health.note(
                f"request budget reached: {health.left_over} request(s) left for the next crawl"
            )
        return {
            "watch": name,
            "run_id": self.run_ids.get(name),
            "health": verdict,
            "message": redact_secrets("; ".join(health.messages)) or None,
            **{k: getattr(health.counts, k) for k in health.counts.__slots__},
        }

    def _record(
        self,
        session: Session,
        spider: PrnewswireSpider,
        name: str,
        kind: str,
        row: dict[str, Any],
        reason: str,
        now: datetime,
    ) -> None:
        health = spider.health[name]
        verdict = row["health"]
        run_id = self.run_ids.get(name)
        if run_id is None:  # the run could not be opened: record it now
            crawl_runs.close_abandoned_runs(session, name, now)
            run_id = crawl_runs.start_run(session, name, self.mode, now).id
            row["run_id"] = run_id
        crawl_runs.finish_run(
            session,
            run_id,
            now=now,
            finish_reason=reason,
            health=verdict,
            counts=health.counts,
            message=row["message"],
            retry_after=health.retry_after,
        )
        completed = reason == "finished" and verdict in ("ok", "empty")
        crawl_runs.record_health(
            session,
            name,
            kind,
            health=verdict,
            now=now,
            new_items=health.counts.new_items,
            completed=completed and self.mode == "incremental",
        )
        # The listing walk reached what the watch had seen before, from page 1 on, and every
        # release it showed is now stored, filtered or pending: paging may stop higher next time.
        walked = health.done_paging and health.listing_ok and not spider.database_error
        if self.mode == "incremental" and walked and health.newest_listed is not None:
            crawl_runs.advance_listed_through(session, name, kind, health.newest_listed)

    def _save_cursors(self, spider: PrnewswireSpider, reason: str) -> None:
        # A backfill is finished only when its crawl closed normally after the last listing
        # page: detail pages may still have been queued when an earlier page was read.
        for watch in spider.watches:
            health = spider.health[watch.name]
            if reason == "finished" and health.done_paging and health.listing_ok:
                spider.known.save_backfill_cursor(
                    watch.name, health.counts.pages, self.mode, spider.window, finished=True
                )
