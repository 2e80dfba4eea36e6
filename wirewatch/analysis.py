"""Run the milestone analysis over stored releases, in batches of short transactions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from alerts.analyse import ANALYSER_VERSION, AnalysisReport, Policy, analyse_releases
from storage import crawl_runs, releases
from wirewatch.app import App
from wirewatch.durations import parse_duration

logger = logging.getLogger(__name__)
BATCH = 200


def policy_for(app: App, mode: str, now: datetime) -> Policy:
    """mode: "crawl" (baseline from each watch's first crawl), "run" (from now), "send"."""
    alerts = app.config.alerts
    grace = parse_duration(alerts.baseline_grace)
    window = parse_duration(alerts.event_window)
    if mode == "crawl":
        with app.session_factory() as session:
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
        with app.session_factory.begin() as session:
            batch = releases.releases_to_analyse(
                session, ANALYSER_VERSION, everything=everything, limit=BATCH, after_pk=after
            )
            if not batch:
                break
            analyse_releases(session, batch, policy, report)
            after = batch[-1].id
        if progress is not None:
            progress(len(batch))
    logger.info("analysis (%s): %s", ANALYSER_VERSION, report.describe())
    return report
