"""Ops alerts about watch health: one after N bad runs, at most daily, and one recovery notice."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

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
                            watch=watch.name,
                            health=health,
                            recovered=False,
                            since=state.last_success_at,
                            bad_runs=state.consecutive_bad,
                            last_error=error,
                        )
                    )
                    state.alerted_health = health
                    state.alerted_at = now
            elif state.alerted_health is not None and health == "ok":
                notices.append(
                    HealthNotice(
                        key=f"recovered:{watch.name}:{state.alerted_at:%Y-%m-%dT%H:%M}",
                        watch=watch.name,
                        health=health,
                        recovered=True,
                        since=state.alerted_at,
                        bad_runs=0,
                        last_error=None,
                    )
                )
                state.alerted_health = None
                state.alerted_at = None
    return notices


def send_health_notice(app: App, notice: HealthNotice) -> None:
    """Queue the ops e-mail for a notice (through the outbox, once per key)."""
    from wirewatch.mailing import send_ops_alert

    if notice.recovered:
        context = {
            "summary": f"watch {notice.watch} recovered",
            "facts": {"watch": notice.watch, "unhealthy since": _when(notice.since)},
            "advice": "Nothing to do: the watch crawls normally again.",
        }
        send_ops_alert(app, notice.key, "watch_recovered", context)
        return
    crawl_log = app.state_dir / "log" / "crawl.log"  # [daemon] state_dir moves it (L11)
    advice = ADVICE.get(notice.health, "Check {crawl_log} for the last run's errors.").format(
        crawl_log=crawl_log
    )
    context = {
        "summary": f"watch {notice.watch} is {notice.health}",
        "facts": {
            "watch": notice.watch,
            "health": notice.health,
            "consecutive bad runs": str(notice.bad_runs),
            "last success": _when(notice.since),
            "last error": notice.last_error or "—",
        },
        "advice": advice,
    }
    send_ops_alert(app, notice.key, "watch_unhealthy", context)


ADVICE = {
    "blocked": "The site answers with Access Denied, a challenge page, 403 or 429. Lower the "
    "crawl rate (download_delay, schedule), check the User-Agent, and confirm your right to "
    "crawl; the daemon keeps trying on schedule.",
    "layout_changed": "Pages load but the parser finds no listing or release structure: PR "
    "Newswire may have changed its templates. Save a page (wirewatch parse URL) and update "
    "crawler/parsing.",
    "failed": "Server errors, timeouts or connection failures after retries. Check the network "
    "and {crawl_log}.",
    "empty": "The listing loads but shows no release. Check the watch's path in the config.",
    "stale": "Crawls succeed but nothing new appeared for longer than expected_period. Check "
    "that the newsroom or list still receives releases.",
}


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"
