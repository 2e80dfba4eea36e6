"""Wire date strings to aware UTC datetimes, in the zone each wire prints.

Each wire names its zones its own way (GlobeNewswire "ET" on pages and "GMT" in RSS,
Business Wire "UT" in RSS and "Eastern Daylight Time" on pages), so the caller passes the
names it knows as `tzinfos` (dateutil's own table knows neither "ET" nor "UT"). A string
without a zone, or with a zone not in `tzinfos` and unknown to dateutil, is refused rather
than guessed: a wrong offset silently moves a release across a digest boundary.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo

from dateutil import parser as dateutil_parser
from dateutil.parser import ParserError, UnknownTimezoneWarning

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$")
_SPACE = re.compile(r"\s+")
_SHORT_NAME = re.compile(r"^[A-Z]{1,5}$")
# dateutil fills missing fields from `default`; year 1 is never printed, so seeing it back
# means the string had no year.
_NO_DATE = datetime(1, 1, 1)  # noqa: DTZ001 - sentinel only, never returned


class ZonedDateError(ValueError):
    """A date string that cannot be turned into an aware UTC datetime."""


def parse_zoned_datetime(text: str, tzinfos: Mapping[str, tzinfo]) -> datetime:
    """Parse `text` ("Mon, 5 Oct 2026 16:01:00 UT", "October 05, 2026 08:00 ET",
    ISO 8601 with an offset) into an aware UTC datetime.

    Zone names may hold spaces ("Eastern Daylight Time"); they are matched case-sensitively
    as printed. Wall clocks in a DST zone resolve the zoneinfo way (an ambiguous time is the
    first occurrence; a time inside the spring gap keeps the pre-change offset).
    """
    cleaned = _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
    if not cleaned:
        raise ZonedDateError("empty date string")
    if _ISO.match(cleaned):
        try:
            return datetime.fromisoformat(cleaned).astimezone(UTC)
        except ValueError as exc:
            raise ZonedDateError(f"impossible date {text!r}: {exc}") from exc
    zones: dict[str, tzinfo] = {}
    for index, name in enumerate(sorted(tzinfos, key=len, reverse=True)):
        token = name
        if not _SHORT_NAME.match(name):
            # dateutil only takes zone tokens of up to 5 capital letters.
            token = f"QZ{chr(ord('A') + index % 26)}{chr(ord('A') + index // 26)}"
            cleaned = cleaned.replace(name, token)
        zones[token] = tzinfos[name]
    return dateutil_utc(cleaned, text, zones, ZonedDateError)


def dateutil_utc(
    cleaned: str, text: str, tzinfos: Mapping[str, tzinfo], error: type[ValueError]
) -> datetime:
    """`cleaned` read by dateutil with exactly these zone names, as aware UTC; `error` (naming
    `text`, as printed) when it is unreadable, has no year or names no known zone."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            parsed = dateutil_parser.parse(cleaned, default=_NO_DATE, tzinfos=tzinfos)
        except (ParserError, ValueError, OverflowError, UnknownTimezoneWarning) as exc:
            raise error(f"unreadable date {text!r}: {exc}") from exc
    if parsed.year == _NO_DATE.year:
        raise error(f"no year in {text!r}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise error(f"no time zone in {text!r}")
    return parsed.astimezone(UTC)
