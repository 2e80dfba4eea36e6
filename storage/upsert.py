"""The one place that picks the dialect's INSERT … ON CONFLICT construct."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def insert_for(session: Session) -> Any:
    """`insert` with on_conflict_do_nothing/do_update for the session's dialect."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
