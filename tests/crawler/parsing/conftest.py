"""Fixture loading for the PR Newswire parser tests (pages live in tests/fixtures/prnewswire)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prnewswire"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def as_json(item: Any) -> dict[str, Any]:
    """asdict() with datetimes as ISO 8601 strings, the form used in *.expected.json."""
    data = asdict(item)
    if data.get("published_at") is not None:
        data["published_at"] = data["published_at"].isoformat()
    for entry in data.get("entries", []):
        if entry.get("published_at") is not None:
            entry["published_at"] = entry["published_at"].isoformat()
    return data


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
