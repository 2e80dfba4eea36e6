"""The extractor over the labelled dev set, scored by the shared scorer (copied as score_extract.py).

Held-out part: every 5th line (index % 5 == 4), not looked at while writing the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring import assert_scores, score_lines

DEVSET = Path(__file__).parents[1] / "fixtures" / "milestones" / "devset.jsonl"


# The shared scorer opens its files without closing them; that is its business, not a failure here.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("part", ["all", "held_out"])
def test_dev_set_precision_recall_and_no_alarm_on_negatives(tmp_path: Path, part: str) -> None:
    lines = [line for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    if part == "held_out":
        lines = lines[4::5]
    assert len(lines) >= (80 if part == "all" else 16)
    assert_scores(score_lines(tmp_path, lines), 0.95)
