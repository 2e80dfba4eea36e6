"""Milestone extraction over the labelled dev set: throughput and per-type precision/recall,
and the median time per real release (tests/fixtures/realcases; target <= 3 ms).

Run: .venv/bin/python bench/extract_bench.py
"""

from __future__ import annotations

import collections
import json
import time
from pathlib import Path
from typing import Any

from alerts.extract_jsonl import release_from_record
from alerts.milestones import extract
from alerts.milestones.model import MILESTONE_TYPES
from bench.extract_size_bench import realcases_median_ms

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "milestones" / "devset.jsonl"
ROUNDS = 20


def _per_type(
    gold: list[dict[str, Any]], pred: list[list[tuple[str, str | None]]]
) -> dict[str, dict[str, float]]:
    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    fn: collections.Counter[str] = collections.Counter()
    for record, predicted in zip(gold, pred, strict=True):
        if record.get("ambiguous"):
            continue
        g = collections.Counter((m["type"], m["agency"]) for m in record["milestones"])
        p = collections.Counter(predicted)
        for key in g | p:
            hit = min(g[key], p[key])
            tp[key[0]] += hit
            fp[key[0]] += p[key] - hit
            fn[key[0]] += g[key] - hit
    table = {}
    for type_ in MILESTONE_TYPES:
        t, f_p, f_n = tp[type_], fp[type_], fn[type_]
        table[type_] = {
            "precision": round(t / (t + f_p), 3) if t + f_p else 1.0,
            "recall": round(t / (t + f_n), 3) if t + f_n else 1.0,
            "gold": t + f_n,
        }
    return table


def main() -> dict[str, Any]:
    gold = [
        json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    releases = [release_from_record(record) for record in gold]
    started = time.perf_counter()
    for _ in range(ROUNDS):
        results = [extract(release) for release in releases]
    elapsed = time.perf_counter() - started
    pred = [[(m.type, m.agency) for m in r.milestones] for r in results]
    table = _per_type(gold, pred)
    out = {
        "releases": len(releases),
        "releases_per_second": round(len(releases) * ROUNDS / elapsed, 1),
        "realcases_median_ms": round(realcases_median_ms(), 3),
        "per_type": table,
    }
    print(f"{out['releases']} releases, {out['releases_per_second']} releases/s")
    print(f"realcases: median {out['realcases_median_ms']} ms per release (target <= 3 ms)")
    print(f"{'type':24} {'gold':>5} {'P':>6} {'R':>6}")
    for type_, row in table.items():
        print(f"{type_:24} {row['gold']:>5} {row['precision']:>6} {row['recall']:>6}")
    return out


if __name__ == "__main__":
    main()
