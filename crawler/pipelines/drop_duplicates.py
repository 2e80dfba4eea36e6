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
        company = item.company_slug or item.company or ""
        in_run = self.run_originals.setdefault(company, [])
        original = self._similar(item, mine, in_run)
        if original is None:
            in_run.append((item.release_id, mine))
        self.by_fingerprint.setdefault(item.fingerprint, original or item.release_id)
        return original

    def _similar(
        self, item: PressRelease, mine: set[int], in_run: list[tuple[str, set[int]]]
    ) -> str | None:
        """An exact copy first, then the first close enough this run or in storage."""
        assert item.fingerprint is not None
        with self.spider.known.session_factory() as session:
            candidates = releases.dedupe_candidates(
                session, item.fingerprint, item.company_slug, item.company, item.published_at
            )
            for candidate_id, fingerprint in candidates:
                if fingerprint == item.fingerprint and candidate_id != item.release_id:
                    return candidate_id
            compared = {candidate_id for candidate_id, _ in in_run}
            for candidate_id, theirs in in_run:
                if self._close(mine, theirs):
                    return candidate_id
            # Bodies are read only for candidates whose shingles this run has not computed.
            wanted = [
                c for c, _ in candidates
                if c != item.release_id and c not in compared and c not in self.shingle_cache
            ]  # fmt: skip
            bodies = releases.bodies_of(session, wanted)
        for candidate_id, _ in candidates:
            if candidate_id == item.release_id or candidate_id in compared:
                continue
            cached = self.shingle_cache.get(candidate_id)
            theirs = (
                cached
                if cached is not None
                else self._remember(candidate_id, bodies.get(candidate_id, ""))
            )
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
