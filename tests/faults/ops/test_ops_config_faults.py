"""Fault matrix, configuration (red-team C01–C24, L1, L2, M3, L11): a bad file or value is one
line naming the key and exit 2; an unusable environment is one line and exit 1; never a
traceback. Each test is one named fault; the real CLI runs in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import RunCli, assert_no_traceback, assert_one_line, write_config

pytestmark = pytest.mark.slow


def test_c01_a_missing_config_file_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    assert_one_line(run_cli("--config", "nope.toml", "status"), 2, "nope.toml", "does not exist")


def test_c02_a_toml_syntax_error_names_line_and_column(run_cli: RunCli, tmp_path: Path) -> None:
    write_config(tmp_path, "[alerts]\nbaseline_grace = \n")
    assert_one_line(run_cli("status"), 2, "not valid TOML", "line 2")


@pytest.mark.parametrize(
    ("text", "key"),
    [("[alerts]\nbaseline_grac = '1h'\n", "alerts.baseline_grac"), ("[foo]\nx = 1\n", "foo")],
)
def test_c03_an_unknown_key_or_table_is_named(
    run_cli: RunCli, tmp_path: Path, text: str, key: str
) -> None:
    write_config(tmp_path, text)
    assert_one_line(run_cli("status"), 2, key, "unknown key")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[source.prnewswire]\ndownload_delay = 'fast'\n", "source.prnewswire.download_delay"),
        ("watch = 'x'\n", "watch"),
    ],
)
def test_c04_a_value_of_the_wrong_kind_is_named(
    run_cli: RunCli, tmp_path: Path, text: str, key: str
) -> None:
    write_config(tmp_path, text)
    assert_one_line(run_cli("status"), 2, f": {key}: ")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[alerts]\nfailures_before_alert = '3'\n", "alerts.failures_before_alert"),
        (
            "[[watch]]\nname='x'\nkind='company'\npath='/news/x/'\nenabled='no'\n",
            "watch[0].enabled",
        ),
        ("[source.prnewswire]\ndownload_delay = true\n", "source.prnewswire.download_delay"),
        ("[alerts]\nbaseline_grace = 3600\n", "alerts.baseline_grace"),
        ("[source.prnewswire]\nmax_pages = 5.0\n", "source.prnewswire.max_pages"),
    ],
)
def test_l1_c05_a_value_of_the_wrong_type_is_refused_not_coerced(
    run_cli: RunCli, tmp_path: Path, text: str, key: str
) -> None:
    write_config(tmp_path, text)
    assert_one_line(run_cli("status"), 2, f": {key}: ")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[schedule]\ncrawl = 'cron \"99 * * * *\"'\n", "schedule"),
        ("[schedule]\ntimezone = 'Mars/Olympus'\n", "schedule.timezone"),
        ("[schedule]\ntimezone = '../../../etc/passwd'\n", "schedule.timezone"),
    ],
)
def test_c06_c07_a_bad_crawl_schedule_or_zone_is_named(
    run_cli: RunCli, tmp_path: Path, text: str, key: str
) -> None:
    write_config(tmp_path, text)
    assert_one_line(run_cli("status"), 2, f": {key}: ")


@pytest.mark.parametrize("digest", ["daily 25:00 UTC", "weekly funday 08:00 UTC", "every 0s"])
def test_c08_a_bad_digest_schedule_is_named(run_cli: RunCli, tmp_path: Path, digest: str) -> None:
    write_config(tmp_path, f"[[subscriber]]\nemail = 'bd@example.com'\ndigest = '{digest}'\n")
    assert_one_line(run_cli("status"), 2, "subscriber[0].digest")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:25", "smtp://127.0.0.1:99999", "smtp://bob:hunter2@127.0.0.1:abc"]
)
def test_c09_a_bad_smtp_url_is_named_without_its_password(
    run_cli: RunCli, tmp_path: Path, url: str
) -> None:
    write_config(tmp_path, f"[smtp]\nurl = '{url}'\n")
    line = assert_one_line(run_cli("status"), 2, "smtp.url")
    assert "hunter2" not in line


@pytest.mark.parametrize(
    "url", ["ftp://:hunter2@127.0.0.1/", "ftp://bob:hun@ter2@127.0.0.1/", "mysql://bob:hunter2@h/d"]
)
def test_c10_c11_a_password_in_a_refused_url_is_never_printed(
    run_cli: RunCli, tmp_path: Path, url: str
) -> None:
    key = "database.url" if url.startswith("mysql") else "source.prnewswire.base_url"
    table, name = key.rsplit(".", 1)
    write_config(tmp_path, f"[{table}]\n{name} = '{url}'\n")
    line = assert_one_line(run_cli("status"), 2, key)
    assert "hunter2" not in line and "ter2" not in line


@pytest.mark.parametrize(
    "entry", ["[[subscriber]]\ndigest = 'hourly'\n", "[[subscriber]]\nemail = ''\n",
              "[[subscriber]]\nemail = \"bd@example.com\\r\\nBcc: x@evil.test\"\n"],
)  # fmt: skip
def test_c12_a_subscriber_without_a_usable_address_is_refused(
    run_cli: RunCli, tmp_path: Path, entry: str
) -> None:
    write_config(tmp_path, entry)
    assert_one_line(run_cli("status"), 2, "subscriber[0]")  # .email, or "needs exactly one address"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[alerts]\nbaseline_grace = '99999999999999999999d'\n", "alerts.baseline_grace"),
        ("[alerts]\nevent_window = '999999999d'\n", "alerts.event_window"),
        ("[daemon]\nstop_grace = '36501d'\n", "daemon.stop_grace"),
        ("[source.prnewswire]\ntimeout = '99999999999999999999s'\n", "source.prnewswire.timeout"),
        ("[schedule]\ncrawl = 'every 99999999999999999999h'\n", "schedule"),
    ],
)
def test_l2_c13_an_out_of_range_duration_is_exit_2_naming_the_key(
    run_cli: RunCli, tmp_path: Path, text: str, key: str
) -> None:
    write_config(tmp_path, text)
    assert_one_line(run_cli("status"), 2, f": {key}: ")


def test_c14_huge_numbers_and_names_are_bounded(run_cli: RunCli, tmp_path: Path) -> None:
    write_config(tmp_path, "[source.prnewswire]\ndownload_delay = 1e308\n")
    assert_one_line(run_cli("status"), 2, "download_delay")
    name = "w" * 100_000
    write_config(tmp_path, f"[[watch]]\nname = '{name}'\nkind = 'company'\npath = '/news/x/'\n")
    line = assert_one_line(run_cli("status"), 2, "watch[0].name")
    assert len(line) < 1000


@pytest.mark.parametrize("layout", ["file", "dangling", "loop"])
def test_m3_c15_an_unusable_state_dir_is_one_line_and_exit_1(
    run_cli: RunCli, tmp_path: Path, layout: str
) -> None:
    var = tmp_path / "var"
    if layout == "file":
        var.write_text("not a folder")
    elif layout == "dangling":
        var.symlink_to(tmp_path / "nowhere" / "at-all")
    else:
        var.symlink_to(var)
    assert_one_line(run_cli("status"), 1, "var/log")


def test_m3_c16_dev_zero_as_config_is_refused_without_reading_it_all(run_cli: RunCli) -> None:
    assert_one_line(run_cli("--config", "/dev/zero", "status"), 2, "/dev/zero")


def test_m3_l2_c17_toml_nested_5000_deep_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    write_config(tmp_path, "a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert_one_line(run_cli("status"), 2, "wirewatch.toml")


def test_c18_a_config_file_of_invalid_utf8_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "wirewatch.toml").write_bytes(b"[alerts]\nbaseline_grace = '\xff\xfe'\n")
    assert_one_line(run_cli("status"), 2, "cannot be read")


def test_c24_var_as_a_symlink_to_another_folder_works(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "var").symlink_to(tmp_path / "elsewhere")
    ran = run_cli("status", "--json")
    assert_no_traceback(ran)
    assert ran.code == 0, ran.err
    assert (tmp_path / "elsewhere" / "wirewatch.db").exists()
    assert (tmp_path / "elsewhere" / "log" / "wirewatch.log").exists()


def test_l11_an_unexpected_failure_names_the_real_log_path(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("a file, not a folder")
    write_config(
        tmp_path,
        f"[daemon]\nstate_dir = 'state'\n[database]\nurl = 'sqlite:///{tmp_path}/afile/x.db'\n",
    )
    line = assert_one_line(run_cli("status"), 1, str(tmp_path / "state" / "log" / "wirewatch.log"))
    assert "var/log" not in line
    log = (tmp_path / "state" / "log" / "wirewatch.log").read_text(encoding="utf-8")
    assert "Traceback" in log  # the details went to the log, not to the terminal


def test_one_entry_point_bad_usage_stays_exit_2_and_unknown_commands_too(
    run_cli: RunCli,
) -> None:
    for args in (("nosuch",), ("status", "--nosuch"), ("events", "--json", "--csv")):
        ran = run_cli(*args)
        assert_no_traceback(ran)
        assert ran.code == 2, (args, ran.err)


def test_m7_s26_credentials_in_base_url_are_refused_without_printing_them(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write_config(tmp_path, "[source.prnewswire]\nbase_url = 'http://bob:hunter2@127.0.0.1:9'\n")
    line = assert_one_line(run_cli("status"), 2, "source.prnewswire.base_url", "password")
    assert "hunter2" not in line
    env = {"WIREWATCH_PRNEWSWIRE_BASE_URL": "http://:hunter2@127.0.0.1:9"}
    (tmp_path / "wirewatch.toml").unlink()
    line = assert_one_line(run_cli("status", env=env), 2, "$WIREWATCH_PRNEWSWIRE_BASE_URL")
    assert "hunter2" not in line
