# Two commands do all the set-up: `make lab` and `make test`.
# Each creates .venv with the Python found as $(PYTHON) (3.10 or newer) if it is
# missing, and (re)installs the project when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# JupyterLab refuses to run as root (as in a container) without --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test notebooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[lab]'
	touch $@

## lab: install the project with JupyterLab and open the notebooks
lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_FLAG)

## test: install the project with its test extras and run unit tests and every notebook
test: $(VENV)/.installed-test
	TQDM_DISABLE=1 $(BIN)/python -m pytest --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/sanitize.cfg

## notebooks: re-execute every notebook in place, refreshing the outputs nbval compares
## (run it after changing anything a notebook prints, then review the diff)
notebooks: $(VENV)/.installed-lab
	cd notebooks && TQDM_DISABLE=1 ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 week*.ipynb

clean:
	rm -rf $(VENV) build dist .pytest_cache
