"""A parse worker: `python -m crawler.parsing.worker`, driven by `crawler.parse_pool`.

Reads framed requests on stdin — a 4-byte big-endian length, then a pickled `(source, url, page,
entry)` (the wire's name and the listing entry that led to the page) — and
answers each, in order, on stdout with a pickled `(True, PressRelease)` (prepared: tidied, with
its fingerprint and shingles, see `crawler.cleaning.prepare`) or `(False, exception)`
(a PageError, or the parser bug the crawl would have met parsing inline).
It exits on end of input (its crawl closed the pipe or died) and ignores SIGINT: Ctrl-C reaches
the whole process group, and only the crawl decides how to stop.
"""

from __future__ import annotations

import pickle
import signal
import struct
import sys
from typing import BinaryIO

from crawler.cleaning import prepare
from crawler.items import ListingEntry, PressRelease
from crawler.sources.registry import wire_source

HEADER = struct.Struct(">I")


def parse_page(
    source: str, page: bytes, url: str, entry: ListingEntry | None = None
) -> PressRelease:
    """What a worker answers for a page, and what its crawl does when parsing inline."""
    release = wire_source(source).parse_detail(page, url, entry)
    release.source = source
    return prepare(release)


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    while True:
        header = requests.read(HEADER.size)
        if len(header) < HEADER.size:
            return
        (size,) = HEADER.unpack(header)
        payload = requests.read(size)
        if len(payload) < size:
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


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
