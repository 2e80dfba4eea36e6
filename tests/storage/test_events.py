"""Event reads of the analysis, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import events, releases
from storage.models import MilestoneEvent, Release
from tests.support.releases import release_row

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _event(release_pk: int, indication: str | None, **extra: Any) -> MilestoneEvent:
    return MilestoneEvent(**{**_values(release_pk, indication), **extra})


def _values(release_pk: int, indication: str | None) -> dict[str, Any]:
    return {
        "release_pk": release_pk, "type": "orphan_drug", "agency": "FDA", "agency_key": "fda",
        "product": "XS-411", "product_key": "XS411", "indication": indication, "phase": None,
        "status": "granted", "evidence": "…", "novelty": "new", "company": "XellSmart",
        "event_key": f"k-{release_pk}", "published_at": None, "analyser_version": "t",
        "detected_at": NOW,
    }  # fmt: skip


def _releases(session: Session, published: list[datetime | None]) -> list[int]:
    rows = [release_row(str(300000001 + i), NOW, published_at=at) for i, at in enumerate(published)]
    releases.insert_releases(session, rows)
    return list(session.scalars(select(Release.id).order_by(Release.id)))


def test_announcements_read_only_the_newest_per_company_and_indication(
    session_factory: sessionmaker[Session],
) -> None:
    day = timedelta(days=1)
    with session_factory.begin() as session:
        old, new, tie, undated, batch = _releases(
            session, [NOW - 3 * day, NOW - day, NOW - day, None, NOW]
        )
        session.add_all(
            [
                _event(old, "Parkinson's disease"),
                _event(new, "Parkinson's disease", type="fast_track"),
                _event(tie, "Parkinson's disease"),  # same time, higher id: not the newest
                _event(old, "ALS", type="fast_track"),
                _event(undated, "ALS", company="Other Bio"),  # another company: its own newest
                _event(new, "ALS", type="rmat", superseded=True),  # no longer current
                _event(new, None, type="prime"),  # no indication: nothing to compare
                _event(new, "ALS", type="filing", novelty="restated"),  # not an announcement
                _event(new, "ALS", product_key="XS777"),  # another product
                _event(batch, "epilepsy"),  # the batch's own: read from the session instead
            ]
        )
    with session_factory() as session:
        found = events.announced_for_products(session, ["XS411"], other_than=[batch])
        seen = [(e.indication, e.company, release_id) for e, release_id, _ in found]
    assert seen == [  # in the order they were stored
        ("Parkinson's disease", "XellSmart", "300000002"),
        ("ALS", "XellSmart", "300000001"),
        ("ALS", "Other Bio", "300000004"),
    ]


def test_new_events_have_the_tables_columns() -> None:
    columns = {c.key for c in MilestoneEvent.__table__.columns}
    assert set(events.NewEvent.__dataclass_fields__) == columns


def test_inserted_events_get_their_ids_and_the_rows_a_flush_would_store(
    session_factory: sessionmaker[Session],
) -> None:
    day = timedelta(days=1)
    with session_factory.begin() as session:
        first, second = _releases(session, [NOW - day, NOW])
        added = [_event(first, "ALS"), _event(second, None, type="prime", baseline=True)]
        session.add_all(added)  # the unit of work's way
        session.flush()
        inserted = [
            events.NewEvent(**{**_values(first, "ALS"), "type": "rmat"}),
            events.NewEvent(**{**_values(second, None), "type": "fast_track", "baseline": True}),
        ]
        events.insert_events(session, inserted)
        assert all(isinstance(e.id, int) for e in inserted)
        assert [e.id for e in inserted] == sorted(e.id for e in inserted if e.id is not None)
    columns = [c.key for c in MilestoneEvent.__table__.columns if c.key not in ("id", "type")]
    with session_factory() as session:
        stored = {e.type: e for e in session.scalars(select(MilestoneEvent))}
        assert {e.id for e in inserted} == {stored["rmat"].id, stored["fast_track"].id}
        # Same columns, defaults included (retracted, superseded, alertable left unset).
        for flushed, bulk in (("orphan_drug", "rmat"), ("prime", "fast_track")):
            assert [getattr(stored[flushed], c) for c in columns] == [
                getattr(stored[bulk], c) for c in columns
            ]
        assert stored["rmat"].retracted is False and stored["rmat"].superseded is False
