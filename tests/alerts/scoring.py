"""Score extractor output for labelled JSONL lines with the shared scorer (score_extract.py)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import score_extract

from alerts.extract_jsonl import run_extract


def score_lines(tmp_path: Path, lines: list[str]) -> dict[str, object]:
    """Run `wirewatch extract`'s core over `lines` and score it against their own labels."""
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pred.open("w", encoding="utf-8") as out:
        run_extract(lines, out.write)
    with contextlib.redirect_stdout(io.StringIO()):
        result: dict[str, object] = score_extract.main(["score", str(gold), str(pred)])
    return result


def assert_scores(result: dict[str, object], minimum: float) -> None:
    """Every line scored, precision and recall >= `minimum`, no labelled negative alarmed."""
    assert result["missing_outputs"] == 0
    assert float(str(result["precision"])) >= minimum, result["mismatched_releases"]
    assert float(str(result["recall"])) >= minimum, result["mismatched_releases"]
    alarmed, total = str(result["negatives_with_alarm"]).split("/")
    assert alarmed == "0" and int(total) > 0, result["mismatched_releases"]
