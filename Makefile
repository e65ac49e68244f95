# FieldCRM developer commands. `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen
PYTEST_ARGS ?=

.PHONY: setup bytecode demo test test-postgres smoke lint clean translations ts fonts screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# Byte-compiled project modules: where PYTHONDONTWRITEBYTECODE is set, every start of the
# app would otherwise compile ~80 modules from source (~0.1 s of its cold start).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q desktop shared server

# UI translations: the .ts sources are committed, the .qm files are built here.
TS := $(wildcard desktop/translations/*.ts)
QM := $(TS:.ts=.qm)

setup: $(STAMP) $(QM) fonts bytecode

fonts:
	@sh scripts/ensure_cjk_font.sh

desktop/translations/%.qm: desktop/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Refresh the .ts sources from the code (new texts arrive unfinished: translate them).
ts: $(STAMP)
	$(BIN)/python scripts/translations.py

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

# docs/screenshots/ in English and Chinese at 1366x768 and 1920x1080 (offscreen, demo servers).
screenshots: setup
	$(BIN)/python scripts/screenshots.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

# Benchmarks of issue 5 (see docs/performance.md): real server, real sync engine, 127.0.0.1.
# BENCH_ARGS="--quick" for a ~1 minute run; "--only bootstrap,raw" etc. for a subset.
BENCH_ARGS ?=
.PHONY: bench bench-peer

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

# The same run plus the PouchDB peer (copied to build/peer-bench, npm ci) and the ratios.
bench-peer: setup
	$(BIN)/python -m bench --peer $(BENCH_ARGS)

# 20 clients x 10,000 operations against PostgreSQL + gunicorn (needs FIELDCRM_TEST_POSTGRES_URL).
SOAK_ARGS ?=
.PHONY: soak
soak: setup
	$(BIN)/python scripts/soak.py $(SOAK_ARGS)
