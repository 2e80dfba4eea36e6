"""Stored events as the pages show them: plain words, the digest's labels and colours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from alerts.digest import EventView, describe
from alerts.sanitize import one_line, safe_url
from alerts.vocabulary import label_of, severity_class
from storage.models import MilestoneEvent, Release
from wirewatch.web.timeline import Point, lane_of

MENTIONS = ("restated", "planned", "background")


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    date: str
    company: str | None
    severity: str
    label: str
    summary: str
    agency: str | None
    notes: tuple[str, ...]  # "baseline", "restated", "retracted" …: why it was not news
    news: bool  # announced as new, first reported here, not retracted (the chart shows these)
    alertable: bool
    headline: str
    url: str | None
    at: datetime
    lane: str
    evidence: str
    indication: str | None


def day(moment: datetime | None) -> str:
    return moment.strftime("%d %b %Y") if moment else "—"


def make_row(event: MilestoneEvent, release: Release) -> Row:
    view = EventView.from_rows(event, release)
    notes = []
    if event.novelty in MENTIONS:
        notes.append(event.novelty)
    if event.baseline:
        notes.append("baseline")
    if event.repeat_of is not None:
        notes.append("reported earlier")
    if event.retracted:
        notes.append("retracted")
    return Row(
        id=event.id,
        date=day(view.published_at),
        company=one_line(view.company) or None,
        severity=severity_class(event.type),
        label=label_of(event.type),
        summary=describe(view),
        agency=event.agency,
        notes=tuple(notes),
        news=event.novelty == "new" and event.repeat_of is None and not event.retracted,
        alertable=event.alertable and not event.retracted and not event.baseline,
        headline=one_line(release.title),
        url=safe_url(release.url),
        at=view.published_at or event.detected_at,
        lane=one_line(lane_of(event.product, event.indication)),
        evidence=one_line(event.evidence),
        indication=one_line(event.indication) or None,
    )


def point_of(row: Row) -> Point:
    agency = f" · {row.agency}" if row.agency and row.agency != "other" else ""
    return Point(
        event_id=row.id,
        at=row.at,
        lane=row.lane,
        severity=row.severity,
        label=f"{row.label}{agency}",
        title=f"{row.date}: {row.summary}",
        note=row.indication,
    )
