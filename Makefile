# Every developer command. `make help` lists them. Targets call the venv's tools directly,
# so nothing depends on an activated shell; `run` and `test` install first when needed.

SHELL := /bin/bash

# Variables in .env (see .env.example) apply to every target, as they do to `docker compose`.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env)
endif
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := cd backend && ../$(BIN)/python manage.py
REQUIREMENTS := backend/requirements.txt backend/requirements-dev.txt frontend/requirements.txt constraints.txt

.DEFAULT_GOAL := help
.PHONY: help install lock run api worker frontend test test-postgres lint lint-fix format migrate \
	makemigrations migrations createsuperuser shell qcluster qinfo qmonitor clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/.installed: $(REQUIREMENTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt \
		-r backend/requirements-dev.txt -r frontend/requirements.txt
	touch $@

install: $(BIN)/.installed ## Make the virtualenv and install the pinned dependencies (idempotent)

lock: $(BIN)/.installed ## Re-pin every installed package into constraints.txt
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

run: install migrate ## Start API (:8000), worker and Streamlit (:8501) together; Ctrl-C stops all three
	$(BIN)/honcho start -f Procfile.dev

api: install ## Start only the API on :8000
	$(MANAGE) runserver 0.0.0.0:8000

worker: qcluster ## Start only the Django Q worker cluster

frontend: install ## Start only the Streamlit app on :8501
	$(BIN)/streamlit run frontend/streamlit_app.py --server.port 8501 --server.headless true

test: install ## Run every test (backend and frontend) on the configured engines
	$(BIN)/pytest

test-postgres: install ## Run every test on the local PostgreSQL and Redis, as CI's second pass does
	psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'budget'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres budget
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/budget REDIS_URL=redis://127.0.0.1:6379/0 $(BIN)/pytest

lint: install ## Check code with ruff (lint rules and formatting)
	$(BIN)/ruff check backend frontend
	$(BIN)/ruff format --check backend frontend

lint-fix: install ## Fix what ruff can fix by itself
	$(BIN)/ruff check --fix backend frontend

format: install ## Format the code with ruff (and sort imports)
	$(BIN)/ruff check --select I --fix backend frontend
	$(BIN)/ruff format backend frontend

migrate: install ## Apply migrations and create the database cache table
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

makemigrations: install ## Write migrations for model changes
	$(MANAGE) makemigrations

migrations: install ## Show which migrations are applied
	$(MANAGE) showmigrations

createsuperuser: install ## Create an admin account (asks for email and password)
	$(MANAGE) createsuperuser

shell: install ## Django shell
	$(MANAGE) shell

qcluster: install ## Start the Django Q worker cluster in the foreground
	$(MANAGE) qcluster

qinfo: install ## Print Django Q cluster and queue statistics
	$(MANAGE) qinfo

qmonitor: install ## Live monitor of the Django Q clusters
	$(MANAGE) qmonitor

clean: ## Remove the virtualenv, caches and the local SQLite database
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis backend/db.sqlite3* backend/test-db.sqlite3*
