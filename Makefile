# Safe City Learning: two commands to remember.
#   make run   set everything up on a fresh machine and serve the demo site on SQLite
#   make test  set everything up and run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Every link in an email or a PDF starts with this (README, Configuration); given to
# runserver only, so `make test` keeps the test settings' own.
SITE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help run test setup migrate demo lint format check clean mutants cluster

help:
	@echo "make run    install, migrate, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test   install and run the tests (browser tests skip without Chromium)"
	@echo "make lint   ruff checks"
	@echo "make mutants [MODULE=certificates/selectors.py]  mutation testing (slow; docs/quality.md)"
	@echo "make cluster  two app nodes behind HAProxy, a journey with failover (bench/cluster.py)"

run: setup migrate demo
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: setup .venv-lrs/bin/ralph
	$(BIN)/pytest $(PYTEST_ARGS)

# ralph's Learning Record Store, in its own virtualenv, for the xAPI tests (tests/xapi).
.venv-lrs/bin/ralph: scripts/lrs.sh
	bash scripts/lrs.sh install
	touch $@

setup: $(VENV)/.installed site/static/dist/app.css

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

site/static/dist/app.css: node_modules/.package-lock.json $(wildcard site/static/scss/*.scss) scripts/copy-assets.mjs
	npm run --silent build

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Mutation testing of the services and selectors: slow, so not part of `make test` or CI.
mutants: setup
	nice -n 10 $(PY) scripts/mutants.py $(if $(MODULE),--module $(MODULE))

cluster: setup
	$(PY) bench/cluster.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .venv-lrs node_modules site/static/dist staticfiles db.sqlite3
