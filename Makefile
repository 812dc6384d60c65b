# Quick start: `make demo` (set-up + the main job on the sample corpus), `make test` (set-up + tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench corpus clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@for f in corpus/reports/* corpus/variants/*; do echo "=== $$f"; $(BIN)/baocao parse "$$f" || exit $$?; done

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/read_speed.py

corpus: $(STAMP)
	$(BIN)/python scripts/build_corpus.py

clean:
	rm -rf $(VENV) outputs/*.sqlite outputs/*.json outputs/*.html outputs/*.xlsx
