"""SharedDelayMiddleware: one `download_delay` for the site across every worker of a backfill.

Before each request a worker takes the run's lease, `SET <slot> <worker> NX PX <delay>`: only
one worker can hold it, and it expires by itself after the delay, so two requests to the site
always start at least `download_delay` apart, whichever workers send them (the same promise as
Scrapy's DOWNLOAD_DELAY within one process). A worker that finds the lease taken sleeps for its
remaining time-to-live and tries again. Setting each worker's DOWNLOAD_DELAY to delay × N would
only hold on average, and not at all while some workers are idle. The lease is the exact delay
(no 0.5–1.5× randomisation as in one process): the floor holds across workers. Delay 0: no lease.
"""

from __future__ import annotations

import asyncio

import redis
from scrapy.crawler import Crawler
from scrapy.http import Request

from crawler.distributed.keys import RunKeys


class SharedDelayMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.delay = settings.getfloat("WIREWATCH_SHARED_DELAY", 0.0)
        self.key = RunKeys(settings.get("WIREWATCH_RUN_ID")).slot
        self.worker = str(settings.get("WIREWATCH_WORKER"))
        self.server = redis.Redis.from_url(settings.get("REDIS_URL"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedDelayMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: object = None) -> None:
        if self.delay <= 0:
            return
        lease_ms = max(int(self.delay * 1000), 1)
        while not self.server.set(self.key, self.worker, nx=True, px=lease_ms):
            remaining_ms = self.server.pttl(self.key)
            await asyncio.sleep(max(remaining_ms, 5) / 1000)
