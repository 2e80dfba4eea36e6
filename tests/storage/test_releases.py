"""Release storage on SQLite and PostgreSQL: upserts that say what is new, UTC round trips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import releases, seen_links
from storage.models import Release, SeenLink
from tests.support.releases import release_row

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def row(release_id: str, **extra: Any) -> dict[str, Any]:
    return release_row(release_id, NOW, **extra)


def test_insert_returns_only_the_new_releases(session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as session:
        first = releases.insert_releases(session, [row("300000001"), row("300000002")])
    with session_factory.begin() as session:
        second = releases.insert_releases(session, [row("300000002"), row("300000003")])
    assert set(first) == {"300000001", "300000002"}
    assert set(second) == {"300000003"}


def test_a_batch_repeating_a_key_is_folded_before_insert(
    session_factory: sessionmaker[Session],
) -> None:
    # PostgreSQL raises CardinalityViolation on a repeated key in one statement.
    with session_factory.begin() as session:
        new = releases.insert_releases(session, [row("300000001"), row("300000001")])
    assert list(new) == ["300000001"]


def test_published_at_reads_back_as_the_same_utc_instant(
    session_factory: sessionmaker[Session],
) -> None:
    eastern = datetime(2025, 4, 15, 9, 10, tzinfo=timezone(timedelta(hours=-4)))
    with session_factory.begin() as session:
        releases.insert_releases(session, [row("302427583", published_at=eastern)])
    with session_factory() as session:
        stored = session.scalars(select(Release)).one()
        in_range = session.scalars(
            select(Release).where(
                Release.published_at.between(
                    datetime(2025, 4, 15, 13, 9, tzinfo=UTC),
                    datetime(2025, 4, 15, 13, 11, tzinfo=UTC),
                )
            )
        ).all()
    assert stored.published_at == datetime(2025, 4, 15, 13, 10, tzinfo=UTC)
    assert stored.published_at is not None and stored.published_at.tzinfo is not None
    assert len(in_range) == 1


def test_naive_datetimes_are_refused(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(Exception, match="naive datetime refused"), session_factory.begin() as s:
        releases.insert_releases(s, [row("1", published_at=datetime(2025, 1, 1))])  # noqa: DTZ001


def test_lists_round_trip_as_json(session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as session:
        releases.insert_releases(
            session, [row("1", subtitles=["Über", "二"], tickers=["NASDAQ:XS"], tags=["Biotech"])]
        )
    with session_factory() as session:
        stored = session.scalars(select(Release)).one()
    assert stored.subtitles == ["Über", "二"]
    assert stored.tickers == ["NASDAQ:XS"]


def test_a_watch_remembers_what_it_settled_and_retries_failures(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        assert not seen_links.watch_has_history(session, "bio")
        seen_links.mark_seen(session, "bio", [("1", "u1"), ("2", "u2")], "stored", NOW)
        seen_links.mark_seen(session, "bio", [("3", "u3")], "filtered", NOW, "no include term")
        seen_links.mark_seen(session, "bio", [("4", "u4")], "failed", NOW, "HTTP 503")
    with session_factory.begin() as session:
        assert seen_links.watch_has_history(session, "bio")
        ids = ["1", "2", "3", "4", "5"]
        assert seen_links.settled_ids(session, "bio", ids, NOW) == {"1", "2", "3"}
        assert seen_links.settled_ids(session, "other", ["1"], NOW) == set()
        seen_links.mark_seen(session, "bio", [("4", "u4")], "stored", NOW)
    with session_factory() as session:
        assert seen_links.settled_ids(session, "bio", ["4"], NOW) == {"4"}


def test_pending_links_are_retried_and_never_overwrite_a_known_outcome(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        seen_links.mark_seen(session, "bio", [("1", "u1")], "stored", NOW)
        seen_links.mark_seen(session, "bio", [("2", "u2")], "failed", NOW, "HTTP 503")
        seen_links.mark_pending(session, "bio", [("1", "u1"), ("2", "u2"), ("3", "u3")], NOW)
    with session_factory() as session:
        assert seen_links.settled_ids(session, "bio", ["1", "2", "3"], NOW) == {"1"}
        due = seen_links.retry_due(session, "bio", NOW, limit=10)
        assert sorted(due) == [("2", "u2"), ("3", "u3")]
        assert seen_links.retry_due(session, "bio", NOW, limit=1) == [("2", "u2")]
        outcomes = dict(session.execute(select(SeenLink.release_id, SeenLink.outcome)).all())
    assert outcomes == {"1": "stored", "2": "failed", "3": "pending"}


def test_a_link_that_failed_ten_times_over_three_days_is_given_up(
    session_factory: sessionmaker[Session],
) -> None:
    first = NOW - seen_links.GIVE_UP_AGE - timedelta(hours=1)
    with session_factory.begin() as session:
        seen_links.mark_seen(session, "bio", [("9", "u9")], "failed", first, "HTTP 404")
        for _ in range(seen_links.GIVE_UP_ATTEMPTS - 2):
            seen_links.mark_seen(session, "bio", [("9", "u9")], "failed", NOW, "HTTP 404")
    with session_factory() as session:
        assert seen_links.settled_ids(session, "bio", ["9"], NOW) == set()  # 9 attempts
    with session_factory.begin() as session:
        seen_links.mark_seen(session, "bio", [("9", "u9")], "failed", NOW, "HTTP 404")
    with session_factory() as session:
        assert seen_links.settled_ids(session, "bio", ["9"], NOW) == {"9"}
        assert seen_links.retry_due(session, "bio", NOW, limit=10) == []
        # Ten failures within an hour (a site outage) give nothing up.
        assert seen_links.settled_ids(session, "bio", ["9"], first + timedelta(hours=1)) == set()


def test_reissue_candidates_are_only_originals(session_factory: sessionmaker[Session]) -> None:
    window = timedelta(days=45)
    with session_factory.begin() as session:
        pks = releases.insert_releases(session, [row("1", fingerprint="same")])
        releases.insert_releases(session, [row("2", fingerprint="same", duplicate_of=pks["1"])])
    with session_factory() as session:
        # The re-issue is never a candidate: only originals are.
        assert releases.original_with_fingerprint(session, "same") == ("prnewswire", "1")
        assert releases.original_with_fingerprint(session, "other") is None
        published = row("1")["published_at"]
        near = releases.originals_of_company_near(
            session, row("1")["company_slug"], by_slug=True, around=published, window=window
        )
        assert [r[0] for r in near] == [("prnewswire", "1")]
        far = releases.originals_of_company_near(
            session, row("1")["company_slug"], by_slug=True,
            around=published + 2 * window, window=window,
        )  # fmt: skip
        assert far == []
        spanned = releases.originals_published_between(
            session, published - window, published + window
        )
        assert [r[0] for r in spanned] == [("prnewswire", "1")]


def test_the_count_to_analyse_is_what_analysis_will_be_handed(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        releases.insert_releases(session, [row(str(i)) for i in range(1, 6)])
        analysed = session.scalars(select(Release).where(Release.release_id.in_(["1", "2"])))
        for release in analysed:
            release.analysed_version = "rules-1"
        session.scalars(
            select(Release).where(Release.release_id == "3")
        ).one().analysed_version = "rules-0"
    with session_factory() as session:
        pending = releases.releases_to_analyse(session, "rules-1")
        assert releases.count_to_analyse(session, "rules-1") == len(pending) == 3
        assert releases.count_to_analyse(session, "rules-1", everything=True) == 5
