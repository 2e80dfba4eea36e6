"""The extractor over the fourth independent set (fresh.jsonl) and its blind batch (fresh_holdout.jsonl).

SYNTHETIC releases written and labelled by a reviewer who had not read the extractor
(tests/fixtures/milestones/README.md, "Fresh set"). First contact: fresh.jsonl P=0.957 R=0.863
(1/29 negatives alarmed); fresh_holdout.jsonl, written after that round of fixes, P=0.818 R=1.0
(1/3 alarmed). The thresholds below are what the extractor now reaches.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring import assert_scores, score_lines

from alerts.milestones import ReleaseText, extract

FIXTURES = Path(__file__).parents[1] / "fixtures" / "milestones"


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(("name", "minimum"), [("fresh", 60), ("fresh_holdout", 10)])
def test_fresh_sets_precision_recall_and_no_alarm(tmp_path: Path, name: str, minimum: int) -> None:
    text = (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) >= minimum
    assert_scores(score_lines(tmp_path, lines), 1.0)


def _new(title: str, body: str, published: str = "2025-08-12") -> list[tuple[str, str | None]]:
    release = ReleaseText(id="t", title=title, body=body, published=published)
    return [(m.type, m.agency) for m in extract(release).milestones]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # News in the second paragraph after a scene-setting first paragraph.
        (
            "Acme Marks Rare Disease Day",
            (
                "Rare diseases affect 300 million people.\n\nAcme today announced that the FDA has "
                "granted Orphan Drug Designation to AC-1 for GM1 gangliosidosis."
            ),
            [("orphan_drug", "FDA")],
        ),
        # A dated second paragraph under an "update" headline.
        (
            "Acme Provides Update on AC-1 Program",
            (
                "Acme is developing AC-1 in the Phase 1 ASCEND study.\n\nOn August 11, 2025, the FDA "
                "placed the ASCEND study of AC-1 on clinical hold."
            ),
            [("clinical_hold", "FDA")],
        ),
        # ... but a held designation in the second paragraph stays restated.
        (
            "Acme Granted U.S. Patent for AC-1",
            (
                "The USPTO has granted a patent covering AC-1.\n\nAC-1 has been granted Orphan Drug "
                "Designation by the FDA."
            ),
            [],
        ),
        # Two regulators, two clearance verbs in one sentence.
        (
            "Acme Receives NOL and IND Clearance for AC-1",
            (
                "Acme today announced that Health Canada has issued a No Objection Letter for its "
                "Clinical Trial Application and that the FDA has cleared its IND for AC-1."
            ),
            [("ind_clearance", "HealthCanada"), ("ind_clearance", "FDA")],
        ),
        # "RNA-targeted" is not forward-looking; "has not issued … a CRL" is negated.
        (
            "FDA Approves Acme's AC-1",
            (
                "Acme, a leader in RNA-targeted medicines, today announced that the FDA has approved "
                "AC-1 for hATTR polyneuropathy."
            ),
            [("approval", "FDA")],
        ),
        (
            "Acme Provides Update Following PDUFA Date",
            "The FDA has not issued an approval or a Complete Response Letter for AC-1.",
            [],
        ),
    ],
)
def test_fresh_rules(title: str, body: str, expected: list[tuple[str, str | None]]) -> None:
    assert sorted(_new(title, body)) == sorted(expected)
