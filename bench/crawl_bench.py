"""Benchmarks of whole crawls against the loopback replica (delays off, real-size pages).

- idle: an incremental crawl that finds nothing new, with 1 000 vs 100 000 stored releases
  (target: <= 1.2x);
- backfill: pages/s of `wirewatch backfill` over >= 2 000 releases vs a do-nothing Scrapy
  spider fetching the same pages with the same Scrapy settings (target: >= 0.7x).
Run: .venv/bin/python -m bench.crawl_bench
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from replica import Replica
from storage import migrate, releases, seen_links
from storage.models import CrawlRun
from storage.session import make_engine, make_session_factory

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "wirewatch"
SCRAPY_FAST = {"RETRY_TIMES": 1, "LOG_LEVEL": "WARNING"}
BACKFILL_RELEASES = 2500
ROUNDS = 5
POLITE_RELEASES = 800
POLITE_DELAY = 0.02
LIST = "/news-releases/health-latest-news/health-latest-news-list/"


def _config(
    directory: Path, base_url: str, watches: list[dict[str, Any]], delay: float = 0.0
) -> Path:
    lines = [
        "[source.prnewswire]", f"base_url = {json.dumps(base_url)}", f"download_delay = {delay}",
        "max_pages = 20", "[database]", f"url = 'sqlite:///{directory / 'w.db'}'",
        "[daemon]", f"state_dir = '{directory / 'var'}'",
    ]  # fmt: skip
    for watch in watches:
        lines.append("[[watch]]")
        lines.extend(f"{k} = {json.dumps(v)}" for k, v in watch.items())
    path = directory / "wirewatch.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(config: Path, *args: str, scrapy: dict[str, Any] | None = None) -> float:
    env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps({**SCRAPY_FAST, **(scrapy or {})})}
    started = time.perf_counter()
    subprocess.run(
        [str(BIN), "--config", str(config), *args], check=False, capture_output=True, env=env
    )
    return time.perf_counter() - started


def _fill(url: str, count: int) -> None:
    """`count` more stored releases (and seen links of another watch) to grow the tables."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    batch: list[dict[str, Any]] = []
    for i in range(count):
        batch.append(
            {
                "release_id": str(100000000 + i),
                "url": f"https://x.test/r-{100000000 + i}.html",
                "title": f"Filler {i}",
                "subtitles": [],
                "published_at": start + timedelta(minutes=i),
                "company": f"Company {i % 500}",
                "company_slug": f"company-{i % 500}",
                "company_url": None,
                "dateline_city": "BOSTON",
                "body": "Filler body " * 50,
                "tickers": [],
                "tags": [],
                "also_from_source": [],
                "watch": "other",
                "fingerprint": f"{i:064x}",
                "template": "2025",
                "parser_version": "x",
                "fetched_at": start,
            }
        )
        if len(batch) == 2000:
            _store(factory, batch)
            batch = []
    if batch:
        _store(factory, batch)
    engine.dispose()


def _store(factory: Any, batch: list[dict[str, Any]]) -> None:
    with factory.begin() as session:
        releases.insert_releases(session, batch)
        links = [(r["release_id"], r["url"]) for r in batch]
        seen_links.mark_seen(session, "other", links, "stored", datetime.now(UTC))


def idle(stored: int, replica: Replica) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        watches = [
            {"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"},
            {"name": "health", "kind": "category", "path": LIST},
        ]
        config = _config(directory, replica.base_url, watches)
        url = f"sqlite:///{directory / 'w.db'}"
        engine = make_engine(url)
        migrate.upgrade(engine, url)
        engine.dispose()
        _fill(url, stored)
        _run(config, "crawl")  # the watches' first crawl: now everything listed is known
        return statistics.median(_run(config, "crawl") for _ in range(5))


def backfill(replica: Replica, delay: float = 0.0) -> tuple[float, float, int]:
    """(whole command seconds, crawl-phase seconds, pages fetched)."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        watch = {"name": "health", "kind": "category", "path": LIST}
        config = _config(directory, replica.base_url, [watch], delay)
        replica.clear_requests()
        # Same pacing as the bare spider: a fixed delay, no AutoThrottle, no jitter.
        fixed = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY_JITTER": 0}
        seconds = _run(config, "backfill", "--since", "2000-01-01", scrapy=fixed)
        pages = len([r for r in replica.requests if r.status == 200 and r.path != "/robots.txt"])
        engine = make_engine(f"sqlite:///{directory / 'w.db'}")
        with make_session_factory(engine)() as session:
            run = session.scalars(select(CrawlRun)).one()
        engine.dispose()
        assert run.finished_at is not None
        return seconds, (run.finished_at - run.started_at).total_seconds(), pages


def bare_spider(replica: Replica, delay: float = 0.0) -> tuple[float, int]:
    """(crawl-phase seconds as Scrapy measures them, pages fetched)."""
    replica.clear_requests()
    done = subprocess.run(
        [sys.executable, "-m", "bench.bare_spider", replica.base_url + LIST, str(delay)],
        check=True, capture_output=True, cwd=ROOT, text=True,
    )  # fmt: skip
    seconds = float(done.stdout.strip().splitlines()[-1])
    pages = len([r for r in replica.requests if r.status == 200 and r.path != "/robots.txt"])
    return seconds, pages


def scrapy_bench(seconds: int = 10) -> float:
    """Pages/s of `scrapy bench` (Scrapy's own loopback server), outside the project so that
    none of wirewatch's settings apply."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "WIREWATCH_"))}
        done = subprocess.run(
            [str(Path(sys.executable).parent / "scrapy"), "bench",
             "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"],
            cwd=tmp, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
    crawled = re.findall(r"'response_received_count': (\d+)", done.stderr)
    elapsed = re.findall(r"'elapsed_time_seconds': ([\d.]+)", done.stderr)
    if not crawled or not elapsed:
        return 0.0
    return int(crawled[-1]) / float(elapsed[-1])


def main() -> dict[str, float]:
    results: dict[str, float] = {}
    with Replica(releases=300, seed=5) as replica:
        small, large = idle(1_000, replica), idle(100_000, replica)
    results.update(idle_1k_s=small, idle_100k_s=large, idle_ratio=large / small)
    print(f"idle crawl: {small:.2f}s with 1k stored, {large:.2f}s with 100k: "
          f"{large / small:.2f}x (target <= 1.2)")  # fmt: skip
    with Replica(releases=BACKFILL_RELEASES, seed=9) as replica:
        # Alternating rounds, medians: one run of each is within the machine's noise (±10 %).
        bare_runs, ours_runs = [], []
        for _ in range(ROUNDS):
            bare_runs.append(bare_spider(replica))
            ours_runs.append(backfill(replica))
    bare_rate = statistics.median(pages / seconds for seconds, pages in bare_runs)
    ours_rate = statistics.median(pages / seconds for _, seconds, pages in ours_runs)
    ours_pages = ours_runs[0][2]
    bare_pages = bare_runs[0][1]
    total_s = statistics.median(total for total, _, _ in ours_runs)
    results.update(
        backfill_pages=ours_pages, backfill_pages_per_s=ours_rate, backfill_command_s=total_s,
        bare_pages=bare_pages, bare_pages_per_s=bare_rate, backfill_ratio=ours_rate / bare_rate,
    )  # fmt: skip
    print(f"backfill of {BACKFILL_RELEASES} releases, crawl phase (median of {ROUNDS}): "
          f"{ours_pages} pages at {ours_rate:.0f} pages/s (parse, dedupe, store) vs a do-nothing "
          f"spider {bare_pages} pages at {bare_rate:.0f} pages/s: {ours_rate / bare_rate:.2f}x "
          f"(target >= 0.7); whole command incl. start-up and analysis {total_s:.1f}s")  # fmt: skip
    reference = scrapy_bench()
    results.update(scrapy_bench_pages_per_s=reference)
    print(f"`scrapy bench` for reference (its own server, 16 concurrent requests, links "
          f"extracted): {reference:.0f} pages/s")  # fmt: skip
    with Replica(releases=POLITE_RELEASES, seed=9) as replica:
        bare_s, bare_pages = bare_spider(replica, POLITE_DELAY)
        _, ours_s, ours_pages = backfill(replica, POLITE_DELAY)
    ratio = (ours_pages / ours_s) / (bare_pages / bare_s)
    results.update(polite_delay_s=POLITE_DELAY, polite_backfill_ratio=ratio)
    print(f"same at download_delay = {POLITE_DELAY}s ({POLITE_RELEASES} releases): ours "
          f"{ours_pages / ours_s:.0f} pages/s vs do-nothing {bare_pages / bare_s:.0f} pages/s: "
          f"{ratio:.2f}x")  # fmt: skip
    return results


if __name__ == "__main__":
    main()
