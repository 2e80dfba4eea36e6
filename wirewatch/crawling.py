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
from datetime import datetime
from pathlib import Path
from typing import Any

from wirewatch.config import Config, Watch

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class CrawlOutcome:
    """What a crawl child reported: per-watch summaries, held locks, its exit code."""

    exit_code: int
    watches: list[dict[str, Any]] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    error: str | None = None
    requests: int = 0

    @property
    def unhealthy(self) -> list[dict[str, Any]]:
        return [w for w in self.watches if w.get("health") != "ok"]


def crawl_settings(
    config: Config,
    watches: list[Watch],
    *,
    mode: str = "incremental",
    since: datetime | None = None,
    until: datetime | None = None,
    log_file: Path | None = None,
) -> dict[str, Any]:
    """The WIREWATCH_* and Scrapy settings a crawl child runs with."""
    source = config.source.prnewswire
    delay = source.download_delay
    settings: dict[str, Any] = {
        "WIREWATCH_BASE_URL": source.base_url,
        "WIREWATCH_DATABASE_URL": config.database.url,
        "WIREWATCH_STATE_DIR": config.daemon.state_dir,
        "WIREWATCH_MODE": mode,
        "WIREWATCH_MAX_PAGES": source.max_pages,
        "WIREWATCH_WATCHES": [
            {
                "name": w.name,
                "kind": w.kind,
                "path": w.path,
                "include": w.include,
                "exclude": w.exclude,
            }
            for w in watches
        ],
        "WIREWATCH_COMPANIES": [c.model_dump() for c in config.company],
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay > 0 else 0.0,
        "AUTOTHROTTLE_ENABLED": delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.0),
        "DOWNLOAD_TIMEOUT": int(source.timeout.total_seconds()),
        "USER_AGENT": source.user_agent,
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
    for key, value in _test_overrides().items():
        settings[key] = value
    return settings


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
            outcome = _outcome(self.process.returncode, out)
            outcome.error = f"crawl timed out after {timeout:.0f}s"
            outcome.exit_code = 1
            return outcome
        finally:
            self.settings_path.unlink(missing_ok=True)
        return _outcome(self.process.returncode, out)


def _outcome(code: int, out: bytes | None) -> CrawlOutcome:
    lines = [line for line in (out or b"").decode("utf-8", "replace").splitlines() if line.strip()]
    data: dict[str, Any] = {}
    if lines:
        try:
            data = json.loads(lines[-1])
        except ValueError:
            data = {}
    error = data.get("error")
    if not data and code != 0:
        error = f"crawl process exited with code {code} (see var/log/crawl-stderr.log)"
    return CrawlOutcome(
        exit_code=code,
        watches=list(data.get("watches", [])),
        locked=list(data.get("locked", [])),
        error=error,
        requests=int(data.get("requests", 0) or 0),
    )


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
