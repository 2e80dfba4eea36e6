"""Small pure helpers that turn page strings into PressRelease field values.

Decisions (documented here because the spider, storage and alerts all rely on them):

* URLs are canonical: host kept, no query string, no fragment; https on prnewswire.com
  (old pages link with http). Other hosts (the loopback replica) keep their scheme.
* `company_slug` is the newsroom path segment after `/news/` exactly as the site writes it
  in its own links (percent-escapes and `+` kept, no case change, trailing slash dropped):
  "hackerrank", "w.w.-grainger%2C-inc.", "ideanomics", "tableau+software". Never rebuilt
  from the company name. `company_url` is then `https://<host>/news/<slug>/` (with the
  trailing slash, which the site uses from 2024 on), so one company has one URL across eras.
* Tickers (`crawler.parsing.tickers`) are "EXCHANGE:SYMBOL" with the exchange upper-cased and inner spaces kept
  ("NYSE:GWW", "NASDAQ:IDEX", "HKEX:2259"); a `a.ticket-symbol` with no readable
  exchange before it is kept bare ("GWW").
* Tags are names, whitespace-collapsed, first spelling wins, compared case-insensitively.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

RELEASE_ID = re.compile(r"-(\d{6,})\.html$")
DATELINE_MARK = re.compile(r"/\s*PRNewswire[^/]{0,40}/")
SOURCE_LINE = re.compile(r"^SOURCE\s+(.+)$", re.DOTALL)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_DATE = re.compile(rf",?\s*{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s*$", re.IGNORECASE)


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without query or fragment (https on prnewswire.com)."""
    absolute = urljoin(base, url) if base else url
    parts = urlsplit(absolute.strip())
    scheme = _scheme(parts.scheme, parts.hostname)
    return urlunsplit((scheme, parts.netloc, parts.path, "", ""))


def release_id(url: str) -> str | None:
    """The 6+ digit id at the end of a detail URL, e.g. "302676819"."""
    match = RELEASE_ID.search(urlsplit(url).path)
    return match.group(1) if match else None


def company_slug(newsroom_href: str) -> str | None:
    """The slug of a `/news/<slug>` newsroom link, verbatim (see module docstring)."""
    path = urlsplit(newsroom_href).path
    marker = path.find("/news/")
    if marker < 0:
        return None
    slug = path[marker + len("/news/") :].strip("/")
    return slug if slug and "/" not in slug else None


def company_url(slug: str, page_url: str) -> str:
    """Canonical newsroom URL for a slug on the page's host."""
    parts = urlsplit(page_url)
    host = parts.netloc or "www.prnewswire.com"
    return f"{_scheme(parts.scheme, parts.hostname)}://{host}/news/{slug}/"


def _scheme(scheme: str, host: str | None) -> str:
    if not scheme or (host or "").endswith("prnewswire.com"):
        return "https"
    return scheme


def dateline_city(dateline: str) -> str | None:
    """ "SUZHOU, China" from "SUZHOU, China, April 15, 2025 /PRNewswire/ -- …"."""
    mark = DATELINE_MARK.search(dateline)
    if not mark:
        return None
    place = _DATELINE_DATE.sub("", dateline[: mark.start()].strip())
    place = place.strip(" ,")
    return place or None
