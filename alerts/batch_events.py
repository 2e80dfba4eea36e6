"""What analysing a batch of releases asks of the other events, read once per batch.

Analysing a release asks three questions of the stored events: its own events (a re-analysis
updates them in place), an earlier alertable event with the same key inside the window (a
repeat is never news again), and what other releases say the same product treats (a
conflict). Asked per event, with a flush before each question, they cost three queries and
a flush an event: about 3 ms a release, more than the extraction itself (a backfill of 2 000
releases spent 6.7 s there). Here they are read once per batch, for every key the batch's
extractions name, and the events the batch creates are added as they are made. Of other
releases' announcements only the newest per product, company and indication is read: reading
them all grew with every batch (each read every earlier announcement of its products), which
made a backfill's analysis quadratic.

Each release sees exactly what it would have seen had the releases been analysed and flushed
one at a time, in pk order: the answers are filtered on the live objects of the session
(an event a re-analysis supersedes, revives or re-words counts as it is now), and ties are
broken as SQLite orders them (NULL first ascending, last descending). A test analyses the
same releases both ways and compares every event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy.orm import Session

from storage import events as event_store
from storage.events import NewEvent
from storage.models import MilestoneEvent, Release

_T = TypeVar("_T")
# A stored event, or one this batch made and has not stored yet.
Event = MilestoneEvent | NewEvent
_CHUNK = 500  # values per IN list: far below every backend's parameter limit


class BatchEvents:
    """The events a batch of releases can meet, indexed by release, key and product."""

    def __init__(self) -> None:
        self._own: dict[int, list[Event]] = {}
        self._by_key: dict[str, list[Event]] = {}
        # product key -> [(event, id of its release, its release's publication time)]
        self._by_product: dict[str, list[tuple[Event, str, datetime | None]]] = {}

    @classmethod
    def load(
        cls,
        session: Session,
        releases: Sequence[Release],
        event_keys: Iterable[str],
        product_keys: Iterable[str],
    ) -> BatchEvents:
        """Read the batch's own events, the alertable events with any of `event_keys` and the
        announced events of any of `product_keys`: three queries (per 500 values).

        Of other releases' announcements only the newest per company and indication is read
        (the only one the conflict check can report); the batch's own are taken as they are
        in the session, since analysing the batch may re-word or supersede them.
        """
        index = cls()
        batch = {release.id: release for release in releases}
        stored = [
            event
            for pks in _chunks(sorted(batch))
            for event in event_store.events_of_releases(session, pks)
        ]
        for event in stored:
            index._own.setdefault(event.release_pk, []).append(event)
        for keys in _chunks(sorted(set(event_keys))):
            for event in event_store.alertable_with_keys(session, keys):
                index._by_key.setdefault(event.event_key, []).append(event)
        wanted = {k for k in product_keys if k}
        announced = [
            (event, batch[event.release_pk].release_id, batch[event.release_pk].published_at)
            for event in stored
            if event.novelty == "new" and event.product_key in wanted
        ]
        for products in _chunks(sorted(wanted)):
            announced += event_store.announced_for_products(session, products, batch)
        for entry in sorted(announced, key=lambda entry: entry[0].id):
            index._by_product.setdefault(entry[0].product_key, []).append(entry)
        return index

    def of_release(self, release_pk: int) -> list[Event]:
        """The release's stored events, oldest first."""
        return list(self._own.get(release_pk, ()))

    def add(self, event: Event, release: Release) -> None:
        """An event this batch creates: later releases of the batch see it."""
        self._own.setdefault(release.id, []).append(event)
        if event.alertable:
            self._by_key.setdefault(event.event_key, []).append(event)
        if event.novelty == "new" and event.product_key:
            entry = (event, release.release_id, release.published_at)
            self._by_product.setdefault(event.product_key, []).append(entry)

    def earlier_alertable(
        self, event_key: str, published_at: datetime | None, window: timedelta, release_pk: int
    ) -> Event | None:
        """An alertable, unretracted event with this key from another release published in
        the window before `published_at` (or, when it has no date, any time): the earliest."""
        found = [
            e
            for e in self._by_key.get(event_key, ())
            if e.alertable and not e.retracted and e.release_pk != release_pk
        ]
        if published_at is not None:
            start = published_at - window
            found = [e for e in found if e.published_at and start <= e.published_at <= published_at]
        found.sort(key=lambda e: (e.published_at is not None, _seconds(e.published_at)))
        return found[0] if found else None

    def indications_elsewhere(
        self, company: str | None, product_key: str, release_pk: int
    ) -> list[tuple[str, str]]:
        """(indication, release id) that other releases give for the same company's product,
        newest release first."""
        if not product_key:
            return []
        found = [
            (published, event.indication, release_id)
            for event, release_id, published in self._by_product.get(product_key, ())
            if event.release_pk != release_pk
            and event.indication
            and event.novelty == "new"
            and not event.superseded
            and (company is None or event.company == company)
        ]
        found.sort(key=lambda f: (f[0] is None, -_seconds(f[0])))
        return [(indication, release_id) for _, indication, release_id in found if indication]


def _seconds(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0


def _chunks(values: list[_T]) -> Iterator[list[_T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
