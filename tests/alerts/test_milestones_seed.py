"""The April 2025 XellSmart release (shared/seed) yields exactly its three new events."""

from __future__ import annotations

import json
from pathlib import Path

from alerts.milestones import Extraction, ReleaseText, extract

DEVSET = Path(__file__).parents[1] / "fixtures" / "milestones" / "devset.jsonl"


def _seed() -> Extraction:
    record = json.loads(DEVSET.read_text(encoding="utf-8").splitlines()[0])
    assert record["id"] == "xellsmart-pd-als-ind-2025-04-15"
    return extract(
        ReleaseText(
            id=record["id"],
            title=record["title"],
            body=record["body"],
            published=record["published"],
            dateline=record["dateline"],
        )
    )


def test_seed_release_yields_its_three_new_ind_clearances() -> None:
    got = {(m.type, m.agency, m.product, m.status) for m in _seed().milestones}
    assert got == {
        ("ind_clearance", "FDA", "XS-411", "granted"),
        ("ind_clearance", "NMPA", "XS-411", "granted"),
        ("ind_clearance", "FDA", "XS228", "granted"),
    }


def test_seed_release_fills_indication_and_phase() -> None:
    by_key = {(m.agency, m.product): m for m in _seed().milestones}
    assert by_key["FDA", "XS-411"].indication.lower() == "parkinson's disease"  # type: ignore[union-attr]
    assert by_key["FDA", "XS228"].indication == "ALS"
    assert {m.phase for m in by_key.values()} == {"Phase I"}


def test_seed_release_evidence_is_the_announcing_sentence() -> None:
    by_key = {(m.agency, m.product): m for m in _seed().milestones}
    assert by_key["FDA", "XS-411"].evidence.startswith("In January 2025 (U.S. time), the U.S. Food")
    assert "China's National Medical Products Administration" in by_key["NMPA", "XS-411"].evidence
    assert "(XS228) for ALS has been approved by the FDA" in by_key["FDA", "XS228"].evidence


def test_seed_release_restates_the_xs228_orphan_designation() -> None:
    mentions = {(m.type, m.agency, m.product): m.novelty for m in _seed().mentions}
    assert mentions["orphan_drug", "FDA", "XS228"] == "restated"


def test_seed_release_keeps_nhc_studies_and_about_section_as_background() -> None:
    mentions = {(m.type, m.agency, m.product): m.novelty for m in _seed().mentions}
    assert mentions["ind_clearance", "NHC", "XS-411"] == "background"
    assert mentions["ind_clearance", "NHC", "XS228"] == "background"
    assert mentions["ind_clearance", "NMPA", "XS228"] == "background"
    assert all(m.novelty != "new" for m in _seed().mentions)
