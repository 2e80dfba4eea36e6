"""The request log and the HTTP control API."""

from __future__ import annotations

import json

from replica import Replica, RequestRecord
from tests.replica.conftest import fetch


def test_every_request_is_logged_with_method_path_and_status(replica: Replica) -> None:
    fetch(replica.base_url, "/news/xellsmart/?page=2&pagesize=25")
    fetch(replica.base_url, "/news/nobody/", method="HEAD")
    assert replica.requests == [
        RequestRecord("GET", "/news/xellsmart/?page=2&pagesize=25", 200),
        RequestRecord("HEAD", "/news/nobody/", 404),
    ]
    replica.clear_requests()
    assert replica.requests == []


def test_the_control_api_publishes_and_lists_new_releases(replica: Replica) -> None:
    reply = fetch(replica.base_url, "/_replica/publish", method="POST", payload={"count": 2})
    assert reply.status == 200
    ids = json.loads(reply.body)["ids"]
    assert len(ids) == 2
    newest = replica.catalog.newest(company="xellsmart")[0]
    assert newest.release_id == ids[-1]


def test_the_control_api_sets_and_clears_faults(replica: Replica) -> None:
    reply = fetch(
        replica.base_url,
        "/_replica/fault",
        method="POST",
        payload={"mode": "503", "path_prefix": "/news/", "count": 1},
    )
    assert reply.status == 200
    assert fetch(replica.base_url, "/news/xellsmart/").status == 503
    assert fetch(replica.base_url, "/news/xellsmart/").status == 200
    fetch(replica.base_url, "/_replica/fault", method="POST", payload={"mode": "429"})
    assert fetch(replica.base_url, "/robots.txt").status == 200
    assert fetch(replica.base_url, "/news/xellsmart/").status == 429
    fetch(replica.base_url, "/_replica/fault", method="POST", payload={"mode": None})
    assert fetch(replica.base_url, "/news/xellsmart/").status == 200


def test_the_control_api_reports_requests_but_not_itself(replica: Replica) -> None:
    fetch(replica.base_url, "/robots.txt")
    reply = fetch(replica.base_url, "/_replica/requests")
    data = json.loads(reply.body)
    assert data == {"requests": [{"method": "GET", "path": "/robots.txt", "status": 200}]}


def test_the_control_api_resets_everything(replica: Replica) -> None:
    (new_id,) = replica.publish()
    replica.set_fault("503")
    assert fetch(replica.base_url, "/_replica/reset", method="POST", payload={}).status == 200
    assert replica.catalog.get(new_id) is None
    assert fetch(replica.base_url, "/news/xellsmart/").status == 200
    assert len(replica.requests) == 1


def test_the_control_api_refuses_bad_input(replica: Replica) -> None:
    bad_mode = fetch(replica.base_url, "/_replica/fault", method="POST", payload={"mode": "x"})
    assert bad_mode.status == 400
    bad_company = fetch(
        replica.base_url, "/_replica/publish", method="POST", payload={"company": "nobody"}
    )
    assert bad_company.status == 400
    assert fetch(replica.base_url, "/_replica/nothing").status == 404


def test_control_paths_never_appear_in_listings(replica: Replica) -> None:
    fetch(replica.base_url, "/_replica/publish", method="POST", payload={})
    for path in (
        "/news/xellsmart/",
        "/news-releases/news-releases-list/",
        "/rss/news-releases-list.rss",
    ):
        assert "/_replica/" not in fetch(replica.base_url, path).text
