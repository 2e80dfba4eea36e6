from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.parsing.wire_conventions import dateline_city, strip_dateline
from crawler.parsing.zoned_dates import ZonedDateError
from crawler.sources.businesswire.dates import parse_datetime
from crawler.sources.businesswire.text import CONVENTIONS, cashtags, dateline_tags


@pytest.mark.parametrize(
    ("lead", "city", "text"),
    [
        ("WILMINGTON, Del.--(BUSINESS WIRE)--AstraZeneca today", "WILMINGTON, Del.", "AstraZeneca"),
        (
            "SEOUL, South Korea--(BUSINESS WIRE)---- $MX #MOSFET--Magnachip Semiconductor",
            "SEOUL, South Korea",
            "Magnachip",
        ),
        ("NEW YORK--(BUSINESS WIRE)--Chez l'être humain", "NEW YORK", "Chez"),
    ],
)
def test_dateline_gives_the_city_and_where_the_text_starts(lead: str, city: str, text: str) -> None:
    assert dateline_city(CONVENTIONS, lead) == city
    assert strip_dateline(CONVENTIONS, lead).startswith(text)


def test_cashtags_and_hashtags_between_the_extra_dashes_are_read() -> None:
    lead = "LOS ANGELES--(BUSINESS WIRE)---- $NAGE #Biotech--Niagen Bioscience"
    assert dateline_tags(lead) == ["$NAGE", "#Biotech"]
    assert cashtags(lead) == ["NAGE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 5 Oct 2026 16:01:00 UT", datetime(2026, 10, 5, 16, 1, tzinfo=UTC)),
        ("Wed, 30 Sep 2026 05:00:00 UT", datetime(2026, 9, 30, 5, 0, tzinfo=UTC)),
        ("October 05, 2026 08:00 AM Eastern Daylight Time", datetime(2026, 10, 5, 12, tzinfo=UTC)),
        ("January 6, 2026 04:05 PM Eastern Standard Time", datetime(2026, 1, 6, 21, 5, tzinfo=UTC)),
        ("Nov 1, 2026 01:30 AM ET", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),  # first, EDT
    ],
)
def test_dates_are_aware_utc_from_the_zone_the_wire_prints(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["Mon, 5 Oct 2026 16:01:00", "Mon, 5 Oct 2026 16:01:00 PT"])
def test_a_time_without_a_known_zone_is_refused(text: str) -> None:
    with pytest.raises(ZonedDateError):
        parse_datetime(text)
