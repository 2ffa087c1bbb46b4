"""Real nbgrader stays a supported path: generate_assignment and autograde on the source notebooks."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course_utils.classroom import ASSIGNMENTS

pytest.importorskip("nbgrader")

ROOT = Path(__file__).resolve().parent.parent
STEM = "week2_logistic_regression"
ASSIGNMENT = "week2"


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs alembic (installed beside it) by name, so the environment's bin/ goes on PATH.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "TQDM_DISABLE": "1", "NNDL_DATA_DIR": ""}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          timeout=900, env=env)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with week 2's source notebook, its assignment generated, and two students."""
    course = tmp_path_factory.mktemp("course")
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "nndl"\n'
        'c.ExecutePreprocessor.timeout = 600\n'
    )
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / f"{STEM}.ipynb", source / f"{STEM}.ipynb")
    _nbgrader(course, "db", "assignment", "add", ASSIGNMENT)
    _nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    released = course / "release" / ASSIGNMENT / f"{STEM}.ipynb"
    assert released.is_file()
    for student, notebook in (("solved", source / f"{STEM}.ipynb"), ("blank", released)):
        _nbgrader(course, "db", "student", "add", student)
        target = course / "submitted" / student / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copy(notebook, target / f"{STEM}.ipynb")
    _nbgrader(course, "autograde", ASSIGNMENT)
    return course


def _scores(course):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {student: (gradebook.find_submission(ASSIGNMENT, student).score,
                          gradebook.find_submission(ASSIGNMENT, student).max_score)
                for student in ("solved", "blank")}


@pytest.mark.slow
def test_nbgrader_releases_the_same_cells_as_release(course):
    released = nbformat.read(course / "release" / ASSIGNMENT / f"{STEM}.ipynb", as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in released.cells
           if c.metadata.get("nbgrader", {}).get("solution")]
    assert [i for i in ids if i in ASSIGNMENTS[STEM]] == list(ASSIGNMENTS[STEM])


@pytest.mark.slow
def test_nbgrader_autograde_gives_the_solved_notebook_full_marks_and_the_blank_one_none(course):
    n = len(ASSIGNMENTS[STEM])
    assert _scores(course) == {"solved": (n, n), "blank": (0, n)}
