"""Fault matrix, schedules (red-team H2, R09): both DST transitions in two zones, each
wall-clock time once, every firing strictly later than the one before, every loop bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.schedules import digest_period, next_after, parse_digest_schedule


def firings(text: str, start: datetime, end: datetime) -> list[datetime]:
    schedule = parse_digest_schedule(text)
    out, at = [], start
    while True:
        at = next_after(schedule, at)
        if at > end:
            return out
        assert not out or at > out[-1]
        out.append(at)


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("daily 01:30 America/New_York", datetime(2025, 11, 2, tzinfo=UTC), [(5, 30)]),
        ("daily 02:30 Europe/Berlin", datetime(2025, 10, 26, tzinfo=UTC), [(0, 30)]),
        ("daily 01:30 America/New_York", datetime(2027, 11, 7, tzinfo=UTC), [(5, 30)]),
    ],
)
def test_h2_fall_back_day_digest_schedule_fires_once(
    text: str, day: datetime, expected: list[tuple[int, int]]
) -> None:
    found = firings(text, day - timedelta(hours=6), day + timedelta(hours=18))
    assert [(f.hour, f.minute) for f in found] == expected


def test_h2_a_quarter_hour_cron_skips_the_repeated_hour_instead_of_spinning() -> None:
    found = firings('cron "*/15 * * * *" America/New_York',
                    datetime(2025, 11, 2, 4, 50, tzinfo=UTC),
                    datetime(2025, 11, 2, 7, 20, tzinfo=UTC))  # fmt: skip
    assert [f.strftime("%H:%M") for f in found] == [
        "05:00", "05:15", "05:30", "05:45",  # 01:00–01:45 EDT
        "07:00", "07:15",  # 02:00 EST onwards; 01:xx EST already fired as 01:xx EDT
    ]  # fmt: skip


@pytest.mark.parametrize("after_minutes", [0, 1, 29, 30, 31, 59, 60, 61, 90, 119])
def test_h2_next_after_is_strictly_later_from_anywhere_in_the_repeated_hour(
    after_minutes: int,
) -> None:
    schedule = parse_digest_schedule("daily 01:30 America/New_York")
    after = datetime(2025, 11, 2, 5, 0, tzinfo=UTC) + timedelta(minutes=after_minutes)
    fire = next_after(schedule, after)
    assert fire > after
    assert fire in (
        datetime(2025, 11, 2, 5, 30, tzinfo=UTC),
        datetime(2025, 11, 3, 6, 30, tzinfo=UTC),
    )


def test_h2_digest_period_over_a_window_holding_two_fall_backs_returns() -> None:
    schedule = parse_digest_schedule("daily 01:30 America/New_York")
    since = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
    now = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    assert digest_period(schedule, since, now) == datetime(2026, 12, 3, 6, 30, tzinfo=UTC)
    fall_back = datetime(2027, 11, 7, 7, 0, tzinfo=UTC)
    assert digest_period(schedule, datetime(2027, 11, 6, 5, 30, tzinfo=UTC), fall_back) == (
        datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("daily 02:30 America/New_York", datetime(2025, 3, 9, tzinfo=UTC), (7, 30)),  # 03:30 EDT
        ("daily 02:30 Europe/Berlin", datetime(2026, 3, 29, tzinfo=UTC), (1, 30)),  # 03:30 CEST
        ("daily 08:00 America/New_York", datetime(2026, 3, 8, tzinfo=UTC), (12, 0)),
    ],
)
def test_r09_spring_forward_day_fires_once_even_for_a_time_that_does_not_exist(
    text: str, day: datetime, expected: tuple[int, int]
) -> None:
    found = firings(text, day - timedelta(hours=1), day + timedelta(hours=23))
    assert [(f.hour, f.minute) for f in found] == [expected]


def test_r09_hourly_on_the_fall_back_day_fires_every_utc_hour_once() -> None:
    day = datetime(2025, 11, 2, tzinfo=UTC)
    found = firings("hourly", day - timedelta(seconds=1), day + timedelta(hours=23, minutes=59))
    assert found == [day + timedelta(hours=h) for h in range(24)]


@pytest.mark.parametrize(
    ("dow", "days"),
    [("1-5", ["Mon", "Tue", "Wed", "Thu", "Fri"]), ("0", ["Sun"]), ("7", ["Sun"]),
     ("sat,sun", ["Sat", "Sun"]), ("*/2", ["Sun", "Tue", "Thu", "Sat"])],
)  # fmt: skip
def test_cron_day_of_week_counts_like_crontab(dow: str, days: list[str]) -> None:
    """APScheduler 3 counts 0 = Monday; a crontab (and this grammar) 0 = Sunday."""
    found = firings(f'cron "0 8 * * {dow}" UTC', datetime(2026, 11, 29, tzinfo=UTC),
                    datetime(2026, 12, 6, 23, 0, tzinfo=UTC))  # fmt: skip
    assert sorted({f.strftime("%a") for f in found}, key=days.index) == days
