# The course's two commands:  `make book`  builds the rendered book;  `make test`
# runs every test. Both create the virtual environment in .venv on first use.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Quiet TensorFlow's C++ start-up log and keep Keras on TF. (No MPLBACKEND here: the
# book's kernels must use Jupyter's inline backend, or figures never reach the page;
# tests/conftest.py and benchmarks/ pick Agg for themselves.)
export TF_CPP_MIN_LOG_LEVEL ?= 3
# oneDNN's start-up notice ignores the log level; the course does not need oneDNN.
export TF_ENABLE_ONEDNN_OPTS ?= 0
export KERAS_BACKEND ?= tensorflow
export PYTHONHASHSEED ?= 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install test lint unit notebooks book lab times clean \
	student-notebooks browser-deps browser-test wheel-test

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# `cpu`: TensorFlow's CPU wheel (the package itself leaves TensorFlow to an extra).
	$(BIN)/python -m pip install --quiet -e ".[cpu,book,test]"
	@# The venv's own Jupyter kernel, with TensorFlow's log silenced for every notebook.
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 \
	  --display-name "Python 3 (lstm-course)" \
	  --env TF_CPP_MIN_LOG_LEVEL 3 --env TF_ENABLE_ONEDNN_OPTS 0 --env KERAS_BACKEND tensorflow
	@touch $@

install: $(STAMP)  ## create .venv and install the package with everything the book and tests need

lint: $(STAMP)  ## ruff: lint and format check
	$(BIN)/ruff check lstm_course tests benchmarks book _ext conftest.py
	$(BIN)/ruff format --check lstm_course tests benchmarks _ext book conftest.py

# `pytest tests` leaves out tests/browser/ (tests/conftest.py): it needs the built
# book, and `make browser-test` runs it after `make book`.
unit: $(STAMP)  ## unit tests and doctests only (fast)
	$(BIN)/python -m pytest tests lstm_course

notebooks: $(STAMP)  ## execute every notebook under book/ with nbval
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env book

test: lint $(STAMP)  ## lint, unit tests, doctests, and every notebook executed by nbval
	$(BIN)/python -m pytest tests lstm_course book --nbval-lax --nbval-current-env

# Jupyter Book's cache re-executes a notebook only when its code changed; it cannot
# see the package, so a change under lstm_course/ (or FRESH=1, as in CI) empties it,
# together with Sphinx's own record of what it built (else Sphinx would not even
# re-read the unchanged notebooks, and they would keep outputs of the old package).
NB_CACHE := _build/.jupyter_cache
book: $(STAMP)  ## build the HTML book into _build/html, executing changed notebooks (FRESH=1: all)
	@package=$$(find lstm_course -name '*.py' -o -name '*.npz' -o -name '*.csv' | LC_ALL=C sort | xargs cat | sha256sum); \
	if [ -n "$${FRESH:-}" ] || [ "$$package" != "$$(cat $(NB_CACHE)/.package 2>/dev/null)" ]; then \
	  echo "Executing every notebook (empty cache)"; \
	  rm -rf $(NB_CACHE) _build/.doctrees _build/html _build/jupyter_execute; \
	fi; mkdir -p $(NB_CACHE); echo "$$package" > $(NB_CACHE)/.package
	@# The token makes the checks record their outcome in the executed notebooks
	@# (no page shows it), so tests/browser/test_grading.py can score the book.
	env -u MPLBACKEND LSTM_COURSE_GRADING_NONCE=make-book \
	  $(BIN)/jupyter-book build . --builder html -W -n --keep-going
	@echo "Book built: open _build/html/index.html"

times: $(STAMP)  ## print seconds per notebook (benchmarks/notebook_times.py)
	$(BIN)/python benchmarks/notebook_times.py

student-notebooks: $(STAMP)  ## write every chapter, solutions removed, into student-notebooks/
	$(BIN)/python -m lstm_course.classroom student-notebooks student-notebooks

# Debian's Chromium for the browser test (never a browser downloaded by Playwright).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SUDO := $(shell test "$$(id -u)" = 0 || echo sudo)

browser-deps:  ## install Debian's chromium for the browser test, if missing
	@if [ -x "$(CHROMIUM)" ]; then echo "$(CHROMIUM) is installed"; else \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; fi

browser-test: $(STAMP) browser-deps  ## open every page of the built book in Chromium (after make book)
	@test -f _build/html/index.html || { echo "No built book: run make book first." >&2; exit 1; }
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider
	@echo "Screenshots of every page: _build/screenshots/"

lab: $(STAMP)  ## open the notebooks in JupyterLab
	$(BIN)/python -m pip install --quiet -e ".[cpu,book,test,lab]"
	$(BIN)/jupyter lab book

wheel-test:  ## build the wheel, install it into a fresh venv outside the clone, smoke-test it
	.ci/wheel_smoke

clean:  ## remove the built book and caches (keeps .venv)
	rm -rf _build .pytest_cache .ruff_cache .hypothesis student-notebooks
