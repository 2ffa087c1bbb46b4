"""Classroom use: release student notebooks and grade what learners hand in.

The notebooks in the repository's ``notebooks/`` folder are the *source*
versions: every exercise is written out between ``### BEGIN SOLUTION`` and
``### END SOLUTION``, and the cells carry nbgrader's metadata. Each exercise
cell is a solution cell whose ``grade_id`` is the exercise's name (``sigmoid``),
and the cell after it is a locked, autograded test cell (``sigmoid_check``)
that calls :func:`course_utils.checks.check_sigmoid`. This module turns those
sources into a classroom in two steps:

1. :func:`release` writes the *student* versions. It runs nbgrader's own
   ``ClearSolutions`` and ``ClearOutput`` preprocessors, so every solution
   region becomes nbgrader's stub (``raise NotImplementedError()``) and no
   output or execution count is left. It is what ``nbgrader
   generate_assignment`` does to these notebooks, without an nbgrader course
   folder or database.
2. :func:`grade` runs each submitted notebook top to bottom in a fresh kernel
   and then runs the checks of :mod:`course_utils.checks` on the learner's
   functions, one exercise at a time. :func:`format_table` prints the scores.

From the command line::

    python -m course_utils release --out release/
    python -m course_utils grade submissions/*.ipynb

How it fits with nbgrader and JupyterHub
----------------------------------------
On a JupyterHub, learners open the released notebooks in their own servers
(handed out by nbgrader's exchange, nbgitpuller, a shared folder or a learning
management system) and hand back the filled-in ``.ipynb`` files. An instructor
who runs nbgrader can instead put the source notebooks in a course's
``source/<assignment>/`` folder and use ``nbgrader generate_assignment`` and
``nbgrader autograde``: the check cells are the autograded tests. This module
needs neither the course folder nor the database, and it is more forgiving of
what learners do to their notebooks: a function is found by the ``grade_id``
of the cell that defines it, or else by its name, so moved, split and
re-typed exercise cells are graded, and a cell that hangs or a kernel that
dies costs only what it breaks.

What grading runs
-----------------
The learner's notebook runs with ``allow_errors=True``: one failing cell does
not stop the rest, as in nbgrader. Each cell may run for ``timeout`` seconds;
a cell that runs longer is interrupted (like pressing the stop button) and the
run goes on. After every cell has run, one extra cell per exercise, in the
same kernel, runs the exercise's check and prints one JSON line behind a
prefix that is unique to the run, so nothing the learner prints can be
mistaken for a result. Grading runs the learner's code with your permissions,
as any autograder does: run it inside a container or an account of its own
when you do not trust the submissions.

The modules
-----------
:mod:`.cells` knows the assignments (derived from
:data:`course_utils.checks.REGISTRY`) and reads nbgrader's cell roles;
:mod:`.release` writes the student notebooks; :mod:`.grading` runs the
submissions; :mod:`.kernel` is the part of the grader that runs inside the
learner's kernel; :mod:`.results` holds what grading found (a :class:`Status`
per exercise, :class:`Problem` per notebook) and prints the table.

Release and grade need the optional dependencies of the ``classroom`` extra:
``pip install "course-utils[classroom]"`` (nbgrader and nbclient). Importing
this module does not.
"""

from __future__ import annotations

from .cells import ASSIGNMENTS, NOTEBOOKS, _assignment_of, grade_id, is_grade, is_solution, source_points  # noqa: F401  (_assignment_of: tests)
from .grading import grade
from .release import default_source_dir, release
from .results import (
    STATUSES,
    ExerciseResult,
    NotebookResult,
    Outcome,
    Problem,
    ProblemKind,
    Status,
    all_passed,
    format_table,
)

__all__ = [
    "ASSIGNMENTS",
    "NOTEBOOKS",
    "STATUSES",
    "Status",
    "ProblemKind",
    "Outcome",
    "ExerciseResult",
    "Problem",
    "NotebookResult",
    "default_source_dir",
    "release",
    "grade",
    "format_table",
    "all_passed",
    "grade_id",
    "is_solution",
    "is_grade",
    "source_points",
]
