from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.parsing.wire_conventions import dateline_city, news_text, strip_dateline
from crawler.parsing.zoned_dates import ZonedDateError
from crawler.sources.globenewswire.dates import parse_datetime
from crawler.sources.globenewswire.text import CONVENTIONS


@pytest.mark.parametrize(
    ("lead", "city", "text"),
    [
        (
            "BEDMINSTER, N.J., Oct.  05, 2026  (GLOBE NEWSWIRE) -- Peapack-Gladstone",
            "BEDMINSTER, N.J.",
            "Peapack-Gladstone",
        ),
        ("TORONTO, Oct.  05, 2026  (GLOBE NEWSWIRE) -- Discovery", "TORONTO", "Discovery"),
        ("MONTRÉAL, 19 mars 2018 (GLOBE NEWSWIRE) -- Soricimed", "MONTRÉAL", "Soricimed"),
        ("Hydro provides an update on the natural gas supply", None, "Hydro provides"),
    ],
)
def test_dateline_gives_the_city_and_where_the_text_starts(
    lead: str, city: str | None, text: str
) -> None:
    assert dateline_city(CONVENTIONS, lead) == city
    assert strip_dateline(CONVENTIONS, lead).startswith(text)


def test_news_text_stops_at_the_contact_block() -> None:
    body = (
        "TORONTO, Oct.  05, 2026  (GLOBE NEWSWIRE) -- News.\n\nMore news.\n\n"
        "Media Contact:\nJane\n\nAbout Us\n\nWe."
    )
    assert news_text(CONVENTIONS, body) == "News.\n\nMore news."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 05 Oct 2026 18:15 GMT", datetime(2026, 10, 5, 18, 15, tzinfo=UTC)),
        ("October 05, 2026 08:00 ET", datetime(2026, 10, 5, 12, 0, tzinfo=UTC)),
        ("January 08, 2026 08:00 ET", datetime(2026, 1, 8, 13, 0, tzinfo=UTC)),
        ("2026-10-05T08:00:00-04:00", datetime(2026, 10, 5, 12, 0, tzinfo=UTC)),
    ],
)
def test_dates_are_aware_utc_from_the_zone_the_wire_prints(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ZonedDateError):
        parse_datetime("October 05, 2026 08:00")
