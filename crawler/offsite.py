"""The crawler stays on the configured site: only http(s), only the source's own origin.

Card links, a detail page's redirects and anything else that would lead to another host, port
or scheme (`file://` reads local files, `ftp://`, `data:`) are refused. The spider drops
off-site card links before requesting them; `OffsiteGuardMiddleware` refuses every other
request, redirects included (Scrapy re-schedules a redirect as a new request, which passes
through `process_request` again).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

logger = logging.getLogger(__name__)

Origin = tuple[str, str, int]
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL; None for any other scheme or a bad URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port or _DEFAULT_PORTS[scheme]


def allowed_origins(urls: Iterable[str]) -> frozenset[Origin]:
    return frozenset(o for o in (origin_of(u) for u in urls) if o is not None)


def on_site(url: str, allowed: frozenset[Origin]) -> bool:
    return origin_of(url) in allowed


def source_urls(settings: Any) -> list[str]:
    """The URLs of the crawl's source (its base URL and other hosts) it may fetch from."""
    urls = [settings.get("WIREWATCH_BASE_URL") or ""]
    urls.extend(settings.getdict("WIREWATCH_EXTRA_URLS").values())  # feed.businesswire.com
    urls.extend(settings.getlist("WIREWATCH_ALLOWED_ORIGINS"))
    return [u for u in urls if u]


class OffsiteGuardMiddleware:
    """Downloader middleware: refuse any request outside the configured sources' origins."""

    def __init__(self, allowed: frozenset[Origin]) -> None:
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteGuardMiddleware:
        return cls(allowed_origins(source_urls(crawler.settings)))

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not on_site(request.url, self.allowed):
            logger.warning("refused an off-site request: %s", request.url[:300])
            raise IgnoreRequest(f"off-site URL refused: {request.url[:200]}")
