"""Content fingerprints: fold a release re-issued under a new id and headline into the first.

Exact copies share `fingerprint` (a hash of the normalised news text). Edited re-issues are found
by the Jaccard similarity of 5-word shingles. Only the news part counts: the dateline (its date
changes on a re-issue a day later, and each wire writes its own) and the boilerplate that every
release of a company repeats (About …, forward-looking statements, contacts) are left out, by
each wire's conventions (`crawler/sources/<wire>/text.py`), so the same announcement on two wires
fingerprints the same and two different announcements of the same company are never folded
together for sharing their boilerplate.
"""

from __future__ import annotations

import hashlib
import re
from zlib import crc32

from crawler.parsing import wire_conventions
from crawler.sources.registry import conventions

OVERLAP_THRESHOLD = 0.85
_SHINGLE = 5
_WORD = re.compile(r"\w+")


def news_text(body: str, source: str = "prnewswire") -> str:
    """The body without its dateline and from the first boilerplate paragraph on, by its
    wire's conventions (`wire_conventions.news_text`)."""
    return wire_conventions.news_text(conventions(source), body)


def body_words(body: str, source: str = "prnewswire") -> list[str]:
    """The words of the news text: a release put out on two wires has the same words."""
    return _WORD.findall(news_text(body, source).lower())


def fingerprint(body: str, source: str = "prnewswire") -> str:
    """Hash of the news text's words."""
    return _digest(body_words(body, source))


def shingles(body: str, source: str = "prnewswire") -> frozenset[int]:
    return _shingles(body_words(body, source))


def fingerprint_and_shingles(body: str, source: str = "prnewswire") -> tuple[str, frozenset[int]]:
    words = body_words(body, source)
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
