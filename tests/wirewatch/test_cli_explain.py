"""`wirewatch parse --explain` and `wirewatch extract --explain`: why an event was mailed or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli

SEED_PAGE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "prnewswire"
    / ("detail-2025-xellsmart-302427583.html")
)
EXPLAIN_KEYS = {"trigger", "sentence_role", "rule", "sentences"}
RELEASE = {
    "id": "a",
    "title": "Acme receives FDA Fast Track designation for AB-1",
    "body": "BOSTON, Jan 5, 2026 /PRNewswire/ -- Acme today announced that the U.S. FDA has "
    "granted Fast Track designation to AB-1 for ALS. Acme has not received Breakthrough Therapy "
    "designation for AB-1. An ethics committee approved the protocol.\n\nAbout Acme\n\n"
    "AB-1 received Orphan Drug Designation from the FDA in 2023.",
    "published": "2026-01-05",
}


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "wirewatch.toml"
    path.write_text(
        f"[database]\nurl = 'sqlite:///{tmp_path / 'w.db'}'\n"
        f"[daemon]\nstate_dir = '{tmp_path / 'var'}'\n",
        encoding="utf-8",
    )
    return str(path)


def _extract(config: str, tmp_path: Path, *flags: str) -> dict[str, object]:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(RELEASE) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["--config", config, "extract", "--in", str(source), "--out", str(out), *flags]
    )
    assert result.exit_code == 0, result.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    data: dict[str, object] = json.loads(line)
    return data


def test_extract_without_explain_keeps_the_contract_shape(config: str, tmp_path: Path) -> None:
    data = _extract(config, tmp_path)
    assert set(data) == {"id", "milestones", "mentions"}
    assert all("explain" not in m for m in data["milestones"])  # type: ignore[attr-defined]


def test_extract_explain_says_why_each_event_and_each_dropped_candidate(
    config: str, tmp_path: Path
) -> None:
    data = _extract(config, tmp_path, "--explain")
    (new,) = data["milestones"]  # type: ignore[misc]
    assert new["type"] == "fast_track"
    assert set(new["explain"]) == EXPLAIN_KEYS
    assert new["explain"]["rule"].startswith("new:")
    assert new["explain"]["trigger"] == "Fast Track"
    assert new["explain"]["sentence_role"] == "lead (first paragraph)"
    (orphan,) = data["mentions"]  # type: ignore[misc]
    assert orphan["novelty"] == "background"
    assert orphan["explain"]["rule"].startswith("background:")
    reasons = {d["type"]: d["explain"]["rule"] for d in data["dropped"]}  # type: ignore[attr-defined]
    assert reasons["breakthrough_therapy"].startswith("negated:")
    assert "has not" in reasons["breakthrough_therapy"]
    assert reasons["ind_clearance"] == "dropped: no regulator named in the sentence"


def test_parse_explain_adds_the_reasons_to_the_json(config: str) -> None:
    result = CliRunner().invoke(
        cli, ["--config", config, "parse", str(SEED_PAGE), "--json", "--explain"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "dropped" in data
    for event in data["milestones"] + data["mentions"]:
        assert set(event["explain"]) == EXPLAIN_KEYS
    assert {e["explain"]["rule"].split(":")[0] for e in data["milestones"]} == {"new"}


def test_parse_explain_prints_a_why_line_per_event(config: str) -> None:
    result = CliRunner().invoke(cli, ["--config", config, "parse", str(SEED_PAGE), "--explain"])
    assert result.exit_code == 0, result.output
    whys = [line for line in result.output.splitlines() if line.strip().startswith("why: ")]
    plain = CliRunner().invoke(cli, ["--config", config, "parse", str(SEED_PAGE)])
    assert "why: " not in plain.output
    assert len(whys) >= 3
