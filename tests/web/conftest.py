"""A seeded milestone history behind the web view, on SQLite and the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.support.web import seed_history
from wirewatch.config import Config
from wirewatch.web.app import create_app

ALIASES = [{"name": "XellSmart", "aliases": ["XellSmart Biopharmaceutical (Suzhou) Co., Ltd."]}]


@dataclass
class History:
    config: Config
    session_factory: sessionmaker[Session]
    ids: list[int]


def web_config(database_url: str, **web: str) -> Config:
    return Config.model_validate(
        {"database": {"url": database_url}, "company": ALIASES, "web": web}
    )


@pytest.fixture
def history(database_url: str, session_factory: sessionmaker[Session]) -> History:
    with session_factory.begin() as session:
        ids = seed_history(session)
    return History(web_config(database_url), session_factory, ids)


@pytest.fixture
def client(history: History) -> Iterator[TestClient]:
    with TestClient(create_app(history.config, history.session_factory)) as client:
        yield client
