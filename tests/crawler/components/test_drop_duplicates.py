"""DropDuplicatesPipeline on its own."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy.orm import Session, sessionmaker

from crawler.pipelines.drop_duplicates import DropDuplicatesPipeline
from crawler.pipelines.normalize import NormalizePipeline
from storage import releases
from tests.crawler.components.conftest import NOW, MakeCrawler, release
from tests.support.releases import release_row


def test_the_same_release_twice_in_a_run_is_dropped_and_counted(make_crawler: MakeCrawler) -> None:
    crawler = make_crawler()
    normalize = NormalizePipeline.from_crawler(crawler)
    pipeline = DropDuplicatesPipeline.from_crawler(crawler)
    pipeline.process_item(normalize.process_item(release()))
    with pytest.raises(DropItem):
        pipeline.process_item(normalize.process_item(release()))
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/xellsmart/dropped") == 1


def test_a_copy_on_another_wire_is_a_duplicate_of_the_stored_original(
    make_crawler: MakeCrawler, sessions: sessionmaker[Session]
) -> None:
    crawler = make_crawler()
    original = NormalizePipeline.from_crawler(crawler).process_item(release())
    with sessions.begin() as session:
        row = release_row("302427583", NOW, body=original.body, fingerprint=original.fingerprint)
        releases.insert_releases(session, [row])
    copy = release(
        "3375001",
        source="globenewswire",
        url="https://www.globenewswire.com/news-release/2026/10/05/3375001/0/en/x.html",
        body=original.body.replace(
            "SUZHOU, China, Oct. 5, 2026 /PRNewswire/ --", "SUZHOU, China (GLOBE NEWSWIRE) --"
        ),
        watch="xellsmart",
    )
    copy = NormalizePipeline.from_crawler(crawler).process_item(copy)
    kept = DropDuplicatesPipeline.from_crawler(crawler).process_item(copy)
    assert kept.duplicate_of == ("prnewswire", "302427583")
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/xellsmart/duplicates") == 1
