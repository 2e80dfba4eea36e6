"""Publishing new releases and re-issues while the replica runs."""

from __future__ import annotations

import threading

import pytest
from parsel import Selector

from replica import Replica
from tests.replica.conftest import fetch

FEED = "/rss/health-latest-news/biotechnology-list.rss"


def first_card(replica: Replica, path: str) -> str:
    text = fetch(replica.base_url, path).text
    return Selector(text).css("div.row.newsCards a.newsreleaseconsolidatelink::attr(href)").get()


def test_a_published_release_appears_first_on_its_newsroom_lists_and_feed(
    replica: Replica,
) -> None:
    before = replica.catalog.newest()[0]
    fetch(replica.base_url, "/news/xellsmart/")  # warm the page cache: publish must refresh it
    (new_id,) = replica.publish()
    release = replica.catalog.get(new_id)
    assert release is not None
    assert int(new_id) > int(before.release_id)
    assert release.published > before.published
    assert first_card(replica, "/news/xellsmart/") == release.path
    assert first_card(replica, "/news-releases/news-releases-list/") == release.path
    for key in release.lists:
        if key != "news-releases-list":
            assert first_card(replica, f"/news-releases/{key}/") == release.path
    feed = fetch(replica.base_url, FEED).text
    assert f"<link>{replica.base_url}{release.path}</link>" in feed.split("</item>")[0]
    assert fetch(replica.base_url, release.path).status == 200


def test_several_releases_publish_in_order_for_any_company(replica: Replica) -> None:
    ids = replica.publish(3, company="neurova-cell-therapeutics")
    assert ids == sorted(ids)
    assert len(set(ids)) == 3
    newest = replica.catalog.newest(company="neurova-cell-therapeutics")[:3]
    assert [r.release_id for r in newest] == ids[::-1]


def test_a_reissue_gets_a_new_id_and_headline_but_the_same_body(replica: Replica) -> None:
    (new_id,) = replica.publish(reissue_of="302427583")
    original = replica.catalog.get("302427583")
    reissue = replica.catalog.get(new_id)
    assert original is not None
    assert reissue is not None
    assert new_id != "302427583"
    assert reissue.title != original.title
    assert (reissue.lead, reissue.paragraphs) == (original.lead, original.paragraphs)
    page = Selector(fetch(replica.base_url, reissue.path).text)
    assert page.css("header.release-header h1::text").get() == reissue.title


def test_a_release_can_be_published_with_a_given_title_and_body(replica: Replica) -> None:
    body = (
        "SUZHOU, China, May 1, 2026 /PRNewswire/ -- XellSmart today announced that the FDA "
        "has granted Orphan Drug Designation to XS-515.\n\nSecond paragraph."
    )
    (new_id,) = replica.publish(title="XellSmart Granted Orphan Drug Designation", body=body)
    page = Selector(fetch(replica.base_url, replica.release_url(new_id)).text)
    assert page.css("h1::text").get() == "XellSmart Granted Orphan Drug Designation"
    text = " ".join(page.css("section.release-body p::text").getall())
    assert "has granted Orphan Drug Designation to XS-515." in text
    assert "Second paragraph." in text


def test_publishing_rejects_unknown_companies_and_ids(replica: Replica) -> None:
    with pytest.raises(ValueError, match="unknown company"):
        replica.publish(company="nope")
    with pytest.raises(ValueError, match="no release"):
        replica.publish(reissue_of="999999999")


def test_publishing_from_many_threads_keeps_ids_unique_and_increasing(replica: Replica) -> None:
    results: list[list[str]] = []
    lock = threading.Lock()

    def work() -> None:
        ids = replica.publish(5)
        with lock:
            results.append(ids)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [i for batch in results for i in batch]
    assert len(set(ids)) == 40
    published = [r.release_id for r in replica.catalog.newest()[:40]][::-1]
    assert sorted(ids, key=int) == published


def test_reset_forgets_published_releases(replica: Replica) -> None:
    (new_id,) = replica.publish()
    replica.reset()
    assert replica.catalog.get(new_id) is None
