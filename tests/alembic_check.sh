#!/usr/bin/env bash
# `alembic check` on a fresh SQLite database migrated to head: models and migrations agree.
set -euo pipefail
db=$(mktemp -d)/check.db
export WIREWATCH_DATABASE_URL="sqlite:///$db"
.venv/bin/alembic -c alembic.ini upgrade head >/dev/null 2>&1
.venv/bin/alembic -c alembic.ini check
rm -rf "$(dirname "$db")"
