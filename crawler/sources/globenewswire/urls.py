"""GlobeNewswire URLs: release ids, release dates and canonical form.

Release URL: `https://www.globenewswire.com/news-release/YYYY/MM/DD/<id>/<n>/<lang>/<slug>.html`
(also under a `/<lang>/` prefix, `/en/news-release/…`). `<n>` is usually 0 but not always
(`/3030128/9375/en/`), `<lang>` is `en`, `fr`, `is`, `da`…, slugs are Title-Case in 2018
and lower-case in 2026. The id is the 4th path segment after `news-release` and equals the
feed's `dc:identifier`. English and French versions of one announcement have different ids.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin, urlsplit, urlunsplit

BASE_URL = "https://www.globenewswire.com"
HOST_SUFFIX = "globenewswire.com"
_RELEASE_PATH = re.compile(
    r"^(?:/[a-z]{2})?/news-release/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<id>\d{4,})/"
)


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without query or fragment; https and `www.` on globenewswire.com (the
    2018 site linked the bare host); the loopback replica keeps its scheme and host."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    host = parts.hostname or ""
    netloc = "www." + HOST_SUFFIX if host == HOST_SUFFIX else parts.netloc
    scheme = "https" if host.endswith(HOST_SUFFIX) or not parts.scheme else parts.scheme
    return urlunsplit((scheme, netloc, parts.path, "", ""))


def release_id(url: str) -> str | None:
    """ "3374933" from a release URL; None for any other URL."""
    match = _RELEASE_PATH.match(urlsplit(url).path)
    return match.group("id") if match else None


def release_date(url: str) -> date | None:
    """The date in a release URL: the day of publication, in a zone the site does not state
    (presumably Eastern, its printed zone). Listing cards print only "12 minutes ago", so this
    is the day a backfill pages on; allow a day of slack around a `--since` bound."""
    match = _RELEASE_PATH.match(urlsplit(url).path)
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
