"""The `wirewatch extract` JSONL contract: one release per input line → one result per line.

Every input line (split on `\n`) produces exactly one output line, in input order: the extraction
or `{"id": …, "error": "…"}`, also for a blank line or one that is not UTF-8, so a consumer can
pair input and output by line number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from alerts.milestones import ReleaseText, extract
from alerts.milestones.model import Milestone

_MILESTONE_FIELDS = ("type", "agency", "product", "indication", "phase", "status", "evidence")


class _BadRecord(ValueError):
    pass


def _optional_str(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f"field {name!r} must be a string or null")
    return value


def release_from_record(record: object) -> ReleaseText:
    """Validate one decoded input line."""
    if not isinstance(record, dict):
        raise _BadRecord("line is not a JSON object")
    rid = record.get("id")
    if rid is not None and not isinstance(rid, str | int):
        raise _BadRecord("field 'id' must be a string")
    for name in ("title", "body"):
        if name not in record or record[name] is None:
            raise _BadRecord(f"missing field {name!r}")
        if not isinstance(record[name], str):
            raise _BadRecord(f"field {name!r} must be a string")
    subtitles = record.get("subtitles")
    if subtitles is None:
        subtitles = []
    if not isinstance(subtitles, list) or not all(isinstance(s, str) for s in subtitles):
        raise _BadRecord("field 'subtitles' must be a list of strings")
    return ReleaseText(
        id=None if rid is None else str(rid),
        title=record["title"],
        body=record["body"],
        subtitles=tuple(subtitles),
        published=_optional_str(record, "published"),
        company=_optional_str(record, "company"),
        dateline=_optional_str(record, "dateline"),
    )


def _milestone_json(event: Milestone, with_novelty: bool) -> dict[str, str | None]:
    out: dict[str, str | None] = {name: getattr(event, name) for name in _MILESTONE_FIELDS}
    if with_novelty:
        out["novelty"] = event.novelty
    return out


def extract_line(line: str | bytes) -> dict[str, Any]:
    """One input line → its output object (never raises on bad input)."""
    rid: str | None = None
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return {"id": None, "error": f"line is not UTF-8 (byte {exc.start + 1})"}
    if not line.strip():
        return {"id": None, "error": "blank line"}
    try:
        record = json.loads(line)
        if isinstance(record, dict) and isinstance(record.get("id"), str | int):
            rid = str(record["id"])
        release = release_from_record(record)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg} at column {exc.colno}"}
    except (_BadRecord, RecursionError) as exc:
        return {"id": rid, "error": str(exc) or "unreadable record"}
    try:
        result = extract(release)
    except Exception as exc:  # noqa: BLE001 -- an extractor bug costs one line, not the run
        return {"id": release.id, "error": f"extraction failed: {type(exc).__name__}"}
    return {
        "id": release.id,
        "milestones": [_milestone_json(m, False) for m in result.milestones],
        "mentions": [_milestone_json(m, True) for m in result.mentions],
    }


def run_extract(lines: Iterable[str | bytes], write: Callable[[str], None]) -> tuple[int, int]:
    """Stream `lines` through the extractor; `write` gets one JSON line (with "\\n") per line.

    Give it bytes (a file opened "rb") so that one line of bad UTF-8 costs that line only.
    Returns (processed, errors).
    """
    processed = errors = 0
    for line in lines:
        out = extract_line(line)
        processed += 1
        if "error" in out:
            errors += 1
        write(json.dumps(out, ensure_ascii=False) + "\n")
    return processed, errors
