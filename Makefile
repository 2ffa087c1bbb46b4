# Two commands do all the set-up: `make lab` and `make test`.
# Each creates .venv with the Python found as $(PYTHON) (3.10 or newer) if it is
# missing, and (re)installs the project when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# JupyterLab refuses to run as root (as in a container) without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test e2e notebooks bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@

# PyTorch for the benchmarks only (never a dependency of course_utils). The default is the
# CPU build this project is measured with; override with `make bench TORCH=torch`.
TORCH ?= torch==2.13.0

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[bench]'
	$(BIN)/python -m pip install --quiet '$(TORCH)' || echo "PyTorch ($(TORCH)) could not be installed: its columns will be skipped"
	touch $@

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[lab]'
	touch $@

$(VENV)/.installed-e2e: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[e2e]'
	touch $@

## lab: install the project with JupyterLab and open the notebooks
lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_FLAG)

## test: install the project with its test extras and run unit tests and every notebook
## (the stored outputs come from the shipped data, so an exported NNDL_DATA_DIR is blanked)
test: $(VENV)/.installed-test
	NNDL_DATA_DIR= TQDM_DISABLE=1 $(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/sanitize.cfg

## e2e: run each notebook from JupyterLab's Run menu in headless Chromium (Playwright), check
## its figures, errors and widgets, and save a screenshot of each to docs/screenshots/
## (installs Debian's chromium with apt-get when /usr/bin/chromium is missing and you are root)
e2e: $(VENV)/.installed-e2e
	TQDM_DISABLE=1 $(BIN)/python -m pytest tests/e2e -v -s -rs; status=$$?; \
		echo "Screenshots: $(CURDIR)/docs/screenshots/"; exit $$status

## notebooks: re-execute every notebook in place, refreshing the outputs nbval compares
## (run it after changing anything a notebook prints, then review the diff)
notebooks: $(VENV)/.installed-lab
	cd notebooks && NNDL_DATA_DIR= TQDM_DISABLE=1 ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 week*.ipynb

## bench: print speed, memory and correctness figures next to PyTorch and scikit-learn
bench: $(VENV)/.installed-bench
	for script in vectorization throughput peers_correctness memory gradcheck; do \
		$(BIN)/python benchmarks/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache
