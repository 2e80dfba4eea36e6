"""Named locks: a second holder is refused with a message saying who holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.locks import LockHeld, NamedLock


def test_a_held_lock_refuses_a_second_holder_and_names_the_first(
    database_url: str, tmp_path: Path
) -> None:
    first = NamedLock("crawl-xellsmart", database_url, tmp_path)
    second = NamedLock("crawl-xellsmart", database_url, tmp_path)
    first.acquire("incremental of xellsmart")
    try:
        with pytest.raises(LockHeld, match="crawl-xellsmart is held by"):
            second.acquire("backfill of xellsmart")
    finally:
        first.release()
    second.acquire("backfill of xellsmart")
    second.release()


def test_locks_with_different_names_do_not_interfere(database_url: str, tmp_path: Path) -> None:
    with NamedLock("crawl-a", database_url, tmp_path), NamedLock("crawl-b", database_url, tmp_path):
        pass
