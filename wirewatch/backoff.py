"""When the daemon may crawl a blocked watch again: Retry-After, else exponential backoff.

A site that blocks us (Access Denied pages, 403/429 storms) is not asked again at every
scheduled crawl: that prolongs bans. After k >= 2 consecutive blocked runs a watch waits
2^(k-1) crawl intervals from its last run (the first blocked run keeps the normal schedule: a
single block may be a blip), or the last response's Retry-After if longer, at most 6 hours.
Other bad verdicts (empty, layout_changed, failed) keep the schedule: they are not the site
asking us to slow down. `wirewatch crawl` and `backfill` ignore the backoff: an operator asked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from storage import crawl_runs
from storage.models import WatchState
from wirewatch.config import Watch

CAP = timedelta(hours=6)


def next_attempt(
    health: str,
    consecutive_bad: int,
    last_run_at: datetime | None,
    retry_after: int | None,
    interval: timedelta,
) -> datetime | None:
    """The earliest time a watch may be crawled again, or None for "at the next schedule"."""
    if health != "blocked" or last_run_at is None:
        return None
    waits = []
    if consecutive_bad >= 2:
        # Half an interval of slack: the schedule fires an interval after the run *started*.
        waits.append(min(interval * 2 ** (consecutive_bad - 1), CAP) - interval / 2)
    if retry_after:
        waits.append(min(timedelta(seconds=retry_after), CAP))
    return last_run_at + max(waits) if waits else None


def resume_at(session: Session, state: WatchState | None, interval: timedelta) -> datetime | None:
    """`next_attempt` for a watch's stored state and its last run's Retry-After."""
    if state is None or state.health != "blocked":
        return None
    run = crawl_runs.last_finished_run(session, state.name)
    return next_attempt(
        state.health, state.consecutive_bad, state.last_run_at,
        run.retry_after if run is not None else None, interval,
    )  # fmt: skip


def split_due(
    session_factory: sessionmaker[Session],
    watches: list[Watch],
    interval: timedelta,
    now: datetime,
) -> tuple[list[Watch], dict[str, datetime]]:
    """(watches to crawl now, {postponed watch: when it may be crawled again})."""
    due: list[Watch] = []
    postponed: dict[str, datetime] = {}
    with session_factory() as session:
        states = crawl_runs.watch_states(session)
        for watch in watches:
            when = resume_at(session, states.get(watch.name), interval)
            if when is not None and now < when:
                postponed[watch.name] = when
            else:
                due.append(watch)
    return due, postponed
