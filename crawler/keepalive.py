"""HTTP downloads that keep their connection between one request and the next.

Scrapy's HTTP/1.1 handler keeps at most `CONCURRENT_REQUESTS_PER_DOMAIN` idle connections
per host: one, for wirewatch's one-request-at-a-time crawls. Its download slot is free (and
the next request sent) before the answered connection is back in the pool, so an unpaced
crawl opened a new connection for about every second request and then closed one of the two:
a TCP handshake (on the real site a TLS one too) and a close for nothing, ~10 % of the crawl
process' CPU against the loopback replica. Keeping as many idle connections per host as the
crawl has requests in flight at most (CONCURRENT_REQUESTS, 4), the next request finds one: a
crawl of 49 pages opened 3 connections instead of 25 (with two, a crawl storing into
PostgreSQL still opened 14). A paced crawl (the real site's delay of seconds) reused its one
connection already; it is unchanged.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler


class KeepAliveDownloadHandler(HTTP11DownloadHandler):
    """`DOWNLOAD_HANDLERS` for http and https."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        in_flight = crawler.settings.getint("CONCURRENT_REQUESTS")
        self._pool.maxPersistentPerHost = max(in_flight, self._pool.maxPersistentPerHost)
