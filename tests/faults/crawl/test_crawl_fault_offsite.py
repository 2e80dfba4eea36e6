"""M6 (S13–S16, U13): nothing leads the crawler or `parse URL` off the configured site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replica import Replica
from tests.faults.crawl.conftest import (
    NEWSROOM,
    assert_clean,
    assert_fails,
    assert_ok,
    assert_recovered,
    newsroom_project,
    path_of,
    snapshot,
)
from tests.faults.crawl.hostile import Hostile, Rule
from tests.support.project import Project

pytestmark = pytest.mark.slow


@pytest.fixture
def front(tmp_path: Path, hostile: Hostile) -> Project:
    project = newsroom_project(tmp_path, hostile.base_url)
    assert_ok(project.run("crawl"))
    return project


def swap_href(path: str, new_href: str) -> Rule:
    """Rewrite the listing card linking `path` to link `new_href` instead."""
    pattern = re.compile(rb'href="' + re.escape(path.encode()) + rb'"')
    return Rule(
        "rewrite", rewrite=lambda body: pattern.sub(b'href="' + new_href.encode() + b'"', body)
    )


def all_urls_on_site(project: Project, base_url: str) -> None:
    state = snapshot(project)
    assert state.releases
    assert all(r.url.startswith(base_url + "/") for r in state.releases)


def test_s13_a_detail_redirected_to_a_file_url_is_refused(
    front: Project, hostile: Hostile, replica: Replica, tmp_path: Path
) -> None:
    published = replica.publish(2)
    hostile.on(path_of(replica, published[0]), Rule("redirect", location="file:///etc/passwd"))
    result = front.run("crawl")
    assert_fails(result, "failed")
    assert "root:" not in result.output
    hostile.clear()
    assert_recovered(front, published)


def test_m6_s14_a_detail_redirected_to_another_origin_is_refused(
    front: Project, hostile: Hostile, elsewhere: Hostile, replica: Replica
) -> None:
    published = replica.publish(2)
    victim = path_of(replica, published[0])
    hostile.on(victim, Rule("redirect", location=elsewhere.base_url + victim))
    result = front.run("crawl")
    assert_fails(result, "failed")
    assert "off-site" in result.output
    assert elsewhere.requests == []
    hostile.clear()
    assert_recovered(front, published)
    all_urls_on_site(front, hostile.base_url)


def test_m6_s15_a_card_linking_another_origin_is_never_fetched(
    front: Project, hostile: Hostile, elsewhere: Hostile, replica: Replica
) -> None:
    published = replica.publish(3)
    victim = path_of(replica, published[0])
    hostile.on(NEWSROOM, swap_href(victim, elsewhere.base_url + victim))
    result = front.run("crawl")
    assert_ok(result)  # the site's own releases are fine; the stray link is ignored
    assert elsewhere.requests == []
    state = snapshot(front)
    assert published[0] not in state.ids
    assert state.seen[published[0]].outcome == "filtered"
    assert set(published[1:]) <= state.ids
    all_urls_on_site(front, hostile.base_url)


def test_m6_s16_a_file_card_link_never_reads_a_local_file(
    front: Project, hostile: Hostile, replica: Replica, tmp_path: Path
) -> None:
    published = replica.publish(2)
    secret = tmp_path / "secret" / "leak-302999999.html"
    secret.parent.mkdir()
    page = replica.site.respond(path_of(replica, published[0])).body
    secret.write_bytes(page.replace(b"<h1", b"<h1>LOCAL FILE READ</h1><h1", 1))
    hostile.on(NEWSROOM, swap_href(path_of(replica, published[0]), secret.as_uri()))
    result = front.run("crawl")
    assert_clean(result)
    state = snapshot(front)
    assert not any("LOCAL FILE" in r.title for r in state.releases)
    assert "302999999" not in state.ids
    all_urls_on_site(front, hostile.base_url)


def test_m6_a_page_naming_an_off_site_canonical_url_is_stored_under_the_url_it_came_from(
    front: Project, hostile: Hostile, replica: Replica
) -> None:
    [one] = replica.publish(1)
    path = path_of(replica, one)
    hostile.on(
        path,
        Rule(
            "rewrite",
            rewrite=lambda b: b.replace(hostile.base_url.encode(), b"http://evil.example"),
        ),
    )
    assert_recovered(front, [one])
    [release] = [r for r in snapshot(front).releases if r.release_id == one]
    assert release.url == hostile.base_url + path


def test_m6_u13_parse_url_refuses_a_redirect_off_the_site(
    project: Project, hostile: Hostile, elsewhere: Hostile, replica: Replica
) -> None:
    [one] = replica.publish(1)
    path = path_of(replica, one)
    hostile.on(path, Rule("redirect", location=elsewhere.base_url + path))
    result = project.run("parse", hostile.base_url + path)
    assert result.exit_code == 1, result.output
    assert_clean(result)
    assert "redirected off the site" in result.output
    assert elsewhere.requests == []


def test_l6_parse_url_with_nothing_listening_says_unreachable_not_robots(
    project: Project,
) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = project.run("parse", f"http://127.0.0.1:{port}/news-releases/x-302933094.html")
    assert result.exit_code == 1, result.output
    assert_clean(result)
    assert "cannot reach the site" in result.output
    assert "robots" not in result.output


def test_l6_parse_url_still_honours_a_real_robots_disallow(
    project: Project, hostile: Hostile, replica: Replica
) -> None:
    hostile.on("/robots.txt", Rule("body", body=b"User-agent: *\nDisallow: /news-releases/\n"))
    [one] = replica.publish(1)
    result = project.run("parse", hostile.base_url + path_of(replica, one))
    assert result.exit_code == 2, result.output
    assert "robots.txt" in result.output
