"""The milestone vocabulary, once: type → label, severity class and phrase.

Config validation, extraction (`alerts.milestones.model`), the digest, the feed, the web view and
every channel read this table; a new type is one row here (plus its extraction rules).
ARCHITECTURE.md "Milestone extraction contract" fixes the type and agency names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class MilestoneKind:
    type: str
    label: str  # a chip: "IND cleared", "Orphan drug"
    severity: str  # the colour class and the sort order (SEVERITY)
    phrase: str | None = None  # for designations: what "granted …" names


KINDS: tuple[MilestoneKind, ...] = (
    MilestoneKind("ind_clearance", "IND cleared", "ind_clearance"),
    MilestoneKind("orphan_drug", "Orphan drug", "designation", "orphan drug designation"),
    MilestoneKind("fast_track", "Fast Track", "designation", "Fast Track designation"),
    MilestoneKind(
        "breakthrough_therapy", "Breakthrough", "designation", "Breakthrough Therapy designation"
    ),
    MilestoneKind("rmat", "RMAT", "designation", "RMAT designation"),
    MilestoneKind(
        "rare_pediatric_disease",
        "Rare pediatric",
        "designation",
        "Rare Pediatric Disease designation",
    ),
    MilestoneKind("prime", "PRIME", "designation", "PRIME"),
    MilestoneKind("other_designation", "Designation", "designation", "a special designation"),
    MilestoneKind("trial_start", "Trial start", "trial_start"),
    MilestoneKind("filing", "Filing", "filing"),
    MilestoneKind("approval", "Approval", "approval"),
    MilestoneKind("crl", "Complete response letter", "crl"),
    MilestoneKind("clinical_hold", "Clinical hold", "clinical_hold"),
    MilestoneKind("hold_lifted", "Hold lifted", "hold_lifted"),
)
BY_TYPE = {kind.type: kind for kind in KINDS}

# Severity classes, most urgent first: what a BD analyst must read before anything else.
SEVERITY = (
    "crl", "clinical_hold", "approval", "hold_lifted", "ind_clearance", "filing",
    "designation", "trial_start",
)  # fmt: skip
SEVERITY_LABELS = {"designation": "Designation"} | {
    k.severity: k.label for k in KINDS if k.severity == k.type
}

MilestoneType = Literal[
    "ind_clearance", "orphan_drug", "fast_track", "breakthrough_therapy", "rmat",
    "rare_pediatric_disease", "prime", "other_designation", "trial_start", "filing",
    "approval", "crl", "clinical_hold", "hold_lifted",
]  # fmt: skip
Agency = Literal["FDA", "NMPA", "EMA", "EC", "PMDA", "MHRA", "HealthCanada", "TGA", "NHC", "other"]

MILESTONE_TYPES: tuple[str, ...] = tuple(kind.type for kind in KINDS)
AGENCIES: tuple[str, ...] = Agency.__args__  # type: ignore[attr-defined]
# The Literal is for type checkers; the table is the truth, and they must agree.
assert MilestoneType.__args__ == MILESTONE_TYPES  # type: ignore[attr-defined]


def label_of(type_: str) -> str:
    kind = BY_TYPE.get(type_)
    return kind.label if kind else SEVERITY_LABELS.get(type_, type_.replace("_", " "))


def severity_class(type_: str) -> str:
    kind = BY_TYPE.get(type_)
    return kind.severity if kind else type_


def severity_rank(type_: str) -> int:
    cls = severity_class(type_)
    return SEVERITY.index(cls) if cls in SEVERITY else len(SEVERITY)


def designation_phrase(type_: str) -> str | None:
    kind = BY_TYPE.get(type_)
    return kind.phrase if kind else None


# A release's wire (`source`, fixed in ARCHITECTURE.md) as readers know it.
WIRE_NAMES = {
    "prnewswire": "PR Newswire",
    "globenewswire": "GlobeNewswire",
    "businesswire": "Business Wire",
}


def wire_name(source: str) -> str:
    """ "PR Newswire" for "prnewswire"; a source without a name here is shown as it is."""
    return WIRE_NAMES.get(source, source)
