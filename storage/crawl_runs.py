"""Functions on `crawl_run` and `watch_state`: what each crawl did and each watch's health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CrawlRun, WatchState

UNHEALTHY = ("empty", "blocked", "layout_changed", "failed")


@dataclass(slots=True)
class RunCounts:
    """Counters the crawler accumulates for one watch during one run."""

    requests: int = 0
    pages: int = 0
    new_items: int = 0
    seen_items: int = 0
    duplicates: int = 0
    filtered: int = 0
    errors: int = 0


def start_run(session: Session, watch: str, mode: str, now: datetime) -> CrawlRun:
    run = CrawlRun(watch=watch, mode=mode, started_at=now)
    session.add(run)
    session.flush()
    return run


def close_abandoned_runs(session: Session, watch: str, now: datetime) -> int:
    """Runs of `watch` left unfinished by a killed process (the caller holds the watch's lock,
    so none of them can still be running)."""
    abandoned = session.scalars(
        select(CrawlRun).where(CrawlRun.watch == watch, CrawlRun.finished_at.is_(None))
    ).all()
    for run in abandoned:
        run.finished_at = now
        run.finish_reason = "killed"
        run.health = "failed"
        run.message = "the crawl process was killed before it finished"
    return len(abandoned)


def finish_run(
    session: Session,
    run_id: int,
    *,
    now: datetime,
    finish_reason: str,
    health: str,
    counts: RunCounts,
    message: str | None = None,
    retry_after: int | None = None,
) -> CrawlRun:
    run = session.get_one(CrawlRun, run_id)
    run.finished_at = now
    run.finish_reason = finish_reason
    run.health = health
    run.message = message
    run.retry_after = retry_after
    for field in ("requests", "pages", "new_items", "seen_items", "duplicates", "filtered"):
        setattr(run, field, getattr(counts, field))
    run.errors = counts.errors
    return run


def watch_state(session: Session, name: str, kind: str) -> WatchState:
    """The state row of a watch, created on first use."""
    state = session.get(WatchState, name)
    if state is None:
        state = WatchState(name=name, kind=kind, health="never_run", consecutive_bad=0)
        session.add(state)
        session.flush()
    if kind:
        state.kind = kind
    return state


def record_health(
    session: Session,
    name: str,
    kind: str,
    *,
    health: str,
    now: datetime,
    new_items: int,
    completed: bool,
) -> WatchState:
    """Fold one run's verdict into the watch's state (first crawl, streaks, last success)."""
    state = watch_state(session, name, kind)
    state.last_run_at = now
    state.health = health
    if health in UNHEALTHY:
        state.consecutive_bad += 1
    else:
        state.consecutive_bad = 0
        state.last_success_at = now
        if completed and state.first_crawl_at is None:
            state.first_crawl_at = now
    if new_items:
        state.last_new_at = now
    return state


def listed_through(session: Session, name: str) -> datetime | None:
    state = session.get(WatchState, name)
    return state.listed_through if state is not None else None


def advance_listed_through(session: Session, name: str, kind: str, when: datetime) -> None:
    """The watch has now seen every listed release published up to `when` (never goes back)."""
    state = watch_state(session, name, kind)
    if state.listed_through is None or when > state.listed_through:
        state.listed_through = when


def watch_states(session: Session) -> dict[str, WatchState]:
    return {s.name: s for s in session.scalars(select(WatchState))}


def latest_runs(session: Session, limit: int = 50) -> list[CrawlRun]:
    stmt = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    return list(session.scalars(stmt))


def last_finished_run(session: Session, watch: str) -> CrawlRun | None:
    """The watch's most recent finished run (its health, Retry-After)."""
    stmt = (
        select(CrawlRun)
        .where(CrawlRun.watch == watch, CrawlRun.finished_at.is_not(None))
        .order_by(CrawlRun.finished_at.desc(), CrawlRun.id.desc())
        .limit(1)
    )
    return session.scalar(stmt)
