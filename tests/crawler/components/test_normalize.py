"""NormalizePipeline on its own."""

from __future__ import annotations

from crawler.fingerprint import fingerprint
from crawler.pipelines.normalize import NormalizePipeline
from tests.crawler.components.conftest import MakeCrawler, release


def test_text_is_tidied_and_each_changed_field_counts_for_its_watch(
    make_crawler: MakeCrawler,
) -> None:
    crawler = make_crawler(WIREWATCH_COMPANIES=[{"name": "XellSmart", "aliases": []}])
    pipeline = NormalizePipeline.from_crawler(crawler)
    item = pipeline.process_item(
        release(title="  XellSmart\u00a0receives  IND ", company="XellSmart")
    )
    assert item.title == "XellSmart receives IND"
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/xellsmart/normalized_title") == 1
    assert crawler.stats.get_value("wirewatch/xellsmart/normalized_body") is None


def test_a_company_alias_becomes_its_configured_name(make_crawler: MakeCrawler) -> None:
    crawler = make_crawler(
        WIREWATCH_COMPANIES=[
            {"name": "XellSmart", "aliases": ["XellSmart Biopharmaceutical (Suzhou) Co., Ltd."]}
        ]
    )
    item = NormalizePipeline.from_crawler(crawler).process_item(release())
    assert item.company == "XellSmart"
    assert crawler.stats is not None
    assert crawler.stats.get_value("wirewatch/xellsmart/normalized_company") == 1


def test_the_fingerprint_follows_the_release_wire_and_ignores_its_dateline(
    make_crawler: MakeCrawler,
) -> None:
    pipeline = NormalizePipeline.from_crawler(make_crawler())
    prn = pipeline.process_item(release())
    gnw_body = release().body.replace(
        "SUZHOU, China, Oct. 5, 2026 /PRNewswire/ --",
        "SUZHOU, China, Oct.  05, 2026  (GLOBE NEWSWIRE) --",
    )
    gnw = pipeline.process_item(release("3375001", body=gnw_body, source="globenewswire"))
    assert prn.fingerprint == gnw.fingerprint == fingerprint(prn.body)
    assert prn.fingerprint != fingerprint(gnw_body)  # read as PR Newswire, the dateline stays
