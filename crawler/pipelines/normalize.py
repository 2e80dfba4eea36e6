"""NormalizePipeline: tidy strings, map company aliases, compute the content fingerprint."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from scrapy.crawler import Crawler

from crawler.fingerprint import fingerprint
from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline

# Every space separator (Zs, Zl, Zp), the zero-width space and the ASCII controls that are
# whitespace: they all become one space.
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")


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
    paragraphs = [clean_line(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


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


class NormalizePipeline(CrawlerPipeline):
    """Every changed field bumps `monitor/normalize/<field>`."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.aliases = company_aliases(crawler.settings.getlist("WIREWATCH_COMPANIES"))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        stats = self.stats
        title = clean_line(item.title)
        subtitles = [s for s in (clean_line(s) for s in item.subtitles) if s]
        body = clean_body(item.body)
        company = canonical_company(self.aliases, item.company)
        for field, new in (
            ("title", title),
            ("subtitles", subtitles),
            ("body", body),
            ("company", company),
        ):
            if getattr(item, field) != new:
                stats.inc_value(f"monitor/normalize/{field}")
                setattr(item, field, new)
        item.fingerprint = fingerprint(item.body)
        return item
