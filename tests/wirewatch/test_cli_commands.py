"""The commands as a user runs them: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage import heartbeats, releases
from storage.session import make_engine, make_session_factory
from wirewatch.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_PAGE = FIXTURES / "prnewswire" / "detail-2025-xellsmart-302427583.html"
SEED_URL = (
    "https://www.prnewswire.com/news-releases/xellsmarts-allogeneic-ipsc-derived-cell-therapies-"
    "for-parkinsons-disease-and-als-officially-approved-by-the-us-fda-for-phase-i-clinical-"
    "trials-302427583.html"
)
PARSE_KEYS = {
    "source", "release_id", "url", "title", "subtitles", "published_at", "company", "company_slug",
    "dateline_city", "body", "tickers", "tags", "milestones", "mentions",
}  # fmt: skip
EVENT_KEYS = {
    "id", "type", "agency", "product", "indication", "phase", "status", "novelty", "baseline",
    "retracted", "evidence", "conflict", "source", "release_id", "release_url", "title",
    "company", "published_at", "detected_at",
}  # fmt: skip


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "wirewatch.toml"
    path.write_text(
        f"[database]\nurl = 'sqlite:///{tmp_path / 'w.db'}'\n"
        f"[daemon]\nstate_dir = '{tmp_path / 'var'}'\n"
        "[[company]]\nname = 'XellSmart'\n"
        "aliases = ['XellSmart Biomedical (Suzhou) Co., Ltd.', 'XellSmart Biopharmaceutical (Suzhou) Co., Ltd.']\n"
        "[[watch]]\nname = 'xellsmart'\nkind = 'company'\npath = '/news/xellsmart/'\n",
        encoding="utf-8",
    )
    return str(path)


def run(config: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", config, *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_parse_json_gives_the_release_and_its_three_new_milestones(config: str) -> None:
    code, out = run(config, "parse", str(SEED_PAGE), "--url", SEED_URL, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert set(data) >= PARSE_KEYS
    assert (data["source"], data["release_id"]) == ("prnewswire", "302427583")
    assert data["published_at"] == "2025-04-15T13:10:00+00:00"
    assert data["dateline_city"] == "SUZHOU, China"
    assert data["company"] == "XellSmart"  # the [[company]] name for a matching alias
    found = sorted((m["type"], m["agency"], m["product"]) for m in data["milestones"])
    assert found == [
        ("ind_clearance", "FDA", "XS-411"),
        ("ind_clearance", "FDA", "XS228"),
        ("ind_clearance", "NMPA", "XS-411"),
    ]
    assert all(m["novelty"] != "new" for m in data["mentions"])


@pytest.mark.parametrize(
    ("name", "health"),
    [
        ("blocked-2026-access-denied.html", "blocked"),
        ("layout-2026-changed.html", "layout_changed"),
        ("truncated-2025-xellsmart-302427583.html", "failed"),
    ],
)
def test_parse_of_a_bad_page_is_one_line_and_exit_1(config: str, name: str, health: str) -> None:
    code, out = run(config, "parse", str(FIXTURES / "prnewswire" / name))
    assert code == 1
    assert out.count("\n") == 1
    assert f": {health}:" in out
    assert "Traceback" not in out


def test_parse_of_a_missing_file_is_a_usage_error(config: str, tmp_path: Path) -> None:
    code, out = run(config, "parse", str(tmp_path / "nope.html"))
    assert code == 2
    assert out.startswith("wirewatch: cannot read")


def test_extract_streams_one_line_per_input_line(config: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "title": "Acme receives FDA Fast Track designation for AB-1",
                    "body": "BOSTON, Jan 5, 2026 /PRNewswire/ -- Acme today announced that the "
                            "U.S. FDA has granted Fast Track designation to AB-1 for ALS."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "title": "Acme closes financing", "body": "Acme raised money.",
                      "subtitles": None, "published": None}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out.jsonl"
    code, _ = run(config, "extract", "--in", str(source), "--out", str(out))
    assert code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c"]
    assert lines[0]["milestones"][0]["type"] == "fast_track"
    assert "error" in lines[1]
    assert lines[2]["milestones"] == []


def test_events_json_has_the_fixed_shape_and_retract_marks_the_event(config: str) -> None:
    code, _ = run(config, "db", "upgrade")
    assert code == 0
    engine = make_engine(json_url(config))
    factory = make_session_factory(engine)
    now = datetime.now(UTC)
    page = SEED_PAGE.read_text(encoding="utf-8")
    from crawler.sources.prnewswire.release import parse_release

    release = parse_release(page, SEED_URL)
    row = {k: getattr(release, k) for k in (
        "release_id", "url", "title", "subtitles", "published_at", "company", "company_slug",
        "company_url", "dateline_city", "body", "tickers", "tags", "also_from_source", "template",
        "parser_version")} | {"watch": "xellsmart", "fingerprint": "f", "fetched_at": now}  # fmt: skip
    with factory.begin() as session:
        releases.insert_releases(session, [row])
    engine.dispose()
    code, out = run(config, "analyse", "--send")
    assert code == 0, out
    code, out = run(config, "events", "--json")
    assert code == 0
    events = json.loads(out)
    assert events
    assert all(set(e) == EVENT_KEYS for e in events)
    new = [e for e in events if e["novelty"] == "new"]
    assert len(new) == 3
    assert all(e["published_at"].endswith("+00:00") for e in events)
    code, out = run(config, "events", "retract", str(new[0]["id"]), "--reason", "duplicate")
    assert code == 0, out
    code, out = run(config, "events", "--json")
    retracted = [e for e in json.loads(out) if e["id"] == new[0]["id"]]
    assert retracted[0]["retracted"] is True
    code, out = run(config, "events", "--csv")
    assert out.splitlines()[0].startswith("id,type,agency")
    code, out = run(config, "events", "retract", "999999", "--reason", "x")
    assert code == 2


def test_status_json_shape_and_check_follow_the_heartbeat(config: str) -> None:
    code, out = run(config, "status", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert set(data) >= {"releases", "events", "heartbeat_at", "watches", "deliveries"}
    assert set(data["deliveries"]) == {"queued", "sending", "sent", "retry", "failed"}
    assert data["watches"][0]["health"] == "never_run"
    assert data["watches"][0]["next_run_at"] is None  # no daemon, nothing scheduled
    assert set(data["watches"][0]) >= {
        "name", "kind", "health", "last_run_at", "last_success_at", "next_run_at"
    }  # fmt: skip
    code, out = run(config, "status", "--check")
    assert code == 1
    assert "heartbeat" in out
    engine = make_engine(json_url(config))
    now = datetime.now(UTC)
    with make_session_factory(engine).begin() as session:
        heartbeats.beat(session, "daemon", pid=1, host="h", now=now, started_at=now)
    code, _ = run(config, "status", "--check")
    assert code == 0
    code, out = run(config, "status", "--json")
    assert json.loads(out)["watches"][0]["next_run_at"] is not None  # a live daemon schedules
    with make_session_factory(engine).begin() as session:
        heartbeats.beat(
            session, "daemon", pid=1, host="h", now=now - timedelta(hours=2), started_at=now
        )
    engine.dispose()
    code, _ = run(config, "status", "--check")
    assert code == 1


def json_url(config: str) -> str:
    import tomllib

    return str(tomllib.loads(Path(config).read_text(encoding="utf-8"))["database"]["url"])


def test_parse_reads_a_globenewswire_page_by_its_url(config: str) -> None:
    name = "detail-2026-synthetic-kestrel-3375001"
    page = FIXTURES / "globenewswire" / f"{name}.html"
    expected = json.loads((FIXTURES / "globenewswire" / f"{name}.expected.json").read_text())
    code, out = run(config, "parse", str(page), "--url", expected["url"], "--json")
    assert code == 0, out
    data = json.loads(out)
    assert (data["source"], data["release_id"]) == ("globenewswire", "3375001")
    assert data["title"] == expected["title"]
