"""Weeks 1, 2 and 4 on the course's own files: NNDL_DATA_DIR pointing at a folder in their layout.

The course's ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` are not ours to
ship, so the test writes files in the same layout and of the same size: 64 x 64
pictures, 209 for training and 50 for testing, about a third of them non-cats
(72 and 17, as in the course's files), with a visible difference between the
classes so that training has something to find. Each notebook is then run in
a kernel whose start-up file records every figure it draws, and the test checks
what a learner with the course's files would see:

- no error, no warning, no "nan" or "inf" printed;
- no legend entry for a curve that is not drawn (a cost that became NaN);
- no title or label that speaks of more training or test pictures than there are;
- every chance or majority line at the share of the majority class of the test
  labels (66 % here), not at 50 %.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP = Path(__file__).resolve().parent / "course_files" / "record_figures_startup.py"
M_TRAIN, M_TEST = 209, 50
NON_CATS_TRAIN, NON_CATS_TEST = 72, 17
MAJORITY_TEST = (M_TEST - NON_CATS_TEST) / M_TEST  # 0.66: cats are the majority


def write_course_files(folder: Path, seed: int = 0) -> None:
    """Write train_catvnoncat.h5 and test_catvnoncat.h5 in the course's HDF5 layout."""
    rng = np.random.default_rng(seed)
    for split, m, non_cats in (("train", M_TRAIN, NON_CATS_TRAIN), ("test", M_TEST, NON_CATS_TEST)):
        y = np.ones(m, dtype=np.int64)
        y[rng.choice(m, size=non_cats, replace=False)] = 0
        # Like photographs, and unlike white noise, neighbouring pixels move together: each
        # picture is an overall brightness plus a coarse 8 x 8 pattern blown up to 64 x 64,
        # plus a little noise. (With correlated pixels a large learning rate saturates the
        # sigmoid, as it does on the course's pictures.)
        brightness = rng.uniform(40, 200, size=(m, 1, 1, 1))
        coarse = rng.normal(0, 30, size=(m, 8, 8, 3)).repeat(8, axis=1).repeat(8, axis=2)
        x = brightness + coarse + rng.normal(0, 8, size=(m, 64, 64, 3))
        # Cats get a warm patch in the middle: a signal that a linear model can find.
        x[y == 1, 16:48, 16:48, 0] += rng.uniform(20, 60, size=(int(y.sum()), 1, 1))
        with h5py.File(folder / f"{split}_catvnoncat.h5", "w") as f:
            f.create_dataset(f"{split}_set_x", data=np.clip(np.rint(x), 0, 255).astype(np.uint8))
            f.create_dataset(f"{split}_set_y", data=y)
            f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))


@pytest.fixture(scope="module")
def course_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course_files")
    write_course_files(folder)
    return folder


def run_notebook(path: Path, data_dir: Path, tmp_path: Path):
    """Execute a notebook with NNDL_DATA_DIR set; return it and the figure records."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    startup_dir = tmp_path / "ipython" / "profile_default" / "startup"
    startup_dir.mkdir(parents=True)
    shutil.copy(STARTUP, startup_dir / "00-record-figures.py")
    log = tmp_path / "figures.jsonl"
    notebook = nbformat.read(path, as_version=4)
    with pytest.MonkeyPatch.context() as patch:  # the kernel inherits these
        patch.setenv("NNDL_DATA_DIR", str(data_dir))
        patch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
        patch.setenv("NNDL_FIGURE_LOG", str(log))
        patch.setenv("TQDM_DISABLE", "1")
        nbclient.NotebookClient(notebook, kernel_name="python3", timeout=600,
                                resources={"metadata": {"path": str(tmp_path)}}).execute()
    figures = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return notebook, figures


def stream_text(cell, name):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == name)


def all_text(cell):
    parts = [stream_text(cell, "stdout")]
    for output in cell.get("outputs", []):
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


PICTURE_COUNT = re.compile(r"(\d[\d,]*)\s+(training|test)\s+pictures")
BASELINE_WORDS = re.compile(r"chance|guess|majority|baseline", re.IGNORECASE)


@pytest.mark.slow
@pytest.mark.parametrize("week", ["week1_introduction", "week2_logistic_regression", "week4_deep_network"])
def test_notebook_runs_clean_on_the_course_files(week, course_folder, tmp_path):
    notebook, figures = run_notebook(ROOT / "notebooks" / f"{week}.ipynb", course_folder, tmp_path)
    code_cells = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]

    # It loaded the course's files, not the shipped ones.
    assert any(f"({M_TRAIN}, 64, 64, 3)" in all_text(c) for _, c in code_cells), \
        f"{week} never printed the shape of the course's training pictures"

    for index, cell in code_cells:
        stderr = stream_text(cell, "stderr")
        assert not stderr.strip(), f"{week} cell {index} wrote to stderr (a warning?):\n{stderr}"
        printed = all_text(cell)
        assert not re.search(r"\b(nan|inf)\b", printed, re.IGNORECASE), \
            f"{week} cell {index} printed a non-finite number:\n{printed}"
        for number, split in PICTURE_COUNT.findall(printed):
            limit = M_TRAIN if split == "training" else M_TEST
            assert int(number.replace(",", "")) <= limit, \
                f"{week} cell {index} speaks of {number} {split} pictures; there are {limit}:\n{printed}"

    assert figures, f"{week} drew no figure"
    for figure in figures:
        for text in figure["texts"]:
            for number, split in PICTURE_COUNT.findall(text):
                limit = M_TRAIN if split == "training" else M_TEST
                assert int(number.replace(",", "")) <= limit, \
                    f"{week}: a figure speaks of {number} {split} pictures; there are {limit}: {text!r}"
            assert not re.search(r"\b(nan|inf)\b", text, re.IGNORECASE), \
                f"{week}: a figure shows a non-finite number: {text!r}"
        for ax in figure["axes"]:
            for entry in ax["legend"]:
                assert entry["finite"], \
                    f"{week}: the legend of {ax['title']!r} names {entry['label']!r}, whose curve has no finite point"
            for line in ax["horizontal"]:
                if BASELINE_WORDS.search(line["label"] or ""):
                    assert line["y"] in (pytest.approx(MAJORITY_TEST), pytest.approx(100 * MAJORITY_TEST)), \
                        (f"{week}: the {line['label']!r} line of {ax['title']!r} is at {line['y']}, "
                         f"but always answering 'cat' scores {MAJORITY_TEST:.0%} on these test labels")
