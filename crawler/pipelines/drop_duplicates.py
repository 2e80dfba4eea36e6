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
from crawler.watches import aware


class DropDuplicatesPipeline(CrawlerPipeline):
    """Drops repeats within the run; marks re-issues against stored and in-run releases."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.ids: set[str] = set()
        self.urls: set[str] = set()
        self._originals: Originals | None = None
        settings = crawler.settings
        self.span: tuple[datetime, datetime] | None = None
        if settings.get("WIREWATCH_MODE", "incremental") == "backfill":
            since = aware(settings.get("WIREWATCH_SINCE"))
            until = aware(settings.get("WIREWATCH_UNTIL"))
            self.span = (since or datetime.min.replace(tzinfo=UTC), until or datetime.now(UTC))

    @property
    def originals(self) -> Originals:
        if self._originals is None:
            self._originals = Originals(self.state.known.session_factory, self.span)
        return self._originals

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        if item.release_id in self.ids or item.url in self.urls:
            self.count(item, "dropped")
            raise DropItem(f"release {item.release_id} already seen in this crawl")
        self.ids.add(item.release_id)
        self.urls.add(item.url)
        original = self.originals.original_of(item)
        if original is not None:
            item.duplicate_of = original
            self.count(item, "duplicates")
        return item
