"""A parse worker: `python -m crawler.parsing.worker`, driven by `crawler.parse_pool`.

Reads framed requests on stdin — a 4-byte big-endian length, then a pickled `(source, url, page,
entry)` (the wire's name and the listing entry that led to the page) — and
answers each, in order, on stdout with a pickled `(True, PressRelease)` (prepared: tidied, with
its fingerprint and shingles, see `crawler.cleaning.prepare`) or `(False, exception)`
(a PageError, or the parser bug the crawl would have met parsing inline).
It exits on end of input (its crawl closed the pipe or died) and ignores SIGINT: Ctrl-C reaches
the whole process group, and only the crawl decides how to stop.

`serve` may be given spare-time work (`wirewatch.spare_extraction` extracts milestones there):
each release it answered is handed to it later, whenever no page is waiting, so the crawl never
waits for it; what is still queued when the input ends is dropped (whoever asked for it redoes
what is missing).
"""

from __future__ import annotations

import io
import os
import pickle
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable
from typing import BinaryIO

from crawler.cleaning import prepare
from crawler.items import ListingEntry, PressRelease
from crawler.sources.registry import wire_source

HEADER = struct.Struct(">I")
# Releases waiting for the spare-time work, at most (the oldest are dropped beyond).
SPARE_BACKLOG = 500
SpareWork = Callable[[PressRelease], None]


def parse_page(
    source: str, page: bytes, url: str, entry: ListingEntry | None = None
) -> PressRelease:
    """What a worker answers for a page, and what its crawl does when parsing inline."""
    release = wire_source(source).parse_detail(page, url, entry)
    release.source = source
    return prepare(release)


def serve(requests: BinaryIO, answers: BinaryIO, spare: SpareWork | None = None) -> None:
    frames = _Frames(requests)
    backlog: deque[PressRelease] = deque(maxlen=SPARE_BACKLOG)
    while True:
        if backlog and spare is not None and not frames.waiting():
            spare(backlog.popleft())
            continue
        payload = frames.next()
        if payload is None:
            return
        source, url, page, entry = pickle.loads(payload)  # noqa: S301 (our parent's pipe)
        try:
            answer: tuple[bool, object] = (True, parse_page(source, page, url, entry))
        except Exception as exc:  # noqa: BLE001 (re-raised in the crawl, as inline)
            answer = (False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 (an exception that does not pickle: its text does)
            data = pickle.dumps((False, RuntimeError(repr(answer[1]))))
        answers.write(HEADER.pack(len(data)) + data)
        answers.flush()
        if spare is not None and answer[0]:
            assert isinstance(answer[1], PressRelease)
            backlog.append(answer[1])


class _Frames:
    """The framed requests, read from the pipe's descriptor itself: `waiting` can then tell,
    without blocking, whether the crawl has sent a page (a stream without one, in tests, is
    read as a whole)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        try:
            self.fd: int | None = stream.fileno()
        except (OSError, io.UnsupportedOperation):
            self.fd = None
        self.buffer = bytearray()

    def waiting(self) -> bool:
        """A page (or its first bytes, or the end of input) is there to be read."""
        if self.buffer or self.fd is None:
            return bool(self.buffer)
        readable, _, _ = select.select([self.fd], [], [], 0)
        return bool(readable)

    def next(self) -> bytes | None:
        """The next request's payload; None at the end of input."""
        buffer = self.buffer
        while len(buffer) < HEADER.size:
            if not self._read():
                return None
        (size,) = HEADER.unpack_from(buffer)
        end = HEADER.size + size
        while len(buffer) < end:
            if not self._read():
                return None
        payload = bytes(memoryview(buffer)[HEADER.size : end])
        del buffer[:end]
        return payload

    def _read(self) -> bool:
        size = 1 << 20
        chunk = os.read(self.fd, size) if self.fd is not None else self.stream.read(size)
        self.buffer += chunk
        return bool(chunk)


def main(spare: SpareWork | None = None) -> None:
    """Serve the crawl on stdin/stdout (another worker program passes its spare-time work)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(sys.stdin.buffer, sys.stdout.buffer, spare)


if __name__ == "__main__":
    main()
