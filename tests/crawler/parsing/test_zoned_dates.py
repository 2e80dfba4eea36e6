from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.parsing.zoned_dates import ZonedDateError, parse_zoned_datetime

EASTERN = ZoneInfo("America/New_York")
ZONES = {"ET": EASTERN, "UT": UTC, "Eastern Daylight Time": EASTERN}


def test_multi_word_zone_names_are_understood() -> None:
    assert parse_zoned_datetime("Oct 5, 2026 12:01 PM Eastern Daylight Time", ZONES) == datetime(
        2026, 10, 5, 16, 1, tzinfo=UTC
    )


def test_the_spring_gap_keeps_the_pre_change_offset() -> None:
    # 02:30 on 8 March 2026 does not exist in New York; zoneinfo reads it with EST.
    assert parse_zoned_datetime("Mar 8, 2026 02:30 ET", ZONES) == datetime(
        2026, 3, 8, 7, 30, tzinfo=UTC
    )


def test_iso_with_offset_needs_no_zone_names() -> None:
    assert parse_zoned_datetime("2026-10-05T08:00:00-04:00", {}) == datetime(
        2026, 10, 5, 12, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text", ["", "Oct 5, 2026 08:00", "Oct 5 08:00 ET", "soon", "2026-13-01T00:00Z"]
)
def test_strings_without_date_year_or_zone_are_refused(text: str) -> None:
    with pytest.raises(ZonedDateError):
        parse_zoned_datetime(text, ZONES)
