"""The revision check every command makes, without Alembic (storage.migrate.HEAD_REVISION)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import migrate
from storage.session import make_engine


def test_the_code_revision_is_alembics_head() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION, (
        "a migration was added: set storage.migrate.HEAD_REVISION to its revision"
    )


def test_the_revision_read_is_alembics(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    assert migrate.current_revision(engine) is None  # a brand-new database
    migrate.upgrade(engine, url)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version VALUES ('0123456789ab')"))
    with pytest.raises(RuntimeError, match="several revisions"):
        migrate.current_revision(engine)
    engine.dispose()


def test_commands_start_without_importing_alembic() -> None:
    program = "import sys, wirewatch.cli, wirewatch.app; print('alembic' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
