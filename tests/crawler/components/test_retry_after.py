"""RetryAfterMiddleware on its own."""

from __future__ import annotations

import asyncio

from scrapy.http import HtmlResponse, Request

from crawler.middlewares import RetryAfterMiddleware
from tests.crawler.components.conftest import MakeCrawler

URL = "https://www.prnewswire.com/news/xellsmart/"


def respond(middleware: RetryAfterMiddleware, status: int, **headers: str) -> object:
    request = Request(URL)
    response = HtmlResponse(URL, status=status, headers=headers, request=request)
    return asyncio.run(middleware.process_response(request, response))


def test_a_503_with_a_short_retry_after_is_retried(make_crawler: MakeCrawler) -> None:
    crawler = make_crawler()
    crawler.spider = crawler._create_spider()  # Scrapy's retry logs against the spider
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    retry = respond(middleware, 503, **{"Retry-After": "0"})
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1


def test_a_retry_after_beyond_the_cap_is_a_block_not_a_retry(make_crawler: MakeCrawler) -> None:
    middleware = RetryAfterMiddleware.from_crawler(make_crawler(WIREWATCH_RETRY_AFTER_MAX=5))
    response = respond(middleware, 429, **{"Retry-After": "3600"})
    assert isinstance(response, HtmlResponse) and response.status == 429


def test_a_page_that_is_not_an_error_passes_through(make_crawler: MakeCrawler) -> None:
    middleware = RetryAfterMiddleware.from_crawler(make_crawler())
    response = respond(middleware, 200)
    assert isinstance(response, HtmlResponse) and response.status == 200
