# Two commands do all the set-up: `make lab` and `make test`.
# Each creates .venv with the Python found as $(PYTHON) (3.10 or newer) if it is
# missing, and (re)installs the project when pyproject.toml changes.
#
# Folders: notebooks/ holds the solved notebooks, workbook/ the blank ones (built from
# notebooks/ by `make workbook`), and my-notebooks/ (ignored by git) the learner's own copy
# that `make lab` makes and never overwrites.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# JupyterLab refuses to run as root (as in a container) without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# The learner's own notebooks: copied from workbook/ on the first `make lab`, then theirs.
LEARNER_DIR := my-notebooks
# Extra JupyterLab options for `make lab`, e.g. make lab LAB_ARGS="--port 8890 --no-browser"
LAB_ARGS ?=
# The project's JupyterLab defaults (no news pop-up), for this .venv's JupyterLab only, in the
# overrides.d/ folder that JupyterLab keeps for packages (overrides.json stays the user's);
# settings a learner changes in JupyterLab still win.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/course-utils.json

.PHONY: lab test e2e notebooks workbook bench clean

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

$(LAB_OVERRIDES): lab-settings/overrides.json | $(BIN)/python
	mkdir -p $(@D)
	cp lab-settings/overrides.json $@

## lab: install the project with JupyterLab, copy the blank notebooks of workbook/ that
## my-notebooks/ lacks (never overwriting one) and open JupyterLab on my-notebooks/.
## JupyterLab is rooted at the repository, so the solved notebooks are one level up, in
## notebooks/. Extra JupyterLab options go in LAB_ARGS:
##   make lab LAB_ARGS="--port 8890 --no-browser"
lab: $(VENV)/.installed-lab $(LAB_OVERRIDES)
	$(BIN)/python -m course_utils.workbook copy --workbook '$(CURDIR)/workbook' --to '$(CURDIR)/$(LEARNER_DIR)'
	$(BIN)/jupyter lab --ServerApp.root_dir='$(CURDIR)' \
		--ContentsManager.preferred_dir=$(LEARNER_DIR) $(ROOT_FLAG) $(LAB_ARGS)

## workbook: rebuild workbook/ (the blank notebooks) from notebooks/ with nbgrader; run it
## after changing a notebook, then commit both (tests/test_workbook.py checks they agree)
workbook: $(VENV)/.installed-test
	$(BIN)/python -m course_utils.workbook build --source '$(CURDIR)/notebooks' --out '$(CURDIR)/workbook'

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
# tests/e2e/test_learner_lab.py checks that JupyterLab uses the project's settings too
e2e: $(LAB_OVERRIDES)

## notebooks: re-execute every notebook in place, refreshing the outputs nbval compares
## (run it after changing anything a notebook prints, then review the diff)
notebooks: $(VENV)/.installed-lab
	cd notebooks && NNDL_DATA_DIR= TQDM_DISABLE=1 ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 week*.ipynb

## bench: print speed, memory and correctness figures next to PyTorch and scikit-learn
bench: $(VENV)/.installed-bench
	for script in vectorization throughput contention peers_correctness memory gradcheck; do \
		$(BIN)/python benchmarks/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache
