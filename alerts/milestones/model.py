"""The fixed vocabulary of the milestone contract (ARCHITECTURE.md) and its dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MilestoneType = Literal[
    "ind_clearance",
    "orphan_drug",
    "fast_track",
    "breakthrough_therapy",
    "rmat",
    "rare_pediatric_disease",
    "prime",
    "other_designation",
    "trial_start",
    "filing",
    "approval",
    "crl",
    "clinical_hold",
    "hold_lifted",
]
Status = Literal["granted", "submitted", "accepted", "started", "negative", "reversed"]
Agency = Literal["FDA", "NMPA", "EMA", "EC", "PMDA", "MHRA", "HealthCanada", "TGA", "NHC", "other"]
Novelty = Literal["new", "restated", "planned", "background"]

MILESTONE_TYPES: tuple[str, ...] = MilestoneType.__args__  # type: ignore[attr-defined]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
AGENCIES: tuple[str, ...] = Agency.__args__  # type: ignore[attr-defined]
NOVELTIES: tuple[str, ...] = Novelty.__args__  # type: ignore[attr-defined]


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
