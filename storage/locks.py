"""Named locks so that crawls, backfills and daemons never overlap.

On SQLite (one host) a non-blocking `flock` on var/locks/<name>.lock; the kernel frees it when
the holder dies, even after `kill -9`. On PostgreSQL a session advisory lock on a dedicated,
unpooled connection, which works across hosts and is freed when that connection ends.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Self

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool


class LockHeld(Exception):
    """Another process holds the lock; the message says which."""


class NamedLock:
    """Acquire with `acquire()` (raises LockHeld) or as a context manager."""

    def __init__(self, name: str, database_url: str, state_dir: str | Path = "var") -> None:
        self.name = name
        self.database_url = database_url
        self.state_dir = Path(state_dir)
        self._file: IO[str] | None = None
        self._conn: Connection | None = None

    @property
    def _postgres(self) -> bool:
        return make_url(self.database_url).get_backend_name() == "postgresql"

    def acquire(self, what: str = "") -> None:
        if self._postgres:
            self._acquire_advisory(what)
        else:
            self._acquire_file(what)

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key()})
            finally:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _holder_note(self, what: str) -> str:
        return json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "what": what or self.name,
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )

    def _acquire_file(self, what: str) -> None:
        path = self.state_dir / "locks" / f"{self.name}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise LockHeld(_describe(self.name, holder)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(self._holder_note(what))
        handle.flush()
        self._file = handle

    def _key(self) -> int:
        digest = hashlib.sha256(f"wirewatch:{self.name}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def _acquire_advisory(self, what: str) -> None:
        url = make_url(self.database_url)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        engine = create_engine(
            url,
            poolclass=NullPool,
            connect_args={"application_name": f"wirewatch lock {self.name}"[:60]},
        )
        conn = engine.connect()
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key()}).scalar()
        conn.commit()
        if not got:
            holder = conn.execute(
                text(
                    "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                    "AND l.objid = (:k & 4294967295) AND l.granted LIMIT 1"
                ),
                {"k": self._key()},
            ).first()
            conn.close()
            if holder is None:
                raise LockHeld(f"{self.name} is held by another session")
            since = holder[2].astimezone(UTC).isoformat(timespec="seconds") if holder[2] else "?"
            raise LockHeld(
                f"{self.name} is held by {holder[0] or 'a session'} from "
                f"{holder[1] or 'local'} (since {since})"
            )
        # The holder's own pid and host, not the server backend's: what `kill` needs.
        label = f"{what or self.name} (pid {os.getpid()} on {socket.gethostname()})"
        conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": label[:63]})
        conn.commit()
        self._conn = conn


def _describe(name: str, holder: str) -> str:
    try:
        data = json.loads(holder)
    except ValueError:
        return f"{name} is held by another process"
    return (
        f"{name} is held by {data.get('what')} (pid {data.get('pid')}, since {data.get('since')})"
    )
