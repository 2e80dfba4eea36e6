"""Analyse stored releases: extract milestones, decide novelty across releases, store events.

Functions take the session first and never commit; `now` and the baseline reference are passed
in. Re-analysing a release updates its events in place (same identity), so nothing already
reported is reported again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from alerts.batch_events import BatchEvents, Event
from alerts.milestones.extract import extract
from alerts.milestones.model import Extraction, Milestone, ReleaseText, release_text
from alerts.novelty import (
    agency_key,
    conflict_note,
    event_key,
    indication_key,
    is_baseline,
    product_key,
    same_indication,
)
from storage import events as event_store
from storage.events import NewEvent
from storage.models import Release

logger = logging.getLogger(__name__)

# Bump when the extraction rules change: `wirewatch analyse` re-runs releases analysed by an
# older version (their events are updated in place, never re-alerted).
ANALYSER_VERSION = "rules-2"


@dataclass(slots=True)
class AnalysisReport:
    releases: int = 0
    events: int = 0
    new_events: int = 0
    alertable: int = 0
    baseline: int = 0
    conflicts: int = 0
    by_type: dict[tuple[str, str], int] = field(default_factory=dict)

    def describe(self) -> str:
        return (
            f"analysed {self.releases} release(s): {self.new_events} new milestone(s), "
            f"{self.alertable} to alert, {self.baseline} baseline, {self.events - self.new_events}"
            " mention(s)"
        )


@dataclass(frozen=True, slots=True)
class Policy:
    """How events found in this run are judged baseline (stored, never mailed) or not.

    - after a crawl: baseline when published more than `grace` before the first completed crawl
      of the watch that stored the release (`first_crawls`);
    - backfill / analyse without --send: more than `grace` before the run started;
    - with --send: never baseline.
    """

    now: datetime
    grace: timedelta
    window: timedelta
    first_crawls: dict[str, datetime | None] | None = None
    run_started_at: datetime | None = None

    def baseline(self, release: Release) -> bool:
        if self.run_started_at is not None:
            return is_baseline(release.published_at, self.run_started_at, self.grace)
        if self.first_crawls is not None:
            reference = self.first_crawls.get(release.watch or "") or self.now
            return is_baseline(release.published_at, reference, self.grace)
        return False


def extract_releases(texts: Iterable[tuple[int, ReleaseText]]) -> dict[int, Extraction]:
    """The CPU-heavy part, by release pk: run it outside any write transaction (red-team M1)."""
    return {pk: extract(text) for pk, text in texts}


def analyse_releases(
    session: Session, releases: Iterable[Release], policy: Policy, report: AnalysisReport,
    extractions: Mapping[int, Extraction] | None = None,
) -> None:  # fmt: skip
    """Store the events of `releases`, in pk order; `extractions` (by pk) were computed
    beforehand, else each release is extracted here.

    The other events each release is judged against are read once for the whole batch
    (`BatchEvents`), and the new events are inserted together at the end (`NewEvents`).
    """
    batch = sorted(releases, key=lambda r: r.id)
    found: dict[int, Extraction] = {}
    for release in batch:
        given = extractions.get(release.id) if extractions is not None else None
        found[release.id] = given if given is not None else extract(release_text(release))
    keys: set[str] = set()
    products: set[str] = set()
    for release in batch:
        for milestone in (*found[release.id].milestones, *found[release.id].mentions):
            keys.add(_key(release, milestone))
            products.add(product_key(milestone.product))
    index = BatchEvents.load(session, batch, keys, products)
    created = NewEvents(session)
    for release in batch:
        analyse_release(release, policy, report, found[release.id], index, created)
    created.store()
    session.flush()


class NewEvents:
    """The events a batch creates, inserted together (`storage.events.insert_events`) rather
    than added to the session one by one."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pending: list[NewEvent] = []

    def add(self, event: NewEvent) -> None:
        self.pending.append(event)

    def store(self) -> None:
        """Insert the pending events: each gets its id."""
        event_store.insert_events(self.session, self.pending)
        self.pending = []


def analyse_release(
    release: Release, policy: Policy, report: AnalysisReport, extraction: Extraction,
    index: BatchEvents, created: NewEvents,
) -> list[Event]:  # fmt: skip
    if extraction.capped:
        logger.warning("release %s is longer than extraction reads; its tail was not analysed",
                       release.release_id)  # fmt: skip
    found = [*extraction.milestones, *extraction.mentions]
    existing = {(e.type, e.agency_key, e.product_key): e for e in index.of_release(release.id)}
    stored: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    for milestone in found:
        identity = (milestone.type, agency_key(milestone.agency), product_key(milestone.product))
        if identity in seen:
            continue  # a milestone and a mention of the same event: the milestone wins
        seen.add(identity)
        event = existing.pop(identity, None)
        if event is None:
            event = _new_event(release, milestone, policy, report, index, created)
            index.add(event, release)
            created.add(event)
        else:
            _refresh(event, milestone)
        event.superseded = False
        event.analyser_version = ANALYSER_VERSION
        stored.append(event)
        report.events += 1
    for leftover in existing.values():
        leftover.superseded = True  # the current analyser no longer sees it
    release.analysed_version = ANALYSER_VERSION
    report.releases += 1
    return stored


def _key(release: Release, milestone: Milestone) -> str:
    return event_key(
        release.company, milestone.product, milestone.indication, milestone.agency,
        milestone.type, milestone.status,
    )  # fmt: skip


def _new_event(
    release: Release, milestone: Milestone, policy: Policy, report: AnalysisReport,
    index: BatchEvents, created: NewEvents,
) -> NewEvent:  # fmt: skip
    key = _key(release, milestone)
    event = NewEvent(
        release_pk=release.id,
        type=milestone.type,
        agency=milestone.agency,
        agency_key=agency_key(milestone.agency),
        product=milestone.product,
        product_key=product_key(milestone.product),
        indication=milestone.indication,
        phase=milestone.phase,
        status=milestone.status,
        evidence=milestone.evidence,
        novelty=milestone.novelty,
        company=release.company,
        event_key=key,
        published_at=release.published_at,
        baseline=False,
        alertable=False,
        retracted=False,
        superseded=False,
        analyser_version=ANALYSER_VERSION,
        detected_at=policy.now,
    )
    event.conflict = _conflict(release, milestone, index)
    if event.conflict:
        report.conflicts += 1
    # Baseline depends on when the release was published, not on what the event is: a restated
    # or background mention of an old release is baseline just as its new milestones are.
    event.baseline = policy.baseline(release)
    if milestone.novelty == "new":
        report.new_events += 1
        earlier = index.earlier_alertable(key, release.published_at, policy.window, release.id)
        if earlier is not None:
            if earlier.id is None:  # made earlier in this batch: give it its id
                created.store()
            event.repeat_of = earlier.id
        # A release stored as a copy of an earlier one (a re-issue, or the same text put out
        # on another wire, where the company may be named otherwise) is never news again.
        event.alertable = not event.baseline and earlier is None and release.duplicate_of is None
        report.baseline += event.baseline
        report.alertable += event.alertable
        label = (milestone.type, milestone.agency or "-")
        report.by_type[label] = report.by_type.get(label, 0) + 1
    return event


def _refresh(event: Event, milestone: Milestone) -> None:
    """A re-analysis updates what the event says, never whether it was news."""
    event.indication = milestone.indication or event.indication
    event.phase = milestone.phase or event.phase
    event.evidence = milestone.evidence or event.evidence
    event.product = milestone.product or event.product


def _conflict(release: Release, milestone: Milestone, index: BatchEvents) -> str | None:
    key = product_key(milestone.product)
    # Only announcements are compared: restated and background mentions carry their product's
    # indication from looser context, and a wrong one would raise false conflicts.
    if not key or not milestone.indication or milestone.novelty != "new":
        return None
    mine = indication_key(milestone.indication)
    for indication, release_id in index.indications_elsewhere(release.company, key, release.id):
        if indication_key(indication) != mine and not same_indication(
            indication, milestone.indication
        ):
            assert milestone.product is not None
            return conflict_note(milestone.product, milestone.indication, indication, release_id)
    return None
