# kanshousuo: `make report` builds everything from data/raw; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DOC ?= data/raw/shanxi-kanshousuo-2026-unit-budget.txt

.PHONY: help setup report student screenshots extract audit corpus test lint lab bench snapshots clean
# root in a container: jupyter refuses to start without --allow-root
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

help:  ## show this help
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[notebooks,dev]'
	$(PY) -m ipykernel install --prefix $(VENV) --name python3 > /dev/null
	touch $@

setup: $(VENV)/.installed  ## create .venv with everything the project needs

extract: setup  ## write data/processed/<doc-id>/ (tables, amounts.csv, datapackage.json)
	$(VENV)/bin/kanshousuo extract $(DOC)

audit: setup  ## print the audit of the document
	$(VENV)/bin/kanshousuo audit $(DOC) || true

corpus: setup  ## read every document in data/raw into data/processed/corpus.duckdb (skips those already in it)
	$(VENV)/bin/kanshousuo corpus build data/raw --db data/processed/corpus.duckdb

report: extract corpus  ## extract, audit, execute every notebook -> reports/ (index.html, a page per notebook, data/, student/)
	$(PY) -m kanshousuo.publish.report $(DOC) --out reports
	@tail -1 reports/audit.txt
	@echo "open reports/index.html"

student: setup  ## write the student edition (notebooks without answers) -> reports/student/
	$(PY) -m kanshousuo.publish.student $(DOC) --out reports/student

screenshots: setup  ## screenshots of reports/ with headless Chromium, when installed -> screenshots/
	$(PY) scripts/screenshots.py reports --out screenshots

test: setup  ## run the unit tests, doctests and every notebook
	$(PY) -m pytest -q

snapshots: setup  ## rewrite tests/snapshots/ (what each document publishes) after a change meant to alter it
	$(PY) -m tests.snapshot --update

lint: setup  ## ruff
	$(VENV)/bin/ruff check kanshousuo tests benchmarks scripts

lab: setup  ## open the notebooks in JupyterLab (as a user, or as root in a container; LAB_ARGS=--no-browser …)
	$(PY) -m pip install --quiet -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks/ $(ALLOW_ROOT) $(LAB_ARGS)

bench: setup  ## run the speed benchmarks
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_pdf.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_audit.py
	$(PY) benchmarks/bench_corpus.py

clean:  ## remove generated files (not data/raw)
	rm -rf reports screenshots data/processed/*/ data/processed/corpus.duckdb data/processed/corpus.duckdb.wal
