"""Detail pages parsed in worker processes, so the reactor keeps downloading meanwhile.

Scrapy runs callbacks on its one event-loop thread: a page being parsed (~1.2 ms for a 300 KB
release) is a page not being downloaded. A backfill fetches thousands of pages, so it hands the
parsing to `WIREWATCH_PARSE_WORKERS` child processes (`crawler.parsing.worker`); an incremental
crawl fetches a handful and parses inline (no start-up cost).

Workers are fed through their stdin/stdout pipes by the event loop itself (no threads: a
`ProcessPoolExecutor`'s feeder and manager threads cost the crawl ~1 ms a page in GIL hand-offs,
more than the parsing they saved). They get the page without its site chrome (`compact`: 15 KB
instead of 180–440 KB). A worker that dies is not fatal: its pending pages and every later one
are parsed inline, with one warning in the log. Workers exit when the crawl closes their stdin,
or when the crawl process dies and the pipe closes with it.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import sys
from collections import deque
from dataclasses import dataclass, field

from crawler.cleaning import prepare
from crawler.items import PressRelease
from crawler.parsing.document import compact
from crawler.parsing.release import parse_release
from crawler.parsing.worker import HEADER

logger = logging.getLogger(__name__)


@dataclass
class _Worker:
    process: asyncio.subprocess.Process
    pending: deque[tuple[asyncio.Future[PressRelease], bytes, str]] = field(default_factory=deque)
    reader: asyncio.Task[None] | None = None


class WorkerGone(Exception):
    """A parse worker exited with pages still to answer."""


class ParsePool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: list[_Worker] = []
        self._starting: asyncio.Task[None] | None = None
        self._inline = workers <= 0

    async def parse_release(self, body: bytes, url: str) -> PressRelease:
        """`crawler.parsing.release.parse_release`, then `crawler.cleaning.prepare`, in a
        worker when there is one."""
        if self._inline:
            return prepare(parse_release(body, url))
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        if not self._starting.done():
            await self._starting
        if not self._pool:
            return prepare(parse_release(body, url))
        worker = min(self._pool, key=lambda w: len(w.pending))
        page = compact(body)
        future: asyncio.Future[PressRelease] = asyncio.get_running_loop().create_future()
        worker.pending.append((future, page, url))
        data = pickle.dumps((url, page), protocol=pickle.HIGHEST_PROTOCOL)
        stdin = worker.process.stdin
        assert stdin is not None
        try:
            stdin.write(HEADER.pack(len(data)) + data)
            await stdin.drain()
        except (ConnectionError, RuntimeError):
            pass  # the reader sees the worker gone and answers every pending page inline
        return await future

    async def _start(self) -> None:
        try:
            for _ in range(self.workers):
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "crawler.parsing.worker",
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                )  # fmt: skip
                worker = _Worker(process)
                worker.reader = asyncio.ensure_future(self._read(worker))
                self._pool.append(worker)
        except OSError as exc:
            logger.warning("no parse worker (%s); parsing inline", exc)
            self._inline = True

    async def _read(self, worker: _Worker) -> None:
        stdout = worker.process.stdout
        assert stdout is not None
        try:
            while True:
                header = await stdout.readexactly(HEADER.size)
                (size,) = HEADER.unpack(header)
                ok, value = pickle.loads(await stdout.readexactly(size))  # noqa: S301 (our child)
                future, _, _ = worker.pending.popleft()
                if not future.done():
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        if worker.pending:
            logger.warning(
                "a parse worker exited (code %s); parsing the rest of this crawl inline",
                worker.process.returncode,
            )
        self._inline = True
        if worker in self._pool:
            self._pool.remove(worker)
        while worker.pending:
            future, page, url = worker.pending.popleft()
            if future.done():
                continue
            try:
                future.set_result(prepare(parse_release(page, url)))
            except Exception as exc:  # noqa: BLE001 (handed to the callback, as inline)
                future.set_exception(exc)

    async def close(self) -> None:
        """Close the workers' input and wait for them to finish (they answer what is queued)."""
        pool, self._pool = self._pool, []
        self._inline = True
        for worker in pool:
            if worker.process.stdin is not None:
                worker.process.stdin.close()
        for worker in pool:
            try:
                await asyncio.wait_for(worker.process.wait(), timeout=5)
            except TimeoutError:
                worker.process.kill()
                await worker.process.wait()
            if worker.reader is not None:
                await worker.reader
