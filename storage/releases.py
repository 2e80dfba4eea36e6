"""Functions on the `release` table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
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


def original_by_fingerprint(session: Session, fingerprint: str) -> str | None:
    """The release id of the first original release with exactly this content fingerprint."""
    stmt = (
        select(Release.release_id)
        .where(Release.fingerprint == fingerprint, Release.duplicate_of.is_(None))
        .order_by(Release.published_at, Release.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def near_duplicate_candidates(
    session: Session,
    company_slug: str | None,
    company: str | None,
    around: datetime | None,
    window: timedelta = timedelta(days=45),
) -> list[tuple[str, str]]:
    """(release_id, body) of original releases from the same company published near `around`."""
    if not company_slug and not company:
        return []
    stmt = select(Release.release_id, Release.body).where(Release.duplicate_of.is_(None))
    if company_slug:
        stmt = stmt.where(Release.company_slug == company_slug)
    else:
        stmt = stmt.where(Release.company == company)
    if around is not None:
        stmt = stmt.where(Release.published_at.between(around - window, around + window))
    stmt = stmt.order_by(Release.published_at.desc()).limit(200)
    return [(release_id, body) for release_id, body in session.execute(stmt)]


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
