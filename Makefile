# sendboard: `make demo` runs it, `make test` tests it. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# Local development only: the demo turns off two-factor sign-in so that its users can sign in at once.
DEMO_ENV := SENDBOARD_DEBUG=true SENDBOARD_OTP_REQUIRED=false
# The suite runs in parallel (pytest-xdist, ADR 0118): one worker per core, tests handed to whichever is free.
# `PYTEST_ARGS="-n 0"` runs it in one process; `PYTEST_WORKERS=4` sets the count.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist load

.PHONY: help install assets migrate demo-data demo serve test test-sqlite test-postgres check bench bench-load lock clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Create the virtual environment and install pinned Python and npm packages

assets: install ## Build the stylesheet and copy GOV.UK Frontend's script from the pinned npm package
	mkdir -p build/static/build build/static/govuk
	npx sass --no-source-map --load-path=node_modules --quiet-deps --style=compressed \
		sendboard/core/static_src/sendboard.scss build/static/build/sendboard.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js build/static/govuk/

migrate: install ## Create or update the SQLite database
	$(DEMO_ENV) $(PY) manage.py migrate --no-input

demo-data: migrate ## Load the demo local area (idempotent) and print the demo users
	$(DEMO_ENV) $(PY) manage.py load_demo_area

demo: assets demo-data ## Install everything, load the demo area and serve on http://127.0.0.1:8000 (with the job worker)
	$(DEMO_ENV) $(PY) manage.py demo_serve $(HOST):$(PORT)

# `make serve`: production settings (debugging off) on plain HTTP at $(HOST):$(PORT); a real installation puts TLS
# in front (README, "Deploying sendboard"). The secret key below is for this local run only.
SERVE_ENV := SENDBOARD_SSL_REDIRECT=false SENDBOARD_BIND=$(HOST):$(PORT) \
	SENDBOARD_SECRET_KEY=$${SENDBOARD_SECRET_KEY:-local-serve-only-$$(hostname)-not-for-a-real-installation-0123456789}

serve: assets ## Run the production-like stack: migrate, collect static files, gunicorn and the background worker
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
		pg_isready -q -d "$$DATABASE_URL" || { echo "PostgreSQL named by DATABASE_URL is not answering"; exit 1; }; fi
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --clear --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/ with gunicorn and the background worker; Ctrl-C stops both"
	@trap 'kill 0' INT TERM EXIT; \
		$(SERVE_ENV) $(PY) manage.py db_worker & \
		$(SERVE_ENV) $(VENV)/bin/gunicorn -c sendboard/config/gunicorn.py & \
		wait -n

test: assets ## Run the whole test suite on SQLite, then on PostgreSQL (browser tests included)
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: assets ## Run the test suite on SQLite
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-postgres: assets ## Run the test suite on PostgreSQL ($$POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

check: assets ## Lint, check role names, imports, migrations, the production settings and that no GET writes
	$(PY) -m ruff check sendboard tests
	$(PY) -m ruff format --check --quiet sendboard tests bench scripts manage.py
	$(PY) scripts/check_role_names.py
	$(VENV)/bin/lint-imports
	env -u DATABASE_URL SENDBOARD_SECRET_KEY=check-only-$$RANDOM-secret-key-that-is-long-enough-to-pass-checks $(PY) manage.py makemigrations --check --dry-run
	env -u DATABASE_URL SENDBOARD_SECRET_KEY=check-only-$$RANDOM-secret-key-that-is-long-enough-to-pass-checks $(PY) manage.py check --deploy --fail-level WARNING
	env -u DATABASE_URL $(PY) -m pytest tests/test_get_never_writes.py

bench: assets ## Run every benchmark in bench/ (each reports ratios against a reference measured in the same run)
	$(PY) bench/run.py $(BENCH_ARGS)

bench-load: assets ## Load the production stack (gunicorn, PostgreSQL) and print issue 17's table (BENCH_ARGS: --reuse, --repeat 5, ...)
	$(PY) bench/bench_production_load.py $(BENCH_ARGS)

lock: ## Re-resolve requirements*.in into fully pinned requirements*.txt
	rm -rf /tmp/sendboard-lock && $(PYTHON) -m venv /tmp/sendboard-lock
	/tmp/sendboard-lock/bin/pip install --quiet -r requirements.in
	(echo "# Generated by 'make lock' from requirements.in: every runtime package pinned."; /tmp/sendboard-lock/bin/pip freeze) > requirements.txt
	/tmp/sendboard-lock/bin/pip install --quiet -r requirements-dev.in
	(echo "# Generated by 'make lock' from requirements-dev.in: every package pinned."; echo "-r requirements.txt"; \
		/tmp/sendboard-lock/bin/pip freeze | grep -v -i -F -x -f <(grep -v '^#' requirements.txt)) > requirements-dev.txt

clean: ## Remove the virtual environment, npm packages, built assets and the SQLite database
	rm -rf $(VENV) node_modules build db.sqlite3
