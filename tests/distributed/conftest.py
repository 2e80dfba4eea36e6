"""Fixtures for the distributed backfill: one real redis-server for the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.redis import redis_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    yield from redis_server()
