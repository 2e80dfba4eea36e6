"""A real `redis-server` (Debian package) on 127.0.0.1 for the distributed backfill tests.

The same throwaway server `wirewatch backfill --workers N` starts for itself. Missing binary:
a skip on a developer machine, a failure in CI (`make system-deps` installs it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from wirewatch.distributed import RedisServer


def redis_server() -> Iterator[str]:
    if shutil.which("redis-server") is None and not os.environ.get("CI"):
        pytest.skip("redis-server is not installed here (make system-deps)")
    server = RedisServer()
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
