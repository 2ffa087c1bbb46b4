"""The portability check: every notebook passes nbval on a machine that rounds differently.

nbval compares each cell's output with the one stored in the notebook. A CPU or
BLAS kernel other than the one that stored it rounds matrix products
differently in the last bits, and a long training run turns that into other
digits, so a cell that prints them fails on the learner's machine while
passing on ours. This test re-runs every notebook under nbval in a kernel whose
IPython start-up file (tests/portability/perturb_startup.py) scales every
matrix product by 1 + k * eps, with k a pseudo-random number in [-4, 4]: a few
units in the last place, the size of the difference between two real BLAS
builds. A notebook passes only if everything nbval compares is robust to that,
and every claim its text makes still holds (the cells assert them).

The start-up file leaves a marker for each route it perturbed (``@`` in cells,
``np.dot``, the engine's products), so the test also fails if the perturbation
silently stopped reaching the computations. NBVAL_PORTABILITY_SEED, when set,
picks another sequence of factors (another "machine"); CI uses the default.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("week*.ipynb"))
STARTUP = Path(__file__).resolve().parent / "portability" / "perturb_startup.py"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_passes_nbval_when_every_product_rounds_differently(notebook, tmp_path):
    ipython_dir = tmp_path / "ipython"
    startup_dir = ipython_dir / "profile_default" / "startup"
    startup_dir.mkdir(parents=True)
    shutil.copy(STARTUP, startup_dir / "00-perturb-products.py")
    log_dir = tmp_path / "markers"
    log_dir.mkdir()

    env = dict(os.environ, IPYTHONDIR=str(ipython_dir), NBVAL_PORTABILITY_LOG=str(log_dir),
               TQDM_DISABLE="1")
    env.pop("NNDL_DATA_DIR", None)  # the stored outputs are those of the shipped data
    command = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", str(ROOT / "notebooks" / "sanitize.cfg"),
               "-p", "no:cacheprovider", "-q", "--rootdir", str(ROOT), str(notebook)]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    output = run.stdout + run.stderr
    assert run.returncode == 0, (
        f"{notebook.name} fails nbval when matrix products round differently, as on "
        f"another CPU or BLAS. Print only what is robust, or mark the cell "
        f"# NBVAL_IGNORE_OUTPUT and assert the claim its text makes.\n"
        + "\n".join(output.splitlines()[-80:])
    )

    routes = {marker.name.split("-", 1)[1] for marker in log_dir.iterdir()}
    assert "course_utils" in routes, f"the engine's products were never perturbed: {routes}"
    assert routes & {"@", "np.dot", "np.matmul"}, f"the notebook's own products were never perturbed: {routes}"
