# fieldapp — set-up is two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= $(CURDIR)/demo-data
# Re-install when the project's dependencies change.
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

system-deps:
	@bash packaging/install-system-deps.sh

run: $(STAMP) system-deps
	@test -f "$(DATA)/fieldapp.db" || $(BIN)/fieldapp demo --data-dir "$(DATA)"
	$(BIN)/fieldapp status --data-dir "$(DATA)"

test: $(STAMP) system-deps
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict fieldapp/core
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo-data .pytest_cache .ruff_cache
