"""A batch of releases is judged exactly as the same releases analysed one at a time.

`analyse_releases` reads the other events once per batch (`alerts.batch_events`) instead of
querying (and flushing) per event. The reference is the one-release-per-batch run, where every
earlier event is flushed and read back from the database: both runs must store the same events,
field by field, including repeats of an alertable event inside the window, conflicting
indications between releases and a re-analysis that updates events in place.

The releases are the loopback replica's generated biotech releases (SYNTHETIC text: many
companies, repeated products and milestone types), plus copies re-issued a day later (repeats)
and copies naming another indication for the same product (conflicts).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.analyse import AnalysisReport, Policy, analyse_releases
from storage import migrate, releases
from storage.models import Release
from storage.session import make_engine, make_session_factory
from tests.support.analysis_rows import NOW, replica_rows, stored_events

COUNT = 240


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return replica_rows(COUNT, 3, NOW)


def _database(path: Path, rows: list[dict[str, Any]]) -> sessionmaker[Session]:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        releases.insert_releases(session, rows)
    return factory


def _analyse(factory: sessionmaker[Session], policy: Policy, per_batch: int) -> AnalysisReport:
    report = AnalysisReport()
    with factory() as session:
        pks = list(session.scalars(select(Release.id).order_by(Release.id)))
    for start in range(0, len(pks), per_batch):
        with factory.begin() as session:
            batch = session.scalars(
                select(Release).where(Release.id.in_(pks[start : start + per_batch]))
            )
            analyse_releases(session, list(batch), policy, report)
    return report


def _both(tmp_path: Path, rows: list[dict[str, Any]], policy: Policy) -> tuple[Any, Any]:
    one = _database(tmp_path / "one.db", rows)
    many = _database(tmp_path / "many.db", rows)
    return (one, _analyse(one, policy, 1)), (many, _analyse(many, policy, 200))


def test_the_replica_set_has_repeats_conflicts_and_baseline_to_compare(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    policy = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))
    (one, report), _ = _both(tmp_path, rows, policy)
    events = stored_events(one)
    assert report.alertable > 20
    assert sum(1 for e in events if e[-1] is not None) > 10  # repeats of an alertable event
    assert sum(1 for e in events if e[-2]) >= 3  # conflicting indications


@pytest.mark.parametrize("mode", ["send", "crawl"])
def test_a_batch_stores_the_same_events_as_one_release_at_a_time(
    tmp_path: Path, rows: list[dict[str, Any]], mode: str
) -> None:
    first_crawl = {"health": rows[len(rows) // 2]["published_at"]} if mode == "crawl" else None
    policy = Policy(
        now=NOW, grace=timedelta(hours=24), window=timedelta(days=30), first_crawls=first_crawl
    )
    (one, one_report), (many, many_report) = _both(tmp_path, rows, policy)
    assert stored_events(many) == stored_events(one)
    assert dataclasses.asdict(many_report) == dataclasses.asdict(one_report)


def test_a_batch_re_analysis_updates_the_same_events_in_place(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    policy = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))
    (one, _), (many, _) = _both(tmp_path, rows, policy)
    before = stored_events(one)
    later = dataclasses.replace(policy, now=NOW + timedelta(hours=1))
    assert dataclasses.asdict(_analyse(many, later, 200)) == dataclasses.asdict(
        _analyse(one, later, 1)
    )
    assert stored_events(many) == stored_events(one) == before
