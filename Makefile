# FieldCRM developer commands. `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen
PYTEST_ARGS ?=

.PHONY: setup demo test test-postgres smoke lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	@env -u QT_QPA_PLATFORM $(BIN)/python scripts/demo.py

test: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The server and sync suites against PostgreSQL (needs FIELDCRM_TEST_POSTGRES_URL).
test-postgres: setup
	$(BIN)/python -m pytest -m postgres $(PYTEST_ARGS)

smoke: setup
	$(BIN)/python scripts/smoke.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
