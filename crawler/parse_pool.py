"""Detail pages parsed in worker processes, so the reactor keeps downloading meanwhile.

Scrapy runs callbacks on its one event-loop thread: a page being parsed (~1.2 ms for a 300 KB
release) is a page not being downloaded. A backfill fetches thousands of pages, so it hands the
parsing to `WIREWATCH_PARSE_WORKERS` child processes (`crawler.parsing.worker`); an incremental
crawl fetches a handful and parses inline (no start-up cost).

Workers are fed through their stdin/stdout pipes by the event loop itself: a subprocess
protocol writes each page and resolves its future straight from the bytes received, with no
thread and no reader task (a `ProcessPoolExecutor`'s feeder and manager threads cost the crawl
~1 ms a page in GIL hand-offs, more than the parsing they saved; asyncio streams ~0.1 ms). They
get the page without its site chrome (`compact`: 15 KB instead of 180–440 KB). A worker that
dies is not fatal: its pending pages and every later one are parsed inline, with one warning in
the log. Workers exit when the crawl closes their stdin, or when the crawl dies and the pipe
closes with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import pickle
import sys
from collections import deque
from collections.abc import Sequence

from crawler.items import ListingEntry, PressRelease
from crawler.parsing.worker import HEADER, parse_page
from crawler.sources.registry import wire_source

logger = logging.getLogger(__name__)

PIPE_BYTES = 1 << 20
_Pending = tuple[asyncio.Future[PressRelease], bytes, str, ListingEntry | None]


class _WorkerProtocol(asyncio.SubprocessProtocol):
    """One worker: frames its answers and resolves the pages' futures in order."""

    def __init__(self, pool: ParsePool) -> None:
        self.pool = pool
        self.transport: asyncio.SubprocessTransport | None = None
        self.pending: deque[_Pending] = deque()
        self.buffer = bytearray()
        loop = asyncio.get_running_loop()
        self.done_reading: asyncio.Future[None] = loop.create_future()
        self.exited: asyncio.Future[None] = loop.create_future()
        self.alive = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.SubprocessTransport)
        self.transport = transport

    def send(
        self, page: bytes, url: str, entry: ListingEntry | None
    ) -> asyncio.Future[PressRelease]:
        assert self.transport is not None
        future: asyncio.Future[PressRelease] = asyncio.get_running_loop().create_future()
        self.pending.append((future, page, url, entry))
        data = pickle.dumps((self.pool.source, url, page, entry), protocol=pickle.HIGHEST_PROTOCOL)
        stdin = self.transport.get_pipe_transport(0)
        assert isinstance(stdin, asyncio.WriteTransport)
        # No drain: the pipe transport buffers, and Scrapy bounds the pages in flight.
        stdin.write(HEADER.pack(len(data)) + data)
        return future

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        while len(buffer) >= HEADER.size and self.pending:
            (size,) = HEADER.unpack_from(buffer)
            end = HEADER.size + size
            if len(buffer) < end:
                return
            ok, value = pickle.loads(buffer[HEADER.size : end])  # noqa: S301 (our child)
            del buffer[:end]
            future, _, _, _ = self.pending.popleft()
            if not future.done():
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

    def pipe_connection_lost(self, fd: int, exc: Exception | None) -> None:
        if fd == 1:  # its stdout: every answer it will give has been received
            self._gone()

    def process_exited(self) -> None:
        if not self.exited.done():
            self.exited.set_result(None)

    def _gone(self) -> None:
        self.alive = False
        if self.pending:
            code = self.transport.get_returncode() if self.transport is not None else None
            logger.warning(
                "a parse worker stopped answering (exit code %s); parsing the rest of this "
                "crawl inline", code,
            )  # fmt: skip
            self.pool.inline = True
        while self.pending:
            future, page, url, entry = self.pending.popleft()
            if future.done():
                continue
            try:
                future.set_result(parse_page(self.pool.source, page, url, entry))
            except Exception as exc:  # noqa: BLE001 (handed to the callback, as inline)
                future.set_exception(exc)
        if not self.done_reading.done():
            self.done_reading.set_result(None)


# A worker's command line after the interpreter; another program may serve the same pipe
# protocol (`crawler.parsing.worker.serve`) and do more in its spare time.
WORKER_ARGS = ("-m", "crawler.parsing.worker")


class ParsePool:
    def __init__(self, workers: int, source: str = "prnewswire", args: Sequence[str] = ()) -> None:
        """`args`: the workers' command line after the interpreter (none: `WORKER_ARGS`)."""
        self.workers = workers
        self.source = source
        self.args = tuple(args) or WORKER_ARGS
        self.inline = workers <= 0
        self._pool: list[_WorkerProtocol] = []
        self._starting: asyncio.Task[None] | None = None

    @property
    def pids(self) -> list[int]:
        return [w.transport.get_pid() for w in self._pool if w.transport is not None]

    async def parse_release(
        self, body: bytes, url: str, entry: ListingEntry | None = None
    ) -> PressRelease:
        """The source's detail parser, then `crawler.cleaning.prepare`, in a worker when
        there is one."""
        if not self.inline and self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        if self._starting is not None and not self._starting.done():
            await self._starting
        live = [w for w in self._pool if w.alive] if not self.inline else []
        if not live:
            return parse_page(self.source, body, url, entry)
        worker = min(live, key=lambda w: len(w.pending))
        return await worker.send(wire_source(self.source).compact(body), url, entry)

    async def _start(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            for _ in range(self.workers):
                _, protocol = await loop.subprocess_exec(
                    lambda: _WorkerProtocol(self),
                    sys.executable, *self.args,
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=None,
                )  # fmt: skip
                _widen_pipe(protocol)
                self._pool.append(protocol)
        except OSError as exc:
            logger.warning("no parse worker (%s); parsing inline", exc)
            self.inline = True

    async def close(self) -> None:
        """Close the workers' input and wait for them to finish (they answer what is queued)."""
        if self._starting is not None and not self._starting.done():
            await self._starting
        pool, self._pool = self._pool, []
        self.inline = True
        for worker in pool:
            if worker.transport is not None:
                stdin = worker.transport.get_pipe_transport(0)
                if stdin is not None:
                    stdin.close()
        for worker in pool:
            try:  # it answers what is queued, then ends on end of input
                await asyncio.wait_for(asyncio.shield(worker.done_reading), timeout=5)
                await asyncio.wait_for(asyncio.shield(worker.exited), timeout=2)
            except TimeoutError:
                if worker.transport is not None:
                    worker.transport.kill()
                await worker.exited
            if worker.transport is not None:
                worker.transport.close()


def _widen_pipe(worker: _WorkerProtocol) -> None:
    """A 1 MiB pipe to the worker instead of 64 KiB: pages (~15 KB each) queue in the kernel
    instead of in the transport, which then writes each in one call, not on every
    "writable" wake-up (Linux only; elsewhere the default pipe stays)."""
    stdin = worker.transport.get_pipe_transport(0) if worker.transport is not None else None
    pipe = stdin.get_extra_info("pipe") if stdin is not None else None
    if pipe is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    with contextlib.suppress(OSError):  # above /proc/sys/fs/pipe-max-size: keep the default
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
