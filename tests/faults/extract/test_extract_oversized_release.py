"""H5: a release with no sentence breaks, or far too long, is extracted in bounded pieces.

Extraction time is a bench matter (bench/extract_size_bench.py); here: the pieces the extractor
reads are bounded, the cap flags the result, and the events are still right.
"""

from __future__ import annotations

import json

from alerts.extract_jsonl import run_extract
from alerts.milestones import ReleaseText, extract
from alerts.milestones.extract import MAX_CHARS
from alerts.milestones.sentences import MAX_SENTENCE, release_sentences

HOSTILE = "FDA orphan drug designation granted XS-1 "
LEAD = (
    "BOSTON, Nov. 6, 2025 /PRNewswire/ -- Acme Bio today announced that the FDA has granted "
    "Fast Track designation to AB-101 for amyotrophic lateral sclerosis.\n\n"
)


def test_a_body_without_full_stops_is_read_in_bounded_pieces() -> None:
    release = ReleaseText(id="x", title="t", body=HOSTILE * 1000)
    pieces = release_sentences(release)
    assert max(len(s.text) for s in pieces) <= MAX_SENTENCE
    assert "".join(s.text for s in pieces[1:]).replace(" ", "") == (HOSTILE * 1000).replace(" ", "")


def test_a_long_run_on_body_still_gives_its_one_event_uncapped() -> None:
    result = extract(ReleaseText(id="x", title="t", body=HOSTILE * 1000))
    assert [(m.type, m.agency, m.product) for m in result.milestones] == [
        ("orphan_drug", "FDA", "XS-1")
    ]
    assert not result.capped


def test_an_oversized_release_is_capped_flagged_and_keeps_its_lead_news() -> None:
    filler = "The company continues to develop its pipeline and to work with partners. " * 2000
    tail = "\n\nThe FDA has approved AB-909 for the treatment of lupus."
    body = LEAD + filler + tail
    assert len(body) > MAX_CHARS
    result = extract(ReleaseText(id="big", title="Acme Bio Receives Fast Track", body=body))
    assert result.capped
    assert [(m.type, m.agency, m.product) for m in result.milestones] == [
        ("fast_track", "FDA", "AB-101")
    ]
    assert all(m.product != "AB-909" for m in result.milestones + result.mentions)


def test_the_extract_command_flags_a_capped_line_and_not_the_others() -> None:
    out: list[str] = []
    big = {"id": "big", "title": "Update", "body": LEAD + HOSTILE * 3000}
    small = {"id": "small", "title": "Update", "body": LEAD}
    run_extract([json.dumps(big), json.dumps(small)], out.append)
    first, second = (json.loads(line) for line in out)
    assert first["capped"] is True and "capped" not in second
    assert first["milestones"] and second["milestones"]


def test_an_endless_headline_is_capped_too() -> None:
    result = extract(ReleaseText(id="h", title=HOSTILE * 500, body=LEAD))
    assert result.capped
    assert {m.type for m in result.milestones} >= {"fast_track"}
