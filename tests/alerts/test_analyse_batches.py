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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.analyse import AnalysisReport, Policy, analyse_releases
from replica.generator import generate
from replica.model import Release as ReplicaRelease
from storage import migrate, releases
from storage.models import MilestoneEvent, Release
from storage.session import make_engine, make_session_factory

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
COUNT = 240


def _row(
    release: ReplicaRelease, release_id: str, published: datetime, body: str
) -> dict[str, Any]:
    return {
        "release_id": release_id,
        "url": f"https://www.prnewswire.com/news-releases/x-{release_id}.html",
        "title": release.title,
        "subtitles": list(release.subtitles),
        "published_at": published,
        "company": release.company.name,
        "company_slug": release.company.slug,
        "company_url": None,
        "dateline_city": release.dateline_city,
        "body": body,
        "tickers": [],
        "tags": [],
        "also_from_source": [],
        "watch": "health",
        "fingerprint": release_id,
        "template": "2025",
        "parser_version": "t",
        "fetched_at": published,
    }


def _rows() -> list[dict[str, Any]]:
    """The replica's releases, newest last, moved so the newest is a day old; every 7th
    re-issued a day later under a new id; every 11th with a product's indication swapped."""
    made = generate(COUNT, seed=3)
    shift = NOW - timedelta(days=1) - made[-1].published
    rows: list[dict[str, Any]] = []
    for index, release in enumerate(made):
        published = release.published + shift
        body = "\n\n".join(
            [f"{release.dateline_city}, {release.dateline_date} /PRNewswire/ -- {release.lead}"]
            + [p for p in release.paragraphs if not p.startswith("## ")]
        )
        rows.append(_row(release, release.release_id, published, body))
        if index % 7 == 3:
            rows.append(
                _row(release, f"9{release.release_id}", published + timedelta(days=1), body)
            )
        products = release.company.products
        if index % 11 == 5 and len(products) >= 2 and products[0].indication in body:
            swapped = body.replace(products[0].indication, products[1].indication)
            later = published + timedelta(hours=5)
            rows.append(_row(release, f"8{release.release_id}", later, swapped))
    rows.sort(key=lambda r: r["published_at"])
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return _rows()


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


def _events(factory: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    with factory() as session:
        ids = dict(
            session.execute(
                select(MilestoneEvent.id, Release.release_id).join(
                    Release, Release.id == MilestoneEvent.release_pk
                )
            ).all()
        )
        types = dict(session.execute(select(MilestoneEvent.id, MilestoneEvent.type)).all())
        events = session.scalars(select(MilestoneEvent)).all()
        return sorted(
            (
                ids[e.id],
                e.type,
                e.agency_key,
                e.product_key,
                e.indication,
                e.novelty,
                e.status,
                e.event_key,
                e.baseline,
                e.alertable,
                e.superseded,
                e.conflict,
                (ids[e.repeat_of], types[e.repeat_of]) if e.repeat_of else None,
            )  # fmt: skip
            for e in events
        )


def _both(tmp_path: Path, rows: list[dict[str, Any]], policy: Policy) -> tuple[Any, Any]:
    one = _database(tmp_path / "one.db", rows)
    many = _database(tmp_path / "many.db", rows)
    return (one, _analyse(one, policy, 1)), (many, _analyse(many, policy, 200))


def test_the_replica_set_has_repeats_conflicts_and_baseline_to_compare(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    policy = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))
    (one, report), _ = _both(tmp_path, rows, policy)
    events = _events(one)
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
    assert _events(many) == _events(one)
    assert dataclasses.asdict(many_report) == dataclasses.asdict(one_report)


def test_a_batch_re_analysis_updates_the_same_events_in_place(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    policy = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))
    (one, _), (many, _) = _both(tmp_path, rows, policy)
    before = _events(one)
    later = dataclasses.replace(policy, now=NOW + timedelta(hours=1))
    assert dataclasses.asdict(_analyse(many, later, 200)) == dataclasses.asdict(
        _analyse(one, later, 1)
    )
    assert _events(many) == _events(one) == before
