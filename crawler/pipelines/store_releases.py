"""StoreReleasesPipeline: batched inserts; RETURNING tells which releases are new."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy.exc import OperationalError

from crawler.failures import database_reason
from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline
from storage import releases

logger = logging.getLogger(__name__)

_COLUMNS = (
    "source", "release_id", "url", "title", "subtitles", "published_at", "company", "company_slug",
    "company_url", "dateline_city", "body", "tickers", "tags", "also_from_source", "watch",
    "fingerprint", "template", "parser_version",
)  # fmt: skip


class StoreReleasesPipeline(CrawlerPipeline):
    """Buffers releases and writes them in short transactions of `WIREWATCH_STORE_BATCH`.

    A batch is marked seen for every watch that listed it in the same transaction, so a failed
    write leaves nothing marked and the next crawl fetches those releases again.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batch_size = crawler.settings.getint("WIREWATCH_STORE_BATCH", 50)
        self.pending: list[PressRelease] = []

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        self.pending.append(item)
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self) -> None:
        self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        try:
            new = self._write(batch, datetime.now(UTC))
        except OperationalError as exc:  # locked, read-only, disk full, server gone
            # Nothing of the batch is stored or marked stored: its releases stay pending and
            # the next crawl fetches them again.
            logger.exception("storing %d release(s) failed", len(batch))
            self.state.database_failed(exc)
            return
        except Exception as exc:
            # Also from the final flush at close, where Scrapy would only log it: the run
            # must not be reported healthy with a batch it did not store.
            logger.exception("storing %d release(s) failed", len(batch))
            reason = database_reason(exc)
            for release in batch:
                self.state.health[release.watch or ""].problem(
                    "failed", f"database error storing {release.release_id}: {reason}"
                )
            return
        for release in batch:
            self.count(release, "new_items" if release.release_id in new else "seen_items")

    def _write(self, batch: list[PressRelease], now: datetime) -> dict[str, int]:
        known = self.state.known
        with known.session_factory.begin() as session:
            originals = [r for r in batch if r.duplicate_of is None]
            copies = [r for r in batch if r.duplicate_of is not None]
            new = releases.insert_releases(session, [_row(r, now) for r in originals])
            if copies:
                pks = releases.pks_of(session, {r.duplicate_of for r in copies if r.duplicate_of})
                rows = [
                    _row(r, now, pks.get(r.duplicate_of)) if r.duplicate_of else _row(r, now)
                    for r in copies
                ]
                new |= releases.insert_releases(session, rows)
            by_watch: dict[str, list[tuple[str, str]]] = {}
            for release in batch:
                for watch in self.claimants(release):
                    by_watch.setdefault(watch, []).append((release.release_id, release.url))
            for watch, links in by_watch.items():
                known.mark_many(watch, links, "stored", session=session)
        return new


def _row(release: PressRelease, now: datetime, duplicate_pk: int | None = None) -> dict[str, Any]:
    row = {column: getattr(release, column) for column in _COLUMNS}  # asdict deep-copies
    row["fetched_at"] = now
    row["duplicate_of"] = duplicate_pk
    return row
