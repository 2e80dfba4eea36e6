"""The `wirewatch extract` JSONL contract."""

from __future__ import annotations

import json

from alerts.extract_jsonl import run_extract

SEED_LIKE = {
    "id": "r1",
    "title": "Acme's AC-101 Approved by the U.S. FDA for Phase I Clinical Trials",
    "body": "BOSTON, June 10, 2025 /PRNewswire/ -- Acme Cell today announced that AC-101 has been "
    "approved by the U.S. FDA to enter Phase I clinical trials.\n\nAbout Acme\n\nAcme "
    "develops therapies. AC-101 received Orphan Drug Designation from the FDA in 2023.",
}


def _run(lines: list[str]) -> tuple[list[dict[str, object]], tuple[int, int]]:
    out: list[str] = []
    counts = run_extract(lines, out.append)
    assert all(chunk.endswith("\n") and chunk.count("\n") == 1 for chunk in out)
    return [json.loads(chunk) for chunk in out], counts


def test_one_output_line_per_input_line_in_order() -> None:
    lines = [json.dumps({**SEED_LIKE, "id": f"r{i}"}) for i in range(5)]
    results, counts = _run(lines)
    assert [r["id"] for r in results] == ["r0", "r1", "r2", "r3", "r4"]
    assert counts == (5, 0)


def test_output_has_milestones_and_mentions_with_every_field() -> None:
    (result,), _ = _run([json.dumps(SEED_LIKE)])
    assert set(result) == {"id", "milestones", "mentions"}
    milestone = result["milestones"][0]  # type: ignore[index]
    assert set(milestone) == {
        "type",
        "agency",
        "product",
        "indication",
        "phase",
        "status",
        "evidence",
    }
    assert (milestone["type"], milestone["agency"], milestone["product"]) == (
        "ind_clearance",
        "FDA",
        "AC-101",
    )
    mention = result["mentions"][0]  # type: ignore[index]
    assert set(mention) == {
        "type",
        "agency",
        "product",
        "indication",
        "phase",
        "status",
        "novelty",
        "evidence",
    }
    assert mention["novelty"] == "background"


def test_absent_optional_values_are_null() -> None:
    (result,), _ = _run([json.dumps(SEED_LIKE)])
    assert result["milestones"][0]["indication"] is None  # type: ignore[index]


def test_optional_input_fields_may_be_absent_or_null() -> None:
    record = {**SEED_LIKE, "subtitles": None, "published": None, "company": None, "dateline": None}
    (result,), counts = _run([json.dumps(record)])
    assert counts == (1, 0)
    assert len(result["milestones"]) == 1  # type: ignore[arg-type]


def test_unreadable_lines_report_an_error_and_the_run_goes_on() -> None:
    lines = [
        "{not json",
        json.dumps({"id": "no-body", "title": "t"}),
        json.dumps({"id": "bad-title", "title": 5, "body": "b"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "bad-subtitles", "title": "t", "body": "b", "subtitles": "x"}),
        json.dumps(SEED_LIKE),
    ]
    results, counts = _run(lines)
    assert counts == (6, 5)
    assert [r["id"] for r in results] == [None, "no-body", "bad-title", None, "bad-subtitles", "r1"]
    for r in results[:5]:
        assert set(r) == {"id", "error"}
        assert isinstance(r["error"], str) and "\n" not in r["error"]
    assert "milestones" in results[5]


def test_a_blank_line_gets_an_error_line_so_output_pairs_with_input() -> None:
    results, counts = _run(["", "   ", json.dumps(SEED_LIKE), "\n"])
    assert counts == (4, 3)
    assert [r["id"] for r in results] == [None, None, "r1", None]
    assert [r.get("error") for r in results] == ["blank line", "blank line", None, "blank line"]


def test_missing_id_is_null() -> None:
    record = {k: v for k, v in SEED_LIKE.items() if k != "id"}
    (result,), _ = _run([json.dumps(record)])
    assert result["id"] is None


def test_output_is_streamed_line_by_line() -> None:
    written: list[str] = []

    def lines() -> object:
        yield json.dumps(SEED_LIKE)
        assert len(written) == 1  # the first result was written before the second line was read
        yield json.dumps(SEED_LIKE)

    run_extract(lines(), written.append)  # type: ignore[arg-type]
    assert len(written) == 2
