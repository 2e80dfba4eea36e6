"""Fault matrix, command line (red-team U01–U26, E01, M3, M4, M5, L3, L4, L5, L9): bad usage is
exit 2, hostile stored or scraped text is printed as text, `extract` answers every input line.
The real CLI runs in a subprocess (terminal output is what is checked)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from storage import migrate
from storage.models import MilestoneEvent
from storage.session import make_engine, make_session_factory
from tests.conftest import FIXTURES
from tests.support.cli import (
    RunCli,
    assert_no_traceback,
    assert_one_line,
    assert_usage_error,
    write_config,
)
from tests.support.mailing import seed_event
from tests.support.smtp import closed_port

pytestmark = pytest.mark.slow

DETAIL = FIXTURES / "prnewswire" / "detail-2025-xellsmart-302427583.html"
HOSTILE_COMPANY = "Evil [/] [link=x]Co"
FORMULA_TITLE = '=HYPERLINK("http://evil.example/x","FDA Approves XS-901")'
SEED = {"id": "r1", "title": "XellSmart", "body": "The FDA has cleared the IND for XS-411."}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder whose config points the crawler at a closed port (nothing leaves 127.0.0.1)."""
    write_config(
        tmp_path,
        f"[source.prnewswire]\nbase_url = 'http://127.0.0.1:{closed_port()}'\n"
        "download_delay = 0\n[[watch]]\nname = 'xellsmart'\nkind = 'company'\n"
        "path = '/news/xellsmart/'\n",
    )
    return tmp_path


@pytest.fixture
def stored(project: Path) -> dict[str, int]:
    """The project's database with three events: plain, hostile company, formula headline."""
    url = f"sqlite:///{project / 'var' / 'wirewatch.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    with make_session_factory(engine).begin() as session:
        ids = {
            "plain": seed_event(session).id,
            "markup": seed_event(session, company=HOSTILE_COMPANY, product="XS-2").id,
            "formula": seed_event(session, title=FORMULA_TITLE, product="XS-901").id,
        }
    engine.dispose()
    return ids


def test_u01_u02_an_unknown_command_or_option_is_a_usage_error(run_cli: RunCli) -> None:
    assert_usage_error(run_cli("nosuch"), "nosuch")
    assert_usage_error(run_cli("status", "--nosuch"), "--nosuch")


@pytest.mark.parametrize(
    "args",
    [
        ("--since", "yesterday"), ("--since", "2025-13-45"), ("--since", "99999-01-01"),
        ("--since", "2025-05-01", "--until", "2025-04-01"),
    ],
)  # fmt: skip
def test_u03_backfill_with_a_bad_date_is_exit_2(
    run_cli: RunCli, project: Path, args: tuple[str, ...]
) -> None:
    ran = run_cli("backfill", *args)
    assert_no_traceback(ran)
    assert ran.code == 2, ran.err


def test_u04_events_since_not_a_date_is_exit_2(run_cli: RunCli, project: Path) -> None:
    assert_usage_error(run_cli("events", "--since", "notadate"), "notadate")


def test_u05_retract_of_an_unknown_id_or_without_reason_is_exit_2(
    run_cli: RunCli, stored: dict[str, int]
) -> None:
    assert_one_line(run_cli("events", "retract", "999999", "--reason", "x"), 2, "no event")
    assert_usage_error(run_cli("events", "retract", "abc", "--reason", "x"))
    assert_usage_error(run_cli("events", "retract", str(stored["plain"])), "--reason")


def test_l3_u06_retract_of_a_huge_id_is_no_event_exit_2(
    run_cli: RunCli, stored: dict[str, int]
) -> None:
    ran = run_cli("events", "retract", "99999999999999999999999", "--reason", "x")
    assert_one_line(ran, 2, "no event with id 99999999999999999999999")


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_l4_u07_retract_with_an_empty_reason_is_refused_and_nothing_changes(
    run_cli: RunCli, stored: dict[str, int], project: Path, reason: str
) -> None:
    assert_usage_error(run_cli("events", "retract", str(stored["plain"]), "--reason", reason))
    engine = make_engine(f"sqlite:///{project / 'var' / 'wirewatch.db'}")
    with make_session_factory(engine)() as session:
        assert not session.scalars(select(MilestoneEvent.retracted)).all().count(True)
    engine.dispose()


def test_m5_e01_a_stored_company_with_rich_markup_is_printed_as_text(
    run_cli: RunCli, stored: dict[str, int]
) -> None:
    ran = run_cli("events")
    assert_no_traceback(ran)
    assert ran.code == 0, ran.err
    assert HOSTILE_COMPANY in ran.out, ran.out


def test_m5_u11_parse_of_a_headline_with_rich_markup_prints_it(
    run_cli: RunCli, project: Path
) -> None:
    html = DETAIL.read_text(encoding="utf-8").replace(
        "<h1>XellSmart&#x27;s", "<h1>[/] [bold red]XellSmart&#x27;s", 1
    )
    page = project / "x-302427583.html"
    page.write_text(html, encoding="utf-8")
    ran = run_cli("parse", str(page))
    assert_no_traceback(ran)
    assert ran.code == 0, ran.err
    assert "[/] [bold red]XellSmart's" in " ".join(ran.out.split())


def test_l9_u26_events_csv_escapes_formula_cells(run_cli: RunCli, stored: dict[str, int]) -> None:
    ran = run_cli("events", "--csv")
    assert ran.code == 0, ran.err
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    titles = {row["title"] for row in rows}
    assert "'" + FORMULA_TITLE in titles
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    as_json = json.loads(run_cli("events", "--json").out)  # JSON keeps the text as it is
    assert FORMULA_TITLE in {row["title"] for row in as_json}


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"just some text", 1), (bytes(range(256)) * 400, 1), (b"", 1)],
)
def test_u09_parse_of_garbage_is_one_line(
    run_cli: RunCli, project: Path, content: bytes, code: int
) -> None:
    page = project / "garbage-302000001.html"
    page.write_bytes(content)
    assert_one_line(run_cli("parse", str(page)), code)


def test_u09_parse_of_a_directory_or_a_missing_file_is_exit_2(
    run_cli: RunCli, project: Path
) -> None:
    assert_one_line(run_cli("parse", str(project)), 2)
    assert_one_line(run_cli("parse", str(project / "missing.html")), 2)


def test_u14_extract_of_unreadable_records_gives_an_error_line_each_and_goes_on(
    run_cli: RunCli,
) -> None:
    lines = [
        "not json", "[1, 2]", json.dumps({"id": "no-body", "title": "t"}),
        json.dumps({"id": "bad", "title": 3, "body": "x"}), "[" * 100_000 + "]" * 100_000,
        json.dumps(SEED),
    ]  # fmt: skip
    ran = run_cli("extract", stdin=("\n".join(lines) + "\n").encode())
    assert_no_traceback(ran)
    out = [json.loads(line) for line in ran.out.splitlines()]
    assert len(out) == len(lines)
    assert [o.get("id") for o in out] == [None, None, "no-body", "bad", None, "r1"]
    assert all("error" in o for o in out[:5]) and "milestones" in out[5]


def test_l5_u15_a_blank_line_gets_its_own_output_line(run_cli: RunCli) -> None:
    lines = [json.dumps({**SEED, "id": f"r{n}"}) for n in range(8)]
    lines[4] = ""
    ran = run_cli("extract", stdin=("\n".join(lines) + "\n").encode())
    out = [json.loads(line) for line in ran.out.splitlines()]
    assert len(out) == 8
    assert out[4] == {"id": None, "error": "blank line"}
    assert [o["id"] for o in out] == ["r0", "r1", "r2", "r3", None, "r5", "r6", "r7"]


def test_m4_u16_one_invalid_utf8_line_costs_that_line_only(run_cli: RunCli, tmp_path: Path) -> None:
    data = b'{"id":"u","title":"\xff\xfe bad","body":"ok"}\n' + json.dumps(SEED).encode() + b"\n"
    (tmp_path / "b.jsonl").write_bytes(data)
    ran = run_cli("extract", "--in", "b.jsonl")
    assert_no_traceback(ran)
    out = [json.loads(line) for line in ran.out.splitlines()]
    assert out[0]["id"] is None and "UTF-8" in out[0]["error"]
    assert out[1]["id"] == "r1" and "milestones" in out[1]
    assert ran.code == 0
    assert ran.err_lines == ["wirewatch: 1 of 2 line(s) could not be read"]


def test_u17_extract_of_a_lone_surrogate_escape_is_handled(run_cli: RunCli) -> None:
    line = '{"id": "s", "title": "\\ud800 XellSmart", "body": "The FDA cleared it."}\n'
    ran = run_cli("extract", stdin=line.encode())
    assert_no_traceback(ran)
    assert len(ran.out.splitlines()) == 1


def test_m3_u20_extract_to_a_full_disk_is_one_line_and_exit_1(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "m.jsonl").write_text(json.dumps(SEED) + "\n", encoding="utf-8")
    assert_one_line(run_cli("extract", "--in", "m.jsonl", "--out", "/dev/full"), 1, "/dev/full")


def test_u21_extract_with_a_missing_input_or_output_folder_is_exit_2(
    run_cli: RunCli, tmp_path: Path
) -> None:
    assert_usage_error(run_cli("extract", "--in", "/nonexistent"))
    (tmp_path / "m.jsonl").write_text(json.dumps(SEED) + "\n", encoding="utf-8")
    assert_usage_error(run_cli("extract", "--in", "m.jsonl", "--out", "no/such/dir/out.jsonl"))


def test_u22_digest_with_a_file_as_preview_or_an_unknown_subscriber_is_exit_2(
    run_cli: RunCli, project: Path
) -> None:
    (project / "afile").write_text("x")
    assert_usage_error(run_cli("digest", "--preview", "afile"))
    assert_one_line(run_cli("digest", "--subscriber", "nobody@example.com"), 2, "nobody")
