"""Benchmark: the daemon's memory over 200 cycles (crawl child + analysis + health + mail).

Runs the real `Daemon` jobs in this process against the replica, with a fresh release published
before every cycle, and reads this process's resident memory (the crawls are child processes,
so what grows here is the daemon's own state). Target: flat (last/first RSS close to 1.0).
Run: .venv/bin/python -m bench.daemon_bench   (BENCH_DAEMON_CYCLES=N to change 200)
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from replica import Replica
from wirewatch.app import App
from wirewatch.daemon import Daemon

CYCLES = int(os.environ.get("BENCH_DAEMON_CYCLES", "200"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, Replica(releases=200, seed=8) as replica:
        directory = Path(tmp)
        config = directory / "wirewatch.toml"
        config.write_text(
            f"[source.prnewswire]\nbase_url = {json.dumps(replica.base_url)}\ndownload_delay = 0\n"
            f"[database]\nurl = 'sqlite:///{directory / 'w.db'}'\n"
            f"[daemon]\nstate_dir = '{directory / 'var'}'\n"
            "[schedule]\ncrawl = 'every 1s'\n"
            "[[watch]]\nname = 'xellsmart'\nkind = 'company'\npath = '/news/xellsmart/'\n"
            "[[subscriber]]\nemail = 'bd@example.com'\ndigest = 'every 1s'\n",
            encoding="utf-8",
        )
        os.environ["WIREWATCH_SCRAPY_SETTINGS"] = json.dumps(
            {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
        )
        app = App(str(config))
        app.ready_database()
        daemon = Daemon(app)
        samples: list[float] = []
        started = time.perf_counter()
        for _ in range(CYCLES):
            replica.publish(1, company="xellsmart")
            daemon.crawl_job()  # crawl child, analysis, health alerts, mail cycle
            samples.append(rss_mb())
        elapsed = time.perf_counter() - started
        app.close()
    first = sum(samples[:10]) / min(10, len(samples))
    last = sum(samples[-10:]) / min(10, len(samples))
    print(f"daemon over {CYCLES} cycles ({elapsed:.0f}s): RSS {first:.1f} MB after the first 10, "
          f"{last:.1f} MB after the last 10: {last / first:.2f}x (peak {max(samples):.1f} MB)")  # fmt: skip
    return {"daemon_cycles": CYCLES, "rss_first_mb": first, "rss_last_mb": last,
            "rss_ratio": last / first}  # fmt: skip


if __name__ == "__main__":
    main()
