"""`wirewatch backfill` over a replica of >= 2 000 real-size releases (issue 6 acceptance)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from replica import Replica
from storage.models import MilestoneEvent
from storage.session import make_engine, make_session_factory
from tests.support.project import FAST_SCRAPY, make_project
from tests.support.releases import listed_ids, stored_ids
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "wirewatch"
LIST = "/news-releases/health-latest-news/health-latest-news-list/"


@pytest.fixture(scope="module")
def replica() -> Iterator[Replica]:
    with Replica(releases=2500, seed=21) as running:
        yield running


def test_backfill_survives_an_interrupt_resumes_stores_everything_once_and_mails_nobody(
    tmp_path: Path, replica: Replica
) -> None:
    with SmtpServer() as smtp:
        project = make_project(
            tmp_path, replica.base_url,
            watches=[{"name": "health", "kind": "category", "path": LIST}],
            extra='[[subscriber]]\nemail = "bd@example.com"\ndigest = "every 1s"\n',
        )  # fmt: skip
        text = project.config_path.read_text(encoding="utf-8")
        project.config_path.write_text(
            text.replace("[smtp]\n", f"[smtp]\nurl = {json.dumps(smtp.url())}\n"), "utf-8"
        )
        expected = listed_ids(replica, LIST)
        assert len(expected) >= 2000
        env = {**os.environ, "WIREWATCH_SCRAPY_SETTINGS": json.dumps(FAST_SCRAPY)}
        command = [
            str(BIN),
            "--config",
            str(project.config_path),
            "backfill",
            "--since",
            "2000-01-01",
        ]
        first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if Path(project.database_url.removeprefix("sqlite:///")).exists():
                try:
                    if sum(stored_ids(project.database_url).values()) >= 300:
                        break
                except Exception:  # noqa: BLE001 - the schema may not exist yet
                    continue
        first.send_signal(signal.SIGINT)
        out, err = first.communicate(timeout=120)
        assert b"Traceback" not in out + err
        assert first.returncode == 1  # L8: not finished, and it says so
        assert b"interrupted before it finished: run the same command again to resume" in err
        partial = stored_ids(project.database_url)
        assert 0 < len(partial) < len(expected)

        second = subprocess.run(command, capture_output=True, env=env, timeout=600, check=False)
        assert second.returncode == 0, second.stderr.decode()
        assert b"resuming an interrupted backfill" in second.stdout
        stored = stored_ids(project.database_url)
        assert set(stored) == expected
        assert max(stored.values()) == 1

        again = subprocess.run(command, capture_output=True, env=env, timeout=600, check=False)
        assert again.returncode == 0
        assert b"resuming" not in again.stdout  # the second run had finished
        assert stored_ids(project.database_url) == stored  # running it twice changes nothing

        digest = subprocess.run(
            [str(BIN), "--config", str(project.config_path), "digest", "--now"],
            capture_output=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert digest.returncode == 0, digest.stderr.decode()
        assert smtp.sink.received == []  # backfilled events are baseline: nobody is mailed
        engine = make_engine(project.database_url)
        with make_session_factory(engine)() as session:
            new = session.scalar(
                select(func.count())
                .select_from(MilestoneEvent)
                .where(MilestoneEvent.novelty == "new")
            )
            alertable = session.scalar(
                select(func.count())
                .select_from(MilestoneEvent)
                .where(MilestoneEvent.alertable.is_(True))
            )
        engine.dispose()
        assert new and new > 100
        assert alertable == 0
