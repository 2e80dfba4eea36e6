"""Small pure helpers that turn page strings into PressRelease field values.

Decisions (documented here because the spider, storage and alerts all rely on them):

* URLs are canonical: host kept, no query string, no fragment; https on prnewswire.com
  (old pages link with http). Other hosts (the loopback replica) keep their scheme.
* `company_slug` is the newsroom path segment after `/news/` exactly as the site writes it
  in its own links (percent-escapes and `+` kept, no case change, trailing slash dropped):
  "hackerrank", "w.w.-grainger%2C-inc.", "ideanomics", "tableau+software". Never rebuilt
  from the company name. `company_url` is then `https://<host>/news/<slug>/` (with the
  trailing slash, which the site uses from 2024 on), so one company has one URL across eras.
* Tickers are "EXCHANGE:SYMBOL" with the exchange upper-cased and inner spaces kept
  ("NYSE:GWW", "NASDAQ:IDEX", "HKEX:2259"); a `a.ticket-symbol` with no readable
  exchange before it is kept bare ("GWW").
* Tags are names, whitespace-collapsed, first spelling wins, compared case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

from crawler.parsing.document import squash

RELEASE_ID = re.compile(r"-(\d{6,})\.html$")
DATELINE_MARK = re.compile(r"/\s*PRNewswire[^/]{0,40}/")
SOURCE_LINE = re.compile(r"^SOURCE\s+(.+)$", re.DOTALL)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_DATE = re.compile(rf",?\s*{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s*$", re.IGNORECASE)
_EXCHANGES = (
    r"NYSE American|NYSE MKT|NYSE Arca|NYSE|NASDAQ|Nasdaq(?:GS|GM|CM)?|OTCQX|OTCQB|OTC Pink|OTC"
    r"|TSX-V|TSXV|TSX|CSE|NEO|ASX|LSE|AIM|HKEX|HKSE|SEHK|SSE|SZSE|KOSDAQ|KRX|TSE|SGX"
    r"|Euronext|SIX|TASE|Cboe|BATS"
)
# Only inside "(…)" lists: "(NYSE: GWW)", "(NASDAQ: ABCD; HKEX: 2259)".
_TICKER = re.compile(rf"[(;,]\s*({_EXCHANGES})\s*:\s*([A-Z0-9][A-Z0-9.\-]{{0,9}})\b")
_TRAILING_EXCHANGE = re.compile(rf"\b({_EXCHANGES})\s*:\s*$")


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


def tickers(body: str, symbol_links: Iterable[tuple[str, str]]) -> list[str]:
    """Tickers from `(EXCHANGE: SYMBOL)` mentions and `a.ticket-symbol` links.

    `symbol_links` are (text before the link, link text) pairs; the text before supplies
    the exchange ("(NYSE:&nbsp;" + "GWW").
    """
    found: list[str] = []
    for before, symbol in symbol_links:
        symbol = symbol.strip()
        if not symbol:
            continue
        exchange = _TRAILING_EXCHANGE.search(squash(before) + " ")
        found.append(f"{_exchange(exchange.group(1))}:{symbol}" if exchange else symbol)
    for exchange_name, symbol in _TICKER.findall(body):
        found.append(f"{_exchange(exchange_name)}:{symbol}")
    qualified = {item.split(":", 1)[1] for item in found if ":" in item}
    return unique(item for item in found if ":" in item or item not in qualified)


def _exchange(name: str) -> str:
    return squash(name).upper()


def unique(values: Iterable[str]) -> list[str]:
    """Whitespace-collapsed, non-empty, de-duplicated case-insensitively, order kept."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        cleaned = squash(value)
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return result
