"""Migration 9f3b2c7d1e60 on a database made at the previous head, with data in it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from storage import migrate, releases
from storage.models import Release, SeenLink
from storage.session import make_engine, make_session_factory
from tests.support.releases import release_row

PREVIOUS = "7c1e5a9d2b40"
WHEN = datetime(2026, 4, 15, 12, 0, tzinfo=UTC)
# Written with plain SQL: the models describe the new schema, not the old one.
OLD_RELEASE = text(
    "INSERT INTO release (release_id, url, title, subtitles, published_at, company, body,"
    " tickers, tags, also_from_source, fingerprint, template, parser_version, fetched_at)"
    " VALUES ('302427583', 'https://www.prnewswire.com/news-releases/x-302427583.html',"
    " 'XellSmart IND', '[]', :when, 'XellSmart', 'Body', '[]', '[]', '[]', 'fp', '2025',"
    " 'v', :when)"
)
OLD_LINK = text(
    "INSERT INTO seen_link (watch, release_id, url, outcome, first_seen_at, last_seen_at,"
    " attempts) VALUES ('xellsmart', '302427583', 'u', 'stored', :when, :when, 1)"
)


@pytest.fixture
def old_database(database_url: str) -> Iterator[tuple[Engine, str]]:
    engine = make_engine(database_url)
    migrate.upgrade(engine, database_url, PREVIOUS)
    with engine.begin() as connection:
        connection.execute(OLD_RELEASE, {"when": WHEN})
        connection.execute(OLD_LINK, {"when": WHEN})
    yield engine, database_url
    engine.dispose()


def test_existing_releases_and_links_become_pr_newswire_ones(
    old_database: tuple[Engine, str],
) -> None:
    engine, url = old_database
    migrate.upgrade(engine, url)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with make_session_factory(engine)() as session:
        stored = session.scalars(select(Release)).all()
        links = session.scalars(select(SeenLink)).all()
        assert [(r.source, r.release_id, r.title) for r in stored] == [
            ("prnewswire", "302427583", "XellSmart IND")
        ]
        assert [(l.source, l.watch, l.outcome) for l in links] == [
            ("prnewswire", "xellsmart", "stored")
        ]
        assert releases.known_release_ids(session, "prnewswire", ["302427583"]) == {"302427583"}
        assert releases.known_release_ids(session, "globenewswire", ["302427583"]) == set()


def test_after_the_upgrade_an_id_is_unique_per_source_only(
    old_database: tuple[Engine, str],
) -> None:
    engine, url = old_database
    migrate.upgrade(engine, url)
    sessions = make_session_factory(engine)
    other_wire = release_row(
        "302427583", WHEN, source="globenewswire", url="https://www.globenewswire.com/x"
    )
    with sessions.begin() as session:
        assert releases.insert_releases(session, [other_wire]) != {}
    same_wire = release_row("302427583", WHEN, url="https://www.prnewswire.com/other")
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(Release(**same_wire))


def test_the_downgrade_restores_the_previous_identity(old_database: tuple[Engine, str]) -> None:
    engine, url = old_database
    migrate.upgrade(engine, url)
    config = migrate.alembic_config(url)
    from alembic import command

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, PREVIOUS)
    assert migrate.current_revision(engine) == PREVIOUS
    with engine.connect() as connection:
        assert connection.execute(text("SELECT release_id FROM release")).scalars().all() == [
            "302427583"
        ]
