"""Tidy a parsed release's text, and what the re-issue check derives from it.

Pure functions, no Scrapy: `NormalizePipeline` applies them, and a backfill's parse worker
(`crawler.parsing.worker`) applies them ahead of it so the crawl process does not have to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from crawler.fingerprint import fingerprint_and_shingles
from crawler.items import PressRelease

# Every space separator (Zs, Zl, Zp), the zero-width space and the ASCII controls that are
# whitespace: they all become one space.
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def clean_line(text: str) -> str:
    """One line: control and format characters (Unicode category C) become spaces, whitespace
    runs collapse. Once the whitespace is a plain space, `str.isprintable()` is the fast path:
    most lines have nothing else to drop (the per-character check costs ~1 ms a release)."""
    text = _SPACES.sub(" ", text)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
        text = _SPACES.sub(" ", text)
    return text.strip()


def clean_body(text: str) -> str:
    paragraphs = [clean_line(p) for p in _PARAGRAPHS.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def clean_text(release: PressRelease) -> list[str]:
    """Tidy title, subtitles and body in place; return the names of the fields it changed."""
    changed: list[str] = []
    title = clean_line(release.title)
    subtitles = [s for s in (clean_line(s) for s in release.subtitles) if s]
    body = clean_body(release.body)
    for field, new in (("title", title), ("subtitles", subtitles), ("body", body)):
        if getattr(release, field) != new:
            setattr(release, field, new)
            changed.append(field)
    return changed


def prepare(release: PressRelease) -> PressRelease:
    """`clean_text`, then the fingerprint and shingles of the clean body (see `PressRelease`)."""
    release.cleaned = clean_text(release)
    release.fingerprint, release.shingles = fingerprint_and_shingles(release.body, release.source)
    return release


def company_aliases(companies: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """{folded alias or name: [[company]] name} for `canonical_company`."""
    aliases: dict[str, str] = {}
    for company in companies:
        for alias in [company["name"], *company.get("aliases", [])]:
            aliases[clean_line(alias).casefold()] = company["name"]
    return aliases


def canonical_company(aliases: Mapping[str, str], company: str | None) -> str | None:
    """The [[company]] name when the page's company matches one of its aliases, else tidied."""
    if not company:
        return None
    cleaned = clean_line(company)
    return aliases.get(cleaned.casefold(), cleaned)
