"""The baseline for the backfill benchmark: a Scrapy spider that fetches a listing's pages and
every release they link to, and does nothing with them (same Scrapy settings as wirewatch)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Request, Response


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start

    async def start(self) -> AsyncIterator[Request]:
        yield Request(f"{self.start_url}?page=1&pagesize=100", cb_kwargs={"page": 1})

    def parse(self, response: Response, page: int) -> Iterator[Request]:
        links = response.css("a.newsreleaseconsolidatelink::attr(href)").getall()
        for href in links:
            yield response.follow(href, callback=self.ignore)
        if links:
            yield Request(
                f"{self.start_url}?page={page + 1}&pagesize=100", cb_kwargs={"page": page + 1}
            )

    def ignore(self, response: Response) -> None:
        return None


def main(start: str, delay: float, out: str | None = None, keepalive: bool = False) -> None:
    """`keepalive`: with wirewatch's download handler (crawler/keepalive.py) instead of
    Scrapy's, which opens a new connection for about every second request of such a crawl."""
    from crawler import settings as ours

    settings = {
        key: getattr(ours, key)
        for key in (
            "CONCURRENT_REQUESTS",
            "CONCURRENT_REQUESTS_PER_DOMAIN",
            "ROBOTSTXT_OBEY",
            "TWISTED_REACTOR",
            "DOWNLOAD_TIMEOUT",
            "CONCURRENT_ITEMS",
            "WARN_ON_GENERATOR_RETURN_VALUE",
        )
    }
    settings.update(DOWNLOAD_DELAY=delay, DOWNLOAD_DELAY_JITTER=0, AUTOTHROTTLE_ENABLED=False, LOG_LEVEL="WARNING",
                    TELNETCONSOLE_ENABLED=False, REMOTE_CONTROL_ENABLED=False)  # fmt: skip
    if keepalive:
        settings["DOWNLOAD_HANDLERS"] = ours.DOWNLOAD_HANDLERS
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, start=start)
    process.start()
    assert crawler.stats is not None
    elapsed = str(crawler.stats.get_value("elapsed_time_seconds"))
    if out:
        Path(out).write_text(elapsed, encoding="utf-8")
    print(elapsed)


if __name__ == "__main__":
    main(
        sys.argv[1],
        float(sys.argv[2]) if len(sys.argv) > 2 else 0.0,
        sys.argv[3] if len(sys.argv) > 3 else None,
        len(sys.argv) > 4 and sys.argv[4] == "keepalive",
    )
