"""The backfill's parse workers (`crawler.parse_pool`): real child processes, real pages."""

from __future__ import annotations

import asyncio
import fcntl
import io
import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.cleaning import prepare
from crawler.items import PressRelease
from crawler.parse_pool import PIPE_BYTES, ParsePool
from crawler.parsing import worker
from crawler.parsing.errors import BlockedPage, TruncatedPage
from crawler.sources.prnewswire.release import parse_release

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "prnewswire"
XELLSMART = "detail-2025-xellsmart-302427583.html"
URL = "https://www.prnewswire.com/news-releases/x-302427583.html"


def page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def inline(name: str) -> PressRelease:
    return prepare(parse_release(page(name), URL))


def test_a_worker_answers_exactly_what_parsing_inline_gives() -> None:
    names = sorted(p.name for p in FIXTURES.glob("detail-*.html"))

    async def scenario() -> list[PressRelease]:
        pool = ParsePool(2)
        try:
            return list(await asyncio.gather(*(pool.parse_release(page(n), URL) for n in names)))
        finally:
            await pool.close()

    parsed = asyncio.run(scenario())
    assert parsed == [inline(name) for name in names]
    assert all(r.fingerprint and r.shingles and r.cleaned is not None for r in parsed)


def test_page_errors_cross_the_pipe_with_their_health() -> None:
    async def scenario() -> list[BaseException | PressRelease]:
        pool = ParsePool(1)
        try:
            results = await asyncio.gather(
                pool.parse_release(page("blocked-2026-access-denied.html"), URL),
                pool.parse_release(page("truncated-2025-xellsmart-302427583.html"), URL),
                pool.parse_release(page(XELLSMART), URL),
                return_exceptions=True,
            )
            return list(results)
        finally:
            await pool.close()

    blocked, truncated, fine = asyncio.run(scenario())
    assert isinstance(blocked, BlockedPage) and blocked.health == "blocked"
    # The worker gets the page uncut when it lost its end, so the truncation is still seen.
    assert isinstance(truncated, TruncatedPage)
    assert fine == inline(XELLSMART)


class Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("not today")


def test_a_parser_bug_is_answered_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any exception is the answer for its page (raised in the crawl as it would be inline);
    one that does not pickle still arrives, as text. The worker goes on with the next page."""
    bugs = iter([ValueError("bad index"), Unpicklable("x")])

    def buggy(source: str, page: bytes, url: str, entry: object) -> PressRelease:
        bug = next(bugs, None)
        if bug is not None:
            raise bug
        return prepare(parse_release(page, url))

    monkeypatch.setattr(worker, "parse_page", buggy)
    requests = io.BytesIO()
    for _ in range(3):
        data = pickle.dumps(("prnewswire", URL, page(XELLSMART), None))
        requests.write(worker.HEADER.pack(len(data)) + data)
    requests.seek(0)
    answers = io.BytesIO()
    worker.serve(requests, answers)
    answers.seek(0)
    got = []
    while header := answers.read(worker.HEADER.size):
        (size,) = worker.HEADER.unpack(header)
        got.append(pickle.loads(answers.read(size)))
    assert [ok for ok, _ in got] == [False, False, True]
    assert isinstance(got[0][1], ValueError) and str(got[0][1]) == "bad index"
    assert isinstance(got[1][1], RuntimeError) and "Unpicklable" in str(got[1][1])
    assert got[2][1] == inline(XELLSMART)


def test_a_killed_worker_loses_no_page(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> list[PressRelease]:
        pool = ParsePool(1)
        try:
            first = await pool.parse_release(page(XELLSMART), URL)
            [pid] = pool.pids
            # Pages queued, then the worker dies before answering them.
            os.kill(pid, signal.SIGSTOP)
            pending = [
                asyncio.ensure_future(pool.parse_release(page(XELLSMART), URL)) for _ in range(5)
            ]
            await asyncio.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            rest = await asyncio.wait_for(asyncio.gather(*pending), timeout=20)
            later = await pool.parse_release(page(XELLSMART), URL)  # inline from now on
            return [first, *rest, later]
        finally:
            await pool.close()

    with caplog.at_level(logging.WARNING, logger="crawler.parse_pool"):
        parsed = asyncio.run(scenario())
    assert parsed == [inline(XELLSMART)] * 7
    warnings = [r for r in caplog.records if "parse worker stopped" in r.getMessage()]
    assert len(warnings) == 1


def test_workers_ignore_ctrl_c_and_end_with_their_input() -> None:
    async def scenario() -> tuple[int | None, PressRelease]:
        pool = ParsePool(1)
        await pool.parse_release(page(XELLSMART), URL)
        worker = pool._pool[0]
        assert worker.transport is not None
        os.kill(worker.transport.get_pid(), signal.SIGINT)  # Ctrl-C reaches the process group
        await asyncio.sleep(0.2)
        answer = await pool.parse_release(page(XELLSMART), URL)
        alive = worker.transport.get_returncode()
        await pool.close()
        assert worker.transport.get_returncode() == 0  # closing its input ends it cleanly
        return alive, answer

    alive, answer = asyncio.run(scenario())
    assert alive is None
    assert answer == inline(XELLSMART)


CRAWL = """
import asyncio, sys, time
from crawler.parse_pool import PIPE_BYTES, ParsePool

async def main():
    pool = ParsePool(1)
    await pool.parse_release(open(sys.argv[1], "rb").read(), "https://x.test/r-1.html")
    print(pool.pids[0], flush=True)
    time.sleep(60)

asyncio.run(main())
"""


def test_a_killed_crawl_leaves_no_worker_behind(tmp_path: Path) -> None:
    crawl = subprocess.Popen(
        [sys.executable, "-c", CRAWL, str(FIXTURES / XELLSMART)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert crawl.stdout is not None
    worker_pid = int(crawl.stdout.readline())
    crawl.kill()  # kill -9: no clean-up code runs
    crawl.wait()
    crawl.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker_pid):
        time.sleep(0.05)
    assert not _alive(worker_pid), "the parse worker outlived its crawl"


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # ours only if re-parented to us: never mind
    except ChildProcessError:
        pass
    else:
        if waited == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) counts as gone.
    status = Path(f"/proc/{pid}/status")
    try:
        return "zombie" not in status.read_text()
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not hasattr(fcntl, "F_GETPIPE_SZ"), reason="Linux pipe sizes only")
def test_pages_go_to_a_worker_through_a_wide_pipe() -> None:
    """A 1 MiB pipe holds a backlog of ~60 compacted pages, so the crawl writes each page in
    one call instead of on every "writable" wake-up of a full 64 KiB pipe."""
    maximum = int(Path("/proc/sys/fs/pipe-max-size").read_text(encoding="ascii"))

    async def scenario() -> int:
        pool = ParsePool(1)
        try:
            await pool.parse_release(page(XELLSMART), URL)
            transport = pool._pool[0].transport
            assert transport is not None
            stdin = transport.get_pipe_transport(0)
            assert stdin is not None
            pipe = stdin.get_extra_info("pipe")
            return int(fcntl.fcntl(pipe.fileno(), fcntl.F_GETPIPE_SZ))
        finally:
            await pool.close()

    assert asyncio.run(scenario()) >= min(PIPE_BYTES, maximum)


class _Answers:
    """The worker's stdout, recording when each answer was written."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def write(self, data: bytes) -> int:
        self.events.append("answer")
        return len(data)

    def flush(self) -> None:
        return None


def _request(name: str = XELLSMART) -> bytes:
    data = pickle.dumps(("prnewswire", URL, page(name), None))
    return worker.HEADER.pack(len(data)) + data


def test_spare_work_waits_for_pages_and_ends_with_the_input() -> None:
    """Pages are answered first; each answered release is handed to the spare-time work once
    no page is waiting; what is left when the input ends is dropped, not worked through."""
    import threading

    events: list[str] = []
    spared: list[PressRelease] = []

    def spare(release: PressRelease) -> None:
        spared.append(release)
        events.append("spare")

    read, write = os.pipe()
    with os.fdopen(read, "rb") as requests:
        serving = threading.Thread(target=worker.serve, args=(requests, _Answers(events), spare))
        serving.start()
        os.write(write, _request() * 3)  # three pages at once: all answered before any spare
        deadline = time.monotonic() + 20
        while len(spared) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert events == ["answer"] * 3 + ["spare"] * 3
        assert spared == [inline(XELLSMART)] * 3
        os.write(write, _request() * 2)
        os.close(write)  # end of input right behind them: answered, never spared
        serving.join(20)
    assert not serving.is_alive()
    assert events == ["answer"] * 3 + ["spare"] * 3 + ["answer"] * 2


def test_a_failed_page_is_not_spare_work() -> None:
    events: list[str] = []
    spared: list[PressRelease] = []
    requests = io.BytesIO(_request("blocked-2026-access-denied.html") + _request())
    worker.serve(requests, _Answers(events), spared.append)
    assert events == ["answer", "answer"]
    assert spared == [inline(XELLSMART)]  # the blocked page's answer was an error
