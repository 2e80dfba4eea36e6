"""GlobeNewswire times to aware UTC.

RSS: `pubDate` and `dc:modified` are "Mon, 05 Oct 2026 18:15 GMT" (no seconds, GMT). Pages
print Eastern Time ("ET"); the dateline carries a date but no time ("Oct.  05, 2026", two
spaces after the dotted month). An unlabelled time is Eastern, the site's own zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crawler.parsing.zoned_dates import parse_zoned_datetime

EASTERN = ZoneInfo("America/New_York")
TZINFOS = {"ET": EASTERN, "EST": EASTERN, "EDT": EASTERN, "GMT": UTC, "UTC": UTC, "UT": UTC}


def parse_datetime(text: str) -> datetime:
    """Any GlobeNewswire date string with a zone → aware UTC (raises ZonedDateError)."""
    return parse_zoned_datetime(text, TZINFOS)
