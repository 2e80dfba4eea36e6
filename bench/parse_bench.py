"""Benchmark: parse_release against a bare lxml.html.fromstring of the same bytes.

Target: median ratio over the real detail fixtures <= 1.5. Both timings are taken in the
same run, interleaved, each the median of REPEAT runs (time.perf_counter).
Run: .venv/bin/python bench/parse_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawler.sources.prnewswire.release import parse_release

FIXTURES = ROOT / "tests" / "fixtures" / "prnewswire"
REPEAT = 20
TARGET = 1.5


def _median_seconds(function: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> dict[str, float]:
    """Print and return the parse/lxml time ratio per real fixture and their median."""
    ratios: dict[str, float] = {}
    parse_times: list[float] = []
    for path in sorted(FIXTURES.glob("detail-*.html")):
        data = path.read_bytes()
        if b"SYNTHETIC" in data[:2048]:
            continue
        url = "https://www.prnewswire.com/news-releases/" + path.stem.split(".")[0] + ".html"
        parse_release(data, url)  # warm-up (compiled XPaths, imports)
        lxml.html.fromstring(data)
        baseline = _median_seconds(partial(lxml.html.fromstring, data), REPEAT)
        ours = _median_seconds(partial(parse_release, data, url), REPEAT)
        ratios[path.name] = ours / baseline
        parse_times.append(ours)
        print(
            f"{path.name:55s} {len(data) / 1024:7.1f} KB  lxml {baseline * 1000:7.2f} ms"
            f"  parse_release {ours * 1000:7.2f} ms  ratio {ours / baseline:5.2f}"
        )
    ratios["median"] = statistics.median(ratios.values())
    ratios["median_parse_seconds"] = statistics.median(parse_times)
    verdict = "OK" if ratios["median"] <= TARGET else "OVER TARGET"
    print(f"median ratio {ratios['median']:.2f} (target <= {TARGET}) {verdict}")
    return ratios


if __name__ == "__main__":
    main()
