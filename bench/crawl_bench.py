"""Benchmarks of whole crawls against the loopback replica (delays off, real-size pages).

- idle: an incremental crawl that finds nothing new, with 1 000 vs 100 000 stored releases
  (target: <= 1.2x);
- backfill: pages/s of `wirewatch backfill` over >= 2 000 releases vs a do-nothing Scrapy
  spider fetching the same pages with the same Scrapy settings: the crawl phase (target
  >= 0.7x) and the whole command, start-up, crawl, analysis and report (target >= 0.5x).
  The whole command is compared with the do-nothing spider's whole process (its start-up
  included) and, stricter, with its crawl phase alone; both are printed. So is the CPU time
  each spends per release (all processes): on a 2-core machine that bounds the ratio.
Run: .venv/bin/python -m bench.crawl_bench [backfill|polite]   (that part alone)
"""

from __future__ import annotations

import json
import os
import re
import resource
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
    return _timed(config, *args, scrapy=scrapy)[0]


def _timed(config: Path, *args: str, scrapy: dict[str, Any] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it waited for)."""
    env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps({**SCRAPY_FAST, **(scrapy or {})})}
    return _wall_and_cpu([str(BIN), "--config", str(config), *args], env=env)


def _wall_and_cpu(command: list[str], **options: Any) -> tuple[float, float]:
    """Run `command` alone, so that RUSAGE_CHILDREN counts it (and its own children) only."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, **options)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


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


def backfill(replica: Replica, delay: float = 0.0) -> tuple[float, float, int, float]:
    """(whole command seconds, crawl-phase seconds, pages fetched, CPU seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        watch = {"name": "health", "kind": "category", "path": LIST}
        config = _config(directory, replica.base_url, [watch], delay)
        replica.clear_requests()
        # Same pacing as the bare spider: a fixed delay, no AutoThrottle, no jitter.
        fixed = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY_JITTER": 0}
        seconds, cpu = _timed(config, "backfill", "--since", "2000-01-01", scrapy=fixed)
        pages = len([r for r in replica.requests if r.status == 200 and r.path != "/robots.txt"])
        engine = make_engine(f"sqlite:///{directory / 'w.db'}")
        with make_session_factory(engine)() as session:
            run = session.scalars(select(CrawlRun)).one()
        engine.dispose()
        assert run.finished_at is not None
        return seconds, (run.finished_at - run.started_at).total_seconds(), pages, cpu


def bare_spider(
    replica: Replica, delay: float = 0.0, keepalive: bool = False
) -> tuple[float, int, float, float]:
    """(crawl-phase seconds as Scrapy measures them, pages fetched, whole-process seconds,
    CPU seconds). `keepalive`: with wirewatch's download handler instead of Scrapy's."""
    replica.clear_requests()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "elapsed"
        command = [sys.executable, "-m", "bench.bare_spider", replica.base_url + LIST, str(delay)]
        command += [str(out), "keepalive"] if keepalive else [str(out)]
        wall, cpu = _wall_and_cpu(command, cwd=ROOT)
        seconds = float(out.read_text(encoding="utf-8"))
    pages = len([r for r in replica.requests if r.status == 200 and r.path != "/robots.txt"])
    return seconds, pages, wall, cpu


def _backfill_ratios(
    bare_runs: list[tuple[float, int, float, float]],
    ours_runs: list[tuple[float, float, int, float]],
    kept_runs: list[tuple[float, int, float, float]],
) -> dict[str, float]:
    """Per-round ratios (each round's runs are back to back: the machine's load drifts),
    then their medians."""
    crawl, whole, strict, kept = [], [], [], []
    for (bare_s, bare_pages, bare_wall, _), (total, ours_s, pages, _), (
        kept_s,
        kept_pages,
        *_,
    ) in zip(bare_runs, ours_runs, kept_runs, strict=True):
        crawl.append((pages / ours_s) / (bare_pages / bare_s))
        whole.append((pages / total) / (bare_pages / bare_wall))
        strict.append((pages / total) / (bare_pages / bare_s))
        kept.append((pages / ours_s) / (kept_pages / kept_s))
    pages, bare_pages = ours_runs[0][2], bare_runs[0][1]
    ours_cpu = statistics.median(cpu / p for _, _, p, cpu in ours_runs) * 1000
    bare_cpu = statistics.median(cpu / p for _, p, _, cpu in bare_runs) * 1000
    results = {
        "backfill_pages": pages, "bare_pages": bare_pages,
        "backfill_crawl_s": statistics.median(r[1] for r in ours_runs),
        "backfill_command_s": statistics.median(r[0] for r in ours_runs),
        "bare_crawl_s": statistics.median(r[0] for r in bare_runs),
        "bare_process_s": statistics.median(r[2] for r in bare_runs),
        "backfill_ratio": statistics.median(crawl),
        "backfill_command_ratio": statistics.median(whole),
        "backfill_command_vs_bare_crawl_ratio": statistics.median(strict),
        "backfill_cpu_ms_per_page": ours_cpu, "bare_cpu_ms_per_page": bare_cpu,
        "bare_keepalive_crawl_s": statistics.median(r[0] for r in kept_runs),
        "backfill_vs_keepalive_bare_ratio": statistics.median(kept),
    }  # fmt: skip
    print(f"backfill of {BACKFILL_RELEASES} releases ({pages} pages; do-nothing spider "
          f"{bare_pages}), medians of {ROUNDS} rounds:\n"
          f"  crawl phase {results['backfill_crawl_s']:.1f}s vs {results['bare_crawl_s']:.1f}s: "
          f"{results['backfill_ratio']:.2f}x (target >= 0.7)\n"
          f"  whole command {results['backfill_command_s']:.1f}s (start-up, crawl, analysis, "
          f"report) vs the spider's whole process {results['bare_process_s']:.1f}s: "
          f"{results['backfill_command_ratio']:.2f}x (target >= 0.5); vs its crawl phase "
          f"alone: {results['backfill_command_vs_bare_crawl_ratio']:.2f}x\n"
          f"  CPU per page, all processes: {ours_cpu:.1f} ms vs {bare_cpu:.1f} ms "
          f"({ours_cpu / bare_cpu:.1f}x the work; the replica's own CPU not counted)\n"
          f"  for comparison, the do-nothing spider with wirewatch's keep-alive download handler "
          f"(crawler/keepalive.py; Scrapy's opens a connection for about every second request): "
          f"{results['bare_keepalive_crawl_s']:.1f}s, our crawl phase "
          f"{results['backfill_vs_keepalive_bare_ratio']:.2f}x that")  # fmt: skip
    return results


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


def backfill_only() -> dict[str, float]:
    with Replica(releases=BACKFILL_RELEASES, seed=9) as replica:
        bare_runs, ours_runs, kept_runs = [], [], []
        for _ in range(ROUNDS):
            bare_runs.append(bare_spider(replica))
            ours_runs.append(backfill(replica))
            kept_runs.append(bare_spider(replica, keepalive=True))
    return _backfill_ratios(bare_runs, ours_runs, kept_runs)


def polite() -> dict[str, float]:
    """The same at a small download delay: the crawl is paced, so the analysis runs beside it
    (as on the real site, where the delay is 2 s) and the whole command is nearly the crawl."""
    with Replica(releases=POLITE_RELEASES, seed=9) as replica:
        bare_s, bare_pages, bare_wall, _ = bare_spider(replica, POLITE_DELAY)
        total, ours_s, ours_pages, _ = backfill(replica, POLITE_DELAY)
    ratio = (ours_pages / ours_s) / (bare_pages / bare_s)
    whole = (ours_pages / total) / (bare_pages / bare_wall)
    print(f"same at download_delay = {POLITE_DELAY}s ({POLITE_RELEASES} releases): crawl phase "
          f"{ours_pages / ours_s:.0f} pages/s vs do-nothing {bare_pages / bare_s:.0f} pages/s: "
          f"{ratio:.2f}x; whole command {total:.1f}s (analysed while crawling) vs the spider's "
          f"whole process {bare_wall:.1f}s: {whole:.2f}x")  # fmt: skip
    return {
        "polite_delay_s": POLITE_DELAY, "polite_backfill_ratio": ratio,
        "polite_command_ratio": whole,
    }  # fmt: skip


def main() -> dict[str, float]:
    results: dict[str, float] = {}
    with Replica(releases=300, seed=5) as replica:
        small, large = idle(1_000, replica), idle(100_000, replica)
    results.update(idle_1k_s=small, idle_100k_s=large, idle_ratio=large / small)
    print(f"idle crawl: {small:.2f}s with 1k stored, {large:.2f}s with 100k: "
          f"{large / small:.2f}x (target <= 1.2)")  # fmt: skip
    # Alternating rounds, medians: one run of each is within the machine's noise (±10 %).
    results.update(backfill_only())
    reference = scrapy_bench()
    results.update(scrapy_bench_pages_per_s=reference)
    print(f"`scrapy bench` for reference (its own server, 16 concurrent requests, links "
          f"extracted): {reference:.0f} pages/s")  # fmt: skip
    results.update(polite())
    return results


if __name__ == "__main__":
    parts = {"backfill": backfill_only, "polite": polite}
    parts.get(sys.argv[1] if len(sys.argv) > 1 else "", main)()
