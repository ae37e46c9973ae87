# tradeclaims: `make` lists the targets. The environment (.venv) is built on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# No .DELETE_ON_ERROR: every output is written to a temporary file and renamed into place when
# complete, so a failed or interrupted recipe leaves the last good one, which make must not
# delete either (it would take both files of a grouped target with it). Make deletes a target
# its interrupted recipe changed unless it is named here: a pattern (reports/%) covers only
# targets of pattern rules, and the pages are listed where build/reports.mk is included.
# Files written together are renamed the one make dates them by last, so a build killed
# between the renames leaves that one stale and make builds the pair again; a killed
# writer's temporaries (.NAME.PID.tmp) go at the next command (lib/tradeclaims/files.py).
.PRECIOUS: data/trade.csv data/datapackage.json reports/verdicts.csv reports/corrections.csv \
	reports/index.html reports/claimreview.json

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
KERNEL := tradeclaims
# Everything reports are made with: the code and its templates.
LIB := $(shell find lib/tradeclaims -type f -not -path '*/__pycache__/*')
SOURCES := $(shell find data/sources -type f)

.PHONY: help env data reports test test-engines test-stress bench bench-articles bench-scale bench-recipes lint lab clean distclean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

env: $(READY) ## Create .venv from the pinned requirements, register the Jupyter kernel, set the git drivers
	@$(git_drivers)

$(READY): requirements.txt constraints.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m tradeclaims.kernel.provisioner  # the kernel spec, naming the project's provisioner
	@$(git_drivers)
	@touch $@

# Set in this clone's .git/config only (never the user's global one), on every `make env`:
# nbdime shows notebook diffs and merges as cells; nbstripout is the filter .gitattributes gives
# notebooks/*.ipynb, so what Lab saves (outputs, counts, the kernel's language_info) never
# reaches a commit, while cell ids and tags (`parameters`) stay; nbdime diffs the filtered form.
# reports/*.ipynb, the published outputs, have no filter. Each runs through lib/tradeclaims/
# fastimport.py, which spares git about a second of imports per notebook it touches; and git
# runs the filter as one process for all the notebooks a command touches (lib/tradeclaims/
# gitfilter.py: filter.nbstripout.process; .clean, the same filter per file, for other tools).
git_python = $(CURDIR)/$(PY) -m tradeclaims.fastimport
strip_notebook = --keep-id --extra-keys metadata.language_info
define git_drivers
if git rev-parse --git-dir >/dev/null 2>&1; then \
	git config diff.jupyternotebook.command "$(git_python) nbdime.vcs.git.diffdriver diff --use-filter" && \
	git config merge.jupyternotebook.driver "$(git_python) nbdime.vcs.git.mergedriver merge %O %A %B %L %P" && \
	git config merge.jupyternotebook.name "jupyter notebook merge driver" && \
	git config filter.nbstripout.clean "$(git_python) nbstripout $(strip_notebook)" && \
	git config filter.nbstripout.process "$(CURDIR)/$(PY) -m tradeclaims.gitfilter $(strip_notebook)" && \
	git config filter.nbstripout.smudge cat && \
	git config filter.nbstripout.required true; fi
endef

# Bulk customs tables (data/bulk/<source_id>/: source.yaml and CSV files) are ingested into the
# Parquet store build/bulk/store; only when some are present do reports depend on them. Set
# before the `data` rule: make expands a rule's prerequisites where it reads the rule.
BULK_SOURCES := $(wildcard data/bulk/*/source.yaml)
BULK_STAMP := $(if $(BULK_SOURCES),build/bulk.stamp)

data: data/trade.csv $(BULK_STAMP) ## Build data/trade.csv from data/sources/, and ingest data/bulk/ (if any)

data/trade.csv data/datapackage.json &: $(SOURCES) data/vocabulary.yaml $(LIB) | $(READY)
	$(PY) -m tradeclaims data

# (the folders too: a file removed from one changes its date)
build/bulk.stamp: $(shell find data/bulk -not -name '*.md' 2>/dev/null) $(wildcard lib/tradeclaims/bulk/*.py) | $(READY)
	$(PY) -m tradeclaims ingest
	@touch $@

# What every report depends on besides its notebook, parameters and registry rows (a report on
# one article follows build/claims/<article_id>.csv: its row of articles.csv and its claims,
# rewritten only when they change; the ledger and the index follow the whole registry).
DATA_DEPS := data/trade.csv data/vocabulary.yaml notebooks/publish.yaml $(wildcard data/sources/*/source.yaml) $(LIB) $(BULK_STAMP)
REPORT_DEPS := $(DATA_DEPS) data/claims.csv data/articles.csv

# The registry cut by article (build/claims/<article_id>.csv); the split rewrites only the parts
# that change, so a page is stale only when its article's part is. Its lines start with `+`, so
# make -n runs the split too (writing build/claims/ as a build would), and each part's recipe
# (build/reports.mk) is an empty `+` line, so make reads a part's date after the split instead
# of taking it as new: `make -n reports` lists the pages that will run. (make -n cannot run the
# ledger command, whose corrections the parts carry; but a verdict moves only with its claim,
# the data or lib/, which make its page stale already.)
build/claims.stamp: data/claims.csv data/articles.csv reports/corrections.csv | $(READY)
	+@$(PY) -m tradeclaims split-claims
	+@touch $@

# Rules per report, generated from notebooks/reports.yaml (only for goals that need them).
ifneq ($(filter-out help env clean distclean lint lab bench bench-articles bench-scale bench-recipes,$(or $(MAKECMDGOALS),help)),)
include build/reports.mk
.PRECIOUS: $(REPORT_HTML)
endif

build/reports.mk: notebooks/reports.yaml data/articles.csv lib/tradeclaims/report/makefile.py lib/tradeclaims/report/config.py | $(READY)
	$(PY) -m tradeclaims makefile $@

# Each page's rule (build/reports.mk) runs `python -m tradeclaims run --make $$PPID NAME`, $$PPID
# being this make: its pages share one runner, which the ledger's recipe (or else the first
# page) starts and which ends with make. The runner imports papermill and nbconvert and compiles the page template once, then
# forks a child per page (lib/tradeclaims/report/runner.py says what that saves), so make still
# schedules every page (-jN runs N at once, a failure stops the rest), direct targets (`make
# reports/a.html reports/b.html`) share it too, and `make -n reports` lists the pages that will
# run. Pages name the digest of their own inputs (report/provenance.py), so no pass rewrites a
# page once built.
run_report = $(PY) -m tradeclaims run --make $$PPID $(1)

reports: reports/index.html ## Build the data, then every report in reports/ (make -j2 runs two at once)

# The ledger, and the log of verdicts that moved since HEAD, which each article's part carries.
# Every page waits for it, and the ledger page follows it: the pages' runner starts first and
# imports papermill, nbconvert and the kernels' modules while the ledger is evaluated (the data
# it reads is built by then: REPORT_DEPS).
reports/verdicts.csv reports/corrections.csv &: $(REPORT_DEPS) | $(READY)
	$(PY) -m tradeclaims run --start --make $$PPID
	$(PY) -m tradeclaims claims --quiet

reports/index.html reports/claimreview.json &: $(REPORT_HTML) reports/verdicts.csv notebooks/reports.yaml notebooks/publish.yaml | $(READY)
	$(PY) -m tradeclaims index

# Bytecode caches on, whatever the machine says: else every test process compiles the modules
# pytest rewrites (its plugins' and the tests', about 1.5 s a process) again. Whole files go to
# the two workers in the order conftest.py gives them: those that build repository copies first.
test: export PYTHONDONTWRITEBYTECODE :=
test: $(READY) ## Run the tests and nbval over every published report, on two workers
	$(PY) -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder tests --ignore=tests/engines \
		--nbval reports/ --nbval-sanitize-with tests/nbval-sanitize.cfg

# Not in CI: about 40 minutes. A race between a test and what it starts shows under load.
test-stress: ## Run make test N times (20) in a fresh clone of HEAD beside K processes spinning on a CPU (2)
	$(PYTHON) tests/stress.py --runs $(or $(N),20) --spinners $(or $(K),2)

ENGINES := $(VENV)/.engines-ready

$(ENGINES): requirements-engines.txt | $(READY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-engines.txt
	@touch $@

# The Spark checks start a standalone master and worker and a Spark Connect server from PySpark's
# installation on 127.0.0.1 (tests/engines/cluster.py), and stop them, by process id, after.
test-engines: $(ENGINES) ## Run the slow engine checks: the reports in headless Chromium, bulk claims on Spark (local and a real cluster)
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || \
		{ apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@$(PY) -c 'import sys; from tradeclaims.bulk.engines import java_version as v; sys.exit((v() or 0) < 17)' || \
		{ apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }
	$(PY) -m pytest -q tests/engines

bench: $(READY) ## Time report builds against plain papermill + nbconvert (benchmarks/report_builds.py)
	$(PY) benchmarks/report_builds.py

# The corpus of real articles: its dev half by default; a frozen test half only with HALF=test or
# HALF=test2, each passing its own flag.
bench-recipes: $(READY) ## Score extract's proposed recipes on the frozen fixtures, the walkthrough and the corpus's dev half, per language (HALF=test, test2 … test8: a frozen test half)
	$(PY) benchmarks/recipes.py
	$(PY) benchmarks/recipes.py benchmarks/recipes
	$(PY) benchmarks/recipes.py benchmarks/corpus/$(or $(HALF),dev) $(if $(filter test test2 test3 test4 test5 test6 test7 test8,$(HALF)),--frozen-$(HALF))

bench-articles: $(READY) ## Time the everyday loop at N synthetic articles (N=50 by default; N=200, N=500)
	$(PY) benchmarks/many_articles.py --articles $(or $(N),50) $(if $(filter 500,$(N)),--index)

bench-scale: $(READY) ## Time bulk claims on generated Comtrade tables of 1M and 10M rows (ROWS=N for one size)
	$(PY) benchmarks/scale.py $(if $(ROWS),--rows $(ROWS),--rows 1000000 --rows 10000000)

lint: $(READY) ## Check the code with ruff
	$(PY) -m ruff check lib tests benchmarks conftest.py

lab: $(READY) ## Open JupyterLab on the project's kernel (new notebooks too)
	$(PY) -m jupyter lab --notebook-dir=notebooks --MultiKernelManager.default_kernel_name=$(KERNEL)

clean: ## Remove build products and caches (keeps .venv, data and reports)
	rm -rf build .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean ## Also remove .venv
	rm -rf $(VENV)
