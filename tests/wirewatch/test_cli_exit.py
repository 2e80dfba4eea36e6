"""The console script leaves without the interpreter's teardown (`wirewatch.cli._leave`): its
exit code, its buffered output, its log file and its exit handlers are what `sys.exit` gives."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

BIN = Path(sys.executable).parent / "wirewatch"
# Output to a pipe is block-buffered (unless PYTHONUNBUFFERED, as in many containers, says not).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env=BUFFERED,
    )


def _python(program: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=BUFFERED,
    )


def test_output_to_a_pipe_is_flushed_and_the_exit_code_kept(tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.toml"
    config.write_text(
        f"[database]\nurl = 'sqlite:///{tmp_path / 'w.db'}'\n"
        f"[daemon]\nstate_dir = '{tmp_path / 'var'}'\n",
        encoding="utf-8",
    )
    done = _run(tmp_path, "--config", str(config), "status")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # block-buffered on a pipe: lost unless flushed
    # The log file is flushed and closed by the exit handlers.
    logs = list((tmp_path / "var").rglob("*.log"))
    assert logs and any(log.read_text(encoding="utf-8").strip() for log in logs)


def test_a_failure_keeps_its_exit_code_and_one_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[database]\nurl = 'sqlite:///x.db'\nnot_a_key = 1\n", encoding="utf-8")
    done = _run(tmp_path, "--config", str(config), "status")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "not_a_key" in done.stderr


def test_exit_handlers_run_and_a_message_code_is_printed(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    program = textwrap.dedent(f"""
        import atexit, pathlib
        from wirewatch import cli
        atexit.register(pathlib.Path({str(marker)!r}).write_text, "yes")
        print("buffered", end="")
        cli._leave("wirewatch: stopped")
    """)
    done = _python(program)
    assert (done.returncode, done.stdout, done.stderr) == (1, "buffered", "wirewatch: stopped\n")
    assert marker.read_text(encoding="utf-8") == "yes"


def test_a_thread_still_running_gets_the_ordinary_exit() -> None:
    program = textwrap.dedent("""
        import threading, time
        from wirewatch import cli
        late = threading.Thread(target=lambda: (time.sleep(0.3), print("thread done")))
        late.start()
        cli._leave(3)
    """)
    done = _python(program)
    assert (done.returncode, done.stdout) == (3, "thread done\n")
