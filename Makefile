# Quick start: `make demo` (set-up + the main job on the sample corpus), `make test` (set-up + tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := outputs/baocao.sqlite

.PHONY: demo test mutation bench corpus system-deps clean

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

# Mutation testing, not part of `test`: mutmut over the modules [tool.mutmut] names, with the fast
# tests; survivors to outputs/mutation.txt. mutmut keeps its results in mutants/ and tests again only
# the mutants of changed functions, so the survivors of the last run are retested first by name: a
# test written since may kill them. One module, every mutant of it tested again:
# make mutation MUTANTS='pipeline.store.*'. rm -rf mutants to start over.
MUTANTS ?=
$(VENV)/.mutation-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

mutation: $(VENV)/.mutation-installed
	survivors=$$($(BIN)/mutmut results 2>/dev/null | sed -n 's/^ *\([^ ]*\): survived$$/\1/p'); \
	if [ -n "$$survivors" ]; then $(BIN)/mutmut run --max-children 2 $$survivors; fi
	$(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python scripts/mutation_report.py

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
	rm -rf $(VENV) $(BENCH_VENV) mutants outputs/*.sqlite* outputs/*.json outputs/*.html outputs/*.xlsx
