"""Functions on the `release` table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.models import Release
from storage.upsert import insert_new

T = TypeVar("T")
# (source, release_id): what names a release (ids of two wires may collide).
ReleaseKey = tuple[str, str]


def known_release_ids(session: Session, source: str, release_ids: Iterable[str]) -> set[str]:
    """The subset of `source`'s `release_ids` already stored (by any watch)."""
    ids = list(set(release_ids))
    if not ids:
        return set()
    stmt = select(Release.release_id).where(Release.source == source, Release.release_id.in_(ids))
    rows = session.scalars(stmt)
    return set(rows)


def insert_releases(session: Session, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert new releases, skip stored ones; return {release_id: primary key} of the new rows
    (a batch holds one source's releases: the ids are that source's)."""
    unique = list({(row.get("source"), row["release_id"]): row for row in rows}.values())
    table = Release.__table__
    assert isinstance(table, Table)
    return dict(insert_new(session, table, unique, ("release_id", "id")))


def original_with_fingerprint(session: Session, fingerprint: str) -> ReleaseKey | None:
    """The earliest original (not itself a re-issue) release with this news-text fingerprint,
    on any wire."""
    stmt = (
        select(Release.source, Release.release_id)
        .where(Release.duplicate_of.is_(None), Release.fingerprint == fingerprint)
        .order_by(Release.published_at, Release.id)
        .limit(1)
    )
    row = session.execute(stmt).first()
    return (row[0], row[1]) if row is not None else None


def original_fingerprints(session: Session) -> Iterator[tuple[str, ReleaseKey]]:
    """(fingerprint, key) of every original, earliest first: a backfill's exact-copy
    index (~150 bytes a release in memory, instead of one query per fetched release)."""
    stmt = (
        select(Release.fingerprint, Release.source, Release.release_id)
        .where(Release.duplicate_of.is_(None), Release.fingerprint.is_not(None))
        .order_by(Release.published_at, Release.id)
        .execution_options(yield_per=5000)
    )
    for fingerprint, source, release_id in session.execute(stmt):
        if fingerprint:
            yield fingerprint, (source, release_id)


OriginalRow = tuple[ReleaseKey, datetime | None, int]


def originals_of_company_near(
    session: Session,
    company: str,
    *,
    by_slug: bool,
    around: datetime | None,
    window: timedelta,
    limit: int = 400,
) -> list[OriginalRow]:
    """(key, published_at, pk) of a company's originals published within `window` of
    `around`, or undated (the latest `limit` of them all when `around` is unknown). By name,
    originals with a newsroom slug count too: the same company, its page's link missing."""
    column = Release.company_slug if by_slug else Release.company
    stmt = select(Release.source, Release.release_id, Release.published_at, Release.id).where(
        Release.duplicate_of.is_(None), column == company
    )
    if around is not None:
        low = around - window if around > datetime.min.replace(tzinfo=UTC) + window else around
        high = around + window if around < datetime.max.replace(tzinfo=UTC) - window else around
        stmt = stmt.where(
            Release.published_at.between(low, high)
            | Release.published_at.is_(None)  # an undated original cannot be placed: compare it
        )
    stmt = stmt.order_by(Release.published_at.desc()).limit(limit)
    return [((row[0], row[1]), row[2], row[3]) for row in session.execute(stmt)]


def originals_published_between(
    session: Session, start: datetime, end: datetime
) -> list[tuple[ReleaseKey, str | None, str | None, datetime | None, int]]:
    """(key, company_slug, company, published_at, pk) of every original published in
    [start, end] or undated: what a backfill of that window compares its releases with."""
    stmt = select(
        Release.source,
        Release.release_id,
        Release.company_slug,
        Release.company,
        Release.published_at,
        Release.id,
    ).where(
        Release.duplicate_of.is_(None),
        Release.published_at.between(start, end) | Release.published_at.is_(None),
    )
    return [((row[0], row[1]), row[2], row[3], row[4], row[5]) for row in session.execute(stmt)]


def bodies_of(session: Session, keys: Iterable[ReleaseKey]) -> dict[ReleaseKey, str]:
    return _by_key(session, Release.body, keys)


def pks_of(session: Session, keys: Iterable[ReleaseKey]) -> dict[ReleaseKey, int]:
    return _by_key(session, Release.id, keys)


def _by_key(
    session: Session, column: InstrumentedAttribute[T], keys: Iterable[ReleaseKey]
) -> dict[ReleaseKey, T]:
    """{(source, release_id): column value} of the stored releases among `keys`."""
    wanted = set(keys)
    if not wanted:
        return {}
    ids = {release_id for _, release_id in wanted}
    # IN on the id (indexed by the unique constraint), the source checked here: row-value IN
    # is not in every SQLite build.
    stmt = select(Release.source, Release.release_id, column).where(Release.release_id.in_(ids))
    return {
        (source, rid): value
        for source, rid, value in session.execute(stmt).all()
        if (source, rid) in wanted
    }


def count_to_analyse(session: Session, analyser_version: str, *, everything: bool = False) -> int:
    """How many releases `releases_to_analyse` will hand out, for a progress bar."""
    stmt = select(func.count()).select_from(Release)
    if not everything:
        stmt = stmt.where(_not_analysed_by(analyser_version))
    return session.scalar(stmt) or 0


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
        stmt = stmt.where(_not_analysed_by(analyser_version))
    return list(session.scalars(stmt))


def _not_analysed_by(analyser_version: str) -> ColumnElement[bool]:
    return Release.analysed_version.is_(None) | (Release.analysed_version != analyser_version)
