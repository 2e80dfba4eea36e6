"""A backfill's analysis: while the crawl stores (a low-priority process), then on every core.

The crawl is played by this test storing the replica's generated releases (SYNTHETIC text)
in chunks, as the store pipeline does; the reference is the same releases analysed in one go,
in one process, on another database.
"""

from __future__ import annotations

import dataclasses
import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from alerts.analyse import AnalysisReport, Policy
from storage import releases
from storage.models import Release
from tests.support.analysis_rows import NOW, replica_rows, stored_events
from wirewatch import analysis
from wirewatch.analysis import AnalysisWhileCrawling, analyse_pending
from wirewatch.app import App, log_file

POLICY = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return replica_rows(160, seed=4)


def make_app(directory: Path) -> App:
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "wirewatch.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{directory / "w.db"}"\n'
        f'[daemon]\nstate_dir = "{directory / "var"}"\n',
        encoding="utf-8",
    )
    app = App(str(config))
    app.upgrade()
    return app


def store(app: App, rows: list[dict[str, Any]]) -> None:
    with app.session_factory.begin() as session:
        releases.insert_releases(session, rows)


def reference(tmp_path: Path, rows: list[dict[str, Any]]) -> tuple[list[Any], AnalysisReport]:
    app = make_app(tmp_path / "reference")
    store(app, rows)
    report = analyse_pending(app, send=True, policy=POLICY)
    events = stored_events(app.session_factory)
    app.close()
    return events, report


def wait_for(condition: Any, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_releases_stored_while_it_runs_are_analysed_then_the_rest_after_the_crawl(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    app = make_app(tmp_path / "crawl")
    background = AnalysisWhileCrawling(app, POLICY, idle=0.05)
    background.start()
    try:
        for start in range(0, 120, 40):  # three store batches while "crawling"
            store(app, rows[start : start + 40])
            assert wait_for(lambda n=start + 40: background.analysed >= n)
        store(app, rows[120:])  # the last batch, stored as the crawl ends
    finally:
        during = background.stop()
    assert 120 <= during.releases <= len(rows)
    report = analyse_pending(app, send=True, policy=POLICY, report=during, processes=2)
    with app.session_factory() as session:
        unanalysed = session.scalar(
            select(func.count()).where(Release.analysed_version.is_not(analysis.ANALYSER_VERSION))
        )
    events = stored_events(app.session_factory)
    app.close()
    expected_events, expected_report = reference(tmp_path, rows)
    assert unanalysed == 0
    assert events == expected_events
    assert dataclasses.asdict(report) == dataclasses.asdict(expected_report)


def test_extraction_on_several_processes_stores_the_same_events(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    app = make_app(tmp_path / "parallel")
    store(app, rows)
    report = analyse_pending(app, send=True, policy=POLICY, processes=3)
    events = stored_events(app.session_factory)
    app.close()
    expected_events, expected_report = reference(tmp_path, rows)
    assert events == expected_events
    assert dataclasses.asdict(report) == dataclasses.asdict(expected_report)


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="Linux autogroup only")
def test_the_analysis_process_yields_to_the_crawl(tmp_path: Path) -> None:
    """Its own session (so its own scheduling group) at the lowest priority: a crawl on the
    same cores keeps its pace."""
    app = make_app(tmp_path / "nice")
    background = AnalysisWhileCrawling(app, POLICY, idle=0.05)
    background.start()
    try:
        pid = background.pid
        assert wait_for(lambda: os.getpriority(os.PRIO_PROCESS, pid) == analysis.ANALYSIS_NICE)
        assert os.getsid(pid) != os.getsid(0)
        group = Path(f"/proc/{pid}/autogroup").read_text(encoding="ascii")
        assert group.split()[-1] == str(analysis.ANALYSIS_NICE)
    finally:
        background.stop()
    app.close()


def test_a_failing_background_analysis_is_logged_and_the_rest_is_done_after_the_crawl(
    tmp_path: Path, rows: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = analysis.extract_releases

    def fails_in_the_background(texts: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("disk on fire")
        return real(texts)

    monkeypatch.setattr(analysis, "extract_releases", fails_in_the_background)
    app = make_app(tmp_path / "failing")
    store(app, rows[:50])
    background = AnalysisWhileCrawling(app, POLICY, idle=0.05)
    background.start()
    time.sleep(0.5)
    during = background.stop()
    assert during.releases == 0
    log_path = log_file()  # the first App of this test process set the log up
    assert log_path is not None
    log = log_path.read_text(encoding="utf-8")
    assert "analysis while crawling stopped" in log
    assert "disk on fire" in log
    report = analyse_pending(app, send=True, policy=POLICY, report=during)
    app.close()
    assert report.releases == 50
