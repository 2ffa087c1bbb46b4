"""Grade: run each submitted notebook in a fresh kernel, then check every exercise of its assignment."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import subprocess
from pathlib import Path
from typing import Callable, Iterable

from .cells import (
    _DEF,
    ASSIGNMENTS,
    INSTALL_HINT,
    _assignment_of,
    _cell_name,
    source_points,
    _read_submission,
    _seconds,
    _Unreadable,
    _WEEKS,
    grade_id,
)
from .release import default_source_dir
from ..checks._core import HINTS_VARIABLE
from .results import STATUSES, ExerciseResult, NotebookResult, Outcome, Problem, ProblemKind, Status

__all__ = ["grade"]

# The ename of the reply nbclient makes up for a cell it interrupted after the timeout.
_TIMEOUT_ENAME = "CourseUtilsCellTimeout"
# How long a kernel gets to answer a trivial cell after an interrupt before it counts as stuck.
_PROBE_SECONDS = 10.0

# nbclient logs timeouts and dead kernels as errors; grade reports them itself, once.
_QUIET = logging.getLogger("course_utils.classroom.nbclient")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


class _Run:
    """Run one notebook in a fresh kernel, then its checks; remember what went wrong."""

    def __init__(self, nb, workdir: Path, exercises: tuple[str, ...], timeout: float, week: int | None = None,
                 hints: bool = False):
        from nbclient import NotebookClient

        self.nb = nb
        self.n_cells = len(nb.cells)
        self.exercises = exercises
        self.week = week
        self.hints = hints
        self.timeout = timeout
        self.token = f"@@course_utils.classroom:{secrets.token_hex(8)}@@"
        self.timed_out: set[int] = set()
        self.cell_timeouts: dict[int, float] = {}
        self.client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout_func=lambda cell: self.cell_timeouts.get(id(cell), self.timeout),
            allow_errors=True,
            interrupt_on_timeout=True,
            # After interrupting, report this at once instead of waiting for the kernel's reply,
            # so that a kernel that ignores the interrupt cannot stall us forever.
            error_on_timeout={"ename": _TIMEOUT_ENAME, "evalue": "timed out", "traceback": []},
            on_cell_error=self._on_error,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(workdir)}},
            log=_QUIET,
        )

    def _on_error(self, cell, cell_index, execute_reply):
        if execute_reply["content"].get("ename") == _TIMEOUT_ENAME:
            self.timed_out.add(cell_index)

    def _hidden(self, source: str, timeout: float | None = None):
        """Execute code of ours in the kernel, outside the learner's history."""
        from nbformat.v4 import new_code_cell

        cell = new_code_cell(source)
        self.nb.cells.append(cell)
        self.cell_timeouts[id(cell)] = self.timeout if timeout is None else timeout
        index = len(self.nb.cells) - 1
        self.client.execute_cell(cell, index, store_history=False)
        return cell, index

    def _responsive(self) -> bool:
        _, index = self._hidden("pass", timeout=_PROBE_SECONDS)
        return index not in self.timed_out

    def run(self) -> tuple[dict[str, Outcome], list[Problem]]:
        """Return ({exercise: its Outcome}, notebook problems)."""
        from nbclient.exceptions import DeadKernelError

        outcomes: dict[str, Outcome] = {}
        problems: list[Problem] = []
        # One expression each, so that they leave no name behind in the learner's namespace.
        snapshot = '__import__("course_utils.classroom.kernel", fromlist=["_"])._kernel_snapshot(globals(), {!r})'
        check = '__import__("course_utils.classroom.kernel", fromlist=["_"])._kernel_grade(globals(), {!r}, {!r}, {!r})'
        stage = "cells"
        current = None
        # The kernel process's own stderr only carries start-up chatter; cell output comes over ZMQ.
        # Hints say how to write the answer: off in the grader's kernels unless asked for.
        env = {**os.environ, HINTS_VARIABLE: "1" if self.hints else "0"}
        with self.client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env):
            try:
                # Import the checks before the clock starts on the learner's cells, so that a slow
                # first import of numpy and matplotlib is not charged to the first cell.
                self._hidden('__import__("course_utils.checks")', timeout=max(self.timeout, 60))
                for index in range(self.n_cells):
                    cell = self.nb.cells[index]
                    if cell.cell_type != "code":
                        continue
                    current = index
                    self.client.execute_cell(cell, index, execution_count=self.client.code_cells_executed + 1)
                    if index in self.timed_out:
                        problems.append(Problem(
                            ProblemKind.TIMED_OUT,
                            f"{_cell_name(self.nb, index)} ran longer than {_seconds(self.timeout)} "
                            "and was interrupted",
                            index + 1,
                        ))
                        if not self._responsive():
                            return self._stuck(outcomes, problems, index)
                    name = grade_id(cell)
                    if name in self.exercises and name in _DEF.findall(cell.source):
                        self._hidden(snapshot.format(name), timeout=_PROBE_SECONDS)
                stage = "checks"
                for exercise in self.exercises:
                    current = exercise
                    out_cell, index = self._hidden(check.format(exercise, self.token, self.week))
                    outcomes[exercise] = self._parse(out_cell, index, exercise)
                    if index in self.timed_out and not self._responsive():
                        return self._stuck(outcomes, problems, None, exercise)
            except DeadKernelError:
                if stage == "cells" and current is None:
                    message = "the kernel died before the notebook's first cell ran"
                    problems.append(Problem(ProblemKind.KERNEL_DIED, message))
                elif stage == "cells":
                    message = f"the kernel died while running {_cell_name(self.nb, current)}"
                    problems.append(Problem(ProblemKind.KERNEL_DIED, message, current + 1))
                else:
                    message = f"the kernel died while checking {current}"
                    problems.append(Problem(ProblemKind.KERNEL_DIED, message))
                for exercise in self.exercises:
                    outcomes.setdefault(exercise, Outcome(Status.KERNEL_DIED, message))
        return outcomes, problems

    def _stuck(self, outcomes, problems, index, exercise=None):
        """The kernel ignored the interrupt: give up on it; what is not graded yet timed out."""
        where = _cell_name(self.nb, index) if index is not None else f"the check of {exercise}"
        message = (f"{where} ran longer than {_seconds(self.timeout)} and did not stop when "
                   "interrupted; the kernel was shut down and the rest was not graded")
        cell = None if index is None else index + 1
        if problems and problems[-1].kind == ProblemKind.TIMED_OUT and problems[-1].cell == cell:
            problems.pop()  # say it once, with the worse news
        problems.append(Problem(ProblemKind.TIMED_OUT, message, cell))
        for exercise in self.exercises:
            outcomes.setdefault(exercise, Outcome(Status.TIMED_OUT, message))
        return outcomes, problems

    def _parse(self, cell, index: int, exercise: str) -> Outcome:
        text = "".join(o.get("text", "") for o in cell.outputs
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        for line in text.splitlines():
            if line.startswith(self.token):
                try:
                    result = json.loads(line[len(self.token):])
                except json.JSONDecodeError:
                    break
                if isinstance(result, dict) and result.get("status") in STATUSES:
                    return Outcome(Status(result["status"]), str(result.get("message", "")))
        if index in self.timed_out:
            return Outcome(Status.TIMED_OUT, f"the check of {exercise} ran longer than {_seconds(self.timeout)}")
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors:
            return Outcome(Status.ERROR, f"grading failed: {errors[0].get('ename')}: {errors[0].get('evalue')}")
        return Outcome(Status.ERROR, "grading failed: the check printed no result")


def _python_of(source: str) -> str:
    """The cell as the plain Python IPython runs (magics and shell escapes turned into calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - a grader always has IPython, through ipykernel
        return source
    return TransformerManager().transform_cell(source)


def _syntax_errors(nb, exercises) -> dict[str, str]:
    """exercise -> a sentence naming the syntax error of the cell meant to define it."""
    found = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        name = grade_id(cell)
        targets = [name] if name in exercises else [e for e in exercises if re.search(rf"\bdef\s+{e}\s*\(", cell.source)]
        if not targets:
            continue
        try:
            compile(_python_of(cell.source), f"cell {index + 1}", "exec")
        except SyntaxError as error:
            line = (error.text or "").strip()
            where = f"line {error.lineno} of the cell" + (f", `{line}`" if line else "")
            for exercise in targets:
                found.setdefault(exercise, f"{exercise}'s cell, {_cell_name(nb, index)}, does not run: "
                                           f"SyntaxError: {error.msg} ({where})")
    return found


def _grade_notebook(path: Path, timeout: float, points: dict[str, dict[str, float]], student: str = "",
                    hints: bool = False) -> NotebookResult:
    label = str(path)
    try:
        nb = _read_submission(path)
    except _Unreadable as error:
        return NotebookResult(label, None, problems=[Problem(ProblemKind.UNREADABLE, str(error))], student=student)
    assignment = _assignment_of(path, nb)
    if assignment is None:
        known = ", ".join(stem for stem, ex in ASSIGNMENTS.items() if ex)
        return NotebookResult(label, None, problems=[Problem(
            ProblemKind.UNKNOWN_ASSIGNMENT,
            f"the file name contains none of {known}, and the notebook's nbgrader grade_ids do not "
            "name one assignment's exercises: rename it after the notebook it answers",
        )], student=student)
    exercises = ASSIGNMENTS[assignment]
    result = NotebookResult(label, assignment, student=student)
    if not exercises:
        return result
    syntax = _syntax_errors(nb, exercises)
    n_cells = len(nb.cells)
    outcomes, result.problems = _Run(nb, path.resolve().parent, exercises, timeout, _WEEKS[assignment], hints).run()
    nb.cells = nb.cells[:n_cells]  # without the grader's own cells
    result.executed = nb
    for exercise, message in syntax.items():
        if outcomes[exercise].status == Status.MISSING:
            outcomes[exercise] = Outcome(Status.ERROR, message)
    for exercise in exercises:
        outcome = outcomes[exercise]
        possible = points[assignment].get(exercise, 1.0)
        earned = possible if outcome.status == Status.PASSED else 0.0
        result.exercises.append(ExerciseResult(
            label, exercise, outcome.status, earned, possible, outcome.message,
        ))
    return result


def grade(
    paths: Iterable[str | Path],
    timeout: float = 120,
    progress: Callable[[int, int, Path], None] | None = None,
    source_dir: str | Path | None = None,
    students: Iterable[str] | None = None,
    jobs: int = 1,
    hints: bool = False,
) -> list[NotebookResult]:
    """Run each submitted notebook in a fresh kernel and check every exercise of its assignment.

    The assignment comes from the file name (a known stem anywhere in it, so
    ``week2_logistic_regression (1).ipynb`` and ``alice-week2_logistic_regression.ipynb``
    both count), or else from the nbgrader ``grade_id`` of its cells. After
    all cells have run, each exercise's function is looked up (the one the
    cell with the exercise's ``grade_id`` defined, as that cell left it, or
    else the function of that name at the end of the run) and given to
    :func:`course_utils.checks.check`.

    Parameters
    ----------
    paths : iterable of str or pathlib.Path
        The notebooks to grade.
    timeout : float
        Seconds each cell, and each exercise's check, may run before it is
        interrupted (default 120).
    progress : callable or None
        Called as ``progress(i, n, path)`` before the i-th (1-based) of n notebooks.
    source_dir : str, pathlib.Path or None
        The folder of source notebooks whose test cells give each exercise's
        points; None means the repository's ``notebooks/`` when there is one
        (see :func:`~course_utils.classroom.default_source_dir`), else 1 point
        per exercise. Points written in a submission are never read.
    students : iterable of str or None
        Whose each notebook is, in the order of ``paths`` (see
        :func:`~course_utils.classroom.report.find_submissions`); "" for each when None.
    jobs : int
        How many notebooks to grade at once, each in a worker process of its
        own whose kernels get one BLAS thread (default 1: one after another,
        with the machine's BLAS threads). The results come back in the order
        of ``paths`` either way.
    hints : bool
        Whether the checks' messages keep their hints (how to fix the
        mistake, often close to the answer's own line). Off by default: a
        grade says what is wrong. Learners working in their notebooks always
        get the hints.

    Returns
    -------
    results : list of NotebookResult
        One per path, in the order given. Nothing a notebook does makes this
        raise: hangs, a dead kernel, an unreadable file and an unknown
        assignment are reported in ``problems``.

    Raises
    ------
    ImportError
        If nbclient is not installed.
    """
    try:
        import nbclient  # noqa: F401
    except ImportError as error:
        raise ImportError(f"Grading notebooks needs nbclient, which is not installed: {INSTALL_HINT}") from error
    if timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")
    if source_dir is None:
        try:
            source_dir = default_source_dir()
        except FileNotFoundError:
            source_dir = None
    points = source_points(source_dir)
    paths = [Path(p) for p in paths]
    students = [""] * len(paths) if students is None else list(students)
    if len(students) != len(paths):
        raise ValueError(f"students names {len(students)} notebooks but paths has {len(paths)}: expected one each")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of worker processes, 1 or more, got {jobs!r}")
    if jobs == 1 or len(paths) < 2:
        results = []
        for i, path in enumerate(paths, start=1):
            if progress is not None:
                progress(i, len(paths), path)
            results.append(_grade_notebook(path, timeout, points, students[i - 1], hints))
        return results
    import concurrent.futures
    import multiprocessing

    # spawn, not fork: the grader may hold threads (pytest's, nbclient's) that a fork would copy half-done.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context,
                                                initializer=_one_blas_thread) as pool:
        futures = []
        for i, path in enumerate(paths, start=1):
            if progress is not None:
                progress(i, len(paths), path)
            futures.append(pool.submit(_grade_notebook, path, timeout, points, students[i - 1], hints))
        return [future.result() for future in futures]


def _one_blas_thread() -> None:
    """In a grading worker: its kernels (started from here) use one BLAS thread each, so N workers fit N cores."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
