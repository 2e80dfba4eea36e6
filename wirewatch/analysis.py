"""Run the milestone analysis over stored releases, in batches of short transactions.

Each batch is read without a write lock, extracted with no transaction open (the CPU-heavy
part: seconds for a hostile release), then written in one short transaction. Extraction inside
`BEGIN IMMEDIATE` left every other writer and reader waiting on "database is locked" (M1).

Three ways to run it, one order of judgement (pk order, batch after batch):
* `analyse_pending`: here, after a crawl (the daemon, `crawl`) or on demand (`analyse`);
* the same with `processes` > 1: extraction on forked processes, the next batch extracting
  while this one is written (a backfill's rest, a large `analyse`);
* `AnalysisWhileCrawling`: beside a paced backfill's crawl, at the lowest priority.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.analyse import (
    ANALYSER_VERSION,
    AnalysisReport,
    Policy,
    analyse_releases,
    extract_releases,
)
from alerts.milestones.codec import text_digest
from alerts.milestones.model import Extraction, ReleaseText, release_text
from storage import crawl_runs, releases
from storage.models import Release
from storage.session import make_engine, make_session_factory, read_only
from wirewatch.app import App

logger = logging.getLogger(__name__)
BATCH = 200
ANALYSIS_NICE = 19  # the analysis while crawling: only CPU the crawl leaves


def policy_for(app: App, mode: str, now: datetime) -> Policy:
    """mode: "crawl" (baseline from each watch's first crawl), "run" (from now), "send"."""
    alerts = app.config.alerts
    grace = alerts.baseline_grace
    window = alerts.event_window
    if mode == "crawl":
        with read_only(app.session_factory) as session:
            first = {n: s.first_crawl_at for n, s in crawl_runs.watch_states(session).items()}
        return Policy(now=now, grace=grace, window=window, first_crawls=first)
    if mode == "run":
        return Policy(now=now, grace=grace, window=window, run_started_at=now)
    return Policy(now=now, grace=grace, window=window)


def analyse_pending(
    app: App,
    *,
    send: bool,
    everything: bool = False,
    mode: str | None = None,
    progress: Callable[[int], None] | None = None,
    policy: Policy | None = None,
    report: AnalysisReport | None = None,
    processes: int = 1,
    ahead: Mapping[str, Extraction] | None = None,
) -> AnalysisReport:
    """Analyse releases the current analyser has not seen (or all of them).

    `policy` and `report` continue an analysis begun while crawling (`AnalysisWhileCrawling`).
    With `processes` > 1 the extraction (pure, ~2 ms a release) runs on that many forked
    processes; events are still judged and written here, one batch at a time in pk order.
    `ahead` holds extractions made beforehand, by text digest (`wirewatch.spare_extraction`):
    a release whose text has one is not extracted again.
    """
    policy = policy or policy_for(app, mode or ("send" if send else "run"), datetime.now(UTC))
    report = report if report is not None else AnalysisReport()
    with _extraction(processes) as extract_texts:
        made_ahead = _MadeAhead(ahead, extract_texts) if ahead else None
        _analyse_batches(
            app.session_factory, policy, report, everything=everything, progress=progress,
            extract_texts=made_ahead or extract_texts,
        )  # fmt: skip
    if made_ahead is not None:
        logger.info("%d of %d release(s) extracted ahead by the parse worker",
                    made_ahead.reused, report.releases)  # fmt: skip
    logger.info("analysis (%s): %s", ANALYSER_VERSION, report.describe())
    return report


def _analyse_batches(
    session_factory: sessionmaker[Session],
    policy: Policy,
    report: AnalysisReport,
    *,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    extract_texts: _Extract | None = None,
) -> None:
    """Batches until none is left (or `stop()` says so, asked between batches).

    Extraction is pure and may run elsewhere (`_extraction`): the next batch is handed to it
    before the current one is judged and written, so both proceed at once. Writing stays
    here, one batch at a time, in pk order.
    """
    extract_texts = extract_texts or _inline
    after = 0
    pending: tuple[list[int], Callable[[], dict[int, Extraction]]] | None = None
    while True:
        texts: list[tuple[int, ReleaseText]] = []
        if stop is None or not stop():
            with read_only(session_factory) as session:
                batch = releases.releases_to_analyse(
                    session, ANALYSER_VERSION, everything=everything, limit=BATCH, after_pk=after
                )
                texts = [(release.id, release_text(release)) for release in batch]
        upcoming = ([pk for pk, _ in texts], extract_texts(texts)) if texts else None
        if upcoming is not None:
            after = upcoming[0][-1]
        if pending is not None:
            _write(session_factory, policy, report, pending[0], pending[1]())
            if progress is not None:
                progress(len(pending[0]))
        if upcoming is None:
            return
        pending = upcoming


def _write(
    session_factory: sessionmaker[Session], policy: Policy, report: AnalysisReport,
    pks: list[int], extractions: dict[int, Extraction],
) -> None:  # fmt: skip
    """Judge and store one batch. Its releases are locked first (PostgreSQL; SQLite's write
    transactions are serial already), in pk order: a second analyser of the same releases (a
    daemon's, beside a backfill's) waits, then sees the first one's events and updates them in
    place instead of inserting them again."""
    with session_factory.begin() as session:
        stmt = select(Release).where(Release.id.in_(pks)).order_by(Release.id).with_for_update()
        analyse_releases(session, session.scalars(stmt), policy, report, extractions)


# Hands a batch's texts to the extraction; calling what it returns waits for the result.
_Extract = Callable[[list[tuple[int, ReleaseText]]], Callable[[], dict[int, Extraction]]]


class _MadeAhead:
    """`extract_texts` for the texts `ahead` has no extraction of; `reused` counts the others."""

    def __init__(self, ahead: Mapping[str, Extraction], extract_texts: _Extract) -> None:
        self.ahead = ahead
        self.extract_texts = extract_texts
        self.reused = 0

    def __call__(self, texts: list[tuple[int, ReleaseText]]) -> Callable[[], dict[int, Extraction]]:
        found: dict[int, Extraction] = {}
        rest: list[tuple[int, ReleaseText]] = []
        for pk, text in texts:
            made = self.ahead.get(text_digest(text))
            if made is None:
                rest.append((pk, text))
            else:
                found[pk] = made
        self.reused += len(found)
        pending = self.extract_texts(rest) if rest else None
        return lambda: {**found, **pending()} if pending is not None else found


def _inline(texts: list[tuple[int, ReleaseText]]) -> Callable[[], dict[int, Extraction]]:
    found = extract_releases(texts)  # no transaction open
    return lambda: found


@contextlib.contextmanager
def _extraction(processes: int) -> Iterator[_Extract]:
    """Extraction here, or spread over `processes` forked processes."""
    if processes <= 1:
        yield _inline
        return
    context = multiprocessing.get_context("fork")  # the rules are compiled already
    # Ctrl-C reaches the whole process group: only this process decides how to stop.
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_ignore_ctrl_c) as pool:

        def extract_texts(
            texts: list[tuple[int, ReleaseText]],
        ) -> Callable[[], dict[int, Extraction]]:
            size = max(1, len(texts) // (processes * 2))
            chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
            with ctrl_c_held_back():  # the first submit forks the workers
                futures = [pool.submit(extract_releases, chunk) for chunk in chunks]

            def result() -> dict[int, Extraction]:
                found: dict[int, Extraction] = {}
                for future in futures:
                    found.update(future.result())
                return found

            return result

        yield extract_texts


@contextlib.contextmanager
def ctrl_c_held_back() -> Iterator[None]:
    """SIGINT blocked in this thread while it forks processes.

    A child inherits the forking thread's signal mask: forked with SIGINT deliverable, a
    Ctrl-C in the moment before it ignores the signal (or leaves the terminal's process group)
    raised KeyboardInterrupt there, and multiprocessing printed its traceback beside our one
    line. This process still gets the Ctrl-C: when the block ends, or at once if another of
    its threads takes the signal (Python then raises it in the main thread).
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class AnalysisWhileCrawling:
    """Analyses what a crawl stores while the crawl runs, in a process of its own.

    A backfill's analysis (~2 ms of extraction a release) used to start when its crawl had
    ended, and took longer than the crawl. Here a forked process keeps up with the store,
    batch by batch, in the same short transactions as `analyse_pending`; each pass starts again
    from the lowest pk, so releases committed out of pk order (a distributed backfill's
    workers) are not skipped.

    It asks only for the CPU the crawl leaves: it runs in a session of its own at the lowest
    priority (Linux schedules each session as a group, "autogroup", so a nice value alone
    would not make it yield to the crawl's session); a thread of this process, tried first,
    took a fair half of a 2-core machine. Even so it slowed a CPU-bound crawl (delays off)
    from 0.68x to 0.56x a do-nothing spider on the 2-vCPU development VM, for no gain in the
    whole backfill, so `backfill` runs it only beside a crawl paced by a download delay.

    `stop()` ends it after the batch in hand and returns its report; whatever it has not
    reached (or could not do: an error is logged, never raised) is left to `analyse_pending`,
    which the caller runs next with the same `policy` and that report.
    """

    def __init__(self, app: App, policy: Policy, idle: float = 0.2) -> None:
        context = multiprocessing.get_context("fork")  # no re-import, no pickled config
        self._stopping = context.Event()
        self._analysed = context.Value("i", 0)
        self._answers, answers = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_analyse_while_crawling,
            args=(app, policy, idle, self._stopping, self._analysed, answers, os.getpid()),
            name="wirewatch-analysis",
            daemon=True,
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def analysed(self) -> int:
        """Releases analysed so far (for a progress bar)."""
        return int(self._analysed.value)

    def start(self) -> None:
        with ctrl_c_held_back():  # it leaves the terminal's process group first thing
            self._process.start()

    def stop(self, timeout: float = 60) -> AnalysisReport:
        """Stop after the batch in hand; the report of what was analysed."""
        self._stopping.set()
        report = AnalysisReport()
        if self._answers.poll(timeout):
            with contextlib.suppress(EOFError, OSError):
                report = self._answers.recv()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        logger.info("analysed %d release(s) while crawling", report.releases)
        return report


def _analyse_while_crawling(
    app: App, policy: Policy, idle: float, stopping: Event, analysed: Synchronized[int],
    answers: Connection, parent: int,
) -> None:  # fmt: skip
    report = AnalysisReport()
    try:
        _yield_to_the_crawl()
        if "engine" in app.__dict__:
            app.engine.dispose(close=False)  # the parent's connections stay the parent's
        factory = make_session_factory(make_engine(app.config.database.url))

        def stop() -> bool:
            analysed.value = report.releases
            return stopping.is_set() or os.getppid() != parent

        while not stop():
            before = report.releases
            _analyse_batches(factory, policy, report, stop=stop)
            if report.releases == before:
                stopping.wait(idle)
    except BaseException:  # the analysis after the crawl does the rest
        logger.warning("analysis while crawling stopped; the rest runs after the crawl",
                       exc_info=True)  # fmt: skip
    with contextlib.suppress(OSError):
        answers.send(report)


def _yield_to_the_crawl() -> None:
    """A session (so an autogroup) of its own, niced: it gets only CPU nobody else wants."""
    with contextlib.suppress(OSError):
        os.setsid()
    with contextlib.suppress(OSError):
        Path("/proc/self/autogroup").write_text(f"{ANALYSIS_NICE}\n", encoding="ascii")
    with contextlib.suppress(OSError):
        os.nice(ANALYSIS_NICE)
