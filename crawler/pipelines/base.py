"""What every wirewatch pipeline receives in `from_crawler`: the stats and the crawl state.

No pipeline reads the spider: the release item carries its source and the watches that claimed
it, the crawl's per-watch health and the known-releases store belong to `CrawlRunsExtension`
(`crawl_state`), and counters go to `crawler.stats` under `wirewatch/<watch>/<counter>`.
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.extensions.crawl_runs import CrawlRunsExtension, crawl_state
from crawler.items import PressRelease


class CrawlerPipeline:
    def __init__(self, crawler: Crawler) -> None:
        stats = crawler.stats
        assert stats is not None
        self.stats: StatsCollector = stats
        self.state: CrawlRunsExtension = crawl_state(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def count(self, release: PressRelease, counter: str, by: int = 1) -> None:
        """Bump a counter of the release's (first) watch."""
        self.stats.inc_value(f"wirewatch/{release.watch or '-'}/{counter}", by)

    def claimants(self, release: PressRelease) -> set[str]:
        return release.watches or ({release.watch} if release.watch else set())
