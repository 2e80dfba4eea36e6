"""S23: a hostile RSS feed (external entity, entity bomb) reads no local file and expands nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from replica import Replica
from tests.faults.crawl.conftest import assert_clean, assert_ok, path_of, snapshot
from tests.faults.crawl.hostile import Hostile, Rule
from tests.support.project import make_project

pytestmark = pytest.mark.slow
FEED = "/rss/news-releases-list.rss"

BOMB = "".join(
    f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' if n else '<!ENTITY l0 "lol">' for n in range(10)
)


def feed(doctype: str, title: str, link: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{doctype}]>\n<rss version="2.0"><channel>'
        f"<title>News</title><item><title>{title}</title><link>{link}</link>"
        "<pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("attack", ["xxe", "bomb"])
def test_s23_a_feed_with_external_entities_or_an_entity_bomb_reads_and_expands_nothing(
    tmp_path: Path, hostile: Hostile, replica: Replica, attack: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    [one] = replica.publish(1)
    link = hostile.base_url + path_of(replica, one)
    if attack == "xxe":
        body = feed(f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">', "&xxe;", link)
    else:
        body = feed(BOMB, "&l9;", link)
    hostile.on(FEED, Rule("body", body=body, content_type="application/rss+xml"))
    watches = [{"name": "feed", "kind": "rss", "path": FEED}]
    project = make_project(tmp_path, hostile.base_url, watches=watches)
    result = project.run("crawl")
    assert_clean(result)
    assert result.exit_code in (0, 1), result.output
    assert "TOP-SECRET" not in result.output and "lollol" not in result.output
    state = snapshot(project)
    for release in state.releases:
        assert "TOP-SECRET" not in release.title + release.body
        assert "lollol" not in release.title + release.body
    hostile.clear()
    assert_ok(project.run("crawl"))
    assert one in snapshot(project).ids
