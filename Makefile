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
# Docker's compose plugin, or the standalone docker-compose where that is what is installed.
DOCKER_COMPOSE = $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
COMPOSE = $(DOCKER_COMPOSE) -p budget -f docker-compose.yml -f docker-compose.local.yml
COMPOSE_PROD = $(DOCKER_COMPOSE) -p budget -f docker-compose.yml -f docker-compose.prod.yml
# Django commands run in the venv on the embedded defaults; IN=compose runs them in the local
# compose stack's backend container, IN=prod in the production one (`make seed IN=compose`).
ifeq ($(IN),compose)
MANAGE = $(COMPOSE) exec backend python manage.py
VENV_READY :=
else ifeq ($(IN),prod)
MANAGE = $(COMPOSE_PROD) exec backend python manage.py
VENV_READY :=
else
MANAGE := cd backend && ../$(BIN)/python manage.py
VENV_READY := install
endif
REQUIREMENTS := backend/requirements.txt backend/requirements-dev.txt frontend/requirements.txt constraints.txt

.DEFAULT_GOAL := help
.PHONY: help install lock run api worker frontend test test-postgres browser-check fuzz lint lint-fix format \
	migrate makemigrations migrations createsuperuser createdefaultsuperuser seed clear shell qcluster \
	qinfo qmonitor qhealth bench bench-import stress build up up-d down down-v logs build-prod up-prod down-prod clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-23s\033[0m %s\n", $$1, $$2}'

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
	$(BIN)/streamlit run frontend/server.py --server.port 8501

test: install ## Run every test (backend and frontend) on the configured engines
	$(BIN)/pytest

test-postgres: install ## Run every test on the local PostgreSQL and Redis, as CI's second pass does
	psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'budget'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres budget
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/budget REDIS_URL=redis://127.0.0.1:6379/0 $(BIN)/pytest

browser-check: install ## Drive headless Chromium through the app on a temporary SQLite; saves docs/screenshots/
	$(BIN)/python frontend/tests/browser_check.py

fuzz: install ## Schemathesis on every operation of a live API (temporary SQLite), signed in (FUZZ_SECONDS=150)
	$(BIN)/python backend/tests/fuzz.py --seconds $(or $(FUZZ_SECONDS),150)

lint: install ## Check code with ruff (lint rules and formatting)
	$(BIN)/ruff check backend frontend
	$(BIN)/ruff format --check backend frontend

lint-fix: install ## Fix what ruff can fix by itself
	$(BIN)/ruff check --fix backend frontend

format: install ## Format the code with ruff (and sort imports)
	$(BIN)/ruff check --select I --fix backend frontend
	$(BIN)/ruff format backend frontend

migrate: $(VENV_READY) ## Apply migrations and create the database cache table
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

makemigrations: $(VENV_READY) ## Write migrations for model changes
	$(MANAGE) makemigrations

migrations: $(VENV_READY) ## Write migrations for model changes, then apply them
	$(MANAGE) makemigrations
	$(MANAGE) migrate --noinput

createsuperuser: $(VENV_READY) migrate ## Create an admin account (asks for email and password)
	$(MANAGE) createsuperuser

createdefaultsuperuser: $(VENV_READY) migrate ## Make the admin from DJANGO_SUPERUSER_EMAIL/_PASSWORD (no default password)
	$(MANAGE) createdefaultsuperuser

seed: $(VENV_READY) migrate ## Make a demo account with three years of data (SEED_ARGS="--email x --seed 2 --replace")
	$(MANAGE) seed $(SEED_ARGS)

clear: $(VENV_READY) migrate ## Delete all accounts but superusers and all ledger data (asks first; CLEAR_ARGS=--yes)
	$(MANAGE) clear $(CLEAR_ARGS)

shell: $(VENV_READY) ## Django shell
	$(MANAGE) shell

qcluster: $(VENV_READY) ## Start the Django Q worker cluster in the foreground
	$(MANAGE) qcluster

qinfo: $(VENV_READY) ## Print Django Q cluster and queue statistics
	$(MANAGE) qinfo

qmonitor: $(VENV_READY) ## Live monitor of the Django Q clusters
	$(MANAGE) qmonitor

qhealth: $(VENV_READY) ## Exit 0 when a Django Q cluster is alive and its broker reachable, else 1 and why
	$(MANAGE) qhealth

bench: $(VENV_READY) migrate ## Time the list and every report on fresh benchmark ledgers (BENCH_ARGS="--sizes 10000,100000,1000000")
	$(MANAGE) bench $(BENCH_ARGS)

bench-import: $(VENV_READY) migrate ## Time a 20,000-row CSV statement through parse and commit (BENCH_IMPORT_ARGS="--rows 20000")
	$(MANAGE) bench_import $(BENCH_IMPORT_ARGS)

stress: $(VENV_READY) ## Parallel writers against a running API, then ops/s, statuses, invariants (STRESS_ARGS="--writers 16 --seconds 30 --url http://127.0.0.1:8000")
	$(MANAGE) stress $(STRESS_ARGS)

build: ## Compose (local): build the images
	$(COMPOSE) build

up: ## Compose (local): start everything in the foreground (ports 8000, 8501, 5432, 6379)
	$(COMPOSE) up

up-d: ## Compose (local): start everything in the background
	$(COMPOSE) up -d

down: ## Compose (local): stop and remove the containers
	$(COMPOSE) down

down-v: ## Compose (local): stop and also delete the database and Redis volumes
	$(COMPOSE) down -v

logs: ## Compose (local): follow the logs of every service
	$(COMPOSE) logs -f

build-prod: ## Compose (production): build the images
	$(COMPOSE_PROD) build

up-prod: ## Compose (production): start in the background (needs SECRET_KEY, ALLOWED_HOSTS, POSTGRES_PASSWORD)
	$(COMPOSE_PROD) up -d

down-prod: ## Compose (production): stop and remove the containers (volumes stay)
	$(COMPOSE_PROD) down

clean: ## Remove the virtualenv, caches and the local SQLite database
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis backend/db.sqlite3* backend/test-db.sqlite3*
