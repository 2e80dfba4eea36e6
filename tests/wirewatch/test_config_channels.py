"""[[subscriber]] addresses: exactly one of email, slack or webhook (+ webhook_secret); URLs are
secrets that no error, log or `status` line repeats."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import assert_one_line, cli_runner
from wirewatch.config import ConfigError, load_config

HOOK = "https://hooks.example.test/services/T0/B0/TopSecretPath"


def load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "wirewatch.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(str(path), environ={})


@pytest.mark.parametrize(
    "entry",
    [
        "digest = 'hourly'",
        f"email = 'bd@bd.test'\nslack = '{HOOK}'",
        f"slack = '{HOOK}'\nwebhook = '{HOOK}/2'\nwebhook_secret = 'sixteen-chars-long'",
    ],
)
def test_a_subscriber_needs_exactly_one_address(tmp_path: Path, entry: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, f"[[subscriber]]\n{entry}\n")
    assert "subscriber[0]: needs exactly one address: email, slack or webhook" in str(caught.value)
    assert "TopSecretPath" not in str(caught.value)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (f"webhook = '{HOOK}'", "webhook and webhook_secret go together"),
        ("email = 'a@bd.test'\nwebhook_secret = 'sixteen-chars-long'", "go together"),
        (f"webhook = '{HOOK}'\nwebhook_secret = 'short'", "at least 16 characters"),
        ("slack = 'http://hooks.example.test/services/TopSecretPath'", "must be https://"),
        ("slack = 'ftp://hooks.example.test/TopSecretPath'", "must be an https:// URL"),
        ("slack = 'https://bob:TopSecretPath@hooks.example.test/x'", "user name or password"),
    ],
)
def test_a_bad_slack_or_webhook_address_is_one_line_without_the_url(
    tmp_path: Path, entry: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, f"[[subscriber]]\n{entry}\n")
    assert message in str(caught.value) and "subscriber[0]" in str(caught.value)
    assert "TopSecretPath" not in str(caught.value)


def test_channels_names_and_labels_follow_the_address(tmp_path: Path) -> None:
    config = load(tmp_path, f"""
[[subscriber]]
email = "bd@bd.test"
[[subscriber]]
slack = "{HOOK}"
name = "bd-channel"
[[subscriber]]
webhook = "http://127.0.0.1:9/hook"
webhook_secret = "sixteen-chars-long"
[smtp]
ops_slack = "{HOOK}/ops"
""")  # fmt: skip
    email, slack, webhook = config.subscriber  # type: ignore[attr-defined]
    assert [(s.channel, s.label) for s in (email, slack)] == [
        ("email", "bd@bd.test"), ("slack", "bd-channel"),
    ]  # fmt: skip
    assert webhook.channel == "webhook" and webhook.label.startswith("webhook-")
    assert "127.0.0.1" not in webhook.label
    assert slack.answers_to("bd-channel") and email.answers_to("BD@bd.test")
    assert "sixteen" not in repr(webhook) and "TopSecretPath" in slack.address


def test_two_subscribers_may_not_share_a_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="subscriber names must be unique: bd"):
        load(tmp_path, f"""
[[subscriber]]
email = "a@bd.test"
name = "bd"
[[subscriber]]
slack = "{HOOK}"
name = "bd"
""")  # fmt: skip


def test_the_cli_refuses_two_addresses_in_one_line_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "wirewatch.toml").write_text(
        f"[[subscriber]]\nemail = 'bd@bd.test'\nwebhook = '{HOOK}'\n", encoding="utf-8"
    )
    line = assert_one_line(cli_runner(tmp_path)("status"), 2, "subscriber[0]", "exactly one")
    assert "TopSecretPath" not in line


def test_status_and_digest_name_a_webhook_subscriber_but_never_print_its_url(
    tmp_path: Path,
) -> None:
    (tmp_path / "wirewatch.toml").write_text(
        f"[[subscriber]]\nwebhook = '{HOOK}'\nwebhook_secret = 'sixteen-chars-long'\n"
        f"name = 'crm'\n[database]\nurl = 'sqlite:///{tmp_path / 'w.db'}'\n",
        encoding="utf-8",
    )
    run = cli_runner(tmp_path)
    assert run("db", "upgrade").code == 0
    ran = [run("status"), run("status", "--json"), run("digest", "--dry-run"),
           run("digest", "--subscriber", "crm"), run("digest", "--subscriber", "nobody"),
           run("digest", "--subscriber", HOOK + "-typo")]  # fmt: skip
    assert [r.code for r in ran] == [0, 0, 0, 0, 2, 2]
    assert "--subscriber (a URL): not in the configuration" in ran[5].err
    assert "crm: nothing to send" in ran[3].out
    logs = "".join(p.read_text() for p in tmp_path.rglob("*.log"))
    for r in ran:
        assert "TopSecretPath" not in r.out + r.err
    assert "TopSecretPath" not in logs
