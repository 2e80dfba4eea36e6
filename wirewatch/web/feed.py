"""The Atom feed of alertable events, for `wirewatch feed` and `/feed.atom` (no web imports)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from alerts.feed import FeedEntry, FeedMeta, feed_id, render_atom
from storage import events as event_store
from wirewatch.config import Config
from wirewatch.web.filters import Query

FEED_LIMIT = 200


def atom_feed(
    session: Session, config: Config, query: Query, now: datetime, base_url: str | None = None
) -> bytes:
    """Newest alertable events first, at most FEED_LIMIT; links to the web view when served."""
    rows = event_store.find_events(
        session, query.event_filter(config, alertable_only=True, limit=FEED_LIMIT)
    )
    encoded = query.encoded()
    meta = FeedMeta(
        feed_id=feed_id(encoded),
        title="wirewatch: new regulatory milestones"
        + (f" ({_describe(query)})" if encoded else ""),
        subtitle="Milestones announced as new by their release: not baseline, not retracted.",
        self_url=f"{base_url}/feed.atom" + (f"?{encoded}" if encoded else "") if base_url else None,
        site_url=f"{base_url}/" + (f"?{encoded}" if encoded else "") if base_url else None,
        event_url=f"{base_url}/events/{{id}}" if base_url else None,
    )
    entries = [FeedEntry.from_rows(event, release, release.source) for event, release in rows]
    return render_atom(meta, entries, now)


def _describe(query: Query) -> str:
    parts = [
        f"{name} {value}"
        for name, value in (
            ("company", query.company), ("type", query.type), ("agency", query.agency),
            ("since", query.since), ("matching", query.q),
        )
        if value
    ]  # fmt: skip
    return ", ".join(parts)
