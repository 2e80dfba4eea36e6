"""Ctrl-C during `wirewatch analyse` while its extraction runs on several processes: one line,
exit 130, no traceback from any process, none left behind, and what was committed stays."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from alerts.analyse import ANALYSER_VERSION
from storage import migrate, releases
from storage.models import Release
from storage.session import make_engine, make_session_factory
from tests.support.analysis_rows import replica_rows

BIN = Path(sys.executable).parent / "wirewatch"


def group(pgid: int) -> list[int]:
    """Live processes of the process group (from /proc: field 5 of stat is the group)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended meanwhile
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def test_ctrl_c_stops_a_parallel_analysis_in_one_line_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        releases.insert_releases(session, replica_rows(1500, seed=8))
    config = tmp_path / "wirewatch.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[daemon]\nstate_dir = "{tmp_path / "var"}"\n', "utf-8"
    )
    command = [str(BIN), "--config", str(config), "analyse", "--all"]
    # Its own process group, as a terminal's foreground job: Ctrl-C reaches every process in it.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while len(group(process.pid)) < 3 and time.monotonic() < deadline:  # the extraction pool
        time.sleep(0.02)
    assert len(group(process.pid)) >= 3, "the extraction processes never started"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while group(process.pid) and time.monotonic() < deadline:  # the pool ends its chunk
        time.sleep(0.05)
    assert (process.returncode, err.decode().strip()) == (130, "wirewatch: interrupted"), out
    assert b"Traceback" not in out + err
    assert group(process.pid) == []
    with factory() as session:
        analysed = session.scalar(
            select(func.count()).where(Release.analysed_version == ANALYSER_VERSION)
        )
    engine.dispose()
    assert analysed is not None
    assert analysed < 1500 and analysed % 200 == 0, analysed  # stopped part-way; whole batches
