"""Our Business Wire path rules against the real robots.txt (2019, the only copy offline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from protego import Protego

from crawler.sources.businesswire.robots import DISALLOWED_PREFIXES, may_fetch

ROBOTS = (
    Path(__file__).resolve().parents[3]
    / "fixtures"
    / "businesswire"
    / "robots-2019-businesswire.txt"
).read_text(encoding="utf-8")
AGENT = "wirewatch/0.1 (+https://example.com/wirewatch)"
WWW = "https://www.businesswire.com"

MEANT_TO_FETCH = [
    f"{WWW}/news/home/20261005363276/en/AstraZeneca-opens-new-global-strategic-RD-center/",
    f"{WWW}/news/home/20260930550483/fr/",
]


@pytest.mark.parametrize("url", MEANT_TO_FETCH)
def test_release_pages_we_fetch_are_allowed_by_the_real_robots_txt(url: str) -> None:
    assert may_fetch(url)
    assert Protego.parse(ROBOTS).can_fetch(url, AGENT)


@pytest.mark.parametrize("prefix", DISALLOWED_PREFIXES)
def test_every_path_we_refuse_is_disallowed_by_the_real_robots_txt(prefix: str) -> None:
    url = f"{WWW}{prefix}anything"
    assert not may_fetch(url)
    assert not Protego.parse(ROBOTS).can_fetch(url, AGENT)


def test_the_mrss_feed_is_the_one_the_robots_txt_lists() -> None:
    sitemaps = list(Protego.parse(ROBOTS).sitemaps)
    feed = "http://feed.businesswire.com/mrss/home/?rss=G1QFDERJXkJcFVJYWQ=="
    assert feed in sitemaps
    assert may_fetch(feed)
    assert not may_fetch("https://feed.businesswire.com/rss/home/?rss=G1QFDERJXkJcFVJYWQ==")


def test_click_tracker_is_never_fetched() -> None:
    assert not may_fetch("https://www.businesswire.com/ct/CT?id=smartlink&url=x")


def test_no_crawl_delay_is_given_to_all_agents_but_named_bots_get_ten_seconds() -> None:
    robots = Protego.parse(ROBOTS)
    assert robots.crawl_delay(AGENT) is None
    assert robots.crawl_delay("Googlebot") == 10
