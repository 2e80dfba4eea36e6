"""Content fingerprints: fold a release re-issued under a new id and headline into the first.

Exact copies share `fingerprint` (a hash of the normalised news text). Edited re-issues are found
by the Jaccard similarity of 5-word shingles. Only the news part counts: the dateline's date (it
changes on a re-issue a day later) and the boilerplate that every release of a company repeats
(About …, forward-looking statements, contacts) are left out, so two different announcements of
the same company are never folded together for sharing their boilerplate.
"""

from __future__ import annotations

import hashlib
import re
from zlib import crc32

OVERLAP_THRESHOLD = 0.85
_SHINGLE = 5
_DATELINE = re.compile(r"^.{0,200}?/PRNewswire[^/]*/\s*-{1,2}\s*", re.DOTALL)
_BOILERPLATE = re.compile(
    r"^(?:about\s|forward[- ]looking|cautionary|safe harbor|media contacts?\b|contacts?:?$"
    r"|investor (?:relations|contacts?)|for more information)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def news_text(body: str) -> str:
    """The body up to its first boilerplate paragraph, without the dateline prefix."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", _DATELINE.sub("", body, count=1)):
        if _BOILERPLATE.match(paragraph.strip()):
            break
        kept.append(paragraph)
    return "\n\n".join(kept) if kept else body


def body_words(body: str) -> list[str]:
    return _WORD.findall(news_text(body).lower())


def fingerprint(body: str) -> str:
    """Hash of the news text's words."""
    return _digest(body_words(body))


def shingles(body: str) -> frozenset[int]:
    return _shingles(body_words(body))


def fingerprint_and_shingles(body: str) -> tuple[str, frozenset[int]]:
    words = body_words(body)
    return _digest(words), _shingles(words)


def _digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _shingles(words: list[str]) -> frozenset[int]:
    """CRC-32s of the 5-word runs: stable across processes (a parse worker computes them),
    unlike `hash()`; a collision in 2**32 only nudges an overlap."""
    if len(words) < _SHINGLE:
        return frozenset({crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(
        crc32(" ".join(words[i : i + _SHINGLE]).encode()) for i in range(len(words) - _SHINGLE + 1)
    )


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets (0..1)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def is_reissue(a: frozenset[int], b: frozenset[int]) -> bool:
    return overlap(a, b) >= OVERLAP_THRESHOLD
