"""`wirewatch demo` delivers the new milestone once to a subscriber of each channel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"


def test_the_demo_delivers_the_same_milestone_once_by_mail_slack_and_signed_webhook(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    done = subprocess.run(
        [str(BIN), "demo", "--releases", "60"], cwd=tmp_path, env=env, capture_output=True,
        timeout=300, check=False,
    )  # fmt: skip
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "1 Slack message(s) and 1 webhook post(s), 1 with a valid signature" in out
    [eml] = (tmp_path / "var" / "outbox").glob("*.eml")
    slack, webhook = sorted((tmp_path / "var" / "demo" / "received").glob("*.json"))
    assert "XS-203" in eml.read_text() and "XS-203" in slack.read_text()
    events = json.loads(webhook.read_text())["events"]
    assert [(e["type"], e["product"]) for e in events] == [("ind_clearance", "XS-203")]
    assert "/services/DEMO/SLACK" not in out  # the URLs are secrets, even the demo's
