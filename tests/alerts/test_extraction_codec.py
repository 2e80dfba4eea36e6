"""An extraction survives JSON whole, and the text digest tells every extractor input apart."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from alerts.milestones.codec import extraction_from_json, extraction_to_json, text_digest
from alerts.milestones.extract import extract
from alerts.milestones.model import ReleaseText

REALCASES = Path(__file__).resolve().parents[1] / "fixtures" / "realcases"


def real_texts() -> list[ReleaseText]:
    texts = []
    for path in sorted(REALCASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            case = json.loads(line)
            text = ReleaseText(
                id=case.get("id"), title=case.get("title", ""), body=case.get("body", ""),
                subtitles=tuple(case.get("subtitles") or ()), published=case.get("published"),
                company=case.get("company"), dateline=case.get("dateline"),
            )  # fmt: skip
            texts.append(text)
    return texts


def test_real_extractions_come_back_whole_explanations_included() -> None:
    texts = real_texts()
    assert len(texts) >= 40
    extractions = [extract(text) for text in texts]
    assert sum(len(e.milestones) + len(e.mentions) + len(e.dropped) for e in extractions) > 40
    for extraction in extractions:
        back = extraction_from_json(json.loads(json.dumps(extraction_to_json(extraction))))
        assert back == extraction
        for mine, theirs in zip(
            (*back.milestones, *back.mentions, *back.dropped),
            (*extraction.milestones, *extraction.mentions, *extraction.dropped),
            strict=True,
        ):
            assert mine.explain == theirs.explain  # not compared by ==


def test_every_field_the_extractor_reads_changes_the_digest() -> None:
    text = ReleaseText(
        id="1", title="T", body="B", subtitles=("S",), published="2025-04-01T08:00:00+00:00",
        company="C", dateline="BOSTON",
    )  # fmt: skip
    digests = {text_digest(text)}
    for name, other in [
        ("id", "2"), ("title", "T2"), ("body", "B2"), ("subtitles", ("S", "")),
        ("published", None), ("company", None), ("dateline", "Boston"),
    ]:  # fmt: skip
        digests.add(text_digest(dataclasses.replace(text, **{name: other})))
    assert len(digests) == 8
    assert text_digest(text) == text_digest(dataclasses.replace(text))
    # Fields are framed: moving text from one into the next is another text.
    assert text_digest(dataclasses.replace(text, title="TB", body="")) != text_digest(
        dataclasses.replace(text, title="T", body="B")
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"milestones": [], "mentions": [], "dropped": []},
        {"milestones": {}, "mentions": [], "dropped": [], "capped": False},
        {"milestones": [{"type": "x"}], "mentions": [], "dropped": [], "capped": False},
        {"milestones": ["x"], "mentions": [], "dropped": [], "capped": False},
        {"milestones": [], "mentions": [], "dropped": [], "capped": "no"},
    ],
)
def test_anything_else_is_refused(data: dict[str, object]) -> None:
    with pytest.raises((KeyError, TypeError, ValueError)):
        extraction_from_json(data)
