"""APScheduler triggers from the configuration's schedules, and next-run arithmetic."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from wirewatch.durations import Schedule


def trigger_for(schedule: Schedule) -> BaseTrigger:
    zone = ZoneInfo(schedule.timezone)
    if schedule.interval is not None:
        return IntervalTrigger(seconds=int(schedule.interval.total_seconds()), timezone=zone)
    assert schedule.cron is not None
    minute, hour, day, month, dow = schedule.cron
    return CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=dow, timezone=zone
    )


def next_after(schedule: Schedule, after: datetime) -> datetime:
    """The first firing strictly after `after` (an interval counts from `after`)."""
    if schedule.interval is not None:
        return after + schedule.interval
    trigger = trigger_for(schedule)
    fire = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    assert isinstance(fire, datetime)
    return fire


def typical_interval(schedule: Schedule, now: datetime) -> timedelta:
    """The interval, or the gap between the next two cron firings."""
    if schedule.interval is not None:
        return schedule.interval
    first = next_after(schedule, now)
    return next_after(schedule, first) - first
