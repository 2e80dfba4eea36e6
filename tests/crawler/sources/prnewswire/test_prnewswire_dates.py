from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crawler.sources.prnewswire.dates import DateParseError, parse_prn_datetime


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 03, 2026, 08:00 ET", utc(2026, 2, 3, 13, 0)),  # EST, UTC-5
        ("Jun 11, 2020, 16:25 ET", utc(2020, 6, 11, 20, 25)),  # EDT, UTC-4
        ("25 Apr, 2016, 03:39 ET", utc(2016, 4, 25, 7, 39)),  # 2024 template, day first
        ("Apr 25, 2016, 15:39 ET\n          from HackerRank", utc(2016, 4, 25, 19, 39)),
        ("Sep 8, 2026, 09:00 ET", utc(2026, 9, 8, 13, 0)),  # unpadded day
        ("Apr 15, 2025, 09:10 ET", utc(2025, 4, 15, 13, 10)),
        ("Feb. 3, 2026, 08:00 EST", utc(2026, 2, 3, 13, 0)),
        ("Mon, 5 Oct 2026 18:28:00 +0000", utc(2026, 10, 5, 18, 28)),  # RSS pubDate
        ("2026-02-03T08:00:00-05:00", utc(2026, 2, 3, 13, 0)),
        ("2016-04-25T15:39:00Z", utc(2016, 4, 25, 15, 39)),
        ("2020-06-11T16:25:00.000-04:00", utc(2020, 6, 11, 20, 25)),
    ],
)
def test_every_prn_date_format_parses_to_aware_utc(text: str, expected: datetime) -> None:
    parsed = parse_prn_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 08, 2026, 01:59 ET", utc(2026, 3, 8, 6, 59)),  # last EST minute
        ("Mar 08, 2026, 03:00 ET", utc(2026, 3, 8, 7, 0)),  # first EDT minute
        ("Mar 08, 2026, 02:30 ET", utc(2026, 3, 8, 7, 30)),  # in the gap: pre-change offset
        ("Nov 01, 2026, 00:59 ET", utc(2026, 11, 1, 4, 59)),
        ("Nov 01, 2026, 01:30 ET", utc(2026, 11, 1, 5, 30)),  # ambiguous: first (EDT) pass
        ("Nov 01, 2026, 02:00 ET", utc(2026, 11, 1, 7, 0)),  # EST again
        ("Mar 09, 2026, 07:00 ET", utc(2026, 3, 9, 11, 0)),
    ],
)
def test_eastern_time_follows_dst_edges(text: str, expected: datetime) -> None:
    assert parse_prn_datetime(text) == expected


def test_time_only_card_uses_today_et() -> None:
    assert parse_prn_datetime("10:10 ET", today_et=date(2026, 10, 5)) == utc(2026, 10, 5, 14, 10)
    assert parse_prn_datetime("10:10 ET", today_et=date(2026, 1, 5)) == utc(2026, 1, 5, 15, 10)


@pytest.mark.parametrize(
    "text",
    [
        "10:10 ET",  # time only without today_et
        "Feb 03, 2026, 08:00",  # naive
        "Feb 03, 2026, 08:00 PT",  # unknown zone
        "Apr 25, 08:00 ET",  # no year
        "Feb 30, 2026, 08:00 ET",  # impossible day
        "2026-02-03T08:00:00",  # naive ISO
        "",
        "News provided by",
    ],
)
def test_unreadable_or_zone_less_dates_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_prn_datetime(text)


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)
