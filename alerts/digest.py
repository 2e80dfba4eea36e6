"""Digest assembly: which events a subscriber gets, in plain words, grouped and ordered. Pure.

Nothing here reads the clock or the database: callers pass the candidate events, what the
subscriber already received and `now`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from alerts.sanitize import one_line, safe_url
from alerts.vocabulary import (
    SEVERITY,
    designation_phrase,
    label_of,
    severity_class,
    severity_rank,
    wire_name,
)
from storage.models import MilestoneEvent, Release


@dataclass(frozen=True, slots=True)
class EventView:
    """What assembly needs from a stored event and its release."""

    id: int
    type: str
    agency: str | None
    product: str | None
    indication: str | None
    phase: str | None
    status: str
    evidence: str
    company: str | None
    title: str
    subtitles: tuple[str, ...]
    url: str | None
    published_at: datetime | None
    detected_at: datetime
    retracted: bool = False
    retracted_reason: str | None = None
    source: str = "prnewswire"  # the wire the release came from

    @classmethod
    def from_rows(cls, event: MilestoneEvent, release: Release) -> EventView:
        return cls(
            id=event.id,
            type=event.type,
            agency=event.agency,
            product=event.product,
            indication=event.indication,
            phase=event.phase,
            status=event.status,
            evidence=event.evidence,
            company=event.company or release.company,
            title=release.title,
            subtitles=tuple(release.subtitles or ()),
            url=release.url,
            published_at=event.published_at or release.published_at,
            detected_at=event.detected_at,
            retracted=event.retracted,
            retracted_reason=event.retracted_reason,
            source=release.source,
        )


def _key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


@dataclass(frozen=True, slots=True)
class Filters:
    """A subscriber's filters; an empty list means everything. `aliases`: [[company]] entries."""

    companies: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def canonical_company(self, company: str | None) -> str | None:
        wanted = _key(company)
        for name, aliases in self.aliases:
            if wanted in {_key(name), *(_key(a) for a in aliases)}:
                return name
        return company

    def _company_keys(self) -> set[str]:
        keys = set()
        for term in self.companies:
            keys.add(_key(term))
            canonical = self.canonical_company(term)
            for name, aliases in self.aliases:
                if name == canonical:
                    keys.update({_key(name), *(_key(a) for a in aliases)})
        return keys

    def matches(self, event: EventView) -> bool:
        if self.types and event.type not in self.types:
            return False
        if self.agencies and (event.agency or "") not in self.agencies:
            return False
        if self.companies and _key(event.company) not in self._company_keys():
            return False
        if self.keywords:
            haystack = "\n".join(
                (event.title, *event.subtitles, event.evidence, event.product or "",
                 event.indication or "")
            )  # fmt: skip
            if not any(_whole_word(k).search(haystack) for k in self.keywords):
                return False
        return True

    def summary(self) -> str:
        parts = [
            f"{label}: {', '.join(values)}"
            for label, values in (
                ("companies", self.companies),
                ("types", self.types),
                ("agencies", self.agencies),
                ("keywords", self.keywords),
            )
            if values
        ]
        return "; ".join(parts) if parts else "every company, type and agency"


def _whole_word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term.strip())}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Recipient:
    """One subscriber as assembly sees it; `name` is printable (an e-mail address or the
    subscriber's name, never a webhook URL)."""

    id: int
    name: str
    added_at: datetime
    timezone: str
    immediate: frozenset[str]
    filters: Filters = Filters()


def select_events(
    recipient: Recipient, candidates: Iterable[EventView], already_sent: set[int]
) -> list[EventView]:
    """Events this recipient should get and has not got: matching, detected since added."""
    return [
        event
        for event in candidates
        if event.id not in already_sent
        and not event.retracted
        and event.detected_at >= recipient.added_at
        and recipient.filters.matches(event)
    ]


def split_immediate(
    recipient: Recipient, events: Sequence[EventView]
) -> tuple[list[EventView], list[EventView]]:
    """(sent at once as single-event alerts, left for the digest)."""
    immediate = [e for e in events if e.type in recipient.immediate]
    rest = [e for e in events if e.type not in recipient.immediate]
    return immediate, rest


def describe(event: EventView) -> str:
    """The event in plain words: "FDA cleared the IND for XS-411 (Parkinson's disease, Phase I)"."""
    agency = event.agency if event.agency and event.agency != "other" else "A regulator"
    product = event.product or (f"the {event.indication} program" if event.indication else None)
    what = product or "a product"
    type_ = event.type
    if type_ == "ind_clearance":
        text = (
            f"{agency} cleared the IND for {what}"
            if agency == "FDA"
            else f"{agency} cleared the clinical trial of {what}"
        )
    elif (phrase := designation_phrase(type_)) is not None:
        text = f"{agency} granted {phrase} to {what}"
    elif type_ == "trial_start":
        text = (
            f"{agency}-approved trial of {what} started"
            if event.agency
            else f"Trial of {what} started"
        )
    elif type_ == "filing":
        text = {
            "accepted": f"{agency} accepted the application for {what} for review",
            "granted": f"{agency} granted priority review to {what}",
        }.get(event.status, f"Application for {what} submitted to {agency}")
    elif type_ == "approval":
        text = f"{agency} approved {what}"
    elif type_ == "crl":
        text = f"{agency} issued a complete response letter for {what}"
    elif type_ == "clinical_hold":
        text = f"{agency} placed {what} on clinical hold"
    elif type_ == "hold_lifted":
        text = f"{agency} lifted the clinical hold on {what}"
    else:
        text = f"{agency}: {type_.replace('_', ' ')} for {what}"
    details = [d for d in (event.indication if event.product else None, event.phase) if d]
    if details:
        text += f" ({', '.join(details)})"
    return one_line(text)


@dataclass(frozen=True, slots=True)
class Item:
    event_id: int
    summary: str
    severity: str
    label: str
    evidence: str
    headline: str
    url: str | None
    date: str
    sort_at: datetime
    # The event's own fields, for channels that send data rather than prose (webhooks).
    type: str = ""
    agency: str | None = None
    product: str | None = None
    indication: str | None = None
    phase: str | None = None
    status: str = ""
    published_at: datetime | None = None
    detected_at: datetime | None = None
    source: str = ""

    @property
    def wire(self) -> str:
        """The wire the release came out on, as readers name it ("" when unknown)."""
        return wire_name(self.source) if self.source else ""


@dataclass(frozen=True, slots=True)
class CompanySection:
    company: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Correction:
    event_id: int
    summary: str
    headline: str
    url: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class DigestContent:
    """Everything a digest or alert template shows; `event_ids` are recorded as sent."""

    kind: str  # digest | alert
    recipient: str
    timezone: str
    generated: str
    sections: tuple[CompanySection, ...]
    corrections: tuple[Correction, ...]
    filters: str
    event_ids: tuple[int, ...] = field(default=())
    correction_ids: tuple[int, ...] = field(default=())

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def companies(self) -> list[str]:
        return [s.company for s in self.sections]


def local_time(moment: datetime, zone: str) -> str:
    """ "Tue 15 Apr 2025, 21:10 CST" in the subscriber's zone."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y, %H:%M %Z")


def make_item(event: EventView, recipient: Recipient) -> Item:
    moment = event.published_at or event.detected_at
    return Item(
        event_id=event.id,
        summary=describe(event),
        severity=severity_class(event.type),
        label=label_of(event.type),
        evidence=one_line(event.evidence),
        headline=one_line(event.title),
        url=safe_url(event.url),
        date=local_time(moment, recipient.timezone),
        sort_at=moment,
        type=event.type,
        agency=event.agency,
        product=one_line(event.product) or None,
        indication=one_line(event.indication) or None,
        phase=one_line(event.phase) or None,
        status=event.status,
        published_at=event.published_at,
        detected_at=event.detected_at,
        source=event.source,
    )


def group_by_company(
    events: Iterable[EventView], recipient: Recipient
) -> tuple[CompanySection, ...]:
    """Per company; items most severe first, then newest; companies by their top item."""
    groups: dict[str, list[EventView]] = {}
    for event in events:
        name = recipient.filters.canonical_company(event.company) or "Other companies"
        groups.setdefault(one_line(name), []).append(event)

    def order(event: EventView) -> tuple[int, float]:
        moment = event.published_at or event.detected_at
        return severity_rank(event.type), -moment.timestamp()

    sections = [
        CompanySection(name, tuple(make_item(e, recipient) for e in sorted(found, key=order)))
        for name, found in groups.items()
    ]
    sections.sort(key=lambda s: (severity_rank_of(s.items[0]), s.company.casefold()))
    return tuple(sections)


def severity_rank_of(item: Item) -> int:
    return SEVERITY.index(item.severity) if item.severity in SEVERITY else len(SEVERITY)


def make_correction(event: EventView) -> Correction:
    return Correction(
        event_id=event.id,
        summary=describe(event),
        headline=one_line(event.title),
        url=safe_url(event.url),
        reason=one_line(event.retracted_reason) or "it was a false positive",
    )


def assemble_digest(
    recipient: Recipient,
    events: Sequence[EventView],
    retracted: Sequence[EventView],
    now: datetime,
) -> DigestContent | None:
    """The digest, or None when there is nothing to say (an empty digest is never sent)."""
    if not events and not retracted:
        return None
    return DigestContent(
        kind="digest",
        recipient=recipient.name,
        timezone=recipient.timezone,
        generated=local_time(now, recipient.timezone),
        sections=group_by_company(events, recipient),
        corrections=tuple(make_correction(e) for e in retracted),
        filters=recipient.filters.summary(),
        event_ids=tuple(e.id for e in events),
        correction_ids=tuple(e.id for e in retracted),
    )


def assemble_alert(recipient: Recipient, event: EventView, now: datetime) -> DigestContent:
    """A single-event alert for an `immediate` type."""
    return DigestContent(
        kind="alert",
        recipient=recipient.name,
        timezone=recipient.timezone,
        generated=local_time(now, recipient.timezone),
        sections=group_by_company([event], recipient),
        corrections=(),
        filters=recipient.filters.summary(),
        event_ids=(event.id,),
    )
