"""The crawl child filters log records at the loggers, not only at Scrapy's root handler."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from scrapy.utils.log import configure_logging
from scrapy.utils.test import get_crawler

from crawler.run import _filter_at_the_root


@pytest.fixture
def restored_levels() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in ("", "scrapy")]
    levels = [logger.level for logger in loggers]
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.usefixtures("restored_levels")
def test_debug_calls_build_no_record_once_the_crawl_started() -> None:
    configure_logging({"LOG_LEVEL": "INFO"})  # what CrawlerProcess does: scrapy at DEBUG
    logging.getLogger().setLevel(logging.NOTSET)  # and the root, at each crawl's start
    engine = logging.getLogger("scrapy.core.engine")
    ours = logging.getLogger("crawler.pipelines.store_releases")
    assert engine.isEnabledFor(logging.DEBUG)  # "Crawled (200) …": a record a page, thrown away

    _filter_at_the_root(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))()

    assert not engine.isEnabledFor(logging.DEBUG)
    assert not ours.isEnabledFor(logging.DEBUG)
    assert engine.isEnabledFor(logging.INFO) and ours.isEnabledFor(logging.INFO)
