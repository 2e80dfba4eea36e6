"""GlobeNewswire and Business Wire crawled from their (synthetic) replicas, in the crawl child,
stored and analysed with health per watch; the same announcement on two wires is one release."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from replica import Replica
from replica.wires import WireSite
from storage.models import CrawlRun, MilestoneEvent, Release
from storage.session import make_engine, make_session_factory
from tests.support.project import Project, make_project, toml_value

pytestmark = pytest.mark.slow

GNW_WATCHES = [
    {"name": "gnw-xellsmart", "source": "globenewswire", "kind": "company",
     "path": "/search/organization/xellsmart"},
    {"name": "gnw-biotech", "source": "globenewswire", "kind": "rss",
     "path": "/RssFeed/industry/biotechnology", "include": ["iPSC", "cell therapy"]},
]  # fmt: skip
BW_WATCHES = [
    {"name": "bw-xellsmart", "source": "businesswire", "kind": "company",
     "path": "/newsroom?company=xellsmart"},
    {"name": "bw-biotech", "source": "businesswire", "kind": "rss",
     "path": "/mrss/home/?rss=biotechnology", "include": ["iPSC", "cell therapy"]},
]  # fmt: skip
IND_TITLE = "XellSmart Receives FDA IND Clearance for XS-612 in Amyotrophic Lateral Sclerosis"
IND_BODY = (
    "XellSmart today announced that the U.S. Food and Drug Administration (FDA) has cleared "
    "its Investigational New Drug (IND) application for XS-612, an iPSC-derived motor neuron "
    "progenitor cell therapy, for a Phase I clinical trial in amyotrophic lateral sclerosis.\n\n"
    "The Phase I trial will enrol up to 18 patients at three sites in the United States."
)


def wire_sections(gnw: Replica | None = None, bw: Replica | None = None) -> str:
    lines = []
    if gnw is not None:
        lines += ["[source.globenewswire]", f"base_url = {toml_value(gnw.base_url)}",
                  "download_delay = 0", "timeout = '10s'"]  # fmt: skip
    if bw is not None:
        lines += ["[source.businesswire]", f"base_url = {toml_value(bw.base_url)}",
                  f"feed_url = {toml_value(bw.base_url)}", "download_delay = 0",
                  "timeout = '10s'"]  # fmt: skip
    return "\n".join(lines)


@pytest.fixture
def gnw() -> Iterator[Replica]:
    with Replica(releases=200, seed=7, wire="globenewswire") as replica:
        yield replica


@pytest.fixture
def bw() -> Iterator[Replica]:
    with Replica(releases=200, seed=7, wire="businesswire") as replica:
        yield replica


@pytest.fixture
def prn() -> Iterator[Replica]:
    with Replica(releases=200, seed=7) as replica:
        yield replica


def rows(project: Project, model: type) -> list:  # type: ignore[type-arg]
    engine = make_engine(project.database_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(model).order_by(model.id)))
    finally:
        engine.dispose()


def test_each_wire_is_crawled_stored_and_analysed_with_health_per_watch(
    tmp_path: Path, gnw: Replica, bw: Replica, database_url: str
) -> None:
    project = make_project(
        tmp_path, "http://127.0.0.1:9", database_url=database_url,
        watches=GNW_WATCHES + BW_WATCHES, extra=wire_sections(gnw, bw),
    )  # fmt: skip
    result = project.run("crawl")
    assert result.exit_code == 0, result.output
    stored = rows(project, Release)
    by_source = {s: [r for r in stored if r.source == s] for s in ("globenewswire", "businesswire")}
    assert all(by_source.values())
    assert all(r.analysed_version for r in stored)
    assert {(r.source, r.watch) for r in stored} >= {
        ("globenewswire", "gnw-xellsmart"), ("businesswire", "bw-xellsmart"),
    }  # fmt: skip
    assert len({(r.source, r.release_id) for r in stored}) == len(stored)
    # One wire's copy of an announcement on the other wire is stored, as a duplicate.
    assert sum(r.duplicate_of is not None for r in stored) >= len(by_source["businesswire"]) // 2
    events = rows(project, MilestoneEvent)
    assert {e.release_pk for e in events} & {r.id for r in by_source["globenewswire"]}
    runs = rows(project, CrawlRun)
    assert {(r.watch, r.health) for r in runs} == {
        (w["name"], "ok") for w in GNW_WATCHES + BW_WATCHES
    }
    status = json.loads(project.run("status", "--json").output)
    assert {w["name"]: w["health"] for w in status["watches"]} == {
        w["name"]: "ok" for w in GNW_WATCHES + BW_WATCHES
    }
    # An idle crawl: one request per watch and robots.txt once per source.
    gnw.clear_requests()
    bw.clear_requests()
    assert project.run("crawl").exit_code == 0
    assert sorted(r.path.split("?")[0] for r in gnw.requests) == sorted(
        ["/robots.txt", "/search/organization/xellsmart", "/RssFeed/industry/biotechnology"]
    )
    assert sorted(r.path.split("?")[0] for r in bw.requests) == sorted(
        ["/robots.txt", "/newsroom", "/mrss/home/"]
    )


def test_the_same_announcement_on_two_wires_is_stored_once_and_alerts_once(
    tmp_path: Path, prn: Replica, gnw: Replica, database_url: str
) -> None:
    watches = [
        {"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"},
        GNW_WATCHES[0],
    ]
    project = make_project(
        tmp_path, prn.base_url, database_url=database_url, watches=watches,
        extra=wire_sections(gnw),
    )  # fmt: skip
    assert project.run("crawl").exit_code == 0
    before = {r.id for r in rows(project, Release)}
    # Put out now on both wires (the replicas share a seed: the same text, date and company).
    [prn_id] = prn.publish(1, "xellsmart", title=IND_TITLE, body=IND_BODY)
    [gnw_id] = gnw.publish(1, "xellsmart", title=IND_TITLE, body=IND_BODY)
    result = project.run("crawl")
    assert result.exit_code == 0, result.output
    new = [r for r in rows(project, Release) if r.id not in before]
    copies = {(r.source, r.release_id): r for r in new}
    prn_row = copies[("prnewswire", prn_id)]
    gnw_row = copies[("globenewswire", str(int(prn_id) - 299_000_000))]
    assert gnw_id == prn_id  # the replicas number alike; the wire ids differ
    original, duplicate = sorted((prn_row, gnw_row), key=lambda r: r.id)
    assert original.duplicate_of is None and duplicate.duplicate_of == original.id
    assert original.fingerprint == duplicate.fingerprint
    events = [e for e in rows(project, MilestoneEvent) if e.release_pk in (prn_row.id, gnw_row.id)]
    alertable = [(e.release_pk, e.type, e.agency) for e in events if e.alertable]
    assert alertable == [(original.id, "ind_clearance", "FDA")]
    assert not [e for e in events if e.release_pk == duplicate.id and e.alertable]


def test_a_wire_replica_fails_the_way_the_site_would_and_the_health_says_how(
    tmp_path: Path, gnw: Replica
) -> None:
    project = make_project(
        tmp_path, "http://127.0.0.1:9", watches=GNW_WATCHES, extra=wire_sections(gnw)
    )
    gnw.set_fault("layout_changed", "/search/")
    gnw.set_fault("access_denied", "/news-release/")
    result = project.run("crawl")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    health = {r.watch: r.health for r in rows(project, CrawlRun)}
    assert health == {"gnw-xellsmart": "layout_changed", "gnw-biotech": "blocked"}
    assert rows(project, Release) == []
    gnw.set_fault(None, "/")
    assert project.run("crawl").exit_code == 0
    assert {r.source for r in rows(project, Release)} == {"globenewswire"}


def test_a_backfill_of_a_wire_without_card_times_pages_by_the_dates_in_its_urls(
    tmp_path: Path, gnw: Replica
) -> None:
    project = make_project(
        tmp_path, "http://127.0.0.1:9", watches=GNW_WATCHES[:1], extra=wire_sections(gnw)
    )
    room = gnw.catalog.newest(company="xellsmart")
    since = room[len(room) // 2].published
    result = project.run("backfill", "--since", since.isoformat())
    assert result.exit_code == 0, result.output
    stored = {r.release_id for r in rows(project, Release)}
    assert isinstance(gnw.site, WireSite)
    wanted = {gnw.site.wire_id(r) for r in room if r.published >= since}
    assert wanted <= stored
    too_old = {gnw.site.wire_id(r) for r in room if r.published < since - timedelta(days=2)}
    assert not stored & too_old
    assert [r.health for r in rows(project, CrawlRun)] == ["ok"]


def test_a_backfill_that_pages_past_a_business_wire_listing_ends_it_without_an_alarm(
    tmp_path: Path, bw: Replica
) -> None:
    """Business Wire listings give no "no results" mark (no real page to learn it from): a page
    past the last one shows no release link. After pages that did, that is the listing's end,
    not a changed layout (which would have failed on page 1 too)."""
    project = make_project(
        tmp_path, "http://127.0.0.1:9", watches=BW_WATCHES[:1], extra=wire_sections(bw=bw)
    )
    result = project.run("backfill", "--since", "2000-01-01")
    assert result.exit_code == 0, result.output
    assert isinstance(bw.site, WireSite)
    room = {bw.site.wire_id(r) for r in bw.catalog.newest(company="xellsmart")}
    assert len(room) > 20  # more than one listing page
    assert room <= {r.release_id for r in rows(project, Release)}
    assert [r.health for r in rows(project, CrawlRun)] == ["ok"]
    pages = [r.path for r in bw.requests if r.path.startswith("/newsroom?") and r.status == 200]
    assert len(pages) >= 2, pages  # it did page past the last page
