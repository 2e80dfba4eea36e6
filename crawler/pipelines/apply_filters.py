"""ApplyFiltersPipeline: category and RSS watches keep only releases matching their terms."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline


class ApplyFiltersPipeline(CrawlerPipeline):
    """Drops a release no claiming watch keeps, and remembers the id as filtered."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        spider = self.spider
        stats = self.stats
        watches = {w.name: w for w in spider.watches}
        assert item.watch is not None, "the spider sets the watch of every release"
        claimants = spider.watches_claiming(item.release_id) or {item.watch}
        texts = [item.title, *item.subtitles, item.body]
        keepers: list[tuple[str, str | None]] = []
        rejected: list[tuple[str, str | None]] = []
        for name in sorted(claimants):
            keep, why = watches[name].keeps(texts)
            (keepers if keep else rejected).append((name, why))
        for name, why in rejected:
            spider.known.mark_many(name, [(item.release_id, item.url)], "filtered", why)
            spider.health[name].counts.filtered += 1
            stats.inc_value("monitor/apply_filters/filtered")
        if not keepers:
            raise DropItem(f"release {item.release_id} matches no watch's filters")
        item.watch = keepers[0][0]
        spider.claimed[item.release_id] = {name for name, _ in keepers}
        return item
