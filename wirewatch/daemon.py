"""`wirewatch run`: the scheduled daemon. It never imports Scrapy: crawls are child processes.

Jobs are defined in code from the configuration (fixed ids, `replace_existing`), in an in-memory
job store: the schedule is configuration and the state lives in our own tables. At start it
catches up at most once (one crawl if the last one is older than an interval, due digests).
SIGTERM/SIGINT: the crawl child gets SIGTERM, then SIGKILL after `stop_grace`; the daemon exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, JobExecutionEvent
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from storage import crawl_runs, heartbeats
from storage.locks import NamedLock
from wirewatch.app import App
from wirewatch.backoff import split_due
from wirewatch.crawling import ChildCrawl, crawl_settings, record_unrecorded
from wirewatch.durations import parse_duration
from wirewatch.schedules import trigger_for, typical_interval

logger = logging.getLogger("wirewatch.daemon")
HEARTBEAT_EVERY = 30
MAIL_EVERY = 60


@dataclass
class DaemonState:
    """What the signal handler needs to stop cleanly."""

    child: ChildCrawl | None = None
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Daemon:
    def __init__(self, app: App) -> None:
        self.app = app
        self.config = app.config
        self.state = DaemonState()
        self.started_at = datetime.now(UTC)
        self.grace = parse_duration(self.config.daemon.stop_grace).total_seconds()
        self.crawl_timeout = parse_duration(self.config.daemon.crawl_timeout).total_seconds()
        zone = ZoneInfo(self.config.schedule.timezone)
        schedule = self.config.schedule.crawl_schedule
        self.interval = typical_interval(schedule, self.started_at)
        self.scheduler = BlockingScheduler(
            timezone=zone,
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": max(30, int(self.interval.total_seconds())),
            },
        )

    # lifecycle ----------------------------------------------------------------------------

    def run(self) -> int:
        config = self.config
        lock = NamedLock("daemon", config.database.url, config.daemon.state_dir)
        lock.acquire("wirewatch run")  # LockHeld → exit 75 in the CLI
        try:
            self.app.ready_database()
            self._heartbeat()
            self._install_signals()
            self._add_jobs()
            logger.info(
                "daemon started: pid %s, crawl %s, %d watch(es), %d subscriber(s)",
                os.getpid(), config.schedule.crawl, len(config.enabled_watches),
                len(config.subscriber),
            )  # fmt: skip
            self.scheduler.start()  # blocks until shutdown
            self._finish_stop()
            with self.app.session_factory.begin() as session:
                heartbeats.forget(session, "daemon")
        finally:
            lock.release()
        logger.info("daemon stopped")
        return 0

    def _install_signals(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, _frame: Any) -> None:
        if self.state.stopping.is_set():
            return
        logger.info("signal %s: stopping (grace %.0fs)", signum, self.grace)
        self.state.stopping.set()
        with self.state.lock:
            child = self.state.child
        if child is not None and child.process.poll() is None:
            child.process.send_signal(signal.SIGTERM)
        self.scheduler.shutdown(wait=False)

    def _finish_stop(self) -> None:
        """Give a running crawl child the grace period, then kill it."""
        deadline = time.monotonic() + self.grace
        with self.state.lock:
            child = self.state.child
        if child is not None:
            child.wait_or_kill(max(0.0, deadline - time.monotonic()))

    # jobs ---------------------------------------------------------------------------------

    def _add_jobs(self) -> None:
        now = datetime.now(UTC)
        crawl_trigger = trigger_for(self.config.schedule.crawl_schedule)
        self.scheduler.add_job(
            self.crawl_job, crawl_trigger, id="crawl", name="crawl", replace_existing=True,
            next_run_time=self._first_crawl_at(now),
        )  # fmt: skip
        self.scheduler.add_job(
            self.mail_job, IntervalTrigger(seconds=MAIL_EVERY), id="mail", name="mail",
            replace_existing=True, next_run_time=now,
        )  # fmt: skip
        self.scheduler.add_job(
            self._heartbeat, IntervalTrigger(seconds=HEARTBEAT_EVERY), id="heartbeat",
            name="heartbeat", replace_existing=True,
        )  # fmt: skip
        self.scheduler.add_listener(self._job_event, EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES)

    def _first_crawl_at(self, now: datetime) -> datetime:
        """Catch up at most once: now if the last crawl is older than an interval."""
        with self.app.session_factory() as session:
            states = crawl_runs.watch_states(session)
        runs = [s.last_run_at for s in states.values() if s.last_run_at is not None]
        last = min(runs) if runs and len(runs) >= len(self.config.enabled_watches) else None
        if last is None or now - last >= self.interval:
            return now
        return last + self.interval

    def _job_event(self, event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            logger.warning("job %s still running: this run is skipped", event.job_id)
        elif event.exception is not None:
            logger.error("job %s failed: %s", event.job_id, event.exception)

    def _heartbeat(self) -> None:
        now = datetime.now(UTC)
        with self.app.session_factory.begin() as session:
            heartbeats.beat(
                session, "daemon", pid=os.getpid(), host=socket.gethostname(), now=now,
                started_at=self.started_at,
            )  # fmt: skip

    def crawl_job(self) -> None:
        if self.state.stopping.is_set():
            return
        config = self.config
        started = time.monotonic()
        watches, postponed = split_due(
            self.app.session_factory, config.enabled_watches, self.interval, datetime.now(UTC)
        )
        for name, when in postponed.items():
            logger.info("watch %s is blocked: next attempt after %s (backoff)", name, when)
        if not watches:
            logger.info("crawl skipped: every watch is blocked and backing off")
            self._health_alerts()
            self.mail_job()
            return
        settings = crawl_settings(
            config, watches, log_file=self.app.state_dir / "log" / "crawl.log"
        )
        with self.state.lock:
            child = ChildCrawl(settings, config.daemon.state_dir)
            self.state.child = child
        try:
            outcome = child.wait(self.crawl_timeout)
        finally:
            with self.state.lock:
                self.state.child = None
        record_unrecorded(self.app.session_factory, outcome, watches, "incremental")
        summary = ", ".join(
            f"{w['watch']}={w['health']}(+{w.get('new_items', 0)})" for w in outcome.watches
        )
        logger.log(
            logging.WARNING if outcome.failed else logging.INFO,
            "crawl finished in %.1fs, exit %s: %s%s%s",
            time.monotonic() - started, outcome.exit_code, summary or "no watch ran",
            f"; locked: {'; '.join(outcome.locked)}" if outcome.locked else "",
            f"; error: {outcome.error}" if outcome.error else "",
        )  # fmt: skip
        if self.state.stopping.is_set():
            return
        from wirewatch.analysis import analyse_pending

        report = analyse_pending(self.app, send=False, mode="crawl")
        logger.info("analysis: %s", report.describe())
        self._health_alerts()
        self.mail_job()

    def _health_alerts(self) -> None:
        from wirewatch.health_alerts import due_notices, send_health_notice

        for notice in due_notices(self.app, datetime.now(UTC)):
            logger.warning(
                "ops alert: watch %s %s",
                notice.watch,
                "recovered" if notice.recovered else notice.health,
            )
            send_health_notice(self.app, notice)

    def mail_job(self) -> None:
        if self.state.stopping.is_set():
            return
        from wirewatch.mailing import run_mail_cycle

        started = time.monotonic()
        report = run_mail_cycle(self.app, datetime.now(UTC))
        logger.info("mail cycle in %.1fs: %s", time.monotonic() - started, report)
