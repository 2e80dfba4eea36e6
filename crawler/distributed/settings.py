"""The Scrapy settings a distributed backfill worker runs with, on top of the project's.

The coordinator passes only REDIS_URL, WIREWATCH_RUN_ID, WIREWATCH_WORKER and
WIREWATCH_WORKERS; the rest is decided here, next to the components it names.
"""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.distributed.keys import RunKeys

# Listing pages first: each one queues up to a page of detail requests for every worker.
LISTING_PRIORITY = 10


def apply_worker_settings(settings: Settings) -> None:
    keys = RunKeys(settings.get("WIREWATCH_RUN_ID"))
    delay = settings.getfloat("DOWNLOAD_DELAY", 0.0)
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    # Last before the downloader, so retries and robots.txt take a lease too.
    middlewares["crawler.distributed.politeness.SharedDelayMiddleware"] = 950
    # Each source's own delay (WIREWATCH_SOURCES, applied over these by its spider) too.
    sources = {
        name: {**own, "DOWNLOAD_DELAY": 0, "DOWNLOAD_DELAY_JITTER": 0}
        for name, own in settings.getdict("WIREWATCH_SOURCES").items()
    }
    extensions = settings.getdict("EXTENSIONS")
    extensions["crawler.extensions.crawl_runs.CrawlRunsExtension"] = None
    extensions["crawler.distributed.worker_summary.WorkerSummaryExtension"] = 500
    values = {
        "SCHEDULER": "crawler.distributed.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        # A worker that finishes first must not wipe the queue and fingerprints of the others;
        # the coordinator deletes the run's keys at the end.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        # The delay is one budget for all workers (SharedDelayMiddleware), not one per worker.
        "WIREWATCH_SHARED_DELAY": delay,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_DELAY_JITTER": 0,
        "WIREWATCH_SOURCES": sources,
        # Listing pages go through the shared dupefilter too: one worker fetches each.
        "WIREWATCH_FILTER_LISTINGS": True,
        # Detail pages too: two workers may both follow a release listed on two pages.
        "WIREWATCH_FILTER_DETAILS": True,
        "WIREWATCH_LISTING_PRIORITY": LISTING_PRIORITY,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "EXTENSIONS": extensions,
        # The crawl processes are the parallelism: one more parse process each would only
        # compete with them for the cores.
        "WIREWATCH_PARSE_WORKERS": 0,
    }
    settings.setdict(values, priority="cmdline")
