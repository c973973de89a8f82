# Everyday entry points. `make demo` and `make test` each set up everything they need first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/romania-drone-debris.txt

.PHONY: setup demo test test-fast lint bench eval clean

$(BIN)/briefgen-ready: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(BIN)/briefgen-bench-ready: $(BIN)/briefgen-ready
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $@

setup: $(BIN)/briefgen-ready

demo: setup
	$(BIN)/briefgen generate $(EXAMPLE) --format pdf,docx,html,json --out output

test: setup
	$(BIN)/python -m pytest -n 2 -q

test-fast: setup
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

lint: setup
	$(BIN)/ruff check briefgen tests bench

bench: $(BIN)/briefgen-bench-ready
	$(BIN)/python bench/run.py

eval: setup
	$(BIN)/briefgen eval ../shared/corpus ../shared/seed

clean:
	rm -rf $(VENV) build dist *.egg-info output/*.pdf output/*.docx output/*.html output/*.json
