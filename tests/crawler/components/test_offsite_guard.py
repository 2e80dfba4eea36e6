"""OffsiteGuardMiddleware on its own: each source's crawler stays on that source's hosts."""

from __future__ import annotations

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from crawler.offsite import OffsiteGuardMiddleware
from crawler.spiders.businesswire import BusinesswireSpider
from tests.crawler.components.conftest import MakeCrawler


def test_a_business_wire_crawl_may_fetch_its_feed_host_and_nothing_else(
    make_crawler: MakeCrawler,
) -> None:
    crawler = make_crawler(
        BusinesswireSpider,
        WIREWATCH_SOURCES={
            "businesswire": {
                "WIREWATCH_BASE_URL": "https://www.businesswire.com",
                "WIREWATCH_EXTRA_URLS": {"feed_url": "https://feed.businesswire.com"},
            }
        },
    )
    guard = OffsiteGuardMiddleware.from_crawler(crawler)
    guard.process_request(Request("https://feed.businesswire.com/mrss/home/?rss=G1"))
    guard.process_request(Request("https://www.businesswire.com/news/home/20261005512345/en/"))
    for url in (
        "https://www.prnewswire.com/news/xellsmart/",
        "http://www.businesswire.com/news/home/20261005512345/en/",  # another scheme
        "https://cts.businesswire.com/ct/CT?id=smartlink",
    ):
        with pytest.raises(IgnoreRequest):
            guard.process_request(Request(url))


def test_a_pr_newswire_crawl_refuses_another_wire(make_crawler: MakeCrawler) -> None:
    guard = OffsiteGuardMiddleware.from_crawler(make_crawler())
    guard.process_request(Request("https://www.prnewswire.com/news/xellsmart/"))
    with pytest.raises(IgnoreRequest):
        guard.process_request(Request("https://www.globenewswire.com/RssFeed/x"))
