"""Score the extractor on the rewritten real releases (tests/fixtures/realcases), per split.

`python tests/alerts/realcases_report.py dev|heldout|all [--failures]` prints precision, recall,
hard negatives alarmed, and P/R per type and per agency (strict: ambiguous records left out;
they are scored on their own line). `--failures` lists the mismatched releases.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path
from typing import Any

from alerts.extract_jsonl import extract_line

FIXTURES = Path(__file__).parents[1] / "fixtures" / "realcases"
SPLITS = ("dev", "heldout")


def records(split: str) -> list[dict[str, Any]]:
    names = SPLITS if split == "all" else (split,)
    return [
        json.loads(line)
        for name in names
        for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _input(record: dict[str, Any]) -> str:
    keys = ("id", "title", "body", "published", "company", "dateline")
    return json.dumps({k: record.get(k) for k in keys})


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def score(recs: list[dict[str, Any]], ambiguous: bool = False) -> dict[str, Any]:
    """Scores with the contract's matching: (type, agency) multisets per release."""
    tp = fp = fn = 0
    alarms = negatives = 0
    by: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    failures = []
    for rec in recs:
        if bool(rec.get("ambiguous")) != ambiguous:
            continue
        out = extract_line(_input(rec))
        pred = out.get("milestones") or []
        gold = collections.Counter((m["type"], m["agency"]) for m in rec["milestones"])
        got = collections.Counter((m["type"], m["agency"]) for m in pred)
        both = gold & got
        tp += sum(both.values())
        fp += sum((got - both).values())
        fn += sum((gold - both).values())
        for (type_, agency), n in both.items():
            by[f"type {type_}"]["tp"] += n
            by[f"agency {agency}"]["tp"] += n
        for (type_, agency), n in (got - both).items():
            by[f"type {type_}"]["fp"] += n
            by[f"agency {agency}"]["fp"] += n
        for (type_, agency), n in (gold - both).items():
            by[f"type {type_}"]["fn"] += n
            by[f"agency {agency}"]["fn"] += n
        if not rec["milestones"]:
            negatives += 1
            alarms += bool(pred)
        if gold != got:
            failures.append((rec["id"], sorted(gold.elements()), sorted(got.elements())))
    return {
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "alarmed": alarms,
        "negatives": negatives,
        "by": {
            k: (_ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"]), dict(c))
            for k, c in sorted(by.items())
        },
        "failures": failures,
    }


def summary(name: str, result: dict[str, Any]) -> str:
    return (
        f"{name}: P={result['precision']} R={result['recall']} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}), "
        f"hard negatives alarmed {result['alarmed']}/{result['negatives']}"
    )


def main(argv: list[str]) -> None:
    split = argv[1] if len(argv) > 1 else "dev"
    recs = records(split)
    strict = score(recs)
    print(summary(f"{split} strict", strict))
    print(summary(f"{split} ambiguous only", score(recs, ambiguous=True)))
    for key, (p, r, counts) in strict["by"].items():
        print(f"  {key:32} P={p:<5} R={r:<5} {counts}")
    if "--failures" in argv:
        for rid, gold, got in strict["failures"]:
            print(f"  {rid}: gold={gold} pred={got}")


if __name__ == "__main__":
    main(sys.argv)
