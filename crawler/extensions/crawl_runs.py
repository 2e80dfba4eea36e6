"""CrawlRunsExtension: the crawl's per-watch state, and one `crawl_run` row per watch.

It owns what outlives a single callback (Scrapy's idiom, as `scrapy.extensions.corestats`):
the watches of this crawl, their health (`crawler.health.WatchHealth`, counters in
`crawler.stats`), and the known-releases store (`crawler.known.KnownReleases`), opened on
`spider_opened` and closed on `spider_closed`. The spider and the pipelines find it with
`crawl_state(crawler)`.

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
from scrapy.http import Request, Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from crawler.failures import database_reason
from crawler.health import WatchHealth
from crawler.known import KnownReleases
from crawler.summary import COUNTERS, WatchSummary, watch_summary
from crawler.watches import CrawlWatch, crawl_watches
from storage import crawl_runs
from storage.redaction import redact_secrets

logger = logging.getLogger(__name__)


class CrawlRunsExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        stats = crawler.stats
        assert stats is not None
        self.stats: StatsCollector = stats
        self.source: str = getattr(crawler.spidercls, "source", None) or "prnewswire"
        self.mode = settings.get("WIREWATCH_MODE", "incremental")
        self.window = f"{settings.get('WIREWATCH_SINCE')}..{settings.get('WIREWATCH_UNTIL')}"
        self.watches: list[CrawlWatch] = crawl_watches(settings, self.source)
        self.health: dict[str, WatchHealth] = {
            w.name: WatchHealth(w.name, w.kind, self.stats, w.source) for w in self.watches
        }
        self._known: KnownReleases | None = None
        self.run_ids: dict[str, int] = {}
        self.database_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    @property
    def known(self) -> KnownReleases:
        """The known-releases store: open from `spider_opened` to `spider_closed`."""
        if self._known is None:
            self._known = KnownReleases.from_settings(self.crawler.settings, self.source)
        return self._known

    # signals ----------------------------------------------------------------------------

    def response_received(self, response: Response, request: Request, spider: Any) -> None:
        watch = request.meta.get("watch")
        if watch in self.health:
            self.health[watch].count("requests")

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        """A pipeline crashed on a release: the run is not healthy, whatever else happened."""
        if isinstance(failure.value, SQLAlchemyError):
            self.database_failed(failure.value)
            return
        watch = getattr(item, "watch", None)
        if watch in self.health:
            release_id = getattr(item, "release_id", "?")
            self.health[watch].problem("failed", f"release {release_id}: {failure.value}")

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        """A callback's database lookup or mark failed: the crawl cannot go on."""
        if isinstance(failure.value, SQLAlchemyError):
            self.database_failed(failure.value)

    def spider_opened(self, spider: Any) -> None:
        now = datetime.now(UTC)
        try:
            with self.known.session_factory.begin() as session:
                for watch in self.watches:
                    crawl_runs.close_abandoned_runs(session, watch.name, now)
                    self.run_ids[watch.name] = crawl_runs.start_run(
                        session, watch.name, self.mode, now
                    ).id
            # Asked now, before this run stores anything: `KnownReleases.mark_many` would
            # otherwise ask it inside a store transaction, on a second connection (SQLite waits).
            for watch in self.watches:
                self.known.watch_has_history(watch.name)
        except SQLAlchemyError as exc:
            self.run_ids.clear()
            self.database_failed(exc)
            raise CloseSpider("database_error") from exc

    def spider_closed(self, spider: Any, reason: str) -> None:
        now = datetime.now(UTC)
        summary = [self._verdict(watch, reason) for watch in self.watches]
        recorded = True
        try:
            with self.known.session_factory.begin() as session:
                for watch, row in zip(self.watches, summary, strict=True):
                    self._record(session, watch, row, reason, now)
        except SQLAlchemyError as exc:
            recorded = False
            error = database_reason(exc)
            logger.error("could not record the crawl runs: %s", error)
            self.database_error = self.database_error or error
            for row in summary:
                row["health"] = "failed"
                row["message"] = f"database error: {self.database_error}"
        for row in summary:
            row["recorded"] = recorded
        if recorded:
            self._save_cursors(reason)
        self.publish(summary)
        self.known.close()

    # state ------------------------------------------------------------------------------

    def database_failed(self, exc: BaseException) -> None:
        """The database cannot be read or written: every watch failed, and the crawl stops.

        Fetching on would store nothing. What was listed stays pending (or unseen) and is
        fetched by the next crawl.
        """
        reason = database_reason(exc)
        logger.error("database error, stopping the crawl: %s", reason)
        if self.database_error is not None:
            return
        self.database_error = reason
        for health in self.health.values():
            health.problem("failed", f"database error: {reason}")
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and engine.running:
            closing = deferred_from_coro(engine.close_spider_async(reason="database_error"))
            closing.addErrback(lambda _: None)  # already closing (a failed final flush)

    def publish(self, summary: list[WatchSummary]) -> None:
        """The per-watch summary, for `crawler.run` to hand to the parent."""
        self.stats.set_value("wirewatch/summary", summary)
        if self.database_error:
            self.stats.set_value("wirewatch/error", f"database error: {self.database_error}")

    def counts(self, name: str) -> dict[str, int]:
        counts = self.health[name].counts
        return {c: getattr(counts, c) for c in COUNTERS}

    def _verdict(self, watch: CrawlWatch, reason: str) -> WatchSummary:
        health = self.health[watch.name]
        verdict = health.final_verdict() if reason == "finished" else health.verdict
        if reason != "finished" and not health.listing_ok and verdict == "ok":
            verdict = "failed"
        if health.left_over:
            health.note(
                f"request budget reached: {health.left_over} request(s) left for the next crawl"
            )
        return watch_summary(
            watch=watch.name,
            source=watch.source,
            health=verdict,
            messages=health.messages,
            message=redact_secrets("; ".join(health.messages)) or None,
            counts=self.counts(watch.name),
            run_id=self.run_ids.get(watch.name),
            listing_ok=health.listing_ok,
            done_paging=health.done_paging,
            retry_after=health.retry_after,
        )

    def _record(
        self, session: Session, watch: CrawlWatch, row: WatchSummary, reason: str, now: datetime
    ) -> None:
        name = watch.name
        health = self.health[name]
        verdict = row["health"]
        run_id = self.run_ids.get(name)
        if run_id is None:  # the run could not be opened: record it now
            crawl_runs.close_abandoned_runs(session, name, now)
            run_id = crawl_runs.start_run(session, name, self.mode, now).id
            row["run_id"] = run_id
        counts = health.counts
        crawl_runs.finish_run(
            session,
            run_id,
            now=now,
            finish_reason=reason,
            health=verdict,
            counts=counts,
            message=row["message"],
            retry_after=health.retry_after,
        )
        completed = reason == "finished" and verdict in ("ok", "empty")
        crawl_runs.record_health(
            session,
            name,
            watch.kind,
            health=verdict,
            now=now,
            new_items=counts.new_items,
            completed=completed and self.mode == "incremental",
        )
        # The listing walk reached what the watch had seen before, from page 1 on, and every
        # release it showed is now stored, filtered or pending: paging may stop higher next time.
        walked = health.done_paging and health.listing_ok and not self.database_error
        if self.mode == "incremental" and walked and health.newest_listed is not None:
            crawl_runs.advance_listed_through(session, name, watch.kind, health.newest_listed)

    def _save_cursors(self, reason: str) -> None:
        # A backfill is finished only when its crawl closed normally after the last listing
        # page: detail pages may still have been queued when an earlier page was read.
        for watch in self.watches:
            health = self.health[watch.name]
            if reason == "finished" and health.done_paging and health.listing_ok:
                self.known.save_backfill_cursor(
                    watch.name, health.counts.pages, self.mode, self.window, finished=True
                )


def crawl_state(crawler: Crawler) -> CrawlRunsExtension:
    """The crawl's `CrawlRunsExtension` (or its distributed-worker subclass)."""
    for extension in crawler.extensions.middlewares:
        if isinstance(extension, CrawlRunsExtension):
            return extension
    raise RuntimeError("CrawlRunsExtension (or WorkerSummaryExtension) is not enabled")
