"""SharedScheduler: scrapy-redis's Redis scheduler, adapted to Scrapy 2.19 and to N workers.

scrapy-redis 0.9.1 (2024) works with Scrapy 2.19 for the parts used here: the shared priority
queue (`scrapy_redis.queue.PriorityQueue`) and the shared `RFPDupeFilter`. Two things need an
adapter. It passes `spider=` to `StatsCollector.inc_value()`, deprecated since Scrapy 2.14
(a warning per request, an error once removed), so the counts are kept here instead. And it
cannot tell when a distributed crawl is over: a worker whose queue is empty closes at once
(or after a fixed idle time), although another worker may be parsing a listing page that is
about to queue a hundred detail pages. Here a worker closes only when, in one atomic read, the
shared queue is empty, no worker is busy and every worker has queued its start requests.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy.utils.asyncio import call_later
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.keys import RunKeys

logger = logging.getLogger(__name__)

# An idle worker polls the shared queue this often (Scrapy's own heartbeat is 5 s).
IDLE_POLL_SECONDS = 0.2


class SharedScheduler(Scheduler):  # type: ignore[misc]
    """Takes requests from, and queues them into, the run's shared Redis queue."""

    crawler: Crawler
    keys: RunKeys
    worker: str
    busy: bool

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        instance: SharedScheduler = cls.from_settings(crawler.settings)
        instance.crawler = crawler
        instance.keys = RunKeys(crawler.settings.get("WIREWATCH_RUN_ID"))
        instance.worker = str(crawler.settings.get("WIREWATCH_WORKER"))
        instance.busy = False
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        return instance

    def enqueue_request(self, request: Request) -> bool:
        queued: bool = super().enqueue_request(request)
        if queued:
            self._count("scheduler/enqueued/redis")
        return queued

    def next_request(self) -> Request | None:
        if not self.busy:
            # Announce the work *before* taking it: whoever then sees an empty queue also sees
            # this worker busy, so a request in flight is never mistaken for the end.
            self.server.sadd(self.keys.busy, self.worker)
            self.busy = True
        request: Request | None = super().next_request()
        if request is not None:
            self._count("scheduler/dequeued/redis")
        return request

    def spider_idle(self, spider: Any) -> None:
        """Nothing in flight here: close only if the whole run is done, else poll again soon."""
        self.server.sadd(self.keys.started, self.worker)  # start() is exhausted by now
        self.server.srem(self.keys.busy, self.worker)
        self.busy = False
        if self.run_finished():
            return
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy has no public "poke"
        if slot is not None:
            call_later(IDLE_POLL_SECONDS, slot.nextcall.schedule)
        raise DontCloseSpider

    def run_finished(self) -> bool:
        with self.server.pipeline(transaction=True) as pipe:
            pipe.zcard(self.keys.queue)
            pipe.scard(self.keys.busy)
            pipe.scard(self.keys.started)
            pipe.get(self.keys.workers)
            queued, busy, started, workers = pipe.execute()
        return bool(queued == 0 and busy == 0 and started >= int(workers or 1))

    def _count(self, key: str) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(key)
