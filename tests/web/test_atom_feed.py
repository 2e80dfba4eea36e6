"""The Atom feed: read by a real feed parser, well-formed with RFC 4287's required elements,
one entry per alertable event, ids that survive re-analysis, the same filters as the pages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import feedparser
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import select
from starlette.testclient import TestClient

from alerts.feed import FeedMeta, render_atom
from storage.models import MilestoneEvent, Release
from tests.support.web import HISTORY, Milestone, add_milestone
from tests.web.conftest import History
from tests.web.test_web_api import write_config
from wirewatch.cli import cli

A = "{http://www.w3.org/2005/Atom}"
ALERTABLE = [m for m in HISTORY if m.alertable and m.novelty == "new" and not m.baseline]


def parsed(body: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_has_one_entry_per_alertable_event_newest_first(client: TestClient) -> None:
    response = client.get("/feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = parsed(response.content)
    assert len(feed.entries) == len(ALERTABLE) == 14
    titles = [e.title for e in feed.entries]
    assert titles[0] == "XellSmart: EMA granted PRIME to XS-411 (Parkinson's disease)"
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    restated = next(m for m in HISTORY if m.novelty == "restated")
    assert restated.title not in {e.link_title for e in feed.entries if "link_title" in e}
    first = feed.entries[0]
    assert first.link.startswith("https://www.prnewswire.com/news-releases/synthetic-")
    assert [t.term for t in first.tags] == ["prime", "EMA", "prnewswire"]
    assert first.author == "XellSmart"
    assert "PRIME eligibility" in first.summary
    links = {link.rel: link.href for link in first.links}
    assert links["related"].startswith("http://testserver/events/")


def test_the_feed_is_well_formed_with_every_required_element(client: TestClient) -> None:
    root = etree.fromstring(client.get("/feed.atom?agency=FDA").content)
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{name}") is not None, name
    self_link = root.find(f"{A}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "http://testserver/feed.atom?agency=FDA"
    entries = root.findall(f"{A}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            node = entry.find(f"{A}{name}")
            assert node is not None and node.text, name
        datetime.fromisoformat(entry.findtext(f"{A}updated") or "")
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)


def test_feed_filters_are_the_page_filters(client: TestClient) -> None:
    fda = parsed(client.get("/feed.atom?agency=FDA").content)
    assert {t.term for e in fda.entries for t in e.tags if t.scheme.endswith("agency")} == {"FDA"}
    assert len(fda.entries) == sum(m.agency == "FDA" for m in ALERTABLE)
    acme = parsed(client.get("/feed.atom", params={"company": "acme cell therapeutics"}).content)
    assert [e.author for e in acme.entries] == ["Acme Cell Therapeutics"] * 2
    recent = parsed(client.get("/feed.atom?since=2026-02-01&q=XS228").content)
    assert [e.title for e in recent.entries] == [
        "XellSmart: FDA-approved trial of XS228 started (ALS, Phase I/IIa)"
    ]
    assert fda.feed.id != acme.feed.id  # one feed id per filter set
    assert client.get("/feed.atom?type=nope").status_code == 400


def test_entry_ids_survive_the_event_row_being_recreated(
    client: TestClient, history: History
) -> None:
    before = {e.title: e.id for e in parsed(client.get("/feed.atom").content).entries}
    with history.session_factory.begin() as session:
        event = session.scalars(select(MilestoneEvent).where(MilestoneEvent.type == "crl")).one()
        copy = {c.name: getattr(event, c.name) for c in MilestoneEvent.__table__.columns}
        session.delete(event)
        session.flush()
        copy.pop("id")
        session.add(MilestoneEvent(**copy))  # what a new analyser version may do
    after = {e.title: e.id for e in parsed(client.get("/feed.atom").content).entries}
    assert after == before
    assert all(i.startswith("tag:wirewatch,2026:event/prnewswire/") for i in after.values())


def test_an_entry_id_names_the_wire_of_its_release(client: TestClient, history: History) -> None:
    with history.session_factory.begin() as session:
        event = session.scalars(select(MilestoneEvent).where(MilestoneEvent.type == "crl")).one()
        release = session.get(Release, event.release_pk)
        assert release is not None
        release.source = "globenewswire"
    entries = parsed(client.get("/feed.atom").content).entries
    wires = sorted(e.id.split("/")[1] for e in entries)
    assert wires.count("globenewswire") == 1 and wires.count("prnewswire") == len(entries) - 1
    # Readers see it too: a category with the wire's name, and the summary's release line.
    [moved] = [e for e in entries if "/globenewswire/" in e.id]
    assert [(t.term, t.label) for t in moved.tags][-1] == ("globenewswire", "GlobeNewswire")
    assert "Release on GlobeNewswire: " in moved.summary


def test_retracted_events_leave_the_feed(client: TestClient, history: History) -> None:
    with history.session_factory.begin() as session:
        event = session.scalars(select(MilestoneEvent).where(MilestoneEvent.type == "crl")).one()
        event.retracted = True
    titles = [e.title for e in parsed(client.get("/feed.atom").content).entries]
    assert len(titles) == len(ALERTABLE) - 1
    assert not any("complete response letter" in t for t in titles)


def test_control_characters_and_markup_in_scraped_text_stay_valid_xml(
    client: TestClient, history: History
) -> None:
    nasty = Milestone(
        "2026-03-04", "Acme \x01Cell\x1b Therapeutics", "approval", "FDA", "AC-<b>9</b>", None,
        "granted", "Approval \x0c<script>alert(1)</script> & more", "FDA approved AC-9\x07.",
    )  # fmt: skip
    with history.session_factory.begin() as session:
        add_milestone(session, nasty)
    feed = parsed(client.get("/feed.atom").content)
    first = feed.entries[0]
    assert first.title == "Acme Cell Therapeutics: FDA approved AC-<b>9</b>"
    assert "<script>alert(1)</script> & more" in first.summary


def test_an_empty_history_is_a_valid_feed() -> None:
    body = render_atom(
        FeedMeta(feed_id="tag:wirewatch,2026:feed", title="t", subtitle="s"),
        [],
        datetime(2026, 3, 3, tzinfo=UTC),
    )
    feed = parsed(body)
    assert feed.entries == []
    assert feed.feed.updated == "2026-03-03T00:00:00+00:00"


def test_feed_command_writes_the_same_feed_to_a_file_or_stdout(
    history: History, database_url: str, tmp_path: Path, client: TestClient
) -> None:
    config = write_config(tmp_path / "wirewatch.toml", database_url)
    out = tmp_path / "public" / "milestones.atom"
    result = CliRunner().invoke(cli, ["--config", str(config), "feed", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = parsed(out.read_bytes())
    served = parsed(client.get("/feed.atom").content)
    assert [e.id for e in written.entries] == [e.id for e in served.entries]
    # No server to point at: no self link.
    assert "self" not in {link.rel for link in written.feed.get("links", [])}
    printed = CliRunner().invoke(cli, ["--config", str(config), "feed"])
    assert [e.id for e in parsed(printed.stdout_bytes).entries] == [e.id for e in written.entries]
    assert list(tmp_path.joinpath("public").iterdir()) == [out]  # no temporary file left


def test_feed_command_reports_an_unwritable_path_on_one_line(
    history: History, database_url: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "wirewatch.toml", database_url)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        cli, ["--config", str(config), "feed", "--out", str(blocker / "feed.atom")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("wirewatch: cannot write")
    assert result.output.count("\n") == 1


def test_release_rows_are_untouched_by_the_feed(client: TestClient, history: History) -> None:
    with history.session_factory() as session:
        before = session.scalars(select(Release.title)).all()
    client.get("/feed.atom")
    with history.session_factory() as session:
        assert session.scalars(select(Release.title)).all() == before


def test_feed_command_takes_the_filters_and_a_base_url(
    history: History, database_url: str, tmp_path: Path, client: TestClient
) -> None:
    config = write_config(tmp_path / "wirewatch.toml", database_url)
    args = ["--config", str(config), "feed", "--agency", "FDA", "--since", "2025-06-01",
            "--base-url", "https://bd.example.com/wirewatch/"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    written = parsed(result.stdout_bytes)
    served = parsed(client.get("/feed.atom?agency=FDA&since=2025-06-01").content)
    assert [e.id for e in written.entries] == [e.id for e in served.entries]
    assert written.feed.id == served.feed.id
    links = {link.rel: link.href for link in written.feed.links}
    assert links["self"] == "https://bd.example.com/wirewatch/feed.atom?agency=FDA&since=2025-06-01"
    related = {link.rel: link.href for link in written.entries[0].links}["related"]
    assert related.startswith("https://bd.example.com/wirewatch/events/")
    for bad in (["--type", "nope"], ["--since", "whenever"], ["--base-url", "javascript:x"]):
        result = CliRunner().invoke(cli, ["--config", str(config), "feed", *bad])
        assert result.exit_code == 2, bad
        assert "Traceback" not in result.output
