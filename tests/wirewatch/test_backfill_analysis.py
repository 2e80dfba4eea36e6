"""When a backfill analyses: beside a paced crawl, or after a crawl that runs flat out.

The replica's generated releases are SYNTHETIC. Either way every stored release is analysed
once, and the report counts each once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from alerts.analyse import ANALYSER_VERSION
from replica import Replica
from storage.models import MilestoneEvent, Release
from storage.session import make_engine, make_session_factory
from tests.support.project import Project, make_project
from wirewatch.app import log_file

LIST = "/news-releases/health-latest-news/health-latest-news-list/"
WHILE_CRAWLING = re.compile(r"analysed (\d+) release\(s\) while crawling")
EXTRACTED_AHEAD = re.compile(r"(\d+) of (\d+) release\(s\) extracted ahead by the parse worker")


@pytest.fixture(scope="module")
def replica() -> Iterator[Replica]:
    with Replica(releases=400, seed=33) as running:
        yield running


def backfill(tmp_path: Path, replica: Replica, delay: float) -> tuple[Project, str, str]:
    project = make_project(
        tmp_path, replica.base_url, watches=[{"name": "health", "kind": "category", "path": LIST}]
    )
    text = project.config_path.read_text(encoding="utf-8")
    project.config_path.write_text(
        text.replace("download_delay = 0\n", f"download_delay = {delay}\n"), encoding="utf-8"
    )
    earlier = log_file()  # the log is set up once per process: read only what this run adds
    offset = earlier.stat().st_size if earlier is not None and earlier.exists() else 0
    result = project.run("backfill", "--since", "2000-01-01")
    assert result.exit_code == 0, result.output
    path = log_file()
    assert path is not None
    with path.open(encoding="utf-8") as log:
        log.seek(offset)
        return project, result.output, log.read()


def counts(database_url: str) -> tuple[int, int]:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        stored = session.scalar(select(func.count()).select_from(Release))
        analysed = session.scalar(
            select(func.count()).where(Release.analysed_version == ANALYSER_VERSION)
        )
    engine.dispose()
    return int(stored or 0), int(analysed or 0)


def test_a_paced_backfill_analyses_while_it_crawls(tmp_path: Path, replica: Replica) -> None:
    project, output, log = backfill(tmp_path, replica, 0.02)
    stored, analysed = counts(project.database_url)
    during = [int(n) for n in WHILE_CRAWLING.findall(log)]
    assert stored > 300
    assert analysed == stored
    assert len(during) == 1 and 0 < during[0] <= stored
    assert f"analysed {stored} release(s)" in output  # the report counts each release once


def events(database_url: str) -> list[tuple[object, ...]]:
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        rows = session.execute(
            select(
                MilestoneEvent.release_pk, MilestoneEvent.type, MilestoneEvent.agency,
                MilestoneEvent.product, MilestoneEvent.indication, MilestoneEvent.phase,
                MilestoneEvent.status, MilestoneEvent.evidence, MilestoneEvent.novelty,
                MilestoneEvent.event_key, MilestoneEvent.conflict, MilestoneEvent.baseline,
                MilestoneEvent.alertable, MilestoneEvent.repeat_of.is_(None),
                MilestoneEvent.superseded,
            ).order_by(MilestoneEvent.id)
        )  # fmt: skip
        found = [tuple(row) for row in rows]
    engine.dispose()
    return found


def test_a_backfill_with_delays_off_analyses_after_its_crawl(
    tmp_path: Path, replica: Replica
) -> None:
    """Its parse worker extracted milestones between pages: the events stored are exactly
    those an analysis of the stored releases, extracting every one itself, stores."""
    project, output, log = backfill(tmp_path, replica, 0)
    stored, analysed = counts(project.database_url)
    assert analysed == stored > 300
    assert not WHILE_CRAWLING.search(log)
    assert f"analysed {stored} release(s)" in output
    ahead = EXTRACTED_AHEAD.search(log)
    assert ahead is not None and 0 < int(ahead.group(1)) <= stored == int(ahead.group(2))
    assert not list((project.root / "var" / "run").glob("extractions-*"))
    found = events(project.database_url)
    assert len(found) > 100
    engine = make_engine(project.database_url)
    with engine.begin() as connection:
        connection.execute(delete(MilestoneEvent))
        connection.execute(update(Release).values(analysed_version=None))
    engine.dispose()
    result = project.run("analyse")
    assert result.exit_code == 0, result.output
    assert events(project.database_url) == found
