"""`/api/events` (the `events --json` shape), `/healthz` and the bearer token."""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from storage import heartbeats
from tests.support.web import HISTORY
from tests.web.conftest import History, web_config
from wirewatch.cli import cli
from wirewatch.web.app import create_app
from wirewatch.web.security import is_loopback

TOKEN = "s3cret-token-for-tests-0123456789"


def write_config(path: Path, database_url: str, extra: str = "") -> Path:
    path.write_text(
        f'[database]\nurl = "{database_url}"\n[daemon]\nstate_dir = "{path.parent / "var"}"\n'
        + extra,
        encoding="utf-8",
    )
    return path


def test_api_events_is_the_events_json_of_the_cli(
    client: TestClient, history: History, database_url: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "wirewatch.toml", database_url)
    printed = CliRunner().invoke(cli, ["--config", str(config), "events", "--json"])
    assert printed.exit_code == 0, printed.output
    response = client.get("/api/events")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(printed.output)


def test_api_events_takes_the_same_filters_and_a_limit(
    client: TestClient, history: History
) -> None:
    rows = client.get("/api/events", params={"company": "XellSmart", "type": "ind_clearance"})
    expected = [
        m for m in HISTORY if m.company == "XellSmart" and m.type == "ind_clearance"
    ]  # fmt: skip
    assert sorted(r["product"] for r in rows.json()) == sorted(str(m.product) for m in expected)
    assert {r["company"] for r in rows.json()} == {"XellSmart"}
    assert len(client.get("/api/events?limit=3").json()) == 3
    bad = client.get("/api/events?limit=0")
    assert bad.status_code == 400
    assert bad.json() == {"error": "limit: must be a whole number from 1 to 10000"}
    assert client.get("/api/events?type=nope").json()["error"].startswith("type:")


def test_healthz_is_503_without_a_live_daemon_and_200_with_one(
    client: TestClient, history: History
) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["heartbeat_at"] is None
    now = datetime.now(UTC)
    with history.session_factory.begin() as session:
        heartbeats.beat(session, "daemon", pid=1, host="h", now=now - timedelta(hours=2),
                        started_at=now - timedelta(hours=3))  # fmt: skip
    assert client.get("/healthz").status_code == 503  # stale, as status --check says
    with history.session_factory.begin() as session:
        heartbeats.beat(session, "daemon", pid=1, host="h", now=now, started_at=now)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_with_a_token_every_data_path_needs_the_bearer_header(history: History) -> None:
    app = create_app(history.config, history.session_factory, token=TOKEN)
    with TestClient(app) as client:
        for path in ("/", "/api/events", "/feed.atom", f"/events/{history.ids[0]}",
                     "/companies/XellSmart"):  # fmt: skip
            assert client.get(path).status_code == 401, path
            wrong = client.get(path, headers={"Authorization": f"Bearer {TOKEN}x"})
            assert wrong.status_code == 401, path
            assert client.get(path, headers={"Authorization": TOKEN}).status_code == 401
            right = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
            assert right.status_code == 200, path
        denied = client.get("/")
        assert denied.headers["www-authenticate"].startswith("Bearer")
        assert "content-security-policy" in denied.headers
        # A health probe and the stylesheet carry no data.
        assert client.get("/healthz").status_code == 503
        assert client.get("/static/web.css").status_code == 200


def test_loopback_addresses_are_recognised() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.5", "example.com"))


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_serve_on_a_public_address_without_a_token_exits_2(
    host: str, sqlite_url: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "wirewatch.toml", sqlite_url)
    result = CliRunner().invoke(cli, ["--config", str(config), "serve", "--host", host])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "requires web.token" in result.output
    assert "Traceback" not in result.output


def test_a_weak_or_mistyped_token_is_a_config_error_naming_the_key(
    sqlite_url: str, tmp_path: Path
) -> None:
    for value in ('"short"', "12345678901234567890", '"has spaces in the token value"'):
        config = write_config(tmp_path / "wirewatch.toml", sqlite_url, f"[web]\ntoken = {value}\n")
        result = CliRunner().invoke(cli, ["--config", str(config), "serve"])
        assert result.exit_code == 2, value
        assert "web.token" in result.output, value
        assert "Traceback" not in result.output


def test_the_token_can_come_from_the_environment(sqlite_url: str) -> None:
    from wirewatch.config import load_config

    os.environ.pop("WIREWATCH_CONFIG", None)
    config = load_config(None, {"WIREWATCH_WEB_TOKEN": TOKEN, "WIREWATCH_DATABASE_URL": sqlite_url})
    assert config.web.token == TOKEN
    assert web_config(sqlite_url).web.token is None


def test_serve_reports_a_port_in_use_on_one_line(sqlite_url: str, tmp_path: Path) -> None:
    config = write_config(tmp_path / "wirewatch.toml", sqlite_url)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["--config", str(config), "serve", "--port", port])
    assert result.exit_code == 1
    assert result.output.startswith(f"wirewatch: cannot listen on 127.0.0.1:{port}")
    assert result.output.count("\n") == 1


def test_healthz_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    from storage.session import make_engine, make_session_factory

    missing = tmp_path / "no-such-dir" / "sub"
    url = f"sqlite:///{missing}/wirewatch.db"
    engine = make_engine(url)
    missing.rmdir()  # make_engine created it; the database file can no longer be opened
    app = create_app(web_config(url), make_session_factory(engine))
    with TestClient(app) as client:
        response = client.get("/healthz")
    engine.dispose()
    assert response.status_code == 503
    assert response.json()["status"] == "database unavailable"
