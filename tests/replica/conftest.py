"""Fixtures for the replica tests: one replica per module, reset between tests."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from replica import Replica


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.body.decode("utf-8", errors="replace")


def fetch(
    base_url: str, path: str, *, method: str = "GET", payload: Any = None, timeout: float = 10
) -> Fetched:
    """One request on a fresh connection, any status (no exceptions for 4xx/5xx)."""
    netloc = urlsplit(base_url).netloc
    conn = http.client.HTTPConnection(netloc, timeout=timeout)
    try:
        body = None if payload is None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return Fetched(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def module_replica() -> Iterator[Replica]:
    with Replica(releases=300, seed=0) as replica:
        yield replica


@pytest.fixture
def replica(module_replica: Replica) -> Iterator[Replica]:
    module_replica.reset()
    yield module_replica
    module_replica.reset()
