"""Content fingerprints: fold a release re-issued under a new id and headline into the first.

Exact copies share `fingerprint` (a hash of the normalised body). Edited re-issues are found by
word-shingle containment: the share of the smaller release's 5-word shingles that the other has.
"""

from __future__ import annotations

import hashlib
import re

OVERLAP_THRESHOLD = 0.85
_SHINGLE = 5
# The dateline's date differs between an original and its re-issue a day later.
_DATELINE = re.compile(r"^.{0,200}?/PRNewswire[^/]*/\s*-{1,2}\s*", re.DOTALL)
_WORD = re.compile(r"\w+")


def body_words(body: str) -> list[str]:
    return _WORD.findall(_DATELINE.sub("", body, count=1).lower())


def fingerprint(body: str) -> str:
    """Hash of the body's words without the dateline."""
    return hashlib.sha256(" ".join(body_words(body)).encode()).hexdigest()


def shingles(body: str) -> set[int]:
    words = body_words(body)
    if len(words) < _SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + _SHINGLE])) for i in range(len(words) - _SHINGLE + 1)}


def overlap(a: set[int], b: set[int]) -> float:
    """Containment of the smaller shingle set in the larger one (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_reissue(a: set[int], b: set[int]) -> bool:
    return overlap(a, b) >= OVERLAP_THRESHOLD
