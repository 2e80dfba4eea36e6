"""`wirewatch demo` delivers each new milestone once to a subscriber of each channel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"


def test_the_demo_delivers_each_wires_milestone_once_by_mail_slack_and_signed_webhook(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    done = subprocess.run(
        [str(BIN), "demo", "--releases", "60"], cwd=tmp_path, env=env, capture_output=True,
        timeout=300, check=False,
    )  # fmt: skip
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    # One milestone per wire: the IND clearance (PR Newswire; its GlobeNewswire copy is folded)
    # goes out at once, the RMAT (GlobeNewswire) and orphan drug (Business Wire) designations
    # in the digest. Each channel receives each of them exactly once.
    assert "2 Slack message(s) and 2 webhook post(s), 2 with a valid signature" in out
    emails = [p.read_text() for p in sorted((tmp_path / "var" / "outbox").glob("*.eml"))]
    received = sorted((tmp_path / "var" / "demo" / "received").glob("*.json"))
    slack = [p.read_text() for p in received if "SLACK" in p.name]
    hooks = [json.loads(p.read_text()) for p in received if "webhooks" in p.name]
    assert len(emails) == len(slack) == len(hooks) == 2
    for product in ("XS-203", "XS-411", "XS228"):
        assert sum(product in text for text in emails) == 1, product
        assert sum(product in text for text in slack) == 1, product
    events = sorted((e["type"], e["product"]) for post in hooks for e in post["events"])
    assert events == [("ind_clearance", "XS-203"), ("orphan_drug", "XS228"), ("rmat", "XS-411")]
    assert "/services/DEMO/SLACK" not in out  # the URLs are secrets, even the demo's
