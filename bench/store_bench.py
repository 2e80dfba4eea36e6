"""Benchmark: storing 10 000 parsed releases through storage vs raw sqlite3.executemany.

Both write the same rows into the same migrated schema, in batches of BATCH rows with one
transaction each. Ours also records the watch's seen links (as the pipeline does).
Target: ours <= 2.0x raw.  Run: .venv/bin/python -m bench.store_bench
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storage import migrate, releases, seen_links
from storage.session import make_engine, make_session_factory

COUNT = 10_000
BATCH = 500
TARGET = 2.0
BODY = ("SUZHOU, China, April 15, 2025 /PRNewswire/ -- XellSmart today announced that the FDA "
        "has cleared the IND for XS-411. ") * 40  # fmt: skip


def make_rows(count: int) -> list[dict[str, Any]]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        {
            "release_id": str(302000000 + i),
            "url": f"https://www.prnewswire.com/news-releases/release-{302000000 + i}.html",
            "title": f"XellSmart announces milestone {i}",
            "subtitles": ["First subtitle", "Second subtitle"],
            "published_at": start + timedelta(minutes=i),
            "company": "XellSmart",
            "company_slug": "xellsmart",
            "company_url": "https://www.prnewswire.com/news/xellsmart/",
            "dateline_city": "SUZHOU, China",
            "body": BODY,
            "tickers": [],
            "tags": ["Biotechnology", "FDA"],
            "also_from_source": [],
            "watch": "xellsmart",
            "fingerprint": f"{i:064x}",
            "template": "2025",
            "parser_version": "2025.1",
            "fetched_at": start,
        }
        for i in range(count)
    ]


def _fresh_db(directory: Path, name: str) -> tuple[str, Path]:
    path = directory / f"{name}.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    engine.dispose()
    return url, path


def run_ours(url: str, rows: list[dict[str, Any]]) -> float:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    now = datetime.now(UTC)
    started = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        chunk = rows[i : i + BATCH]
        with factory.begin() as session:
            releases.insert_releases(session, chunk)
            links = [(r["release_id"], r["url"]) for r in chunk]
            seen_links.mark_seen(session, "xellsmart", links, "stored", now)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def run_raw(path: Path, rows: list[dict[str, Any]]) -> float:
    columns = list(rows[0])
    sql = f"INSERT INTO release ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"

    def value(v: Any) -> Any:
        if isinstance(v, list):
            return json.dumps(v)
        if isinstance(v, datetime):
            return v.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        return v

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    started = time.perf_counter()
    # Both sides start from the same parsed rows, so converting them to column values counts.
    tuples = [tuple(value(r[c]) for c in columns) for r in rows]
    for i in range(0, len(tuples), BATCH):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(sql, tuples[i : i + BATCH])
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def run_raw_postgres(url: str, rows: list[dict[str, Any]]) -> float:
    import psycopg

    columns = list(rows[0])
    sql = f"INSERT INTO release ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"
    with psycopg.connect(url.replace("+psycopg", "")) as connection:
        started = time.perf_counter()
        tuples = [
            tuple(json.dumps(r[c]) if isinstance(r[c], list) else r[c] for c in columns)
            for r in rows
        ]
        for i in range(0, len(tuples), BATCH):
            with connection.transaction(), connection.cursor() as cursor:
                cursor.executemany(sql, tuples[i : i + BATCH])
        return time.perf_counter() - started


def postgres() -> dict[str, float]:
    """The same comparison on a throwaway PostgreSQL cluster (skipped without the server)."""
    from tests.support.postgres import PostgresServer

    try:
        server = PostgresServer()
        server.start()
    except (RuntimeError, OSError) as exc:
        print(f"store on PostgreSQL: skipped ({exc})")
        return {}
    rows = make_rows(COUNT)
    try:
        timings: dict[str, list[float]] = {"ours": [], "raw": []}
        for round_ in range(3):
            for side in ("ours", "raw"):
                url = server.create_database(f"{side}{round_}")
                engine = make_engine(url)
                migrate.upgrade(engine, url)
                engine.dispose()
                run = run_ours if side == "ours" else run_raw_postgres
                timings[side].append(run(url, rows))
    finally:
        server.stop()
    ours, raw = min(timings["ours"]), min(timings["raw"])
    print(f"store {COUNT} releases on PostgreSQL: ours {ours:.3f}s, raw psycopg executemany "
          f"{raw:.3f}s, ratio {ours / raw:.2f}x (target <= {TARGET})")  # fmt: skip
    return {"pg_store_ours_s": ours, "pg_store_raw_s": raw, "pg_store_ratio": ours / raw}


def main() -> dict[str, float]:
    rows = make_rows(COUNT)
    results: dict[str, list[float]] = {"ours": [], "raw": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(3):
            url, _ = _fresh_db(Path(tmp), f"ours{round_}")
            results["ours"].append(run_ours(url, rows))
            _, path = _fresh_db(Path(tmp), f"raw{round_}")
            results["raw"].append(run_raw(path, rows))
    ours, raw = min(results["ours"]), min(results["raw"])
    ratio = ours / raw
    print(f"store {COUNT} releases in batches of {BATCH}: ours {ours:.3f}s, raw executemany "
          f"{raw:.3f}s, ratio {ratio:.2f}x (target <= {TARGET})")  # fmt: skip
    return {"store_ours_s": ours, "store_raw_s": raw, "store_ratio": ratio, **postgres()}


if __name__ == "__main__":
    main()
