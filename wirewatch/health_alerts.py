"""Ops alerts about watch health: one after N bad runs, at most daily, and one recovery notice."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from storage import crawl_runs
from storage.crawl_runs import UNHEALTHY
from wirewatch.app import App
from wirewatch.status import watch_health

logger = logging.getLogger(__name__)
REPEAT_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class HealthNotice:
    """One ops message to send: a problem (repeated at most daily) or a recovery."""

    key: str
    watch: str
    health: str
    recovered: bool
    since: datetime | None
    bad_runs: int
    last_error: str | None


class Notifier(Protocol):
    def __call__(self, notice: HealthNotice) -> None: ...


def due_notices(app: App, now: datetime) -> list[HealthNotice]:
    """Decide which health notices are due, and record them as sent in watch_state."""
    config = app.config
    threshold = config.alerts.failures_before_alert
    notices: list[HealthNotice] = []
    with app.session_factory.begin() as session:
        states = crawl_runs.watch_states(session)
        runs = {run.watch: run for run in reversed(crawl_runs.latest_runs(session, 200))}
        for watch in config.enabled_watches:
            state = states.get(watch.name)
            if state is None:
                continue
            health = watch_health(
                state.health, state.last_new_at, state.first_crawl_at,
                watch.expected_period_delta, now,
            )  # fmt: skip
            bad = (health in UNHEALTHY and state.consecutive_bad >= threshold) or health == "stale"
            last = runs.get(watch.name)
            error = last.message if last is not None else None
            if bad:
                repeat = state.alerted_at is None or now - state.alerted_at >= REPEAT_AFTER
                if state.alerted_health is None or repeat:
                    notices.append(
                        HealthNotice(
                            key=f"health:{watch.name}:{health}:{now:%Y-%m-%d}",
                            watch=watch.name, health=health, recovered=False,
                            since=state.last_success_at, bad_runs=state.consecutive_bad,
                            last_error=error,
                        )  # fmt: skip
                    )
                    state.alerted_health = health
                    state.alerted_at = now
            elif state.alerted_health is not None and health == "ok":
                notices.append(
                    HealthNotice(
                        key=f"recovered:{watch.name}:{state.alerted_at:%Y-%m-%dT%H:%M}",
                        watch=watch.name, health=health, recovered=True,
                        since=state.alerted_at, bad_runs=0, last_error=None,
                    )  # fmt: skip
                )
                state.alerted_health = None
                state.alerted_at = None
    return notices
