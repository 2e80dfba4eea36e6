"""ApplyFiltersPipeline: category and RSS watches keep only releases matching their terms."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline


class ApplyFiltersPipeline(CrawlerPipeline):
    """Drops a release no claiming watch keeps, and remembers the id as filtered for each
    watch that rejects it (counter `wirewatch/<watch>/filtered`)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.watches = {w.name: w for w in self.state.watches}

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        assert item.watch is not None, "the spider sets the watch of every release"
        texts = [item.title, *item.subtitles, item.body]
        keepers: list[str] = []
        for name in sorted(self.claimants(item)):
            keep, why = self.watches[name].keeps(texts)
            if keep:
                keepers.append(name)
                continue
            self.state.known.mark_many(name, [(item.release_id, item.url)], "filtered", why)
            self.state.health[name].count("filtered")
        if not keepers:
            raise DropItem(f"release {item.release_id} matches no watch's filters")
        item.watch = keepers[0]
        # In place: the spider adds later claimants to this same set.
        item.watches.intersection_update(keepers)
        item.watches.update(keepers)
        return item
