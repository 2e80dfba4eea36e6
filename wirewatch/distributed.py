"""A backfill spread over N crawl children sharing one Redis queue (`backfill --workers N`).

The coordinator (this module, no Scrapy here) holds the crawl locks of the watches for the whole
run so no scheduled crawl overlaps it, writes the run's `crawl_run` rows, and uses the Redis at
$WIREWATCH_REDIS_URL or starts a throwaway `redis-server` on 127.0.0.1 (free port, temp dir).
Each worker is an ordinary `python -m crawler.run` child with WIREWATCH_WORKER set: the spider
with scrapy-redis's shared scheduler queue and dupefilter (see `crawler.distributed`). Every
worker yields the first listing page of each watch; the shared dupefilter lets one through, and
from there the listing and detail requests spread over the workers as they free up.

A worker that dies is reported and the others finish the run; what it had in flight is lost
for this run (its fingerprints are in the dupefilter), and running the same backfill again
fetches it: releases already stored are skipped by the spider and by the UNIQUE release id.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis

from crawler.distributed.keys import RunKeys
from crawler.summary import COUNTERS, WatchSummary, counts_of, watch_summary, worse
from storage import crawl_runs
from storage.crawl_runs import RunCounts
from storage.locks import LockHeld, NamedLock
from wirewatch.app import App, CommandError
from wirewatch.crawling import ChildCrawl, CrawlOutcome

logger = logging.getLogger(__name__)

REDIS_URL_VARIABLE = "WIREWATCH_REDIS_URL"


class RedisServer:
    """A private `redis-server` (Debian package) on 127.0.0.1, no persistence, for one run."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="wirewatch-redis-"))
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> str:
        binary = shutil.which("redis-server")
        if binary is None:
            raise CommandError(
                f"redis-server not found: install Debian's redis-server or set {REDIS_URL_VARIABLE}",
                exit_code=2,
            )
        with (self.root / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir",
                    str(self.root), "--save", "", "--appendonly", "no", "--protected-mode", "yes",
                ],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.ping()
                return self.url
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise CommandError(f"redis-server did not start (see {self.root})") from None
                time.sleep(0.05)
            finally:
                client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


class DistributedBackfill:
    """`start()`, then `wait()` for the merged outcome; `stop()` asks every worker to finish."""

    def __init__(self, app: App, settings: dict[str, Any], workers: int) -> None:
        if workers < 2:
            raise ValueError("a distributed backfill needs at least 2 workers")
        self.app = app
        self.settings = dict(settings)
        self.workers = workers
        self.keys = RunKeys(uuid.uuid4().hex[:12])
        self.locks: list[NamedLock] = []
        self.locked: list[str] = []
        self.run_ids: dict[str, int] = {}
        self.server: RedisServer | None = None
        self.client: redis.Redis | None = None
        self.children: list[ChildCrawl] = []
        self.outcomes: dict[int, CrawlOutcome] = {}
        self.threads: list[threading.Thread] = []
        self.stopping = False

    # start ------------------------------------------------------------------------------

    def start(self) -> None:
        """Take the locks, open the run rows, start Redis and the workers."""
        self._lock_watches()
        if not self.settings["WIREWATCH_WATCHES"]:
            return
        try:
            self._open_runs()
            url = os.environ.get(REDIS_URL_VARIABLE)
            if not url:
                self.server = RedisServer()
                url = self.server.start()
            self.client = redis.Redis.from_url(url)
            self.client.set(self.keys.workers, self.workers)
            for number in range(self.workers):
                values = {
                    **self.settings,
                    "REDIS_URL": url,
                    "WIREWATCH_RUN_ID": self.keys.run,
                    "WIREWATCH_WORKER": number,
                    "WIREWATCH_WORKERS": self.workers,
                }
                child = ChildCrawl(values, self.app.config.daemon.state_dir)
                self.children.append(child)
                thread = threading.Thread(target=self._watch_child, args=(number, child))
                thread.daemon = True
                thread.start()
                self.threads.append(thread)
        except BaseException:
            self.stop(grace=10)
            self._clean_up()
            raise

    def _lock_watches(self) -> None:
        kept = []
        for watch in self.settings["WIREWATCH_WATCHES"]:
            lock = NamedLock(
                f"crawl-{watch['name']}",
                self.settings["WIREWATCH_DATABASE_URL"],
                self.settings.get("WIREWATCH_STATE_DIR", "var"),
            )
            try:
                lock.acquire(f"backfill of {watch['name']} ({self.workers} workers)")
            except LockHeld as exc:
                self.locked.append(str(exc))
                continue
            self.locks.append(lock)
            kept.append(watch)
        self.settings["WIREWATCH_WATCHES"] = kept

    def _open_runs(self) -> None:
        now = datetime.now(UTC)
        with self.app.session_factory.begin() as session:
            for watch in self.settings["WIREWATCH_WATCHES"]:
                crawl_runs.close_abandoned_runs(session, watch["name"], now)
                # Created here, once, so that workers never race to create the state row.
                crawl_runs.watch_state(session, watch["name"], watch["kind"])
                run = crawl_runs.start_run(session, watch["name"], "backfill", now)
                self.run_ids[watch["name"]] = run.id

    def _watch_child(self, number: int, child: ChildCrawl) -> None:
        outcome = child.wait()
        self.outcomes[number] = outcome
        if self.client is not None:
            # Whatever way it ended, it holds no request any more and queues no start request:
            # the other workers must not wait for it.
            with self.client.pipeline(transaction=True) as pipe:
                pipe.sadd(self.keys.started, str(number))
                pipe.srem(self.keys.busy, str(number))
                pipe.execute()
        if _died(outcome) and not self.stopping:
            logger.error("backfill worker %d died: %s", number, outcome.error)

    # wait / stop ------------------------------------------------------------------------

    def stop(self, grace: float) -> None:
        self.stopping = True
        for child in self.children:
            if child.process.poll() is None:
                child.process.terminate()
        for child in self.children:
            child.wait_or_kill(grace)

    def wait(self) -> CrawlOutcome:
        if not self.settings["WIREWATCH_WATCHES"]:
            return CrawlOutcome(exit_code=75, locked=self.locked)
        try:
            for thread in self.threads:
                thread.join()
            left = int(self.client.zcard(self.keys.queue)) if self.client is not None else 0
            outcome = self._merge(left)
            self._finish_runs(outcome)
            return outcome
        finally:
            self._clean_up()

    def _clean_up(self) -> None:
        if self.client is not None:
            self.client.delete(*self.keys.all())
            self.client.close()
            self.client = None
        if self.server is not None:
            self.server.stop()
            self.server = None
        for lock in self.locks:
            lock.release()
        self.locks = []

    # merge ------------------------------------------------------------------------------

    def _merge(self, left: int) -> CrawlOutcome:
        outcomes = [self.outcomes.get(n) or CrawlOutcome(exit_code=1) for n in range(self.workers)]
        dead = [n for n, outcome in enumerate(outcomes) if _died(outcome)]
        problems = [f"worker {n + 1} of {self.workers} died: {outcomes[n].error}" for n in dead]
        if left:
            problems.append(f"{left} queued request(s) were not fetched")
        rows = []
        for watch in self.settings["WIREWATCH_WATCHES"]:
            name = watch["name"]
            shares = [w for o in outcomes for w in o.watches if w.get("watch") == name]
            row = merge_watch(name, shares)
            if problems:
                row["health"] = worse("failed", row["health"])
                row["messages"] = problems + row["messages"]
            row["message"] = "; ".join(row["messages"][:5]) or None
            row["run_id"] = self.run_ids[name]
            rows.append(row)
        error = None
        if problems:
            error = "; ".join(problems) + ": run the same backfill again to resume"
        unhealthy = error is not None or any(r["health"] != "ok" for r in rows)
        return CrawlOutcome(
            exit_code=1 if unhealthy else 0,
            watches=rows,
            locked=self.locked,
            error=error,
            requests=sum(o.requests for o in outcomes),
        )

    def _finish_runs(self, outcome: CrawlOutcome) -> None:
        now = datetime.now(UTC)
        reason = "finished" if outcome.error is None and not self.stopping else "shutdown"
        kinds = {w["name"]: w["kind"] for w in self.settings["WIREWATCH_WATCHES"]}
        with self.app.session_factory.begin() as session:
            for row in outcome.watches:
                counts = RunCounts(**counts_of(row))
                assert row["run_id"] is not None, "the coordinator opened every watch's run"
                crawl_runs.finish_run(
                    session, row["run_id"], now=now, finish_reason=reason, health=row["health"],
                    counts=counts, message=row["message"], retry_after=row.get("retry_after"),
                )  # fmt: skip
                crawl_runs.record_health(
                    session, row["watch"], kinds[row["watch"]], health=row["health"], now=now,
                    new_items=counts.new_items, completed=False,
                )  # fmt: skip
        for row in outcome.watches:
            row["recorded"] = True  # the coordinator wrote its run (record_unrecorded skips it)


def merge_watch(name: str, shares: list[WatchSummary]) -> WatchSummary:
    """One watch's summary from the workers' shares: counts add up, the worst health wins.

    A worker that read no listing page of the watch says nothing about its listing; the watch
    failed only if no worker read one.
    """
    health = "ok"
    messages: list[str] = []
    retry_after = None
    for share in shares:
        health = worse(share["health"], health)
        messages.extend(share["messages"])
        if share["retry_after"]:
            retry_after = max(retry_after or 0, share["retry_after"])
    if health == "ok" and not any(s["listing_ok"] for s in shares):
        health = "failed"
        messages.append("no worker read a listing page")
    return watch_summary(
        watch=name,
        source=shares[0]["source"] if shares else "prnewswire",
        health=health,
        messages=messages,
        counts={key: sum(counts_of(s)[key] for s in shares) for key in COUNTERS},
        listing_ok=any(s["listing_ok"] for s in shares),
        done_paging=any(s["done_paging"] for s in shares),
        retry_after=retry_after,
    )


def _died(outcome: CrawlOutcome) -> bool:
    return not outcome.watches and outcome.exit_code != 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port
