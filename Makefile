# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck check-all bench plotly-bundle clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

## demo: build timeline.html from corpus/ and events.yaml
demo: $(VENV)/.installed
	$(BIN)/timeline build

## test: lint, type-check and run the whole test suite
test: $(VENV)/.installed-dev
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/ruff format --check timeline tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/ruff format --check timeline tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_tagger.py
	$(BIN)/python benchmarks/bench_page.py
	$(BIN)/python benchmarks/bench_rebuild.py
	$(BIN)/python benchmarks/bench_ingest.py

## plotly-bundle: rebuild timeline/render/assets/plotly.min.js (needs Node and npm)
plotly-bundle:
	cd tools/plotly-bundle && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .timeline-cache timeline.html
