"""DropDuplicatesPipeline: one item per release id and URL per run; re-issues marked.

A release re-issued under a new id and headline (≥ 85 % of its text shared with a release of
the same company) is kept and stored, with `duplicate_of` naming the first release, so that
storage and the alerts can tell it is not news.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.fingerprint import is_reissue, shingles
from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline
from storage import releases


class DropDuplicatesPipeline(CrawlerPipeline):
    """Drops repeats within the run; marks re-issues against stored and in-run releases."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.ids: set[str] = set()
        self.urls: set[str] = set()
        # (release_id, company key, shingles, original release id) of this run's releases
        self.recent: list[tuple[str, str, set[int], str | None]] = []
        self.by_fingerprint: dict[str, str] = {}

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        stats = self.stats
        if item.release_id in self.ids or item.url in self.urls:
            stats.inc_value("monitor/drop_duplicates/dropped")
            raise DropItem(f"release {item.release_id} already seen in this crawl")
        self.ids.add(item.release_id)
        self.urls.add(item.url)
        original = self._original_of(item)
        if original is not None:
            item.duplicate_of = original
            stats.inc_value("monitor/drop_duplicates/reissue")
            self.spider.health[item.watch or ""].counts.duplicates += 1
        return item

    def _original_of(self, item: PressRelease) -> str | None:
        assert item.fingerprint is not None
        if item.fingerprint in self.by_fingerprint:
            return self.by_fingerprint[item.fingerprint]
        company = item.company_slug or item.company or ""
        mine = shingles(item.body)
        for release_id, other_company, theirs, their_original in self.recent:
            if other_company == company and is_reissue(mine, theirs):
                return their_original or release_id
        original = self._stored_original(item, mine)
        self.by_fingerprint.setdefault(item.fingerprint, original or item.release_id)
        self.recent.append((item.release_id, company, mine, original))
        return original

    def _stored_original(self, item: PressRelease, mine: set[int]) -> str | None:
        known = self.spider.known
        assert item.fingerprint is not None
        with known.session_factory() as session:
            exact = releases.original_by_fingerprint(session, item.fingerprint)
            if exact is not None and exact != item.release_id:
                return exact
            candidates = releases.near_duplicate_candidates(
                session, item.company_slug, item.company, item.published_at
            )
        for release_id, body in candidates:
            if release_id != item.release_id and is_reissue(mine, shingles(body)):
                return release_id
        return None
