"""Child-process entry point: `python -m crawler.run SETTINGS.json`.

The daemon and the CLI never import Scrapy: they write validated settings to a file, run this
module as a child, and read the one JSON summary line (`crawler.summary.CrawlSummary`) it
prints on stdout. Each source in use gets its own Scrapy crawler (its spider, its delay and
User-Agent, its politeness), one after the other in this one process: the parent still
supervises one child (its timeout, SIGTERM, one summary), and a release put out on two wires
is stored by the first crawler before the second one reads its copy, so the copy is found
(side by side, each crawler's re-issue check would miss the other's unflushed batch).
Exit codes: 0 every
watch healthy, 1 a watch unhealthy or the crawl crashed, 75 every watch's lock was held.
A worker of a distributed backfill (WIREWATCH_WORKER set, see `crawler.distributed`) takes no
lock: its coordinator holds the watches' locks for the whole run.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from crawler.summary import CrawlSummary, empty_summary

EXIT_OK, EXIT_UNHEALTHY, EXIT_LOCKED = 0, 1, 75


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(json.dumps({"error": "usage: python -m crawler.run SETTINGS.json"}))
        return 2
    settings: dict[str, Any] = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    os.environ["WIREWATCH_CRAWL_SETTINGS"] = argv[0]
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from storage.locks import LockHeld, NamedLock

    locks, locked = [], []
    watches = []
    worker = settings.get("WIREWATCH_WORKER") is not None
    for watch in [] if worker else settings["WIREWATCH_WATCHES"]:
        lock = NamedLock(
            f"crawl-{watch['name']}",
            settings["WIREWATCH_DATABASE_URL"],
            settings.get("WIREWATCH_STATE_DIR", "var"),
        )
        try:
            lock.acquire(f"{settings.get('WIREWATCH_MODE', 'incremental')} of {watch['name']}")
        except LockHeld as exc:
            locked.append(str(exc))
            continue
        locks.append(lock)
        watches.append(watch)
    if worker:
        watches = settings["WIREWATCH_WATCHES"]
    if not watches:
        _emit(empty_summary(locked=locked))
        return EXIT_LOCKED
    settings["WIREWATCH_WATCHES"] = watches
    try:
        summary = _crawl(settings)
    except Exception as exc:
        logging.getLogger("crawler.run").exception("crawl crashed")
        _emit(empty_summary(locked=locked, error=f"crawl crashed: {exc}"))
        return EXIT_UNHEALTHY
    finally:
        for lock in locks:
            lock.release()
    summary["locked"] = locked
    _emit(summary)
    unhealthy = [w for w in summary["watches"] if w["health"] != "ok"]
    failed = unhealthy or summary.get("error") or not summary["watches"]
    return EXIT_UNHEALTHY if failed or summary.get("finish_reason") != "finished" else EXIT_OK


def _crawl(values: dict[str, Any]) -> CrawlSummary:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(values, priority="cmdline")
    if values.get("WIREWATCH_WORKER") is not None:
        from crawler.distributed.settings import apply_worker_settings

        apply_worker_settings(settings)
    process = CrawlerProcess(settings)
    spiders = SpiderLoader.from_settings(settings)
    sources = list(
        dict.fromkeys(w.get("source") or "prnewswire" for w in values["WIREWATCH_WATCHES"])
    )
    crawlers = [process.create_crawler(spiders.load(source)) for source in sources]
    for crawler in crawlers:
        crawler.signals.connect(
            _filter_at_the_root(crawler), signal=signals.engine_started, weak=False
        )
    _run_in_turn(process, crawlers)
    summary = empty_summary()
    errors, reasons = [], []
    for crawler in crawlers:
        try:
            stats = crawler.stats
        except RuntimeError:
            stats = None
        if stats is None or stats.get_value("start_time") is None:
            raise RuntimeError("the crawl could not start (details in the crawl log)")
        summary["watches"].extend(stats.get_value("wirewatch/summary", []))
        summary["requests"] += stats.get_value("downloader/request_count", 0)
        summary["items"] += stats.get_value("item_scraped_count", 0)
        errors.append(stats.get_value("wirewatch/error"))
        reasons.append(stats.get_value("finish_reason"))
    summary["error"] = next((e for e in errors if e), None)
    # The first reason that is not "finished", if any: the run did not finish.
    summary["finish_reason"] = next((r for r in reasons if r != "finished"), "finished")
    return summary


def _filter_at_the_root(crawler: Any) -> Any:
    """Scrapy filters by level at its root handler only: it sets its own logger to DEBUG and
    the root logger to NOTSET (again each time a crawl starts), so every debug call ("Crawled
    (200) …", "Scraped from …", two a page, and ours) still built a LogRecord to throw away.
    Once the crawl has started, both filter at the crawl's LOG_LEVEL."""

    def engine_started() -> None:
        level = crawler.settings.get("LOG_LEVEL") or "DEBUG"
        for name in ("", "scrapy"):
            logging.getLogger(name).setLevel(level)

    return engine_started


def _run_in_turn(process: Any, crawlers: list[Any]) -> None:
    """Run the crawlers one after the other; a shutdown (SIGTERM) skips the ones left."""
    from twisted.internet import defer
    from twisted.python.failure import Failure

    ran: list[Any] = []

    @defer.inlineCallbacks
    def in_turn() -> Any:
        for crawler in crawlers:
            if ran and ran[-1].stats.get_value("finish_reason") == "shutdown":
                break
            ran.append(crawler)
            yield process.crawl(crawler)

    def finished(result: Any) -> None:
        from twisted.internet import reactor  # installed by the first crawl, not before

        if isinstance(result, Failure):
            logging.getLogger("crawler.run").error("crawl failed: %s", result.getTraceback())
        stop: Any = reactor
        stop.callLater(0, stop.stop)

    in_turn().addBoth(finished)
    process.start(stop_after_crawl=False)
    del crawlers[len(ran) :]  # a crawler never started has no stats to report


def _emit(summary: CrawlSummary) -> None:
    sys.stdout.write(json.dumps(summary, default=str) + "\n")
    sys.stdout.flush()


def _exit(code: int) -> NoReturn:
    """Exit without tearing the interpreter down: the summary is out, the locks released, the
    database and the parse workers closed, and the log flushed here; what is left is freeing
    every object of Scrapy, Twisted and SQLAlchemy one by one (~0.3 s the parent waited)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    _exit(main(sys.argv[1:]))
