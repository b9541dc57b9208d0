# PRM: `make run` starts everything with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test bench bench-scoring loadtest lint format migrations-check messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@PORT=$(PORT) bash scripts/run.sh

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	@bash scripts/bench.sh $(BENCH_ARGS)

# The scoring engine on PostgreSQL (M set: 2,000 partners) against its floor; see README.
bench-scoring: $(STAMP)
	@VENV=$(VENV) bash scripts/bench_scoring.sh

# gunicorn + PostgreSQL (M data set) under locust for LOADTEST_SECONDS (60); see README.
loadtest: $(STAMP)
	@VENV=$(VENV) bash scripts/loadtest.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(STAMP)
	SECRET_KEY=check $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles

# Translations: collect the marked strings into locale/de/LC_MESSAGES/django.po (translate the new
# ones there), then compile django.mo (committed, so a clone needs no gettext tools).
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=static
messages: $(STAMP)
	SECRET_KEY=messages $(BIN)/python manage.py makemessages --locale=de --extension=html,txt,py --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	SECRET_KEY=messages $(BIN)/python manage.py compilemessages --locale=de $(MESSAGES_IGNORE)
