"""Watch definitions as the crawler receives them (plain data in Scrapy settings)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True, slots=True)
class CrawlWatch:
    """What to crawl for one configured watch."""

    name: str
    kind: str  # company | category | rss
    path: str
    source: str = "prnewswire"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    _include_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _exclude_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> CrawlWatch:
        include = tuple(data.get("include") or ())
        exclude = tuple(data.get("exclude") or ())
        return cls(
            name=str(data["name"]),
            kind=str(data["kind"]),
            path=str(data["path"]),
            source=str(data.get("source") or "prnewswire"),
            include=include,
            exclude=exclude,
            _include_re=_terms_pattern(include),
            _exclude_re=_terms_pattern(exclude),
        )

    @property
    def filtered(self) -> bool:
        """Category and RSS watches keep only matching releases; a newsroom keeps all."""
        return self.kind in ("category", "rss")

    def keeps(self, texts: Iterable[str]) -> tuple[bool, str | None]:
        """(keep?, why not) for a release's title, subtitles and body."""
        if not self.filtered:
            return True, None
        text = " ".join(texts).translate(_APOSTROPHES)
        if self._exclude_re is not None:
            hit = self._exclude_re.search(text)
            if hit:
                return False, f"exclude term {hit.group(0)!r}"
        if self._include_re is not None and not self._include_re.search(text):
            return False, "no include term"
        return True, None


def crawl_watches(settings: Any, source: str) -> list[CrawlWatch]:
    """The watches of `source` among WIREWATCH_WATCHES (less any not in
    WIREWATCH_ONLY_WATCHES, when set)."""
    only = settings.get("WIREWATCH_ONLY_WATCHES")
    watches = [CrawlWatch.from_mapping(data) for data in settings.getlist("WIREWATCH_WATCHES")]
    return [w for w in watches if w.source == source and (not only or w.name in only)]


def aware(value: str | None) -> datetime | None:
    """A WIREWATCH_SINCE/UNTIL setting as an aware datetime (UTC when it names no zone)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Case-insensitive whole-word alternation; terms may contain spaces and apostrophes."""
    cleaned = [t.translate(_APOSTROPHES).strip() for t in terms if t.strip()]
    if not cleaned:
        return None
    alternation = "|".join(re.escape(t) for t in sorted(cleaned, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
