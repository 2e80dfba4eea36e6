"""What the database already knows, as the spider asks it: short transactions, no SQL here."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ListingEntry
from storage import crawl_runs, releases, seen_links
from storage.session import make_engine, make_session_factory


class KnownReleases:
    """Seen/stored lookups and marks for the spider and pipelines of one crawl process."""

    def __init__(self, engine: Engine, source: str = "prnewswire") -> None:
        self.engine = engine
        self.source = source  # the crawl's source: its links are marked as that source's
        self.session_factory: sessionmaker[Session] = make_session_factory(engine)
        self._history: dict[str, bool] = {}

    @classmethod
    def from_settings(cls, settings: Any, source: str = "prnewswire") -> KnownReleases:
        return cls(make_engine(settings.get("WIREWATCH_DATABASE_URL")), source)

    def close(self) -> None:
        self.engine.dispose()

    def watch_has_history(self, watch: str) -> bool:
        """Asked once per run, before this run stores anything for the watch."""
        if watch not in self._history:
            with self.session_factory() as session:
                self._history[watch] = seen_links.watch_has_history(session, watch)
        return self._history[watch]

    def settled(self, watch: str, release_ids: Iterable[str]) -> set[str]:
        self.watch_has_history(watch)
        with self.session_factory() as session:
            return seen_links.settled_ids(session, watch, release_ids, datetime.now(UTC))

    def listed_through(self, watch: str) -> datetime | None:
        """How far down its listing the watch has seen everything (see `_should_page`)."""
        with self.session_factory() as session:
            mark = crawl_runs.listed_through(session, watch)
            return mark if mark is not None else seen_links.history_start(session, watch)

    def retry_due(self, watch: str, limit: int) -> list[tuple[str, str]]:
        with self.session_factory() as session:
            return seen_links.retry_due(session, watch, datetime.now(UTC), limit)

    def mark_pending(self, watch: str, links: list[tuple[str, str]]) -> None:
        if not links:
            return
        self.watch_has_history(watch)
        with self.session_factory.begin() as session:
            seen_links.mark_pending(session, watch, links, datetime.now(UTC), self.source)

    def stored(self, source: str, release_ids: Iterable[str]) -> set[str]:
        """The subset of `release_ids` of `source` stored by any watch."""
        with self.session_factory() as session:
            return releases.known_release_ids(session, source, release_ids)

    def mark(
        self, watch: str, entry: ListingEntry, outcome: str, reason: str | None = None
    ) -> None:
        self.mark_many(watch, [(entry.release_id, entry.url)], outcome, reason)

    def mark_many(
        self,
        watch: str,
        links: list[tuple[str, str]],
        outcome: str,
        reason: str | None = None,
        session: Session | None = None,
    ) -> None:
        self.watch_has_history(watch)
        now = datetime.now(UTC)
        if session is not None:
            seen_links.mark_seen(session, watch, links, outcome, now, reason, self.source)
            return
        with self.session_factory.begin() as own:
            seen_links.mark_seen(own, watch, links, outcome, now, reason, self.source)

    def save_backfill_cursor(
        self, watch: str, page: int, mode: str, window: str, *, finished: bool = False
    ) -> None:
        """Remember how far a backfill of `window` got so an interrupted one resumes there."""
        if mode != "backfill":
            return
        with self.session_factory.begin() as session:
            state = crawl_runs.watch_state(session, watch, kind="")
            cursor = {"window": window, "page": page, "finished": finished}
            state.backfill_cursor = json.dumps(cursor)
