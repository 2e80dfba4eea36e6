# Two commands on a fresh machine: `make demo` (or `make run`) and `make test`.
# Each installs what it needs itself.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install bytecode system-deps run demo test lint typecheck contracts migrations-check pytest bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

# The project's own modules compiled ahead, as pip does for every installed package: where
# PYTHONDONTWRITEBYTECODE is set (containers, CI) each process (the CLI, the crawl child, its
# parse workers) would otherwise compile them again at every start (~0.1-0.2 s a backfill).
bytecode:
	$(BIN)/python -m compileall -q wirewatch crawler storage alerts replica bench >/dev/null

# Debian packages the tests need (PostgreSQL server); skipped when already present.
system-deps:
	@bash deploy/install-system-deps.sh

run: install
	$(BIN)/wirewatch db upgrade
	$(BIN)/wirewatch run

demo: install
	$(BIN)/wirewatch demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

migrations-check: install
	@bash tests/alembic_check.sh

# Most tests wait on subprocesses and servers (crawl children, PostgreSQL, Chromium), so the suite
# runs in a few processes even on 2 cores; a file's tests stay together (module fixtures).
PYTEST_WORKERS ?= 3
pytest: install system-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile

test: lint typecheck contracts migrations-check pytest

bench: install bytecode
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
