"""When a digest is due: the subscriber's schedule in its own zone, DST included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wirewatch.schedules import digest_period, parse_digest_schedule

NEW_YORK = parse_digest_schedule("daily 08:00 America/New_York")


def test_daily_08_00_new_york_is_due_at_12z_in_summer() -> None:
    since = datetime(2026, 7, 1, 0, 0, tzinfo=UTC)
    assert digest_period(NEW_YORK, since, datetime(2026, 7, 1, 11, 59, tzinfo=UTC)) is None
    due = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert digest_period(NEW_YORK, since, due) == due


def test_daily_08_00_new_york_is_due_at_13z_in_winter() -> None:
    since = datetime(2026, 1, 15, 0, 0, tzinfo=UTC)
    assert digest_period(NEW_YORK, since, datetime(2026, 1, 15, 12, 59, tzinfo=UTC)) is None
    due = datetime(2026, 1, 15, 13, 0, tzinfo=UTC)
    assert digest_period(NEW_YORK, since, due) == due


def test_across_the_spring_change_the_next_digest_comes_23_hours_later() -> None:
    saturday = datetime(2026, 3, 7, 13, 0, tzinfo=UTC)  # 08:00 EST
    sunday = digest_period(NEW_YORK, saturday, datetime(2026, 3, 8, 23, 0, tzinfo=UTC))
    assert sunday == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)  # 08:00 EDT


def test_a_missed_period_answers_with_the_latest_firing_only() -> None:
    since = datetime(2026, 1, 1, 13, 0, tzinfo=UTC)
    now = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
    assert digest_period(NEW_YORK, since, now) == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)


def test_weekly_hourly_and_every_schedules() -> None:
    weekly = parse_digest_schedule("weekly mon 09:30 Europe/Berlin")
    since = datetime(2026, 3, 3, tzinfo=UTC)  # a Tuesday
    assert digest_period(weekly, since, datetime(2026, 3, 9, 8, 29, tzinfo=UTC)) is None
    assert digest_period(weekly, since, datetime(2026, 3, 9, 8, 30, tzinfo=UTC)) is not None
    hourly = parse_digest_schedule("hourly")
    assert digest_period(hourly, since, since + timedelta(minutes=59)) is None
    assert digest_period(hourly, since, since + timedelta(minutes=61)) == since + timedelta(hours=1)
    every = parse_digest_schedule("every 10m")
    assert digest_period(every, since, since + timedelta(minutes=25)) == since + timedelta(
        minutes=20
    )
