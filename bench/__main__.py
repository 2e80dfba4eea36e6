"""`make bench`: every benchmark, each a ratio against a baseline measured in the same run.

Results go to bench/results/latest.json (and are summarised in the README).
"""

from __future__ import annotations

import json
import platform
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import (
    crawl_bench,
    daemon_bench,
    digest_bench,
    extract_bench,
    extract_size_bench,
    generic_parse_bench,
    parse_bench,
    store_bench,
    workers_bench,
)

RESULTS = Path(__file__).resolve().parent / "results"


def extraction_cost(parse: dict[str, float], extract: dict[str, Any]) -> dict[str, float]:
    """Extraction time per release relative to parsing one real detail page."""
    parse_s = parse.get("median_parse_seconds", 0.0)
    if "realcases_median_ms" in extract:  # median over real releases (issue 11)
        extract_s = float(extract["realcases_median_ms"]) / 1000
    else:
        extract_s = 1.0 / float(extract["releases_per_second"])
    ratio = extract_s / parse_s if parse_s else 0.0
    print(f"extraction {extract_s * 1000:.2f} ms/release vs parsing {parse_s * 1000:.2f} "
          f"ms/page: {ratio:.2f}x the parse cost")  # fmt: skip
    return {"extract_ms": extract_s * 1000, "parse_ms": parse_s * 1000, "extract_vs_parse": ratio}


def main() -> None:
    started = time.perf_counter()
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    print("== parse (target median <= 1.5x lxml.html.fromstring)")
    results["parse"] = parse = parse_bench.main()
    print("== generic detail parse, per wire (target median <= 1.5x lxml.html.fromstring)")
    results["generic_parse"] = generic_parse_bench.main()
    print("== store (target <= 2.0x raw sqlite3.executemany)")
    results["store"] = store_bench.main()
    print("== extract (dev set)")
    results["extract"] = extract = extract_bench.main()
    results["extract_cost"] = extraction_cost(parse, extract)
    print("== extract time against release size (target 100 KB <= 10x 10 KB)")
    results["extract_size"] = extract_size_bench.main()
    print("== digest render")
    results["digest"] = digest_bench.main()
    print("== crawls against the replica")
    results["crawl"] = crawl_bench.main()
    print("== distributed backfill: 1, 2 and 4 workers")
    results["workers"] = workers_bench.main()
    print("== daemon memory")
    results["daemon"] = daemon_bench.main()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "latest.json"
    path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"results in {path} ({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
