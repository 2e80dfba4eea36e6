"""`wirewatch backfill --since DATE [--until DATE] [--watch NAME] [--send] [--workers N]`.

Walks listings back to DATE, stores and analyses everything. Events are baseline (never mailed)
unless --send. Resumable: an interrupted backfill of the same window continues from the listing
page it had reached; what is stored is never fetched again. It shares the per-watch crawl locks
with `crawl` and the daemon, so it never overlaps a scheduled crawl.

`--workers N` (N >= 2) spreads the crawl over N child processes sharing a Redis request queue
and dupefilter and one download_delay budget (`wirewatch.distributed`); the analysis and the
report afterwards are the same.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from sqlalchemy import func, select

from alerts.analyse import AnalysisReport
from storage import crawl_runs
from storage.models import MilestoneEvent, Release
from wirewatch import spare_extraction
from wirewatch.analysis import AnalysisWhileCrawling, policy_for
from wirewatch.app import App, CommandError
from wirewatch.cli.crawl import exit_with
from wirewatch.cli.events import parse_date
from wirewatch.config import Watch
from wirewatch.crawling import ChildCrawl, CrawlOutcome, crawl_settings, record_unrecorded
from wirewatch.output import console, print_crawl_summary

INTERRUPTED = (
    "backfill interrupted before it finished: run the same command again to resume "
    "(what is stored is kept and not fetched again)"
)


@click.command("backfill")
@click.option("--since", required=True, help="Oldest publication date to load (e.g. 2024-01-01).")
@click.option("--until", default=None, help="Newest publication date to load (default: now).")
@click.option("--watch", "watch_name", default=None, help="Only this watch.")
@click.option("--send", is_flag=True, help="Events found may be mailed (else baseline).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Crawl processes sharing one Redis queue ($WIREWATCH_REDIS_URL, else a private one).",
)
@click.pass_obj
def command(
    app: App, since: str, until: str | None, watch_name: str | None, send: bool, workers: int
) -> None:
    """Load history back to --since: store, analyse, report milestones per company and type."""
    since_at = parse_date(since, "--since")
    until_at = parse_date(until, "--until") if until else None
    if until_at is not None and until_at < since_at:
        raise CommandError("--until is before --since", exit_code=2)
    config = app.config
    watches = [config.watch_named(watch_name)] if watch_name else config.enabled_watches
    watches = [w for w in watches if w.kind != "rss"]  # feeds hold only their 20 newest items
    if not watches:
        raise CommandError("no listing watch to backfill (RSS feeds have no history)", exit_code=2)
    if workers > 1 and config.sources_of(watches) != ["prnewswire"]:
        # The workers share one request queue, which holds one source's requests.
        raise CommandError(
            "--workers: a distributed backfill reads PR Newswire watches only "
            "(use --watch NAME, or no --workers, for the other wires)",
            exit_code=2,
        )
    app.ready_database()
    window = f"{since_at.isoformat()}..{until_at.isoformat() if until_at else None}"
    started = datetime.now(UTC)
    _announce_resume(app, [w.name for w in watches], window)
    settings = crawl_settings(
        config, watches, mode="backfill", since=since_at, until=until_at,
        log_file=app.state_dir / "log" / "crawl.log",
    )  # fmt: skip
    # Paced by a download delay (the real site), the crawl leaves the cores idle between
    # requests and what it stores is analysed meanwhile, with the CPU it leaves. With delays
    # off the crawl is CPU-bound: analysing beside it only slowed it (crawl phase 0.65x ->
    # 0.58x a do-nothing spider's, the whole command no faster), so its parse worker extracts
    # the milestones in the gaps between pages instead (`wirewatch.spare_extraction`: the
    # analysis after the crawl ~3x faster, the whole command 5-12 % faster; on the 2-vCPU
    # development VM the crawl phase itself ran 0-10 % slower, niced or not). Whatever is left
    # is extracted on every core once the crawl is over.
    paced = any(config.source.named(s).download_delay > 0 for s in config.sources_of(watches))
    ahead = None
    if workers > 1:
        start: Callable[[], _Crawl] = partial(_start_distributed, app, settings, workers)
    else:
        if not paced:
            ahead = spare_extraction.new_directory(app.state_dir)
            settings["WIREWATCH_PARSE_WORKER_ARGS"] = spare_extraction.worker_args(config, ahead)
        start = partial(ChildCrawl, settings, app.config.daemon.state_dir)
    try:
        _crawl_and_analyse(app, watches, start, since_at, until_at, started, send, paced, ahead)
    finally:
        if ahead is not None:
            shutil.rmtree(ahead, ignore_errors=True)


def _crawl_and_analyse(
    app: App, watches: list[Watch], start: Callable[[], _Crawl], since_at: datetime,
    until_at: datetime | None, started: datetime, send: bool, paced: bool, ahead: Path | None,
) -> None:  # fmt: skip
    policy = policy_for(app, "send" if send else "run", started)
    analysis = AnalysisWhileCrawling(app, policy) if paced else None
    outcome, analysed = _run_with_progress(
        app, start, since_at, until_at or started, started, analysis
    )
    record_unrecorded(app.session_factory, outcome, watches, "backfill")
    print_crawl_summary(outcome)
    from wirewatch.cli.analyse import analyse_with_progress

    report = analyse_with_progress(
        app, send=send, policy=policy, report=analysed, processes=os.cpu_count() or 1,
        ahead=spare_extraction.load(ahead) if ahead is not None else None,
    )  # fmt: skip
    click.echo(report.describe() + ("" if send else " — backfilled events are baseline"))
    _print_milestones(app, started)
    exit_with(outcome)


def _announce_resume(app: App, names: list[str], window: str) -> None:
    """Say so when an earlier backfill of the same window did not finish.

    It restarts from the first listing page: listing pages are cheap, and a page cursor would
    run ahead of the detail pages still queued when the earlier run was interrupted. Every
    release already stored (or filtered) is skipped without a request.
    """
    with app.session_factory() as session:
        states = crawl_runs.watch_states(session)
    unfinished = []
    for name in names:
        state = states.get(name)
        if state is None or not state.backfill_cursor:
            continue
        cursor = json.loads(state.backfill_cursor)
        if cursor.get("window") == window and not cursor.get("finished"):
            unfinished.append(f"{name} (had reached listing page {cursor.get('page')})")
    if unfinished:
        console.print(
            f"resuming an interrupted backfill of {', '.join(unfinished)}: "
            "releases already stored are not fetched again"
        )


class _Crawl(Protocol):
    """One child crawl, or the workers of a distributed one."""

    def wait(self) -> CrawlOutcome: ...

    def stop(self, grace: float) -> None: ...


def _start_distributed(app: App, settings: dict[str, Any], workers: int) -> _Crawl:
    from wirewatch.distributed import DistributedBackfill

    backfill = DistributedBackfill(app, settings, workers)
    backfill.start()
    return backfill


def _run_with_progress(
    app: App, start: Callable[[], _Crawl], since: datetime, until: datetime, started: datetime,
    analysis: AnalysisWhileCrawling | None,
) -> tuple[CrawlOutcome, AnalysisReport]:  # fmt: skip
    """The crawl's outcome, and the report of what was analysed while it ran."""
    if analysis is not None:
        analysis.start()  # first: it forks this process, before any thread is started
    try:
        outcome = _follow(app, start(), since, until, started, analysis)
    finally:
        report = analysis.stop() if analysis is not None else AnalysisReport()
    return outcome, report


def _follow(
    app: App, child: _Crawl, since: datetime, until: datetime, started: datetime,
    analysis: AnalysisWhileCrawling | None,
) -> CrawlOutcome:  # fmt: skip
    done = threading.Event()
    result: list[CrawlOutcome] = []

    def wait() -> None:
        result.append(child.wait())
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    span = max((until - since).total_seconds(), 1.0)
    analysed = [TextColumn("{task.fields[analysed]} analysed")] if analysis is not None else []
    columns = (
        TextColumn("backfill"), BarColumn(), TextColumn("{task.fields[stored]} stored"),
        *analysed, TextColumn("{task.fields[rate]:.1f} releases/s"), TimeElapsedColumn(),
        TimeRemainingColumn(),
    )  # fmt: skip
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("backfill", total=span, stored=0, analysed=0, rate=0.0)
            while not done.wait(0.5):
                stored, oldest = _progress(app, started)
                covered = (until - oldest).total_seconds() if oldest else 0.0
                elapsed = max(time.monotonic() - progress.tasks[0].start_time, 0.001)  # type: ignore[operator]
                progress.update(
                    task, completed=min(covered, span), stored=stored, rate=stored / elapsed,
                    analysed=analysis.analysed if analysis is not None else 0,
                )  # fmt: skip
            progress.update(task, completed=span)
    except KeyboardInterrupt:
        console.print("interrupted: stopping the crawl; run the same command again to resume")
        child.stop(grace=30)
        done.wait(60)
        outcome = result[0] if result else CrawlOutcome(exit_code=1)
        # Not finished, whatever the crawl reported: exit 1, and say how to go on.
        outcome.error = INTERRUPTED
        outcome.exit_code = 1
        return outcome
    except BaseException:
        # Never leave crawl children (or a distributed run's workers and redis-server) behind.
        child.stop(grace=30)
        done.wait(60)
        raise
    return result[0] if result else CrawlOutcome(exit_code=1, error=INTERRUPTED)


def _progress(app: App, started: datetime) -> tuple[int, datetime | None]:
    with app.session_factory() as session:
        row = session.execute(
            select(func.count(), func.min(Release.published_at)).where(
                Release.fetched_at >= started
            )
        ).one()
    count, oldest = row
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return int(count), oldest


def _print_milestones(app: App, started: datetime) -> None:
    with app.session_factory() as session:
        rows = session.execute(
            select(MilestoneEvent.company, MilestoneEvent.type, func.count())
            .where(MilestoneEvent.detected_at >= started, MilestoneEvent.novelty == "new")
            .group_by(MilestoneEvent.company, MilestoneEvent.type)
            .order_by(MilestoneEvent.company, MilestoneEvent.type)
        ).all()
    if not rows:
        click.echo("no new milestone found in the backfilled releases")
        return
    click.echo("milestones found (announced as new by their release):")
    for company, kind, count in rows:
        click.echo(f"  {company or '?':40} {kind:24} {count}")
