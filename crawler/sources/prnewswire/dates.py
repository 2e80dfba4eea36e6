"""PR Newswire date strings to aware UTC datetimes.

PR Newswire prints Eastern Time ("ET") on pages and UTC in RSS. Every result is aware
and in UTC; a string without a zone, or with a zone we do not know, is refused rather than
guessed, because a wrong offset silently moves a release across a digest boundary.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from crawler.parsing.zoned_dates import dateutil_utc

EASTERN = ZoneInfo("America/New_York")

# "ET" is a wall clock in New York, so EST/EDT printed by the site map to the same zone:
# the DST offset then follows the date, not the (sometimes wrong) label.
_TZINFOS = {"ET": EASTERN, "EST": EASTERN, "EDT": EASTERN}

_FROM_SUFFIX = re.compile(r"\s+from\b.*$", re.DOTALL)  # 2016/17: "Apr 25, 2016, 15:39 ET from …"
# Fast paths for the two printed forms (dateutil costs ~60 µs a call, a tenth of the
# whole extraction budget): "Feb 03, 2026, 08:00 ET" and "25 Apr, 2016, 03:39 ET".
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_PRINTED = re.compile(
    r"^(?:(?P<mon1>[A-Za-z]{3})[a-z]*\.?\s+(?P<day1>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<mon2>[A-Za-z]{3})[a-z]*\.?)"
    r",?\s+(?P<year>\d{4}),?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?:ET|EST|EDT)$"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$")
_TIME_ONLY = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*(?:ET|EST|EDT)\s*$", re.IGNORECASE)


class DateParseError(ValueError):
    """A PR Newswire date string we cannot turn into an aware UTC datetime."""


def parse_prn_datetime(text: str, *, today_et: date | None = None) -> datetime:
    """Parse any date format PR Newswire uses into an aware UTC datetime.

    Accepted: "Feb 03, 2026, 08:00 ET", "25 Apr, 2016, 03:39 ET" (day-first),
    "Apr 25, 2016, 15:39 ET from …", unpadded days ("Sep 8, 2026, 09:00 ET"),
    "10:10 ET" (only with `today_et`, the Eastern date the time belongs to),
    RFC 822 ("Mon, 5 Oct 2026 18:28:00 +0000") and ISO 8601 with an offset or "Z".

    Around DST changes the Eastern wall clock is resolved the zoneinfo way: an ambiguous
    time (01:30 on the November change) is the first, EDT, occurrence; a time inside the
    March gap (02:30) uses the pre-change EST offset.
    """
    cleaned = _FROM_SUFFIX.sub("", text.replace("\xa0", " ")).strip()
    if not cleaned:
        raise DateParseError(f"empty date string: {text!r}")
    only_time = _TIME_ONLY.match(cleaned)
    if only_time:
        if today_et is None:
            raise DateParseError(f"time-only {text!r} needs today_et")
        hour, minute = int(only_time.group(1)), int(only_time.group(2))
        if hour > 23 or minute > 59:
            raise DateParseError(f"impossible time in {text!r}")
        local = datetime.combine(today_et, time(hour, minute), tzinfo=EASTERN)
        return local.astimezone(UTC)
    fast = _fast_path(cleaned)
    if fast is not None:
        return fast
    return dateutil_utc(cleaned, text, _TZINFOS, DateParseError)


def _fast_path(cleaned: str) -> datetime | None:
    """The common printed and ISO forms without dateutil; None means "use dateutil"."""
    if _ISO.match(cleaned):
        try:
            parsed = datetime.fromisoformat(cleaned)
        except ValueError:
            return None
        return parsed.astimezone(UTC) if parsed.tzinfo is not None else None
    match = _PRINTED.match(cleaned)
    if not match:
        return None
    month = _MONTHS.get((match["mon1"] or match["mon2"]).lower())
    if month is None:
        return None
    try:
        local = datetime(
            int(match["year"]),
            month,
            int(match["day1"] or match["day2"]),
            int(match["hour"]),
            int(match["minute"]),
            tzinfo=EASTERN,
        )
    except ValueError as exc:
        raise DateParseError(f"impossible date {cleaned!r}: {exc}") from exc
    return local.astimezone(UTC)


def eastern_wall_clock(value: datetime) -> datetime:
    """Reinterpret a datetime's wall-clock fields as Eastern Time (for mislabelled "Z")."""
    return value.replace(tzinfo=EASTERN).astimezone(UTC)
