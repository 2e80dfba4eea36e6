"""Find an event's evidence sentence in its release text, for highlighting. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marked: bool


def find_evidence(body: str, evidence: str) -> tuple[int, int] | None:
    """Where `evidence` sits in `body`, whatever the whitespace between its words (the
    extractor joins lines), and then regardless of case; None when it is not there."""
    words = evidence.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, body) or re.search(pattern, body, re.IGNORECASE)
    return found.span() if found else None


def paragraphs(body: str, evidence: str) -> tuple[list[list[Segment]], bool]:
    """The body as paragraphs of segments, the evidence span marked; and whether it was found."""
    span = find_evidence(body, evidence)
    out: list[list[Segment]] = []
    start = 0
    bounds = []
    for brk in _PARAGRAPH_BREAK.finditer(body):
        bounds.append((start, brk.start()))
        start = brk.end()
    bounds.append((start, len(body)))
    for begin, end in bounds:
        if begin >= end:
            continue
        out.append(_segments(body, begin, end, span))
    return out, span is not None


def _segments(body: str, begin: int, end: int, span: tuple[int, int] | None) -> list[Segment]:
    if span is None or span[1] <= begin or span[0] >= end:
        return [Segment(body[begin:end], False)]
    lo, hi = max(begin, span[0]), min(end, span[1])
    parts = [
        Segment(body[begin:lo], False),
        Segment(body[lo:hi], True),
        Segment(body[hi:end], False),
    ]
    return [p for p in parts if p.text]
