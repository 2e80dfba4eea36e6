"""Fault modes: what the spider sees when the site misbehaves."""

from __future__ import annotations

import http.client
import time

import pytest

from replica import Replica
from tests.replica.conftest import fetch

NEWSROOM = "/news/xellsmart/"


def detail_path(replica: Replica) -> str:
    return replica.catalog.newest()[0].path


def test_503_applies_to_every_request_until_cleared(replica: Replica) -> None:
    replica.set_fault("503")
    assert [fetch(replica.base_url, NEWSROOM).status for _ in range(3)] == [503, 503, 503]
    replica.set_fault(None)
    assert fetch(replica.base_url, NEWSROOM).status == 200


def test_a_count_limited_fault_fails_the_next_requests_then_recovers(replica: Replica) -> None:
    replica.set_fault("503", count=2)
    statuses = [fetch(replica.base_url, NEWSROOM).status for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_429_tells_the_client_to_retry_after_a_second(replica: Replica) -> None:
    replica.set_fault("429", count=1)
    page = fetch(replica.base_url, NEWSROOM)
    assert page.status == 429
    assert page.headers["retry-after"] == "1"


def test_slow_delays_the_response_by_the_configured_time(replica: Replica) -> None:
    replica.set_fault("slow", delay=0.4)
    started = time.perf_counter()
    page = fetch(replica.base_url, NEWSROOM)
    assert page.status == 200
    assert time.perf_counter() - started >= 0.4


def test_access_denied_is_a_200_block_page(replica: Replica) -> None:
    replica.set_fault("access_denied")
    page = fetch(replica.base_url, detail_path(replica))
    assert page.status == 200
    assert "<title>Access Denied</title>" in page.text
    assert "<h1>Access Denied</h1>" in page.text
    assert "You don't have permission to access" in page.text
    assert "Reference&#32;&#35;18&#46;" in page.text
    assert "release-header" not in page.text


def test_truncated_is_a_200_cut_at_sixty_percent_with_a_matching_length(
    replica: Replica,
) -> None:
    full = fetch(replica.base_url, detail_path(replica))
    replica.set_fault("truncated", "/news-releases/")
    cut = fetch(replica.base_url, detail_path(replica))
    assert cut.status == 200
    assert int(cut.headers["content-length"]) == len(cut.body)
    assert len(cut.body) == len(full.body) * 6 // 10
    assert full.body.startswith(cut.body)
    assert "</html>" not in cut.text
    assert cut.headers["connection"] == "close"


def test_layout_changed_drops_the_known_markup(replica: Replica) -> None:
    replica.set_fault("layout_changed")
    listing = fetch(replica.base_url, NEWSROOM)
    page = fetch(replica.base_url, detail_path(replica))
    feed = fetch(replica.base_url, "/rss/news-releases-list.rss")
    assert listing.status == page.status == feed.status == 200
    for text in (listing.text, page.text, feed.text):
        for marker in ("newsCards", "card-list", "pagination", 'id="date"', "release-header"):
            assert marker not in text
        assert "release-body" not in text
        assert "<rss" not in text


def test_404_and_disconnect_modes(replica: Replica) -> None:
    replica.set_fault("404", count=1)
    assert fetch(replica.base_url, NEWSROOM).status == 404
    replica.set_fault("disconnect", count=1)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        fetch(replica.base_url, NEWSROOM)
    assert fetch(replica.base_url, NEWSROOM).status == 200
    assert replica.requests[-2].status == 0


def test_a_fault_only_hits_paths_under_its_prefix(replica: Replica) -> None:
    replica.set_fault("503", "/rss/")
    assert fetch(replica.base_url, "/rss/news-releases-list.rss").status == 503
    assert fetch(replica.base_url, NEWSROOM).status == 200
    replica.set_fault("429", "/news/")
    replica.set_fault(None, "/rss/")
    assert fetch(replica.base_url, "/rss/news-releases-list.rss").status == 200
    assert fetch(replica.base_url, NEWSROOM).status == 429


def test_the_longest_matching_prefix_wins(replica: Replica) -> None:
    replica.set_fault("503")
    replica.set_fault("429", "/news/")
    assert fetch(replica.base_url, NEWSROOM).status == 429
    assert fetch(replica.base_url, "/rss/news-releases-list.rss").status == 503


def test_robots_txt_is_faulted_only_when_named(replica: Replica) -> None:
    replica.set_fault("503")
    assert fetch(replica.base_url, "/robots.txt").status == 200
    replica.set_fault("503", "/robots.txt", count=1)
    assert fetch(replica.base_url, "/robots.txt").status == 503


def test_unknown_modes_and_bad_options_are_refused(replica: Replica) -> None:
    with pytest.raises(ValueError, match="unknown fault mode"):
        replica.set_fault("teapot")
    with pytest.raises(ValueError, match="count"):
        replica.set_fault("503", count=0)


def test_a_keep_alive_connection_survives_many_requests(replica: Replica) -> None:
    conn = http.client.HTTPConnection(replica.base_url.removeprefix("http://"), timeout=5)
    try:
        for _ in range(5):
            conn.request("GET", NEWSROOM)
            response = conn.getresponse()
            assert response.status == 200
            assert len(response.read()) == int(response.getheader("Content-Length") or 0)
    finally:
        conn.close()
