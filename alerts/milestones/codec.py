"""An extraction as JSON, and the digest of the text it was extracted from.

Extraction is a pure function of a `ReleaseText`, so one made elsewhere (a backfill's parse
worker, in its spare time: `wirewatch.spare_extraction`) stands for the stored release whose
text has the same digest, and for no other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from alerts.milestones.model import Extraction, Milestone, ReleaseText


def text_digest(text: ReleaseText) -> str:
    """Every field the extractor reads, hashed (128 bits)."""
    fields = [
        text.id, text.title, text.body, list(text.subtitles), text.published, text.company,
        text.dateline,
    ]  # fmt: skip
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    return {
        "milestones": [asdict(m) for m in extraction.milestones],
        "mentions": [asdict(m) for m in extraction.mentions],
        "dropped": [asdict(m) for m in extraction.dropped],
        "capped": extraction.capped,
    }


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """The extraction `extraction_to_json` gave; KeyError, TypeError or ValueError when `data`
    is not one."""
    return Extraction(
        milestones=_milestones(data["milestones"]),
        mentions=_milestones(data["mentions"]),
        dropped=_milestones(data["dropped"]),
        capped=_flag(data["capped"]),
    )


def _milestones(items: Any) -> tuple[Milestone, ...]:
    if not isinstance(items, list):
        raise TypeError("a list of milestones was expected")
    return tuple(Milestone(**item) for item in items)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("a boolean was expected")
    return value
