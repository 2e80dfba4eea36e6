"""Analysis of stored releases: novelty across releases, baseline, conflicts, re-analysis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.analyse import AnalysisReport, Policy, analyse_releases
from storage import releases
from storage.models import MilestoneEvent, Release

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SEED_TITLE = (
    "XellSmart's Allogeneic iPSC-derived Cell Therapies for Parkinson's Disease and ALS "
    "Officially Approved by the U.S. FDA for Phase I Clinical Trials"
)
IND_BODY = (
    "SUZHOU, China, {date} /PRNewswire/ -- XellSmart today announced that the U.S. Food and "
    "Drug Administration (FDA) has cleared the Investigational New Drug (IND) application for "
    "XS-411, its allogeneic iPSC-derived dopaminergic progenitor cell therapy for Parkinson's "
    "disease, allowing a Phase I clinical trial to begin.\n\n"
    "About XellSmart\n\nXellSmart develops iPSC-derived cell therapies."
)
CRL_BODY = (
    "BOSTON, {date} /PRNewswire/ -- Acme Bio today announced that it has received a Complete "
    "Response Letter (CRL) from the U.S. Food and Drug Administration (FDA) for its Biologics "
    "License Application for AB-101 in lupus nephritis."
)


def release_row(
    release_id: str, title: str, body: str, published: datetime, **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "release_id": release_id,
        "url": f"https://www.prnewswire.com/news-releases/x-{release_id}.html",
        "title": title,
        "subtitles": [],
        "published_at": published,
        "company": "XellSmart",
        "company_slug": "xellsmart",
        "company_url": None,
        "dateline_city": "SUZHOU, China",
        "body": body.format(date=f"{published:%B} {published.day}, {published.year}"),
        "tickers": [],
        "tags": [],
        "also_from_source": [],
        "watch": "xellsmart",
        "fingerprint": release_id,
        "template": "2025",
        "parser_version": "t",
        "fetched_at": published,
    }
    row.update(extra)
    return row


def store(session_factory: sessionmaker[Session], *rows: dict[str, Any]) -> None:
    with session_factory.begin() as session:
        releases.insert_releases(session, list(rows))


def analyse(session_factory: sessionmaker[Session], policy: Policy) -> AnalysisReport:
    report = AnalysisReport()
    with session_factory.begin() as session:
        batch = list(
            session.scalars(
                select(Release).where(Release.analysed_version.is_(None)).order_by(Release.id)
            )
        )
        analyse_releases(session, batch, policy, report)
    return report


def crawl_policy(first_crawl: datetime = NOW - timedelta(days=400)) -> Policy:
    return Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30),
                  first_crawls={"xellsmart": first_crawl})  # fmt: skip


def new_events(session_factory: sessionmaker[Session]) -> list[MilestoneEvent]:
    with session_factory() as session:
        stmt = (
            select(MilestoneEvent)
            .where(MilestoneEvent.novelty == "new")
            .order_by(MilestoneEvent.id)
        )
        return list(session.scalars(stmt))


def test_a_reissue_a_day_later_creates_no_new_alertable_event(
    session_factory: sessionmaker[Session],
) -> None:
    day1 = NOW - timedelta(days=2)
    store(
        session_factory,
        release_row("302000001", "XellSmart receives FDA IND clearance for XS-411", IND_BODY, day1),
    )
    analyse(session_factory, crawl_policy())
    store(
        session_factory,
        release_row(
            "302000002", "FDA clears XellSmart's XS411 IND", IND_BODY, day1 + timedelta(days=1)
        ),
    )
    analyse(session_factory, crawl_policy())
    events = new_events(session_factory)
    assert [(e.type, e.agency, e.alertable) for e in events] == [
        ("ind_clearance", "FDA", True),
        ("ind_clearance", "FDA", False),
    ]
    assert events[1].repeat_of == events[0].id


def test_the_same_key_outside_the_window_is_news_again(
    session_factory: sessionmaker[Session],
) -> None:
    first = NOW - timedelta(days=400)
    store(
        session_factory,
        release_row("302000001", "Acme Bio receives CRL", CRL_BODY, first, company="Acme Bio"),
    )
    analyse(session_factory, crawl_policy(first_crawl=first - timedelta(days=1)))
    second = NOW - timedelta(hours=1)
    store(
        session_factory,
        release_row(
            "302000002", "Acme Bio receives second CRL", CRL_BODY, second, company="Acme Bio"
        ),
    )
    analyse(session_factory, crawl_policy(first_crawl=first - timedelta(days=1)))
    assert [e.alertable for e in new_events(session_factory)] == [True, True]


def test_releases_older_than_the_grace_before_the_first_crawl_are_baseline(
    session_factory: sessionmaker[Session],
) -> None:
    store(
        session_factory,
        release_row("302000001", "XellSmart receives FDA IND clearance for XS-411", IND_BODY, NOW - timedelta(days=3)),
        release_row("302000002", "XellSmart receives NMPA IND clearance", IND_BODY.replace("U.S. Food and Drug Administration (FDA)", "National Medical Products Administration (NMPA)"), NOW - timedelta(hours=2)),
    )  # fmt: skip
    analyse(session_factory, crawl_policy(first_crawl=NOW - timedelta(minutes=5)))
    events = {e.agency: e for e in new_events(session_factory)}
    assert events["FDA"].baseline and not events["FDA"].alertable
    assert not events["NMPA"].baseline and events["NMPA"].alertable


def test_re_analysis_updates_events_in_place_and_never_re_alerts(
    session_factory: sessionmaker[Session],
) -> None:
    store(
        session_factory,
        release_row("302000001", "XellSmart receives FDA IND clearance for XS-411", IND_BODY, NOW),
    )
    analyse(session_factory, crawl_policy())
    before = [(e.id, e.alertable) for e in new_events(session_factory)]
    report = AnalysisReport()
    with session_factory.begin() as session:
        analyse_releases(session, list(session.scalars(select(Release))), crawl_policy(), report)
    after = [(e.id, e.alertable) for e in new_events(session_factory)]
    assert after == before
    assert report.new_events == 0


def test_a_product_whose_indication_differs_between_releases_is_flagged(
    session_factory: sessionmaker[Session],
) -> None:
    body_als = IND_BODY.replace("XS-411", "XS228").replace("dopaminergic progenitor cell therapy for Parkinson's disease", "motor neuron progenitor cell therapy for amyotrophic lateral sclerosis (ALS)")  # fmt: skip
    body_sci = IND_BODY.replace("XS-411", "XS228").replace("dopaminergic progenitor cell therapy for Parkinson's disease", "neural progenitor cell therapy for spinal cord injury")  # fmt: skip
    store(
        session_factory,
        release_row(
            "302468123",
            "XellSmart receives FDA IND clearance for XS228",
            body_sci,
            NOW - timedelta(days=90),
        ),
    )
    analyse(session_factory, crawl_policy())
    store(
        session_factory,
        release_row(
            "302500000", "XellSmart receives FDA IND clearance for XS228 in ALS", body_als, NOW
        ),
    )
    analyse(session_factory, crawl_policy())
    latest = new_events(session_factory)[-1]
    assert latest.conflict is not None
    assert latest.conflict.startswith("XS228:")
    assert "302468123" in latest.conflict


def test_baseline_follows_the_release_date_for_mentions_as_for_new_milestones(
    session_factory: sessionmaker[Session],
) -> None:
    body = IND_BODY.replace(
        "About XellSmart\n\nXellSmart develops iPSC-derived cell therapies.",
        "About XellSmart\n\nXS-411 received Orphan Drug Designation from the FDA in 2023.",
    )
    store(
        session_factory,
        release_row("302000001", "XellSmart receives FDA IND clearance for XS-411", body, NOW - timedelta(days=3)),
        release_row("302000002", "XellSmart receives FDA IND clearance for XS-411", body, NOW - timedelta(hours=2)),
    )  # fmt: skip
    analyse(session_factory, crawl_policy(first_crawl=NOW - timedelta(minutes=5)))
    with session_factory() as session:
        rows = session.scalars(select(MilestoneEvent).join(Release)).all()
        by_release = {(e.release_pk, e.novelty): e.baseline for e in rows}
    old, recent = sorted({pk for pk, _ in by_release})
    assert by_release == {
        (old, "new"): True,
        (old, "background"): True,
        (recent, "new"): False,
        (recent, "background"): False,
    }


def test_an_indication_and_its_abbreviation_are_no_conflict(
    session_factory: sessionmaker[Session],
) -> None:
    long_form = IND_BODY.replace("XS-411", "XS228").replace("dopaminergic progenitor cell therapy for Parkinson's disease", "motor neuron progenitor cell therapy for amyotrophic lateral sclerosis")  # fmt: skip
    short_form = IND_BODY.replace("XS-411", "XS228").replace("dopaminergic progenitor cell therapy for Parkinson's disease", "motor neuron progenitor cell therapy for ALS")  # fmt: skip
    store(
        session_factory,
        release_row("302468123", "XellSmart receives FDA IND clearance for XS228", long_form, NOW - timedelta(days=90)),
    )  # fmt: skip
    analyse(session_factory, crawl_policy())
    store(
        session_factory,
        release_row("302500000", "XellSmart receives NMPA IND clearance for XS228", short_form.replace("U.S. Food and Drug Administration (FDA)", "National Medical Products Administration (NMPA)"), NOW),
    )  # fmt: skip
    analyse(session_factory, crawl_policy())
    assert [e.conflict for e in new_events(session_factory)] == [None, None]
