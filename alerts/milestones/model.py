"""The fixed vocabulary of the milestone contract (ARCHITECTURE.md) and its dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

# The types and agencies are defined once, with their labels, in alerts.vocabulary.
from alerts.vocabulary import AGENCIES, MILESTONE_TYPES, Agency, MilestoneType

Status = Literal["granted", "submitted", "accepted", "started", "negative", "reversed"]
Novelty = Literal["new", "restated", "planned", "background"]

STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
NOVELTIES: tuple[str, ...] = Novelty.__args__  # type: ignore[attr-defined]

__all__ = [
    "AGENCIES", "MILESTONE_TYPES", "NOVELTIES", "STATUSES", "Agency", "Extraction", "Milestone",
    "MilestoneType", "Novelty", "ReleaseFields", "ReleaseText", "Status", "release_text",
]  # fmt: skip


@dataclass(slots=True, frozen=True)
class ReleaseText:
    """The text of one release, as the extractor sees it (the `wirewatch extract` input line)."""

    id: str | None
    title: str
    body: str
    subtitles: tuple[str, ...] = ()
    published: str | None = None
    company: str | None = None
    dateline: str | None = None


@dataclass(slots=True, frozen=True)
class Milestone:
    """One detected regulatory event with the sentence that supports it."""

    type: str
    agency: str | None
    product: str | None
    indication: str | None
    phase: str | None
    status: str
    evidence: str
    novelty: str
    # Why: the triggering phrase and sentence role, the rule that judged novelty (or dropped it).
    explain: dict[str, str] | None = field(default=None, compare=False)


@dataclass(slots=True, frozen=True)
class Extraction:
    """Everything detected in one release: new milestones first, then the other mentions."""

    milestones: tuple[Milestone, ...] = ()
    mentions: tuple[Milestone, ...] = field(default=())
    dropped: tuple[Milestone, ...] = ()  # candidates not reported, each with its reason
    capped: bool = False  # the release was longer than the extractor reads (extract.MAX_CHARS)


class ReleaseFields(Protocol):
    """What the extractor reads of a release: a stored `Release`, or the crawler's item about
    to be stored (a backfill's parse worker extracts ahead: `wirewatch.spare_extraction`)."""

    @property
    def release_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def subtitles(self) -> Sequence[str] | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def company(self) -> str | None: ...
    @property
    def dateline_city(self) -> str | None: ...


def release_text(release: ReleaseFields) -> ReleaseText:
    published = release.published_at.isoformat() if release.published_at else None
    return ReleaseText(
        id=release.release_id,
        title=release.title,
        body=release.body,
        subtitles=tuple(release.subtitles or ()),
        published=published,
        company=release.company,
        dateline=release.dateline_city,
    )
