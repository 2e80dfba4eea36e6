"""RetryAfterMiddleware: Scrapy's retries, but waiting as the server asks.

Scrapy reschedules retries at once and ignores Retry-After (scrapy#3849). The site sheds load
with 503 and rate-limits with 429, so a retry waits for Retry-After (capped) or an exponential
backoff. A Retry-After beyond the cap is a ban signal: no retry, the watch is reported blocked.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("WIREWATCH_RETRY_AFTER_MAX", 60.0)
        self.backoff = crawler.settings.getfloat("WIREWATCH_RETRY_BACKOFF", 1.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = self._wait(request, response)
        if wait is None:
            logger.warning(
                "%s asks to wait longer than %ss: treating it as a block",
                request.url,
                self.max_wait,
            )
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        if wait > 0:
            await asyncio.sleep(wait)
        return retry

    def _wait(self, request: Request, response: Response) -> float | None:
        header = response.headers.get(b"Retry-After")
        if header is not None:
            try:
                seconds = float(header.decode().strip())
            except ValueError:
                seconds = self.max_wait  # an HTTP-date: wait the cap
            return seconds if seconds <= self.max_wait else None
        attempt = request.meta.get("retry_times", 0)
        return float(min(self.backoff * (2**attempt), self.max_wait))
