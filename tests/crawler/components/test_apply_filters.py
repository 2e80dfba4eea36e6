"""ApplyFiltersPipeline on its own."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.pipelines.apply_filters import ApplyFiltersPipeline
from storage.models import SeenLink
from tests.crawler.components.conftest import MakeCrawler, release


def test_a_release_kept_by_one_claimant_is_filtered_for_the_other(
    make_crawler: MakeCrawler, sessions: sessionmaker[Session]
) -> None:
    crawler = make_crawler()
    item = release(body="No match here.", watch="biotech", watches={"biotech", "xellsmart"})
    claimants = item.watches
    kept = ApplyFiltersPipeline.from_crawler(crawler).process_item(item)
    assert kept.watch == "xellsmart"
    assert kept.watches == {"xellsmart"} and kept.watches is claimants  # the spider's own set
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/biotech/filtered") == 1
    with sessions() as session:
        links = session.scalars(select(SeenLink)).all()
    assert [(l.watch, l.release_id, l.outcome, l.reason) for l in links] == [
        ("biotech", "302427583", "filtered", "no include term")
    ]


def test_a_release_no_claimant_keeps_is_dropped(make_crawler: MakeCrawler) -> None:
    pipeline = ApplyFiltersPipeline.from_crawler(make_crawler())
    with pytest.raises(DropItem):
        pipeline.process_item(release(body="Nothing.", title="Nothing", watch="biotech"))


def test_a_matching_release_keeps_every_claimant(make_crawler: MakeCrawler) -> None:
    item = release(watch="biotech", watches={"biotech", "xellsmart"})
    kept = ApplyFiltersPipeline.from_crawler(make_crawler()).process_item(item)
    assert kept.watch == "biotech" and kept.watches == {"biotech", "xellsmart"}
