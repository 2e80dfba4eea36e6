"""What every wirewatch pipeline shares: the crawler, its `prnewswire` spider, its stats."""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.spiders.prnewswire import PrnewswireSpider


class CrawlerPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def spider(self) -> PrnewswireSpider:
        spider = self.crawler.spider
        assert isinstance(spider, PrnewswireSpider)
        return spider

    @property
    def stats(self) -> StatsCollector:
        stats = self.crawler.stats
        assert stats is not None
        return stats
