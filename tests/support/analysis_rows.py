"""Releases for analysis tests: the loopback replica's generated biotech releases (SYNTHETIC
text: many companies, repeated products and milestone types) as stored rows, plus copies
re-issued a day later (repeats) and copies naming another indication for the same product
(conflicts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from replica.generator import generate
from replica.model import Release as ReplicaRelease
from storage.models import MilestoneEvent, Release

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def release_row(
    release: ReplicaRelease, release_id: str, published: datetime, body: str
) -> dict[str, Any]:
    return {
        "release_id": release_id,
        "url": f"https://www.prnewswire.com/news-releases/x-{release_id}.html",
        "title": release.title,
        "subtitles": list(release.subtitles),
        "published_at": published,
        "company": release.company.name,
        "company_slug": release.company.slug,
        "company_url": None,
        "dateline_city": release.dateline_city,
        "body": body,
        "tickers": [],
        "tags": [],
        "also_from_source": [],
        "watch": "health",
        "fingerprint": release_id,
        "template": "2025",
        "parser_version": "t",
        "fetched_at": published,
    }


def replica_rows(count: int = 240, seed: int = 3, now: datetime = NOW) -> list[dict[str, Any]]:
    """The replica's releases, newest last, moved so the newest is a day old; every 7th
    re-issued a day later under a new id; every 11th with a product's indication swapped."""
    made = generate(count, seed=seed)
    shift = now - timedelta(days=1) - made[-1].published
    rows: list[dict[str, Any]] = []
    for index, release in enumerate(made):
        published = release.published + shift
        body = "\n\n".join(
            [f"{release.dateline_city}, {release.dateline_date} /PRNewswire/ -- {release.lead}"]
            + [p for p in release.paragraphs if not p.startswith("## ")]
        )
        rows.append(release_row(release, release.release_id, published, body))
        if index % 7 == 3:
            rows.append(
                release_row(release, f"9{release.release_id}", published + timedelta(days=1), body)
            )
        products = release.company.products
        if index % 11 == 5 and len(products) >= 2 and products[0].indication in body:
            swapped = body.replace(products[0].indication, products[1].indication)
            later = published + timedelta(hours=5)
            rows.append(release_row(release, f"8{release.release_id}", later, swapped))
    rows.sort(key=lambda r: r["published_at"])
    return rows


def stored_events(factory: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    """Every stored event as comparable values (its release and its repeat by release id)."""
    with factory() as session:
        ids = dict(
            session.execute(
                select(MilestoneEvent.id, Release.release_id).join(
                    Release, Release.id == MilestoneEvent.release_pk
                )
            ).all()
        )
        types = dict(session.execute(select(MilestoneEvent.id, MilestoneEvent.type)).all())
        events = session.scalars(select(MilestoneEvent)).all()
        return sorted(
            (
                ids[e.id],
                e.type,
                e.agency_key,
                e.product_key,
                e.indication,
                e.novelty,
                e.status,
                e.event_key,
                e.baseline,
                e.alertable,
                e.superseded,
                e.conflict,
                (ids[e.repeat_of], types[e.repeat_of]) if e.repeat_of else None,
            )
            for e in events
        )
