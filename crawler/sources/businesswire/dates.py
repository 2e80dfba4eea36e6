"""Business Wire times to aware UTC.

RSS: "Mon, 5 Oct 2026 16:01:00 UT" (no leading zero; `UT`, which some RFC 822 parsers
reject, is UTC). Pages are said (public scraper code, no real capture) to print Eastern time
as "October 5, 2026 12:01 PM Eastern Daylight Time" or with "ET"; an unlabelled time is
Eastern, the wire's own zone. The dateline carries no date at all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crawler.parsing.zoned_dates import parse_zoned_datetime

EASTERN = ZoneInfo("America/New_York")
TZINFOS = {
    "UT": UTC,
    "UTC": UTC,
    "GMT": UTC,
    "ET": EASTERN,
    "EST": EASTERN,
    "EDT": EASTERN,
    "Eastern Time": EASTERN,
    "Eastern Daylight Time": EASTERN,
    "Eastern Standard Time": EASTERN,
}


def parse_datetime(text: str) -> datetime:
    """Any Business Wire date string with a zone → aware UTC (raises ZonedDateError)."""
    return parse_zoned_datetime(text, TZINFOS)
