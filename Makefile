# Quick start: `make demo` (set-up + the main job on the sample corpus), `make test` (set-up + tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := outputs/baocao.sqlite

.PHONY: demo test bench corpus system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system-deps:
	scripts/install-system-deps.sh

demo: $(STAMP)
	$(BIN)/baocao ingest corpus/reports corpus/variants --db $(DB)
	$(BIN)/baocao reports --db $(DB)
	$(BIN)/baocao compare --db $(DB) --xlsx outputs/comparison.xlsx --html outputs/comparison.html
	$(BIN)/baocao compare --db $(DB) --citations
	@echo "checking a draft with mistakes put in (exit 1: it has errors):"
	-$(BIN)/baocao check corpus/drafts/lung-phinh_2026-05_draft_made-up_has-errors.docx

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

# The benchmark's own environment: baocao plus the readers it is measured against.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . -r bench/requirements.txt
	-$(BENCH_VENV)/bin/python -m pip install --quiet 'unstructured[docx]'
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python bench/bench.py

corpus: $(STAMP)
	$(BIN)/python scripts/build_corpus.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) outputs/*.sqlite* outputs/*.json outputs/*.html outputs/*.xlsx
