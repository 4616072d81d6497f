# The two commands of the README: `make report` and `make test` (each sets up first).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 2023
STAMP := $(VENV)/.installed

.PHONY: setup system-deps report html test test-fast lint-imports lab bench clean

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

system-deps:
	@scripts/install-system-deps.sh

report: setup
	$(BIN)/lkjip build --year $(YEAR)

html: setup
	$(BIN)/lkjip build --year $(YEAR) --no-pdf

test: setup lint-imports
	$(BIN)/pytest

# the tier without notebook execution or Jupyter Book (under a minute)
test-fast: setup lint-imports
	LKJIP_TIER=fast $(BIN)/pytest -m "not lambat"

# the layers' import contract (pyproject.toml [tool.importlinter]): a cycle or an upward import fails
lint-imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

# JupyterLab at the project root (data/ and notebooks/), as root or as a user; prints the URL
lab: $(STAMP)
	$(BIN)/lkjip lab

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf build
