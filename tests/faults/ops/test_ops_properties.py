"""Properties (Hypothesis) of what the red team broke: the configuration loader (any TOML → a
Config or one ConfigError line, never another exception), `extract` input (any bytes → exactly
one JSON output line per input line) and schedule arithmetic (every IANA zone with DST, both
transitions, two years of firings strictly increasing and on the wall-clock time)."""

from __future__ import annotations

import io
import json
import math
import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest
from apscheduler.triggers.cron import CronTrigger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alerts.extract_jsonl import run_extract
from wirewatch.config import ConfigError, load_config
from wirewatch.schedules import next_after, parse_digest_schedule

START = datetime(2025, 1, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)

# config loader ------------------------------------------------------------------------------

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
SCHEMA: dict[str, list[str]] = {
    "source": ["prnewswire"],
    "source.prnewswire": ["base_url", "download_delay", "user_agent", "timeout", "max_pages"],
    "alerts": ["baseline_grace", "event_window", "failures_before_alert"],
    "daemon": ["crawl_timeout", "stop_grace", "state_dir"],
    "schedule": ["crawl", "timezone"],
    "smtp": ["url", "from", "ops", "unsubscribe", "timeout"],
    "database": ["url"],
}
WATCH_KEYS = ["name", "kind", "path", "enabled", "expected_period", "include", "exclude"]
SUBSCRIBER_KEYS = ["email", "digest", "immediate", "companies", "types", "agencies", "keywords"]
PLAUSIBLE = st.sampled_from([
    "24h", "30s", "0s", "99999999999999999999d", "every 30m", 'cron "0 * * * *"', "UTC",
    "daily 01:30 America/New_York", "weekly funday 08:00 UTC", "company", "rss", "/news/x/",
    "/search/x", "bd@example.com", "zoë@example.com", "smtp://u:p@127.0.0.1:25",
    "http://127.0.0.1:1", "ftp://:pw@h", "sqlite:///var/x.db", "mysql://h/d", "approval", "FDA",
    "Mars/Olympus", "x" * 300,
])  # fmt: skip
SCALARS = st.one_of(
    PLAUSIBLE, st.text(max_size=40), st.integers(), st.floats(), st.booleans(),
    st.datetimes(timezones=st.just(UTC)), st.dates(),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def _key(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name)


def toml_value(value: Any) -> str:
    """TOML for one value; tables become inline tables, so any structure is one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def _entries(draw: st.DrawFn, keys: list[str], most: int) -> list[str]:
    chosen = draw(st.lists(st.sampled_from([*keys, "unknown"]), unique=True, max_size=most))
    return [f"{_key(k)} = {toml_value(draw(VALUES))}" for k in chosen]


@st.composite
def config_documents(draw: st.DrawFn) -> str:
    """Top-level tables inline first (a key after a [header] belongs to that table), then
    [dotted.tables], then [[watch]] and [[subscriber]] entries; keys mostly real ones."""
    inline, headed = [], []
    for table, keys in SCHEMA.items():
        if table == "source" or not draw(st.booleans()):
            continue
        entries = _entries(draw, keys, 3)
        if "." in table:
            headed.append("\n".join([f"[{table}]", *entries]))
        else:
            inline.append(f"{table} = {{{', '.join(entries)}}}")
    for array, keys in (("watch", WATCH_KEYS), ("subscriber", SUBSCRIBER_KEYS)):
        for _ in range(draw(st.integers(0, 2))):
            headed.append("\n".join([f"[[{array}]]", *_entries(draw, keys, 5)]))
    return "\n".join([*inline, *headed]) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=config_documents())
def test_any_toml_configuration_loads_or_fails_in_one_line(
    document: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("cfg") / "wirewatch.toml"
    path.write_text(document, encoding="utf-8")
    try:
        load_config(str(path), environ={})
    except ConfigError as exc:
        message = str(exc)
    else:
        return
    assert message and "\n" not in message and "\r" not in message, message
    assert len(message) < 1200


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_any_bytes_as_a_configuration_load_or_fail_in_one_line(
    raw: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("raw") / "wirewatch.toml"
    path.write_bytes(raw)
    try:
        load_config(str(path), environ={})
    except ConfigError as exc:
        message = str(exc)
    else:
        return
    assert "\n" not in message


# extract input ------------------------------------------------------------------------------

RECORD_LINES = st.builds(
    lambda record: json.dumps(record).encode(),
    st.fixed_dictionaries(
        {"title": st.one_of(st.text(max_size=60), st.none(), st.integers())},
        optional={
            "id": st.one_of(st.text(max_size=8), st.integers(), st.none(), st.lists(st.integers())),
            "body": st.one_of(st.text(max_size=200), st.none(), st.just(
                "XellSmart today announced that the FDA has cleared its IND for XS-411.")),
            "subtitles": st.one_of(st.lists(st.text(max_size=20), max_size=2), st.text()),
            "published": st.one_of(st.text(max_size=20), st.none()),
        },
    ),
)  # fmt: skip
LINES = st.lists(
    st.one_of(RECORD_LINES, st.binary(max_size=120)).map(lambda b: b.replace(b"\n", b" ")),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, final_newline=st.booleans())
def test_extract_answers_every_input_line_with_exactly_one_json_line(
    lines: list[bytes], final_newline: bool
) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    expected = len(data.split(b"\n")) - (1 if data.endswith(b"\n") else 0) if data else 0
    written: list[str] = []
    run_extract(io.BytesIO(data), written.append)
    assert len(written) == expected
    for n, line in enumerate(written):
        assert line.endswith("\n") and line.count("\n") == 1
        out = json.loads(line)
        assert "id" in out and ("error" in out) != ("milestones" in out)
        if "error" in out:
            assert isinstance(out["error"], str) and "\n" not in out["error"]
        if lines and n < len(lines) and not lines[n].strip():
            assert out == {"id": None, "error": "blank line"}


# schedule arithmetic ------------------------------------------------------------------------


def _offset(zone: ZoneInfo, at: datetime) -> timedelta:
    offset = at.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


@cache
def dst_zones() -> list[str]:
    """Every IANA zone whose offset changes in 2025–2026 (links included: each name is one a
    subscriber can write). Sampled twice a month, so this costs milliseconds, not a scan."""
    zones = []
    samples = [START + timedelta(days=15 * n) for n in range(48)]
    for name in sorted(available_timezones()):
        try:
            zone = ZoneInfo(name)
        except (ValueError, OSError):
            continue
        if len({_offset(zone, at) for at in samples}) > 1:
            zones.append(name)
    return zones


@cache
def transitions(name: str) -> tuple[tuple[datetime, timedelta, timedelta], ...]:
    """(UTC instant, offset before, offset after) of each change in [START, END): found day by
    day, then to the minute by bisection."""
    zone = ZoneInfo(name)
    found, at = [], START
    while at < END:
        step = at + timedelta(days=1)
        before, after = _offset(zone, at), _offset(zone, step)
        if before != after:
            low, high = at, step
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if _offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append((high.replace(second=0, microsecond=0), before, after))
        at = step
    return tuple(found)


def inside_changes(name: str) -> list[tuple[date, time]]:
    """For each change: its local date and a wall-clock time inside it, 15 minutes into the
    skipped interval of a spring-forward or the repeated interval of a fall-back."""
    zone = ZoneInfo(name)
    found = []
    for at, before, after in transitions(name):
        start = (at - timedelta(minutes=1)).astimezone(zone).replace(tzinfo=None)
        start += timedelta(minutes=1)  # the wall clock when the change happens
        if after < before:  # fall-back: the wall clock repeats [start - (before - after), start)
            start -= before - after
        inside = start + timedelta(minutes=15)
        found.append((inside.date(), inside.time().replace(second=0, microsecond=0)))
    return found


def assert_daily_firings(name: str, at: time, first_day: date, count: int) -> None:
    """`daily HH:MM` fires once for each of `count` days from `first_day`, each firing later
    than the one before; on the wall time when it exists (its first pass when repeated), else
    as far after a spring-forward gap as it was into it."""
    zone = ZoneInfo(name)
    schedule = parse_digest_schedule(f"daily {at.hour:02d}:{at.minute:02d} {name}")
    days = [first_day + timedelta(days=n) for n in range(count)]
    midnight = datetime.combine(first_day, time(0)).replace(tzinfo=zone).astimezone(UTC)
    fired, when = [], midnight - timedelta(seconds=1)
    while len(fired) < len(days):
        when = next_after(schedule, when)
        assert not fired or when > fired[-1], (name, at, when)
        fired.append(when)
    for day, firing in zip(days, fired, strict=True):
        local = firing.astimezone(zone)
        wall = datetime.combine(day, at)
        back = wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
        if back.replace(tzinfo=None) == wall:
            assert local.replace(tzinfo=None) == wall and local.fold == 0, (name, day, local)
        else:
            gap = local.replace(tzinfo=None) - wall
            assert timedelta(0) < gap <= timedelta(hours=2), (name, day, local)


@cache
def distinct_rules() -> list[str]:
    """One zone per distinct set of changes (links and zones on one rule behave alike)."""
    chosen: dict[tuple[tuple[datetime, timedelta, timedelta], ...], str] = {}
    for name in dst_zones():
        chosen.setdefault(transitions(name), name)
    return sorted(chosen.values())


@pytest.mark.parametrize("name", dst_zones())
def test_every_dst_zone_fires_once_a_day_on_the_wall_clock_around_each_change(
    name: str,
) -> None:
    changes = inside_changes(name)
    assert {before > after for _, before, after in transitions(name)} == {True, False}
    for day, at in changes:
        assert_daily_firings(name, at, day - timedelta(days=3), 7)


@pytest.mark.parametrize("name", distinct_rules())
def test_two_years_of_daily_firings_keep_the_wall_clock_for_each_dst_rule(name: str) -> None:
    first_day = START.astimezone(ZoneInfo(name)).date() + timedelta(days=1)
    for at in sorted({at for _, at in inside_changes(name)})[:2]:
        assert_daily_firings(name, at, first_day, 725)


@settings(max_examples=12, deadline=None)
@given(
    name=st.sampled_from(dst_zones()),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 1, 15, 29, 30, 31, 45, 59]),
)
def test_a_daily_schedule_at_any_time_in_any_dst_zone_keeps_the_wall_clock(
    name: str, hour: int, minute: int
) -> None:
    first_day = START.astimezone(ZoneInfo(name)).date() + timedelta(days=1)
    assert_daily_firings(name, time(hour, minute), first_day, 725)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(dst_zones()),
    minutes=st.sampled_from(["*/15", "0,30", "5", "*/7"]),
    hours=st.sampled_from(["*", "0-3", "1,2", "22-23"]),
    after=st.datetimes(
        min_value=datetime(2025, 1, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
        max_value=datetime(2026, 12, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)
def test_any_cron_next_firing_is_strictly_later_and_bounded(
    name: str, minutes: str, hours: str, after: datetime
) -> None:
    schedule = parse_digest_schedule(f'cron "{minutes} {hours} * * *" {name}')
    at = after
    for _ in range(200):
        following = next_after(schedule, at)
        assert following > at
        assert following - at <= timedelta(days=1, hours=3)
        at = following


def test_the_zone_list_covers_both_hemispheres_and_half_hour_changes() -> None:
    zones = dst_zones()
    assert {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe",
            "America/Santiago"} <= set(zones)  # fmt: skip
    assert len(zones) > 100


@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(dst_zones()),
    fields=st.sampled_from(
        ["15,30 2,3 * * *", "30 2 * * *", "*/20 0-4 * * *", "0 0 * * *", "45 1 * * 0"]
    ),
    index=st.integers(0, 3),
    offset_minutes=st.integers(-240, 240),
)
def test_the_next_firing_is_the_earliest_matching_wall_time_after_any_instant(
    name: str, fields: str, index: int, offset_minutes: int
) -> None:
    """Checked against the definition: the firings are the instants (first pass; after a
    skipped gap) of the matching wall times; near a change, in either direction."""
    changes = transitions(name)
    at = changes[index % len(changes)][0] + timedelta(minutes=offset_minutes)
    schedule = parse_digest_schedule(f'cron "{fields}" {name}')
    zone = ZoneInfo(name)
    assert schedule.cron is not None
    minute, hour, day, month, dow = schedule.cron  # day of week as names already
    trigger = CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=dow, timezone=UTC
    )
    walls, wall = [], (at - timedelta(days=1)).astimezone(zone).replace(tzinfo=UTC)
    while wall < (at + timedelta(days=8)).astimezone(zone).replace(tzinfo=UTC):
        following = trigger.get_next_fire_time(None, wall + timedelta(microseconds=1))
        assert following is not None
        walls.append(following)
        wall = following
    instants = [w.replace(tzinfo=zone, fold=0).astimezone(UTC) for w in walls]
    expected = min(i for i in instants if i > at)
    assert next_after(schedule, at) == expected
    assert next_after(schedule, at - timedelta(minutes=1)) <= expected  # never decreases
