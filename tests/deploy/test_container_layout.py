"""The container layout without Docker (no engine runs here): the daemon configured only
through the environment variables of deploy/compose.yaml, against a real PostgreSQL server,
a real SMTP server and the replica, health-checked the way the image's HEALTHCHECK does."""

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

from replica import Replica
from tests.support.postgres import PostgresServer
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "wirewatch"
FIXED = ("WIREWATCH_DATABASE_URL", "WIREWATCH_SMTP_URL", "WIREWATCH_PRNEWSWIRE_BASE_URL",
         "WIREWATCH_CONFIG")  # fmt: skip


def test_compose_and_dockerfile_use_only_the_fixed_environment_and_the_health_check() -> None:
    compose = (ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    for name in FIXED:
        assert f"{name}:" in compose
    variables = {line.split(":")[0].strip() for line in compose.splitlines() if "WIREWATCH_" in line
                 and line.strip().startswith("WIREWATCH_")}  # fmt: skip
    assert variables <= set(FIXED)
    assert 'CMD ["wirewatch", "status", "--check"]' in dockerfile
    assert "USER wirewatch" in dockerfile
    assert "wirewatch db upgrade && exec wirewatch run" in dockerfile
    for service in ("wirewatch:", "db:", "mail:"):
        assert f"\n  {service}" in compose


@pytest.fixture
def replica() -> Iterator[Replica]:
    with Replica(releases=80, seed=4) as running:
        yield running


def test_the_daemon_runs_from_environment_variables_alone(
    tmp_path: Path, replica: Replica, postgres_server: PostgresServer
) -> None:
    with SmtpServer() as smtp:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")},
            "WIREWATCH_DATABASE_URL": postgres_server.create_database("container"),
            "WIREWATCH_SMTP_URL": smtp.url(),
            "WIREWATCH_PRNEWSWIRE_BASE_URL": replica.base_url,
            "WIREWATCH_CONFIG": str(ROOT / "wirewatch.example.toml"),  # what the image ships
            # Test-only: no politeness delay against the loopback replica.
            "WIREWATCH_SCRAPY_SETTINGS": json.dumps(
                {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 1}
            ),
        }
        upgrade = subprocess.run([str(BIN), "db", "upgrade"], env=env, cwd=tmp_path,
                                 capture_output=True, timeout=120, check=False)  # fmt: skip
        assert upgrade.returncode == 0, upgrade.stderr.decode()
        check = [str(BIN), "status", "--check"]
        assert subprocess.run(check, env=env, cwd=tmp_path, capture_output=True,
                              check=False).returncode == 1  # fmt: skip
        daemon = subprocess.Popen([str(BIN), "run"], env=env, cwd=tmp_path,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            healthy = False
            while time.monotonic() < deadline and not healthy:
                time.sleep(1)
                healthy = subprocess.run(check, env=env, cwd=tmp_path, capture_output=True,
                                         check=False).returncode == 0  # fmt: skip
            assert healthy
            deadline = time.monotonic() + 120
            status: dict[str, object] = {}
            while time.monotonic() < deadline:
                done = subprocess.run([str(BIN), "status", "--json"], env=env, cwd=tmp_path,
                                      capture_output=True, check=False)  # fmt: skip
                status = json.loads(done.stdout)
                watches = status["watches"]
                assert isinstance(watches, list)
                if all(w["last_run_at"] for w in watches):
                    break
                time.sleep(1)
            assert isinstance(status["releases"], int)
            assert status["releases"] > 0
            daemon.send_signal(signal.SIGTERM)
            _, errors = daemon.communicate(timeout=20)
            assert daemon.returncode == 0
            assert b"Traceback" not in errors
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.communicate()
