"""Backfill throughput with 1, 2 and 4 workers (`wirewatch backfill --workers N`), delays off.

The replica runs as its own process (`python -m replica`) so that serving pages does
not share the GIL with anything measured, and every page is fetched once before timing, so it
serves pre-built real-size pages from its byte cache. The database is a throwaway PostgreSQL
cluster when the server binaries are installed (the production target), else SQLite.

Throughput is pages (listing + detail responses, from the crawl_run rows) per second from the
command's start to the last stored batch: process start-up is in it, the analysis after the
crawl is not. CPU seconds are reported for the backfill's process tree (coordinator and
workers), the replica and the PostgreSQL server, to show where the time goes.
Run: .venv/bin/python -m bench.workers_bench
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from crawler.sources.prnewswire.listing import parse_listing
from storage.models import CrawlRun, Release
from storage.session import make_engine, make_session_factory

BIN = Path(sys.executable).parent / "wirewatch"
RELEASES = 2500
LIST = "/news-releases/news-releases-list/"
WORKERS = (1, 2, 4)
TICKS = os.sysconf("SC_CLK_TCK")


@contextmanager
def _replica(releases: int) -> Iterator[tuple[str, int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "replica", "--releases", str(releases), "--seed", "11"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode()
        url = line.strip().rsplit(" ", 1)[-1]
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # the loopback replica
        body: bytes = response.read()
        return body


def _warm(base_url: str) -> int:
    """Fetch every listing and detail page once: the replica then serves them from its cache."""
    pages = 0
    page = 1
    while True:
        url = f"{base_url}{LIST}?page={page}&pagesize=100"
        entries = parse_listing(_get(url), url).entries
        pages += 1
        if not entries:
            return pages
        for entry in entries:
            _get(entry.url)
            pages += 1
        page += 1


def _cpu_seconds(pid: int, *, with_children: bool = True) -> float:
    """utime + stime (+ reaped children's) of one process, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICKS


def _children_cpu(after: os.times_result, before: os.times_result) -> float:
    """CPU of reaped child processes: the command, and the workers it waited for."""
    return (
        after.children_user + after.children_system
        - before.children_user - before.children_system
    )  # fmt: skip


def _postgres_cpu(postmaster: int | None) -> float:
    """The server's CPU: the postmaster, its reaped backends, and the live ones."""
    if postmaster is None:
        return 0.0
    total = _cpu_seconds(postmaster)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            total += _cpu_seconds(int(stat.parent.name), with_children=False)
    return total


def _config(directory: Path, base_url: str, database_url: str) -> Path:
    lines = [
        "[source.prnewswire]", f"base_url = {json.dumps(base_url)}", "download_delay = 0",
        "[database]", f"url = {json.dumps(database_url)}",
        "[daemon]", f"state_dir = {json.dumps(str(directory / 'var'))}",
        "[[watch]]", 'name = "all-news"', 'kind = "category"', f"path = {json.dumps(LIST)}",
    ]  # fmt: skip
    path = directory / "wirewatch.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _crawl_figures(database_url: str, started: datetime) -> tuple[int, int, float]:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        pages = session.scalar(select(func.sum(CrawlRun.requests))) or 0
        stored = session.scalar(select(func.count()).select_from(Release)) or 0
        last = session.scalar(select(func.max(Release.fetched_at)))
    engine.dispose()
    assert last is not None, "the backfill stored nothing"
    return int(pages), int(stored), (last - started).total_seconds()


def _backfill(
    directory: Path, base_url: str, database_url: str, workers: int, replica_pid: int,
    postmaster: int | None,
) -> dict[str, Any]:  # fmt: skip
    config = _config(directory, base_url, database_url)
    env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps({"LOG_LEVEL": "WARNING"})}
    env.pop("WIREWATCH_REDIS_URL", None)
    command = [str(BIN), "--config", str(config), "backfill", "--since", "2000-01-01"]
    if workers > 1:
        command += ["--workers", str(workers)]
    replica_before, pg_before = _cpu_seconds(replica_pid), _postgres_cpu(postmaster)
    children_before = os.times()
    started = datetime.now(UTC)
    result = subprocess.run(command, capture_output=True, env=env, check=False)
    children_after = os.times()
    if result.returncode != 0:
        raise RuntimeError(f"backfill --workers {workers} failed: {result.stderr.decode()[-500:]}")
    pages, stored, seconds = _crawl_figures(database_url, started)
    figures = {
        "workers": workers,
        "pages": pages,
        "stored": stored,
        "crawl_seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1),
        "cpu_backfill_processes_s": round(_children_cpu(children_after, children_before), 1),
        "cpu_replica_s": round(_cpu_seconds(replica_pid) - replica_before, 1),
        "cpu_postgres_s": round(_postgres_cpu(postmaster) - pg_before, 1),
    }
    print(
        f"{workers} worker(s): {pages} pages in {seconds:.1f}s = {figures['pages_per_second']} "
        f"pages/s; CPU s: backfill {figures['cpu_backfill_processes_s']}, replica "
        f"{figures['cpu_replica_s']}, postgres {figures['cpu_postgres_s']}"
    )
    return figures


def main() -> dict[str, Any]:
    postgres: Any = None
    try:
        from tests.support.postgres import PostgresServer

        postgres = PostgresServer()
        postgres.start()
        backend = "postgresql"
    except Exception as exc:  # noqa: BLE001 - no server binaries: SQLite
        print(f"PostgreSQL unavailable ({exc}): using SQLite")
        postgres, backend = None, "sqlite"
    runs: dict[int, dict[str, Any]] = {}
    try:
        postmaster = None
        if postgres is not None:
            pid_file = postgres.data / "postmaster.pid"
            postmaster = int(pid_file.read_text().split()[0])
        with _replica(RELEASES) as (base_url, replica_pid):
            warmed = _warm(base_url)
            print(f"replica: {RELEASES} releases, {warmed} pages warmed ({backend})")
            for workers in WORKERS:
                with tempfile.TemporaryDirectory(prefix="wirewatch-workers-") as tmp:
                    if postgres is not None:
                        url = postgres.create_database(f"bench_workers_{workers}")
                    else:
                        url = f"sqlite:///{Path(tmp) / 'w.db'}"
                    runs[workers] = _backfill(
                        Path(tmp), base_url, url, workers, replica_pid, postmaster
                    )
    finally:
        if postgres is not None:
            postgres.stop()
    rate = {n: float(r["pages_per_second"]) for n, r in runs.items()}
    results: dict[str, Any] = {
        "backend": backend,
        "cores": os.cpu_count(),
        "releases": RELEASES,
        "runs": [runs[n] for n in WORKERS],
        "ratio_2_vs_1": round(rate[2] / rate[1], 2),
        "ratio_4_vs_1": round(rate[4] / rate[1], 2),
    }
    print(
        f"2 workers vs 1: {results['ratio_2_vs_1']}x (target >= 1.5x); "
        f"4 workers vs 1: {results['ratio_4_vs_1']}x"
    )
    return results


if __name__ == "__main__":
    main()
