# Two commands for a new user: `make demo` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint docs snapshots validation fuzz soak bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,notebook,server,scale]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/gesform recommend examples/belfort.yaml

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build dist site .pytest_cache .hypothesis

snapshots: $(STAMP)
	GESFORM_UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q tests/test_snapshots.py

validation: $(STAMP)
	$(BIN)/gesform validate tests/cases --format md > docs/validation-table.md
	$(BIN)/python scripts/track_record.py
	$(BIN)/python scripts/precedents.py

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py
	$(BIN)/mkdocs build --strict

soak: $(STAMP)
	$(BIN)/python benchmarks/soak.py --calls 100000

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_recommend.py
	$(BIN)/python benchmarks/bench_questions.py
	$(BIN)/python benchmarks/bench_batch.py

fuzz: $(STAMP)
	GESFORM_FUZZ_EXAMPLES=20000 $(BIN)/python benchmarks/fuzz_report.py
