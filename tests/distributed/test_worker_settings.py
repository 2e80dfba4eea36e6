"""A distributed backfill worker's settings: one shared delay, no per-worker or per-source one."""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.distributed.settings import apply_worker_settings
from crawler.spiders.prnewswire import PrnewswireSpider


def test_the_source_delay_becomes_the_shared_budget_and_no_worker_waits_on_its_own() -> None:
    settings = Settings()
    settings.setdict(
        {
            "WIREWATCH_RUN_ID": "run",
            "DOWNLOAD_DELAY": 2.0,
            "WIREWATCH_SOURCES": {"prnewswire": {"DOWNLOAD_DELAY": 2.0}},
        },
        priority="cmdline",
    )
    apply_worker_settings(settings)
    PrnewswireSpider.update_settings(settings)  # the source's values, as its crawler gets them
    assert settings.getfloat("WIREWATCH_SHARED_DELAY") == 2.0
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
