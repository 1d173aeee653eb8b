# fieldapp — set-up is two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= $(CURDIR)/demo-data
# Re-install when the project's dependencies change.
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench system-deps clean translations screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

system-deps:
	@bash packaging/install-system-deps.sh

# Qt translations: English compiled from resources/translations (the app reads the .ts
# directly when this has not run, so a fresh clone shows English too).
QM := fieldapp/ui/translations/fieldapp_en.qm
$(QM): resources/translations/fieldapp_en.ts $(STAMP)
	@mkdir -p $(dir $(QM))
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent fieldapp/ui/*.py fieldapp/ui/questions/*.py \
		-ts resources/translations/fieldapp_en.ts -source-language zh_CN -target-language en
	$(BIN)/python resources/translations/fill_en.py
	@mkdir -p $(dir $(QM))
	$(BIN)/pyside6-lrelease -silent resources/translations/fieldapp_en.ts -qm $(QM)

run: $(STAMP) system-deps $(QM)
	@test -f "$(DATA)/fieldapp.db" || $(BIN)/fieldapp demo --data-dir "$(DATA)"
	$(BIN)/fieldapp --data-dir "$(DATA)"

screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m fieldapp.ui.screenshots docs/screenshots

test: $(STAMP) system-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/ui
	# The Qt tests get an interpreter of their own: the network tests before them leave
	# server and proxy threads behind, and Qt should not share a process with those.
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/ui

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict fieldapp/core fieldapp/store fieldapp/photos fieldapp/reports fieldapp/sync fieldapp/server
	$(BIN)/lint-imports

bench: $(STAMP) system-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo-data .pytest_cache .ruff_cache fieldapp/ui/translations
