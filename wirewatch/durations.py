"""The small grammars of the configuration: durations, crawl schedules, digest schedules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_EVERY = re.compile(r"^\s*every\s+(\d+)\s*([smh])\s*$")
_CRON = re.compile(r'^\s*cron\s+"([^"]+)"\s*(\S+)?\s*$')
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_duration(text: str) -> timedelta:
    """`N` + s/m/h/d, e.g. `30s`, `24h`, `900d`."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration (N followed by s, m, h or d, e.g. 24h)")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Berlin)") from exc


@dataclass(frozen=True, slots=True)
class Schedule:
    """A parsed schedule: either a fixed interval or five cron fields in a zone."""

    interval: timedelta | None
    cron: tuple[str, str, str, str, str] | None
    timezone: str

    def describe(self) -> str:
        if self.interval is not None:
            return f"every {int(self.interval.total_seconds())}s"
        assert self.cron is not None
        return f"cron {' '.join(self.cron)} {self.timezone}"


def _cron_fields(expr: str) -> tuple[str, str, str, str, str]:
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f'cron "{expr}" needs five fields: M H DOM MON DOW')
    from apscheduler.triggers.cron import CronTrigger  # validates every field

    minute, hour, day, month, dow = fields
    CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=dow)
    return (minute, hour, day, month, dow)


def parse_crawl_schedule(text: str, timezone: str) -> Schedule:
    """`every N{s,m,h}` or `cron "M H DOM MON DOW"` (in the [schedule] time zone)."""
    zone(timezone)
    every = _EVERY.match(text)
    if every:
        interval = parse_duration(every.group(1) + every.group(2))
        if interval.total_seconds() <= 0:
            raise ValueError("the interval must be positive")
        return Schedule(interval, None, timezone)
    cron = _CRON.match(text)
    if cron and not cron.group(2):
        return Schedule(None, _cron_fields(cron.group(1)), timezone)
    raise ValueError(f'{text!r} is not a schedule: use "every 30m" or \'cron "0 * * * *"\'')


def parse_digest_schedule(text: str) -> Schedule:
    """`hourly`, `daily HH:MM ZONE`, `weekly DAY HH:MM ZONE`, `cron "…" ZONE`, `every N{s,m,h}`."""
    words = text.split()
    if not words:
        raise ValueError("empty digest schedule")
    head = words[0].lower()
    if head == "hourly" and len(words) == 1:
        return Schedule(None, ("0", "*", "*", "*", "*"), "UTC")
    if head == "every":
        return parse_crawl_schedule(text, "UTC")
    if head == "daily" and len(words) == 3:
        hour, minute = _hhmm(words[1])
        return Schedule(None, (minute, hour, "*", "*", "*"), _zone_name(words[2]))
    if head == "weekly" and len(words) == 4:
        day = words[1].lower()
        if day not in DAYS:
            raise ValueError(f"{words[1]!r} is not a day (mon … sun)")
        hour, minute = _hhmm(words[2])
        return Schedule(None, (minute, hour, "*", "*", day), _zone_name(words[3]))
    cron = _CRON.match(text)
    if head == "cron" and cron and cron.group(2):
        return Schedule(None, _cron_fields(cron.group(1)), _zone_name(cron.group(2)))
    raise ValueError(
        f"{text!r} is not a digest schedule: use hourly, 'daily 08:00 Asia/Shanghai', "
        "'weekly mon 08:00 Europe/Berlin', 'cron \"M H DOM MON DOW\" ZONE' or 'every 30m'"
    )


def _hhmm(text: str) -> tuple[str, str]:
    match = _HHMM.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time of day (HH:MM)")
    return str(int(match.group(1))), str(int(match.group(2)))


def _zone_name(name: str) -> str:
    zone(name)
    return name
