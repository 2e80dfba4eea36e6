"""RSS feeds of the replica."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from replica import Replica
from tests.replica.conftest import fetch

DC = "{http://purl.org/dc/elements/1.1/}"
PRN = "{http://www.prnewswire.com/ns/0.1/#}"
FEED = "/rss/health-latest-news/biotechnology-list.rss"


def items(text: str) -> tuple[ET.Element, list[ET.Element]]:
    channel = ET.fromstring(text).find("channel")
    assert channel is not None
    return channel, channel.findall("item")


def test_feeds_are_well_formed_rss_with_the_20_newest_items(replica: Replica) -> None:
    for path, key in (
        (FEED, "health-latest-news/biotechnology-list"),
        ("/rss/news-releases-list.rss", "news-releases-list"),
        ("/rss/health-latest-news/fda-approval-list.rss", "health-latest-news/fda-approval-list"),
    ):
        feed = fetch(replica.base_url, path)
        assert feed.status == 200
        assert feed.headers["content-type"].startswith("application/rss+xml")
        channel, entries = items(feed.text)
        assert channel.findtext("title")
        newest = replica.catalog.newest(list_key=key)[:20]
        assert len(entries) == 20
        assert [e.findtext("link") for e in entries] == [replica.base_url + r.path for r in newest]


def test_items_carry_the_real_feeds_fields(replica: Replica) -> None:
    _, entries = items(fetch(replica.base_url, FEED).text)
    release = replica.catalog.newest(list_key="health-latest-news/biotechnology-list")[0]
    item = entries[0]
    assert item.findtext("title") == release.title
    assert item.findtext("guid") == item.findtext("link")
    pub = item.findtext("pubDate") or ""
    assert pub.endswith(" +0000")
    assert parsedate_to_datetime(pub) == release.published
    assert item.findtext(f"{DC}contributor") == release.company.name
    assert item.findtext(f"{DC}language") == "en-US"
    assert item.findtext(f"{DC}publisher") == "PR Newswire Association LLC."
    assert item.findall(f"{PRN}industry")
    assert (item.findtext("description") or "").startswith("<p>")


def test_an_unknown_feed_serves_all_news_with_an_empty_title(replica: Replica) -> None:
    channel, entries = items(fetch(replica.base_url, "/rss/health-latest-news.rss").text)
    assert channel.findtext("title") == ""
    newest = replica.catalog.newest()[0]
    assert entries[0].findtext("link") == replica.base_url + newest.path
