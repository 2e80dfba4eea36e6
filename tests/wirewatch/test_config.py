"""Configuration: built-in defaults, environment overrides, one-line errors naming the key."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli
from wirewatch.config import ConfigError, builtin_defaults, load_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "wirewatch.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_builtin_defaults_are_the_shipped_example_file() -> None:
    example = tomllib.loads((ROOT / "wirewatch.example.toml").read_text(encoding="utf-8"))
    assert example == builtin_defaults()


def test_builtin_defaults_watch_the_newsroom_and_the_health_lists_with_feeds() -> None:
    config = load_config(None, environ={})
    paths = {w.path for w in config.watch}
    assert "/news/xellsmart/" in paths
    for topic in ("biotechnology", "fda-approval", "clinical-trials-medical-discoveries",
                  "international-medical-approval"):  # fmt: skip
        assert f"/news-releases/health-latest-news/{topic}-list/" in paths
        assert f"/rss/health-latest-news/{topic}-list.rss" in paths
    biotech = next(w for w in config.watch if w.name == "biotechnology")
    assert "iPSC" in biotech.include and "multiple system atrophy" in biotech.include
    assert config.smtp.url is None


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:///a.db"\n')
    env = {
        "WIREWATCH_DATABASE_URL": "postgresql://u:p@db/wirewatch",
        "WIREWATCH_PRNEWSWIRE_BASE_URL": "http://127.0.0.1:8000",
        "WIREWATCH_SMTP_URL": "smtp+starttls://u:secret@mail:587",
    }
    config = load_config(path, environ=env)
    assert config.database.url == "postgresql://u:p@db/wirewatch"
    assert config.source.prnewswire.base_url == "http://127.0.0.1:8000"
    assert config.smtp.url == "smtp+starttls://u:secret@mail:587"


def test_a_missing_key_takes_its_default(tmp_path: Path) -> None:
    path = write(tmp_path, '[[watch]]\nname = "x"\nkind = "company"\npath = "/news/x/"\n')
    config = load_config(path, environ={})
    assert config.watch[0].enabled is True
    assert config.alerts.event_window == timedelta(days=30)
    assert config.source.prnewswire.download_delay == 2.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[alerts]\nbaseline_grac = '24h'\n", "alerts.baseline_grac: unknown key"),
        ("[alerts]\nevent_window = '30 days'\n", "alerts.event_window: '30 days' is not a duration"),
        ("[source.prnewswire]\nbase_url = 'ftp://x'\n", "source.prnewswire.base_url"),
        ("[schedule]\ncrawl = 'every now and then'\n", "schedule: crawl:"),
        ("[schedule]\ntimezone = 'Mars/Olympus'\n", "schedule.timezone: 'Mars/Olympus' is not an IANA"),
        ("[[subscriber]]\nemail = 'a@b.co'\ndigest = 'daily 25:00 UTC'\n", "subscriber[0].digest"),
        ("[[subscriber]]\nemail = 'a@b.co'\ndigest = 'daily 08:00 Nowhere/Zone'\n", "subscriber[0].digest"),
        ("[[subscriber]]\nemail = 'a@b.co'\ntypes = ['approvall']\n", "subscriber[0].types[0]"),
        ("[[watch]]\nname = 'x'\nkind = 'feed'\npath = '/x'\n", "watch[0].kind"),
        ("[[watch]]\nname = 'x'\nkind = 'category'\npath = '/search/news/?keyword=ipsc'\n", "watch[0].path"),
        ("[[watch]]\nkind = 'company'\npath = '/news/x/'\n", "watch[0].name: is required"),
        ("[smtp]\nurl = 'http://mail'\n", "smtp.url"),
        ("[database]\nurl = 'mysql://x/y'\n", "database.url"),
        ("[alerts]\nfailures_before_alert = 0\n", "alerts.failures_before_alert"),
        ("not toml [", "is not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_value_is_one_line_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_a_password_in_a_bad_url_is_never_printed(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp]\nurl = 'smtp://user:hunter2@mail:notaport'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert "hunter2" not in str(caught.value)


def test_the_cli_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "[alerts]\nbaseline_grac = '24h'\n")
    result = CliRunner().invoke(cli, ["--config", path, "status"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"wirewatch: config error in {path}: alerts.baseline_grac: unknown key"]


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.toml"), "status"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output
