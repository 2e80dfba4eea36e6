"""Two analysers of the same releases at once (a daemon's beside a backfill's): one waits for
the other, then updates its events in place. Nothing is stored twice, nothing fails.

On PostgreSQL the second analyser would otherwise read no events (the first one's are not
committed yet), insert the same ones and fail on the unique (release, type, agency, product)
when the first commits. Run on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from alerts.analyse import AnalysisReport, Policy, analyse_releases, extract_releases
from alerts.milestones.model import release_text
from storage import releases
from storage.models import MilestoneEvent, Release
from tests.support.analysis_rows import NOW, replica_rows
from wirewatch import analysis

POLICY = Policy(now=NOW, grace=timedelta(hours=24), window=timedelta(days=30))


def test_a_second_analyser_of_the_same_batch_waits_then_updates_in_place(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        releases.insert_releases(session, replica_rows(30, seed=6))
    with session_factory() as session:
        stored = list(session.scalars(select(Release).order_by(Release.id)))
        texts = [(r.id, release_text(r)) for r in stored]
    pks = [pk for pk, _ in texts]
    extractions = extract_releases(texts)
    second = AnalysisReport()
    failures: list[BaseException] = []

    def analyse_again() -> None:
        try:
            analysis._write(session_factory, POLICY, second, pks, extractions)
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            failures.append(exc)

    first = AnalysisReport()
    with session_factory.begin() as session:  # the first analyser, its events not committed
        rows = session.scalars(
            select(Release).where(Release.id.in_(pks)).order_by(Release.id).with_for_update()
        )
        analyse_releases(session, rows, POLICY, first, extractions)
        thread = threading.Thread(target=analyse_again)
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive()  # waiting for the first analyser
    thread.join(60)
    assert not thread.is_alive()
    assert failures == []
    with session_factory() as session:
        events = session.scalar(select(func.count()).select_from(MilestoneEvent))
    assert first.events > 20
    assert events == first.events == second.events
    assert second.new_events == 0  # every event was found in place, none made again
