"""StoreReleasesPipeline on its own."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.pipelines.normalize import NormalizePipeline
from crawler.pipelines.store_releases import StoreReleasesPipeline
from storage.models import Release, SeenLink
from tests.crawler.components.conftest import MakeCrawler, release


def test_a_flush_stores_new_releases_and_marks_them_seen_for_every_claimant(
    make_crawler: MakeCrawler, sessions: sessionmaker[Session]
) -> None:
    crawler = make_crawler(WIREWATCH_STORE_BATCH=10)
    pipeline = StoreReleasesPipeline.from_crawler(crawler)
    item = NormalizePipeline.from_crawler(crawler).process_item(
        release(watches={"xellsmart", "biotech"})
    )
    pipeline.process_item(item)
    with sessions() as session:
        assert session.scalars(select(Release)).all() == []  # buffered until the batch is due
    pipeline.close_spider()
    pipeline.process_item(item)
    pipeline.close_spider()
    with sessions() as session:
        stored = session.scalars(select(Release)).all()
        links = session.scalars(select(SeenLink).order_by(SeenLink.watch)).all()
    assert [(r.source, r.release_id) for r in stored] == [("prnewswire", "302427583")]
    assert [(l.watch, l.source, l.outcome) for l in links] == [
        ("biotech", "prnewswire", "stored"),
        ("xellsmart", "prnewswire", "stored"),
    ]
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/xellsmart/new_items") == 1
    assert crawler.stats.get_value("wirewatch/xellsmart/seen_items") == 1


def test_the_same_id_on_two_wires_is_two_releases(
    make_crawler: MakeCrawler, sessions: sessionmaker[Session]
) -> None:
    crawler = make_crawler()
    pipeline = StoreReleasesPipeline.from_crawler(crawler)
    pipeline.process_item(release("1234567"))
    other = release(
        "1234567",
        source="globenewswire",
        url="https://www.globenewswire.com/news-release/2026/10/05/1234567/0/en/x.html",
        body="Another announcement entirely.",
    )
    pipeline.process_item(other)
    pipeline.close_spider()
    with sessions() as session:
        stored = session.scalars(select(Release).order_by(Release.id)).all()
    assert [(r.source, r.release_id) for r in stored] == [
        ("prnewswire", "1234567"),
        ("globenewswire", "1234567"),
    ]
