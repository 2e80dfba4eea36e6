"""DropDuplicatesPipeline: one item per release id and URL per run; re-issues marked.

A release re-issued under a new id and headline (≥ 85 % of its news text shared with a release
of the same company published within 45 days) is kept and stored, with `duplicate_of` naming
the first release, so that storage and the alerts can tell it is not news.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.fingerprint import OVERLAP_THRESHOLD, is_reissue, shingles
from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline
from storage import releases

CACHE_SIZE = 4096


class DropDuplicatesPipeline(CrawlerPipeline):
    """Drops repeats within the run; marks re-issues against stored and in-run releases."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.ids: set[str] = set()
        self.urls: set[str] = set()
        self.by_fingerprint: dict[str, str] = {}
        # Shingles of releases already compared, by release id: a backfill compares each
        # release with its company's neighbours, which are mostly the same few releases.
        self.shingle_cache: OrderedDict[str, set[int]] = OrderedDict()
        # This run's originals per company: they may not be stored yet (batched writes).
        self.run_originals: dict[str, list[tuple[str, set[int]]]] = {}

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        if item.release_id in self.ids or item.url in self.urls:
            self.stats.inc_value("monitor/drop_duplicates/dropped")
            raise DropItem(f"release {item.release_id} already seen in this crawl")
        self.ids.add(item.release_id)
        self.urls.add(item.url)
        original = self._original_of(item)
        if original is not None:
            item.duplicate_of = original
            self.stats.inc_value("monitor/drop_duplicates/reissue")
            self.spider.health[item.watch or ""].counts.duplicates += 1
        return item

    def _original_of(self, item: PressRelease) -> str | None:
        assert item.fingerprint is not None
        if item.fingerprint in self.by_fingerprint:
            return self.by_fingerprint[item.fingerprint]
        mine = self._remember(item.release_id, item.body)
        with self.spider.known.session_factory() as session:
            exact = releases.original_by_fingerprint(session, item.fingerprint)
            candidates = (
                []
                if exact is not None
                else releases.near_duplicate_candidates(
                    session, item.company_slug, item.company, item.published_at
                )
            )
        original = exact if exact != item.release_id else None
        company = item.company_slug or item.company or ""
        in_run = self.run_originals.setdefault(company, [])
        if original is None:
            original = self._similar(item.release_id, mine, in_run, candidates)
        if original is None:
            in_run.append((item.release_id, mine))
        self.by_fingerprint.setdefault(item.fingerprint, original or item.release_id)
        return original

    def _similar(
        self,
        release_id: str,
        mine: set[int],
        in_run: list[tuple[str, set[int]]],
        stored: list[tuple[str, str]],
    ) -> str | None:
        compared: set[str] = set()
        for candidate_id, theirs in in_run:
            compared.add(candidate_id)
            if self._close(mine, theirs):
                return candidate_id
        for candidate_id, body in stored:
            if candidate_id == release_id or candidate_id in compared:
                continue
            theirs = self.shingle_cache.get(candidate_id) or self._remember(candidate_id, body)
            if self._close(mine, theirs):
                return candidate_id
        return None

    @staticmethod
    def _close(mine: set[int], theirs: set[int]) -> bool:
        # Jaccard >= t needs the smaller set to be >= t of the larger one: a cheap filter.
        small, large = sorted((len(mine), len(theirs)))
        if large and small / large < OVERLAP_THRESHOLD:
            return False
        return is_reissue(mine, theirs)

    def _remember(self, release_id: str, body: str) -> set[int]:
        value = shingles(body)
        self.shingle_cache[release_id] = value
        if len(self.shingle_cache) > CACHE_SIZE:
            self.shingle_cache.popitem(last=False)
        return value
