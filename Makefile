# socialkpi — everyday commands. `make demo` and `make test` work on a fresh machine.
VENV ?= .venv
PYTHON ?= python3

.PHONY: install demo serve test lint format bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -e ".[test,dev]"
	touch $@

demo: install
	$(VENV)/bin/socialkpi demo

serve: install
	$(VENV)/bin/socialkpi serve

test: install
	scripts/run-tests

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(VENV)/bin/python -m bench
