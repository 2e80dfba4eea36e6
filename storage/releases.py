"""Functions on the `release` table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from storage.models import Release
from storage.upsert import insert_new


def known_release_ids(session: Session, release_ids: Iterable[str]) -> set[str]:
    """The subset of `release_ids` already stored (by any watch)."""
    ids = list(set(release_ids))
    if not ids:
        return set()
    rows = session.scalars(select(Release.release_id).where(Release.release_id.in_(ids)))
    return set(rows)


def insert_releases(session: Session, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert new releases, skip stored ones; return {release_id: primary key} of the new rows."""
    unique = list({row["release_id"]: row for row in rows}.values())
    table = Release.__table__
    assert isinstance(table, Table)
    return dict(insert_new(session, table, unique, ("release_id", "id")))


def dedupe_candidates(
    session: Session,
    fingerprint: str,
    company_slug: str | None,
    company: str | None,
    around: datetime | None,
    window: timedelta = timedelta(days=45),
) -> list[tuple[str, str | None]]:
    """(release_id, fingerprint) of original releases that could be this one re-issued: the same
    fingerprint anywhere, or the same company published near `around`; the earliest first."""
    # Two indexed lookups (fingerprint; company + date): an OR of both would scan the table.
    columns = (Release.release_id, Release.fingerprint, Release.published_at, Release.id)
    exact = select(*columns).where(
        Release.duplicate_of.is_(None), Release.fingerprint == fingerprint
    )
    rows: dict[str, tuple[str, str | None, datetime | None, int]] = {
        row[0]: (row[0], row[1], row[2], row[3]) for row in session.execute(exact).all()
    }
    if company_slug or company:
        near = select(*columns).where(
            Release.duplicate_of.is_(None),
            Release.company_slug == company_slug if company_slug else Release.company == company,
        )
        if around is not None:
            near = near.where(Release.published_at.between(around - window, around + window))
        near = near.order_by(Release.published_at.desc()).limit(400)
        for row in session.execute(near).all():
            rows[row[0]] = (row[0], row[1], row[2], row[3])
    never = datetime.max.replace(tzinfo=UTC)
    ordered = sorted(rows.values(), key=lambda r: (r[2] or never, r[3]))
    return [(release_id, print_) for release_id, print_, _, _ in ordered]


def bodies_of(session: Session, release_ids: Iterable[str]) -> dict[str, str]:
    ids = list(set(release_ids))
    if not ids:
        return {}
    stmt = select(Release.release_id, Release.body).where(Release.release_id.in_(ids))
    return dict(session.execute(stmt).all())


def pks_of(session: Session, release_ids: Iterable[str]) -> dict[str, int]:
    ids = list(set(release_ids))
    if not ids:
        return {}
    stmt = select(Release.release_id, Release.id).where(Release.release_id.in_(ids))
    return dict(session.execute(stmt).all())


def count_releases(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Release)) or 0


def releases_to_analyse(
    session: Session,
    analyser_version: str,
    *,
    everything: bool = False,
    limit: int = 500,
    after_pk: int = 0,
) -> list[Release]:
    """Releases not yet analysed by `analyser_version` (or all of them), in pk order."""
    stmt = select(Release).where(Release.id > after_pk).order_by(Release.id).limit(limit)
    if not everything:
        stmt = stmt.where(
            (Release.analysed_version.is_(None)) | (Release.analysed_version != analyser_version)
        )
    return list(session.scalars(stmt))
