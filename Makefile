# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   - create .venv, install, migrate, load the fixtures, serve on http://127.0.0.1:8000/
#   make test  - create .venv, install, run the whole test suite
# Production (README, "Deployment"): make install, then migrate and collectstatic, then make serve.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-dev migrate load lint format fuzz mutation serve backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

migrate: install
	DJANGO_ENV=development $(BIN)/python manage.py migrate --noinput

load: migrate
	DJANGO_ENV=development $(BIN)/python manage.py load_corpus

run: load
	DJANGO_ENV=development $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/python -m pytest

# A longer randomised run than the suite's (which draws the same few cases every time): new cases
# each run, many per API operation and per fuzzy-date property. Not part of `make test` or CI.
FUZZ_EXAMPLES ?= 100
fuzz: install-dev
	FUZZ_RANDOM=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:cacheprovider \
		tests/api/test_schemathesis.py tests/test_fuzzy_date_properties.py

# Mutation testing of the fuzzy dates, their queries and the quote check (pyproject.toml's
# [tool.mutmut]); a few minutes, not part of `make test` or CI. docs/testing.md has the last result.
mutation: install-dev
	rm -rf mutants
	FUZZ_EXAMPLES=25 $(BIN)/mutmut run
	$(BIN)/mutmut results

# The production server: gunicorn (deploy/gunicorn.conf.py) with settings from the environment.
serve:
	$(BIN)/gunicorn --config deploy/gunicorn.conf.py

# make backup [BACKUP=path]: pg_dump on PostgreSQL, a natural-key JSON dump on SQLite.
# make restore BACKUP=path: replaces the database's content with the backup's.
backup:
	$(BIN)/python manage.py backup $(BACKUP)

restore:
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=path/to/backup.dump|json" >&2; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Front-end libraries: exact versions in package.json/package-lock.json, installed by npm in a
# throw-away folder; only the files the pages load are copied into static/vendor/ (committed, so
# `make run` needs no npm). axe-core is for the browser tests only (tests/site/browser/accessibility.py).
VENDOR := static/vendor
VENDOR_FILES := \
	htmx.org/dist/htmx.min.js htmx.org/LICENSE \
	leaflet/dist/leaflet.js leaflet/dist/leaflet.js.map leaflet/dist/leaflet.css leaflet/dist/images leaflet/LICENSE \
	cytoscape/dist/cytoscape.min.js cytoscape/LICENSE \
	chart.js/dist/chart.umd.min.js chart.js/dist/chart.umd.min.js.map chart.js/LICENSE.md \
	topojson-client/dist/topojson-client.min.js topojson-client/LICENSE \
	world-atlas/countries-50m.json world-atlas/LICENSE \
	layout-base/layout-base.js layout-base/LICENSE cose-base/cose-base.js cose-base/LICENSE \
	cytoscape-fcose/cytoscape-fcose.js cytoscape-fcose/LICENSE \
	leaflet.markercluster/dist/leaflet.markercluster.js leaflet.markercluster/dist/leaflet.markercluster.js.map \
	leaflet.markercluster/dist/MarkerCluster.css leaflet.markercluster/MIT-LICENCE.txt \
	tom-select/dist/js/tom-select.complete.min.js tom-select/dist/js/tom-select.complete.min.js.map \
	tom-select/dist/css/tom-select.default.min.css tom-select/dist/css/tom-select.default.min.css.map tom-select/LICENSE \
	axe-core/axe.min.js axe-core/LICENSE

.PHONY: vendor
vendor:
	set -e; tmp=$$(mktemp -d); \
	cp package.json package-lock.json $$tmp/; \
	(cd $$tmp && npm ci --ignore-scripts --no-audit --no-fund); \
	rm -rf $(VENDOR); \
	for file in $(VENDOR_FILES); do \
		mkdir -p $(VENDOR)/$$(dirname $$file); \
		cp -R $$tmp/node_modules/$$file $(VENDOR)/$$file; \
	done; \
	rm -rf $$tmp

# The browser tests drive Debian's Chromium: install it when it is missing (as root), or say how.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "The browser tests need Debian's Chromium. Run: sudo apt-get install -y chromium" >&2; exit 1; \
	fi

test: $(CHROMIUM)
