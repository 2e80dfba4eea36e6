"""Run the milestone analysis over stored releases, in batches of short transactions.

Each batch is read without a write lock, extracted with no transaction open (the CPU-heavy
part: seconds for a hostile release), then written in one short transaction. Extraction inside
`BEGIN IMMEDIATE` left every other writer and reader waiting on "database is locked" (M1).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from alerts.analyse import (
    ANALYSER_VERSION,
    AnalysisReport,
    Policy,
    analyse_releases,
    extract_releases,
    release_text,
)
from storage import crawl_runs, releases
from storage.models import Release
from storage.session import read_only
from wirewatch.app import App

logger = logging.getLogger(__name__)
BATCH = 200


def policy_for(app: App, mode: str, now: datetime) -> Policy:
    """mode: "crawl" (baseline from each watch's first crawl), "run" (from now), "send"."""
    alerts = app.config.alerts
    grace = alerts.baseline_grace
    window = alerts.event_window
    if mode == "crawl":
        with read_only(app.session_factory) as session:
            first = {n: s.first_crawl_at for n, s in crawl_runs.watch_states(session).items()}
        return Policy(now=now, grace=grace, window=window, first_crawls=first)
    if mode == "run":
        return Policy(now=now, grace=grace, window=window, run_started_at=now)
    return Policy(now=now, grace=grace, window=window)


def analyse_pending(
    app: App,
    *,
    send: bool,
    everything: bool = False,
    mode: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnalysisReport:
    """Analyse releases the current analyser has not seen (or all of them)."""
    now = datetime.now(UTC)
    policy = policy_for(app, mode or ("send" if send else "run"), now)
    report = AnalysisReport()
    after = 0
    while True:
        with read_only(app.session_factory) as session:
            batch = releases.releases_to_analyse(
                session, ANALYSER_VERSION, everything=everything, limit=BATCH, after_pk=after
            )
            texts = [(release.id, release_text(release)) for release in batch]
        if not texts:
            break
        extractions = extract_releases(texts)  # no transaction open
        pks = [pk for pk, _ in texts]
        with app.session_factory.begin() as session:
            rows = session.scalars(select(Release).where(Release.id.in_(pks)).order_by(Release.id))
            analyse_releases(session, rows, policy, report, extractions)
        after = pks[-1]
        if progress is not None:
            progress(len(pks))
    logger.info("analysis (%s): %s", ANALYSER_VERSION, report.describe())
    return report
