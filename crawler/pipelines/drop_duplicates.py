"""DropDuplicatesPipeline: one item per release id and URL per run; re-issues marked.

A release re-issued under a new id and headline (its exact news text, or ≥ 85 % of it shared
with a release of the same company published within 45 days: see `crawler.reissues`) is kept
and stored, with `duplicate_of` naming the first release, so that storage and the alerts can
tell it is not news.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline
from crawler.reissues import Originals


class DropDuplicatesPipeline(CrawlerPipeline):
    """Drops repeats within the run; marks re-issues against stored and in-run releases."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.ids: set[str] = set()
        self.urls: set[str] = set()
        self._originals: Originals | None = None

    @property
    def originals(self) -> Originals:
        if self._originals is None:
            spider = self.spider
            span = None
            if spider.mode == "backfill":
                start = spider.since or datetime.min.replace(tzinfo=UTC)
                span = (start, spider.until or datetime.now(UTC))
            self._originals = Originals(spider.known.session_factory, span)
        return self._originals

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        if item.release_id in self.ids or item.url in self.urls:
            self.stats.inc_value("monitor/drop_duplicates/dropped")
            raise DropItem(f"release {item.release_id} already seen in this crawl")
        self.ids.add(item.release_id)
        self.urls.add(item.url)
        original = self.originals.original_of(item)
        if original is not None:
            item.duplicate_of = original
            self.stats.inc_value("monitor/drop_duplicates/reissue")
            self.spider.health[item.watch or ""].counts.duplicates += 1
        return item
