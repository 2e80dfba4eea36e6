"""`python -m replica` as a separate process."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.replica.conftest import fetch


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_cli_prints_its_url_serves_and_stops_cleanly_on_a_signal(
    stop_signal: signal.Signals,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "replica", "--releases", "50", "--seed", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("replica listening on http://127.0.0.1:")
        base_url = line.split(" on ", 1)[1].strip()
        assert fetch(base_url, "/news/xellsmart/").status == 200
        reply = fetch(base_url, "/_replica/publish", method="POST", payload={"count": 1})
        assert reply.status == 200
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert out == ""
