# Two entry points that work on a fresh machine with only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest docs bench fuzz clean setup

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "python3.11 not found; set PYTHON=..."; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev,docs]'
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/thidua demo

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks docs tools
	$(BIN)/ruff format --check src tests examples benchmarks docs tools

typecheck: $(STAMP)
	$(BIN)/mypy src/thidua tests/typed_usage.py benchmarks tools

pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term

# The docs site (docs/, the docstrings, the pictures of tools/pictures.py) into site/, strict:
# a broken link, a missing reference or a page left out of the navigation fails the build.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: lint typecheck pytest docs

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The long fuzz pass (docs/fuzzing.md); failing inputs go to tests/fuzz/out (git-ignored).
FUZZ_INPUTS ?= 5000
FUZZ_SEED ?= 1
FUZZ_JOBS ?= 2
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --inputs $(FUZZ_INPUTS) --seed $(FUZZ_SEED) --jobs $(FUZZ_JOBS) --timeout 3

clean:
	rm -rf $(VENV) site .mypy_cache .pytest_cache .ruff_cache .coverage tests/fuzz/out
