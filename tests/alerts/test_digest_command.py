"""`wirewatch digest`: dry run, preview, sending, .eml fallback, exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from storage.models import Delivery, Digest
from tests.support.mailing import seed_event
from tests.support.smtp import SmtpServer
from wirewatch.app import App, CommandError
from wirewatch.cli.digest import command


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def make_app(tmp_path: Path, smtp_url: str | None, subscribers: str) -> App:
    url = f'url = "{smtp_url}"' if smtp_url else ""
    config = tmp_path / "wirewatch.toml"
    config.write_text(
        f"""
[database]
url = "sqlite:///{tmp_path / "w.db"}"
[daemon]
state_dir = "{tmp_path / "var"}"
[smtp]
{url}
from = "wirewatch <alerts@wirewatch.test>"
ops = ["ops@ops.test"]
{subscribers}
""",
        encoding="utf-8",
    )
    app = App(str(config))
    app.upgrade()  # schema only: ready_database() would add the subscriber "now"
    with app.session_factory.begin() as session:  # the subscriber existed before the event
        from storage.subscribers import sync_subscribers

        emails = [s.email for s in app.config.subscriber]
        sync_subscribers(session, emails, datetime.now(UTC) - timedelta(days=1))
        seed_event(session, detected_at=datetime.now(UTC) - timedelta(hours=1))
    return app


ONE = '[[subscriber]]\nemail = "bd@bd.test"\nimmediate = []\n'
BAD = ONE + '[[subscriber]]\nemail = "bad@bd.test"\nimmediate = []\n'


def run(app: App, *args: str) -> Result:
    return CliRunner().invoke(command, list(args), obj=app, catch_exceptions=True)


def messages(app: App) -> int:
    with app.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Digest)) or 0


def test_dry_run_prints_what_would_be_sent_and_changes_nothing(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    app = make_app(tmp_path, smtp.url(), ONE)
    result = run(app, "--dry-run", "--now")
    assert result.exit_code == 0, result.output
    assert "bd@bd.test: digest" in result.output and "(1 milestone)" in result.output
    assert "1 new milestone: XellSmart" in result.output
    assert messages(app) == 0 and smtp.sink.received == []


def test_preview_writes_html_text_and_eml_and_sends_nothing(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    app = make_app(tmp_path, smtp.url(), ONE)
    result = run(app, "--preview", str(tmp_path / "preview"), "--now")
    assert result.exit_code == 0, result.output
    names = sorted(p.suffix for p in (tmp_path / "preview").iterdir())
    assert names == [".eml", ".html", ".txt"]
    assert messages(app) == 0 and smtp.sink.received == []


def test_digest_now_sends_once_and_then_has_nothing_to_send(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    app = make_app(tmp_path, smtp.url(), ONE)
    first = run(app, "--now")
    second = run(app, "--now")
    assert first.exit_code == 0, first.output
    assert "bd@bd.test: digest of 1 milestone queued" in first.output
    assert "1 sent, 0 to retry, 0 failed" in first.output
    assert "bd@bd.test: nothing to send" in second.output
    assert len(smtp.sink.received) == 1


def test_without_smtp_messages_become_eml_files_in_the_outbox(tmp_path: Path) -> None:
    app = make_app(tmp_path, None, ONE)
    result = run(app, "--now")
    assert result.exit_code == 0, result.output
    [eml] = (tmp_path / "var" / "outbox").glob("*.eml")
    assert b"FDA cleared the IND for XS-411" in eml.read_bytes()
    with app.session_factory() as session:
        assert session.scalars(select(Delivery.status)).all() == ["sent"]


def test_a_failed_delivery_exits_1_and_names_the_recipient(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    app = make_app(tmp_path, smtp.url(), BAD)
    smtp.sink.mode, smtp.sink.refuse = "rcpt_550", {"bad@bd.test"}
    result = run(app, "--now")
    assert result.exit_code == 1
    assert "failed: bad@bd.test: recipient refused: 550" in result.output
    assert len(smtp.sink.to("bd@bd.test")) == 1 and len(smtp.sink.to("ops@ops.test")) == 1


def test_subscriber_limits_the_run_and_an_unknown_one_is_a_usage_error(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    app = make_app(tmp_path, smtp.url(), BAD)
    result = run(app, "--now", "--subscriber", "BD@bd.test")
    assert result.exit_code == 0 and smtp.sink.to("bad@bd.test") == []
    unknown = run(app, "--subscriber", "nobody@bd.test")
    assert isinstance(unknown.exception, CommandError) and unknown.exception.exit_code == 2
