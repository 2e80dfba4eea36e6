"""Pipelines, middlewares and extensions one at a time, on a crawler from
`scrapy.utils.test.get_crawler` and a real migrated SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler
from sqlalchemy.orm import Session, sessionmaker

from crawler.extensions.crawl_runs import CrawlRunsExtension, crawl_state
from crawler.items import PressRelease
from crawler.spiders.prnewswire import PrnewswireSpider
from storage import migrate
from storage.session import make_engine, make_session_factory

WATCHES = [
    {"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"},
    {"name": "biotech", "kind": "category", "path": "/news-releases/b-list/", "include": ["iPSC"]},
    {"name": "gnw-peers", "source": "globenewswire", "kind": "rss", "path": "/RssFeed/x"},
]
NOW = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)
MakeCrawler = Callable[..., Crawler]


@pytest.fixture
def sessions(sqlite_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine, sqlite_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def make_crawler(sqlite_url: str, sessions: sessionmaker[Session]) -> Iterator[MakeCrawler]:
    made: list[Crawler] = []

    def make(spidercls: type[Any] = PrnewswireSpider, **settings: Any) -> Crawler:
        values = {
            "WIREWATCH_DATABASE_URL": sqlite_url,
            "WIREWATCH_WATCHES": WATCHES,
            "WIREWATCH_BASE_URL": "https://www.prnewswire.com",
            "EXTENSIONS": {"crawler.extensions.crawl_runs.CrawlRunsExtension": 500},
            **settings,
        }
        crawler = get_crawler(spidercls, values)
        crawl_state(crawler).spider_opened(None)  # as the engine does when the crawl opens
        made.append(crawler)
        return crawler

    yield make
    for crawler in made:
        crawl_state(crawler).known.close()


def state(crawler: Crawler) -> CrawlRunsExtension:
    return crawl_state(crawler)


def release(release_id: str = "302427583", **fields: Any) -> PressRelease:
    values: dict[str, Any] = {
        "release_id": release_id,
        "url": f"https://www.prnewswire.com/news-releases/x-{release_id}.html",
        "title": "XellSmart receives FDA IND clearance for XS-411",
        "subtitles": [],
        "published_at": NOW,
        "company": "XellSmart Biopharmaceutical (Suzhou) Co., Ltd.",
        "company_slug": "xellsmart",
        "company_url": None,
        "dateline_city": "SUZHOU, China",
        "body": (
            "SUZHOU, China, Oct. 5, 2026 /PRNewswire/ -- XellSmart today announced that the "
            "U.S. FDA has cleared its IND for XS-411, an iPSC-derived dopaminergic cell therapy "
            "for Parkinson's disease.\n\nAbout XellSmart\n\nXellSmart develops iPSC therapies."
        ),
        "watch": "xellsmart",
    }
    values.update(fields)
    item = PressRelease(**values)
    item.watches = set(fields.get("watches", {item.watch}))
    return item
