"""Business Wire URLs: release ids, dates and canonical form.

Release URL: `https://www.businesswire.com/news/home/<id>/<lang>/<Slug>/`; the feed links
with http and a `?feedref=<token>` query, which the canonical form drops. `<id>` is 14
digits, the date `YYYYMMDD` and 6 more; the feed's `guid` is `<id><lang>`
("20260930550483fr"). A translation keeps its id under another `<lang>`, so
`(businesswire, id)` names the announcement whatever the language. Slugs may be missing
(the French item) and may hold percent-encoded UTF-8 (`%C2%AE`), kept as written.
Links inside bodies go through the click tracker `cts.businesswire.com/ct/CT?id=smartlink&
url=<target>&newsitemid=<id>…` (`/ct/` is disallowed in robots.txt): `unwrap_smartlink`.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

BASE_URL = "https://www.businesswire.com"
FEED_BASE_URL = "https://feed.businesswire.com"
HOST_SUFFIX = "businesswire.com"
_RELEASE_PATH = re.compile(
    r"^/news/home/(?P<id>(?P<ymd>\d{8})\d{6})(?:/(?P<lang>[a-z]{2}))?(?:/|$)"
)
_GUID = re.compile(r"^(?P<id>\d{14})(?P<lang>[a-z]{2})?$")


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without query (`?feedref=`) or fragment; https on businesswire.com (the
    loopback replica keeps its scheme)."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    host = parts.hostname or ""
    scheme = "https" if host.endswith(HOST_SUFFIX) or not parts.scheme else parts.scheme
    return urlunsplit((scheme, parts.netloc, parts.path, "", ""))


def release_id(url: str) -> str | None:
    """ "20261005363276" from a release URL; None for any other URL."""
    match = _RELEASE_PATH.match(urlsplit(url).path)
    return match.group("id") if match else None


def release_language(url: str) -> str | None:
    match = _RELEASE_PATH.match(urlsplit(url).path)
    return match.group("lang") if match else None


def release_date(url: str) -> date | None:
    """The date the id starts with: the day the release was filed, in a zone Business Wire
    does not state. A translation keeps the original's id, so it can be published a day later
    (the French item of the real feed: id 20260930…, pubDate 1 Oct 18:14 UT)."""
    match = _RELEASE_PATH.match(urlsplit(url).path)
    if match is None:
        return None
    ymd = match.group("ymd")
    try:
        return date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
    except ValueError:
        return None


def split_guid(guid: str) -> tuple[str, str | None] | None:
    """("20261005363276", "en") from the feed's guid "20261005363276en"."""
    match = _GUID.match(guid.strip())
    return (match.group("id"), match.group("lang")) if match else None


def unwrap_smartlink(url: str) -> str:
    """The target of a `cts.businesswire.com/ct/CT?id=smartlink&url=…` link, else `url`."""
    parts = urlsplit(url)
    if not (parts.hostname or "").endswith(HOST_SUFFIX) or not parts.path.startswith("/ct/"):
        return url
    targets = parse_qs(parts.query).get("url")
    return targets[0] if targets else url
