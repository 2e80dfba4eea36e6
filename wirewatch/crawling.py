"""Launch a crawl as a child process (`python -m crawler.run`) and read its summary.

The caller never imports Scrapy, so a daemon stays small and a crashed crawl cannot take it
down. SIGTERM to the caller is forwarded by whoever owns the child (see `ChildCrawl.stop`).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crawler.summary import WatchSummary
from storage import crawl_runs
from wirewatch.config import Config, Watch, WireSourceSettings

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class CrawlOutcome:
    """What a crawl child reported: per-watch summaries, held locks, its exit code."""

    exit_code: int
    watches: list[WatchSummary] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    error: str | None = None
    requests: int = 0
    finish_reason: str | None = None

    @property
    def unhealthy(self) -> list[WatchSummary]:
        return [w for w in self.watches if w.get("health") != "ok"]

    @property
    def failed(self) -> bool:
        """The crawl did not do its work: a watch unhealthy, an error, or nothing reported."""
        return bool(self.unhealthy or self.error or self.exit_code not in (0, 75))

    def lines(self) -> list[str]:
        """One line per problem (no two lines saying the same thing)."""
        out = [f"skipped: {line}" for line in self.locked]
        if self.error:
            out.append(self.error)
        for watch in self.unhealthy:
            message = watch.get("message")
            if self.error and message and self.error.startswith(message):
                continue  # the crawl's error line above says it
            note = f": {message}" if message else ""
            out.append(f"watch {watch['watch']}: {watch['health']}{note}")
        if not out and self.finish_reason not in (None, "finished"):
            out.append(
                f"the crawl stopped before it finished ({self.finish_reason}): "
                "the next crawl picks up what it left"
            )
        return out


def crawl_settings(
    config: Config,
    watches: list[Watch],
    *,
    mode: str = "incremental",
    since: datetime | None = None,
    until: datetime | None = None,
    log_file: Path | None = None,
) -> dict[str, Any]:
    """The WIREWATCH_* and Scrapy settings a crawl child runs with.

    One crawl child runs every source its watches read, one Scrapy crawler per source
    (`crawler.run`); each source's `[source.<name>]` values go under WIREWATCH_SOURCES, which
    its spider applies over the common ones.
    """
    sources = {
        name: source_settings(config.source.named(name), mode)
        for name in config.sources_of(watches)
    }
    settings: dict[str, Any] = {
        "WIREWATCH_DATABASE_URL": config.database.url,
        "WIREWATCH_STATE_DIR": config.daemon.state_dir,
        "WIREWATCH_MODE": mode,
        "WIREWATCH_SOURCES": sources,
        "WIREWATCH_WATCHES": [
            {
                "name": w.name,
                "source": w.source,
                "kind": w.kind,
                "path": w.path,
                "include": w.include,
                "exclude": w.exclude,
            }
            for w in watches
        ],
        "WIREWATCH_COMPANIES": [c.model_dump() for c in config.company],
        # PR Newswire's values at the top too (a distributed backfill's shared delay).
        **source_settings(config.source.prnewswire, mode),
        "LOG_FILE": str(log_file) if log_file else None,
        "LOG_FILE_APPEND": True,
    }
    if mode == "backfill":
        settings["WIREWATCH_SINCE"] = since.isoformat() if since else None
        settings["WIREWATCH_UNTIL"] = until.isoformat() if until else None
        settings["CLOSESPIDER_TIMEOUT"] = 0
        settings["WIREWATCH_STORE_BATCH"] = 200
        settings["WIREWATCH_PAGE_SIZE"] = 100  # the largest the lists accept: 4x fewer requests
        settings["WIREWATCH_PARSE_WORKERS"] = 1
    overrides = _test_overrides()
    settings.update(overrides)
    for own in sources.values():
        own.update({k: v for k, v in overrides.items() if k in own})
    return settings


def source_settings(source: WireSourceSettings, mode: str) -> dict[str, Any]:
    """The Scrapy settings of one source's crawler."""
    delay = source.download_delay
    return {
        "WIREWATCH_BASE_URL": source.base_url,
        "WIREWATCH_EXTRA_URLS": source.extra_urls,
        "WIREWATCH_MAX_PAGES": source.max_pages,
        "WIREWATCH_MAX_REQUESTS": source.max_requests if mode == "incremental" else 0,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay > 0 else 0.0,
        "AUTOTHROTTLE_ENABLED": delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.0),
        "DOWNLOAD_TIMEOUT": int(source.timeout.total_seconds()),
        "USER_AGENT": source.user_agent,
    }


def _test_overrides() -> dict[str, Any]:
    """Extra Scrapy settings from $WIREWATCH_SCRAPY_SETTINGS (JSON), for tests and benches."""
    raw = os.environ.get("WIREWATCH_SCRAPY_SETTINGS")
    if not raw:
        return {}
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


class ChildCrawl:
    """One running crawl child; `wait()` returns its outcome, `stop()` asks it to finish."""

    def __init__(self, settings: dict[str, Any], state_dir: str) -> None:
        directory = Path(state_dir) / "run"
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="crawl-", suffix=".json", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(settings, out)
        self.settings_path = Path(name)
        log_dir = Path(state_dir) / "log"
        log_dir.mkdir(parents=True, exist_ok=True)
        self.stderr_path = log_dir / "crawl-stderr.log"
        self.log_path = Path(settings.get("LOG_FILE") or self.stderr_path)
        stderr = self.stderr_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "crawler.run", str(self.settings_path)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, and we forward it
        )
        stderr.close()

    def stop(self, grace: float) -> None:
        """SIGTERM (Scrapy closes gracefully), then SIGKILL after `grace` seconds."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            logger.warning("crawl child %s did not stop in %.0fs: killing it", self.pid, grace)
            self.process.kill()

    def wait_or_kill(self, grace: float) -> None:
        """Wait up to `grace` seconds for a child already asked to stop, then SIGKILL it.

        No second SIGTERM: Scrapy treats a second signal as "stop now, skip the cleanup".
        """
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            logger.warning("crawl child %s did not stop in %.0fs: killing it", self.pid, grace)
            self.process.kill()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait(self, timeout: float | None = None) -> CrawlOutcome:
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop(grace=10)
            out, _ = self.process.communicate()
            outcome = _outcome(self.process.returncode, out, self.stderr_path)
            outcome.error = f"crawl timed out after {timeout:.0f}s"
            outcome.exit_code = 1
            return outcome
        finally:
            self.settings_path.unlink(missing_ok=True)
        outcome = _outcome(self.process.returncode, out, self.stderr_path)
        if outcome.error and outcome.error.startswith("database error"):
            outcome.error += f" (details in {self.log_path})"
        return outcome


def _outcome(code: int, out: bytes | None, stderr_path: Path) -> CrawlOutcome:
    lines = [line for line in (out or b"").decode("utf-8", "replace").splitlines() if line.strip()]
    data: dict[str, Any] = {}
    if lines:
        try:
            data = json.loads(lines[-1])
        except ValueError:
            data = {}
    error = data.get("error")
    if not data:
        error = f"crawl process exited with code {code} and no summary (see {stderr_path})"
    elif code == 0 and not data.get("watches") and not data.get("locked"):
        error = "the crawl reported no watch"
    if error and code == 0:
        code = 1  # whatever the child said, a crawl that reports an error did not succeed
    return CrawlOutcome(
        exit_code=code,
        watches=list(data.get("watches", [])),
        locked=list(data.get("locked", [])),
        error=error,
        requests=int(data.get("requests", 0) or 0),
        finish_reason=data.get("finish_reason"),
    )


def record_unrecorded(
    session_factory: sessionmaker[Session], outcome: CrawlOutcome, watches: list[Watch], mode: str
) -> None:
    """Health `failed` for each watch whose run the crawl child could not record itself.

    The child writes its own `crawl_run` rows; when the database failed it (locked, read-only)
    or it died before reporting, the parent tries once more, so that `status`, the ops alerts
    and the daemon's backoff see the failure.
    """
    failed = {w["watch"]: w.get("message") for w in outcome.watches if w.get("recorded") is False}
    if not outcome.watches and outcome.error and outcome.exit_code != 75:
        failed = {w.name: outcome.error for w in watches}
    if not failed:
        return
    kinds = {w.name: w.kind for w in watches}
    now = datetime.now(UTC)
    try:
        with session_factory.begin() as session:
            for name, message in failed.items():
                run = crawl_runs.start_run(session, name, mode, now)
                crawl_runs.finish_run(
                    session, run.id, now=now, finish_reason="error", health="failed",
                    counts=crawl_runs.RunCounts(), message=message,
                )  # fmt: skip
                crawl_runs.record_health(
                    session, name, kinds.get(name, ""), health="failed", now=now,
                    new_items=0, completed=False,
                )  # fmt: skip
    except SQLAlchemyError as exc:
        logger.error("could not record the failed crawl of %s: %s", ", ".join(failed), exc)
        return
    for row in outcome.watches:
        row["recorded"] = True


def run_crawl(
    settings: dict[str, Any], state_dir: str, timeout: float | None = None
) -> CrawlOutcome:
    """Run one crawl child to the end, forwarding SIGINT/SIGTERM to it."""
    child = ChildCrawl(settings, state_dir)
    previous: dict[signal.Signals, Any] = {}

    def forward(signum: int, _frame: Any) -> None:
        logger.info("signal %s: asking the crawl to stop", signum)
        if child.process.poll() is None:
            child.process.send_signal(signal.SIGTERM)

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, forward)
    try:
        return child.wait(timeout)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
