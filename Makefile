# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   - create .venv, install, migrate, load the fixtures, serve on http://127.0.0.1:8000/
#   make test  - create .venv, install, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-dev migrate load lint format

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

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
