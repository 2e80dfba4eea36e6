"""Gather what `wirewatch status` shows (watch health, counts, queue, heartbeat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from storage import counts, crawl_runs, deliveries
from storage.models import WatchState
from wirewatch.backoff import resume_at
from wirewatch.config import Config
from wirewatch.schedules import Schedule, next_after, typical_interval

HEARTBEAT_MIN_AGE = timedelta(minutes=3)


@dataclass(slots=True)
class WatchStatus:
    name: str
    kind: str
    enabled: bool
    health: str
    last_run_at: datetime | None
    last_success_at: datetime | None
    next_run_at: datetime | None
    consecutive_bad: int

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "enabled": self.enabled,
            "health": self.health,
            "last_run_at": _iso(self.last_run_at),
            "last_success_at": _iso(self.last_success_at),
            "next_run_at": _iso(self.next_run_at),
            "consecutive_bad_runs": self.consecutive_bad,
        }


@dataclass(slots=True)
class Status:
    releases: int
    events: int
    heartbeat_at: datetime | None
    watches: list[WatchStatus]
    deliveries: dict[str, int]
    heartbeat_limit: timedelta
    delivery_health: str = "ok"

    def as_json(self) -> dict[str, Any]:
        return {
            "releases": self.releases,
            "events": self.events,
            "heartbeat_at": _iso(self.heartbeat_at),
            "watches": [w.as_json() for w in self.watches],
            "deliveries": self.deliveries,
            "delivery_health": self.delivery_health,
        }

    def daemon_alive(self, now: datetime) -> bool:
        return self.heartbeat_at is not None and now - self.heartbeat_at <= self.heartbeat_limit


def watch_health(
    stored: str | None, last_new_at: datetime | None, first_crawl_at: datetime | None,
    expected: timedelta | None, now: datetime,
) -> str:  # fmt: skip
    """The stored verdict, or `stale` when an ok watch found nothing new for too long."""
    health = stored or "never_run"
    if health == "ok" and expected is not None:
        since = last_new_at or first_crawl_at
        if since is not None and now - since > expected:
            return "stale"
    return health


def gather(session: Session, config: Config, now: datetime | None = None) -> Status:
    now = now or datetime.now(UTC)
    states = crawl_runs.watch_states(session)
    schedule = config.schedule.crawl_schedule
    interval = typical_interval(schedule, now)
    limit = max(HEARTBEAT_MIN_AGE, 3 * interval)
    beat = counts.heartbeat_at(session)
    # Without a live daemon nothing is scheduled: "next run" would be a promise nobody keeps.
    scheduled = beat is not None and now - beat <= limit
    watches = []
    for watch in config.watch:
        state = states.get(watch.name)
        last_run = state.last_run_at if state else None
        watches.append(
            WatchStatus(
                name=watch.name,
                kind=watch.kind,
                enabled=watch.enabled,
                health=watch_health(
                    state.health if state else None,
                    state.last_new_at if state else None,
                    state.first_crawl_at if state else None,
                    watch.expected_period_delta,
                    now,
                ),
                last_run_at=last_run,
                last_success_at=state.last_success_at if state else None,
                next_run_at=(
                    _next_run(session, state, schedule, interval, last_run or now)
                    if watch.enabled and scheduled
                    else None
                ),
                consecutive_bad=state.consecutive_bad if state else 0,
            )
        )
    return Status(
        releases=counts.release_count(session),
        events=counts.event_count(session),
        heartbeat_at=beat,
        watches=watches,
        deliveries=counts.delivery_counts(session),
        heartbeat_limit=limit,
        delivery_health=deliveries.delivery_health(session),
    )


def _next_run(
    session: Session,
    state: WatchState | None,
    schedule: Schedule,
    interval: timedelta,
    after: datetime,
) -> datetime:
    """The daemon's next crawl of the watch: the next scheduled one, or the first one after
    its backoff when the watch is blocked (see `wirewatch.backoff`)."""
    resume = resume_at(session, state, interval)
    if resume is not None and resume > after:
        return next_after(schedule, resume)
    return next_after(schedule, after)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None
