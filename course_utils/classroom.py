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

Release and grade need the optional dependencies of the ``classroom`` extra:
``pip install "course-utils[classroom]"`` (nbgrader and nbclient). Importing
this module does not.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import secrets
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import checks

__all__ = [
    "ASSIGNMENTS",
    "NOTEBOOKS",
    "STATUSES",
    "ExerciseResult",
    "Problem",
    "NotebookResult",
    "default_source_dir",
    "release",
    "grade",
    "format_table",
    "all_passed",
]

#: The notebook of each week, by stem.
NOTEBOOKS: dict[int, str] = {
    1: "week1_introduction",
    2: "week2_logistic_regression",
    3: "week3_shallow_network",
    4: "week4_deep_network",
}

#: The graded exercises of each notebook, by notebook stem, in the order the
#: notebook asks for them, derived from :data:`course_utils.checks.REGISTRY`.
#: An exercise's name is the ``grade_id`` of its solution cell, the name of the
#: function the learner writes, and its key in that week's table.
ASSIGNMENTS: dict[str, tuple[str, ...]] = {
    stem: tuple(checks.REGISTRY[week]) for week, stem in NOTEBOOKS.items()
}
_WEEKS = {stem: week for week, stem in NOTEBOOKS.items()}

#: What :func:`grade` can say about one exercise.
STATUSES = ("passed", "failed", "not implemented", "missing", "error", "timed out", "kernel died")

_INSTALL_HINT = 'pip install "course-utils[classroom]"'
# The ename of the reply nbclient makes up for a cell it interrupted after the timeout.
_TIMEOUT_ENAME = "CourseUtilsCellTimeout"
# How long a kernel gets to answer a trivial cell after an interrupt before it counts as stuck.
_PROBE_SECONDS = 10.0
# nbclient logs timeouts and dead kernels as errors; grade reports them itself, once.
_QUIET = logging.getLogger("course_utils.classroom.nbclient")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False
_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", re.M)


# ================================================================ results

@dataclass(frozen=True)
class ExerciseResult:
    """The grade of one exercise in one notebook.

    Attributes
    ----------
    notebook : str
        The notebook's path, as it was given to :func:`grade`.
    exercise : str
        The exercise's name, such as ``"propagate"``.
    status : str
        One of :data:`STATUSES`: ``"passed"``; ``"failed"`` (the check found a
        wrong answer); ``"not implemented"`` (still the stub); ``"missing"``
        (no such function in the notebook); ``"error"`` (the learner's code
        raised something else); ``"timed out"``; ``"kernel died"``.
    earned, possible : float
        Points earned (``possible`` if passed, else 0) and points possible,
        read from the ``points`` of the exercise's test cell (1 if absent).
    message : str
        Why, when the exercise did not pass: the check's message, the
        exception, or what happened to the kernel. Empty when it passed.
    """

    notebook: str
    exercise: str
    status: str
    earned: float
    possible: float
    message: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that went wrong with a whole notebook rather than one exercise.

    Attributes
    ----------
    kind : str
        ``"unreadable"``, ``"unknown assignment"``, ``"timed out"`` or
        ``"kernel died"``.
    message : str
        A sentence for the instructor.
    cell : int or None
        The 1-based position of the cell to blame, counting every cell
        (markdown too), or None.
    """

    kind: str
    message: str
    cell: int | None = None


@dataclass
class NotebookResult:
    """Everything :func:`grade` found out about one notebook.

    Attributes
    ----------
    notebook : str
        The notebook's path, as given.
    assignment : str or None
        The notebook stem it was graded as (a key of :data:`ASSIGNMENTS`),
        or None if that could not be worked out or the file could not be read.
    exercises : list of ExerciseResult
        One per exercise of the assignment, in the assignment's order.
    problems : list of Problem
        Hangs, a dead kernel, an unreadable file, an unknown assignment.
    """

    notebook: str
    assignment: str | None
    exercises: list[ExerciseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def earned(self) -> float:
        return sum(r.earned for r in self.exercises)

    @property
    def possible(self) -> float:
        return sum(r.possible for r in self.exercises)

    @property
    def passed(self) -> bool:
        """True when nothing went wrong and every exercise passed."""
        return not self.problems and all(r.status == "passed" for r in self.exercises)


def all_passed(results: Iterable[NotebookResult]) -> bool:
    """True when there is at least one notebook and every one of them passed."""
    results = list(results)
    return bool(results) and all(r.passed for r in results)


# ================================================================ release

def _nbgrader_preprocessors():
    try:
        from nbgrader.preprocessors import ClearOutput, ClearSolutions
    except ImportError as error:
        raise ImportError(
            f"Releasing notebooks needs nbgrader, which is not installed: {_INSTALL_HINT}"
        ) from error
    return ClearSolutions, ClearOutput


def _nbformat():
    try:
        import nbformat
    except ImportError as error:  # pragma: no cover - nbformat comes with nbgrader and nbclient
        raise ImportError(f"This needs nbformat, which is not installed: {_INSTALL_HINT}") from error
    return nbformat


def default_source_dir() -> Path:
    """Return the repository's ``notebooks/`` folder, found from this module's location.

    Like :func:`course_utils.data.default_data_dir`, the answer never depends
    on the current working directory.

    Raises
    ------
    FileNotFoundError
        If the package is not inside a clone of the repository (an installed
        wheel does not carry the notebooks).
    """
    candidate = Path(__file__).resolve().parent.parent / "notebooks"
    if any(candidate.glob("week*.ipynb")):
        return candidate
    raise FileNotFoundError(
        f"Could not find the course's source notebooks: {candidate} holds no week*.ipynb. "
        "They come with a clone of the repository, not with an installed package: run from a "
        "clone (pip install -e .) or pass the folder with --source."
    )


def _nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def _validate_source(path: Path, nb) -> None:
    """Raise ValueError unless ``nb`` carries the grade_ids its assignment needs."""
    exercises = ASSIGNMENTS.get(path.stem)
    if exercises is None:
        return
    solutions, tests, seen, duplicates = set(), set(), set(), set()
    for cell in nb.cells:
        meta = _nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if grade_id is None:
            continue
        if grade_id in seen:
            duplicates.add(grade_id)
        seen.add(grade_id)
        if meta.get("solution"):
            solutions.add(grade_id)
        if meta.get("grade"):
            tests.add(grade_id)
    missing = [name for name in exercises if name not in solutions]
    missing += [f"{name}_check" for name in exercises if f"{name}_check" not in tests]
    problems = []
    if missing:
        problems.append(
            f"it lacks the nbgrader cells with grade_id {', '.join(missing)} "
            "(each exercise needs a solution cell named after it and a test cell named <exercise>_check)"
        )
    if duplicates:
        problems.append(f"these grade_ids appear more than once: {', '.join(sorted(duplicates))}")
    if problems:
        raise ValueError(f"{path} is not a source notebook that release can use: {'; '.join(problems)}.")


def release(source_dir: str | Path | None = None, out_dir: str | Path = "release") -> list[Path]:
    """Write the student version of every ``week*.ipynb`` in ``source_dir`` to ``out_dir``.

    Each notebook goes through nbgrader's ``ClearSolutions`` (every region
    between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
    ``raise NotImplementedError()``) and ``ClearOutput`` (no outputs, no
    execution counts, no timing metadata, no saved widget state). Notebooks
    without exercises, such as week 1, come out with their outputs cleared and
    nothing else changed.
    The nbgrader metadata stays, so :func:`grade` and nbgrader can find the
    cells again.

    Parameters
    ----------
    source_dir : str, pathlib.Path or None
        The folder of source notebooks; None means the repository's
        ``notebooks/`` (see :func:`default_source_dir`).
    out_dir : str or pathlib.Path
        Where to write; created if needed. Existing notebooks of the same
        names are overwritten. It may not be ``source_dir`` itself.

    Returns
    -------
    paths : list of pathlib.Path
        The notebooks written, in week order.

    Raises
    ------
    FileNotFoundError
        If there are no ``week*.ipynb`` to release.
    ValueError
        If a course notebook lacks the solution or test cells of one of its
        exercises, or ``out_dir`` is ``source_dir``.
    ImportError
        If nbgrader is not installed.
    """
    ClearSolutions, ClearOutput = _nbgrader_preprocessors()
    nbformat = _nbformat()
    source = default_source_dir() if source_dir is None else Path(source_dir)
    sources = sorted(source.glob("week*.ipynb"))
    if not sources:
        raise FileNotFoundError(f"No week*.ipynb notebooks to release in {source}.")
    out = Path(out_dir)
    if out.resolve() == source.resolve():
        raise ValueError(f"The output folder must not be the source folder {source}: releasing there "
                         "would overwrite the solutions.")

    notebooks = []
    for path in sources:
        nb = nbformat.read(path, as_version=4)
        _validate_source(path, nb)
        notebooks.append((path, nb))

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path, nb in notebooks:
        # Timing metadata ("execution") says when the solutions were run: clear it with the outputs.
        steps = [ClearSolutions(), ClearOutput(remove_metadata_fields={"collapsed", "scrolled", "execution"})]
        resources: dict = {}
        try:
            for step in steps:
                nb, resources = step.preprocess(nb, resources)
        except RuntimeError as error:  # nbgrader's complaint about a solution region
            raise ValueError(f"{path}: {error}") from None
        # The saved widget state belongs to the outputs just cleared: without it, no stale
        # sliders with no kernel behind them.
        nb.metadata.pop("widgets", None)
        target = out / path.name
        nbformat.write(nb, target)
        written.append(target)
    return written


# ================================================================ grade: reading and matching

class _Unreadable(Exception):
    pass


def _read_submission(path: Path):
    nbformat = _nbformat()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _Unreadable(f"cannot read the file ({error})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Unreadable(f"not a notebook: the file is not valid JSON ({error})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise _Unreadable("not a notebook: the JSON has no list of cells")
    try:
        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            if cell.cell_type not in ("code", "markdown", "raw") or not isinstance(cell.source, str):
                raise ValueError(f"a cell of type {cell.cell_type!r} without a text source")
    except Exception as error:  # nbformat raises many types; all mean the same thing here
        raise _Unreadable(f"not a valid notebook ({type(error).__name__}: {error})") from None
    return nb


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower())


def _assignment_of(path: Path, nb) -> str | None:
    """The notebook stem a submission answers, from its file name or else its grade_ids."""
    name = _normalise(path.stem)
    by_name = [stem for stem in ASSIGNMENTS if stem in name]
    if len(by_name) == 1:
        return by_name[0]
    found = set()
    for cell in nb.cells:
        grade_id = _nbgrader_meta(cell).get("grade_id")
        if isinstance(grade_id, str):
            found.add(grade_id.removesuffix("_check"))
    overlap = {stem: len(found & set(exercises)) for stem, exercises in ASSIGNMENTS.items()}
    best = max(overlap.values())
    winners = [stem for stem, n in overlap.items() if n == best]
    if best > 0 and len(winners) == 1:
        return winners[0]
    return None


def _points(nb, exercise: str) -> float:
    for cell in nb.cells:
        meta = _nbgrader_meta(cell)
        if meta.get("grade") and meta.get("grade_id") == f"{exercise}_check":
            try:
                return float(meta.get("points", 1))
            except (TypeError, ValueError):
                return 1.0
    return 1.0


def _first_line(source: str, width: int = 50) -> str:
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= width else line[: width - 3] + "..."


def _cell_name(nb, index: int) -> str:
    return f"cell {index + 1} (`{_first_line(nb.cells[index].source)}`)"


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


# ================================================================ grade: running

class _Run:
    """Run one notebook in a fresh kernel, then its checks; remember what went wrong."""

    def __init__(self, nb, workdir: Path, exercises: tuple[str, ...], timeout: float, week: int | None = None):
        from nbclient import NotebookClient

        self.nb = nb
        self.n_cells = len(nb.cells)
        self.exercises = exercises
        self.week = week
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

    def run(self) -> tuple[dict[str, dict], list[Problem]]:
        """Return ({exercise: {"status": ..., "message": ...}}, notebook problems)."""
        from nbclient.exceptions import DeadKernelError

        outcomes: dict[str, dict] = {}
        problems: list[Problem] = []
        # One expression each, so that they leave no name behind in the learner's namespace.
        snapshot = '__import__("course_utils.classroom", fromlist=["_"])._kernel_snapshot(globals(), {!r})'
        check = '__import__("course_utils.classroom", fromlist=["_"])._kernel_grade(globals(), {!r}, {!r}, {!r})'
        stage = "cells"
        current = None
        # The kernel process's own stderr only carries start-up chatter; cell output comes over ZMQ.
        with self.client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
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
                            "timed out",
                            f"{_cell_name(self.nb, index)} ran longer than {_seconds(self.timeout)} "
                            "and was interrupted",
                            index + 1,
                        ))
                        if not self._responsive():
                            return self._stuck(outcomes, problems, index)
                    grade_id = _nbgrader_meta(cell).get("grade_id")
                    if grade_id in self.exercises and grade_id in _DEF.findall(cell.source):
                        self._hidden(snapshot.format(grade_id), timeout=_PROBE_SECONDS)
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
                    problems.append(Problem("kernel died", message))
                elif stage == "cells":
                    message = f"the kernel died while running {_cell_name(self.nb, current)}"
                    problems.append(Problem("kernel died", message, current + 1))
                else:
                    message = f"the kernel died while checking {current}"
                    problems.append(Problem("kernel died", message))
                for exercise in self.exercises:
                    outcomes.setdefault(exercise, {"status": "kernel died", "message": message})
        return outcomes, problems

    def _stuck(self, outcomes, problems, index, exercise=None):
        """The kernel ignored the interrupt: give up on it; what is not graded yet timed out."""
        where = _cell_name(self.nb, index) if index is not None else f"the check of {exercise}"
        message = (f"{where} ran longer than {_seconds(self.timeout)} and did not stop when "
                   "interrupted; the kernel was shut down and the rest was not graded")
        cell = None if index is None else index + 1
        if problems and problems[-1].kind == "timed out" and problems[-1].cell == cell:
            problems.pop()  # say it once, with the worse news
        problems.append(Problem("timed out", message, cell))
        for exercise in self.exercises:
            outcomes.setdefault(exercise, {"status": "timed out", "message": message})
        return outcomes, problems

    def _parse(self, cell, index: int, exercise: str) -> dict:
        text = "".join(o.get("text", "") for o in cell.outputs
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        for line in text.splitlines():
            if line.startswith(self.token):
                try:
                    result = json.loads(line[len(self.token):])
                except json.JSONDecodeError:
                    break
                if result.get("status") in STATUSES:
                    return result
        if index in self.timed_out:
            return {"status": "timed out",
                    "message": f"the check of {exercise} ran longer than {_seconds(self.timeout)}"}
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors:
            return {"status": "error", "message": f"grading failed: {errors[0].get('ename')}: "
                    f"{errors[0].get('evalue')}"}
        return {"status": "error", "message": "grading failed: the check printed no result"}


def _grade_notebook(path: Path, timeout: float) -> NotebookResult:
    label = str(path)
    try:
        nb = _read_submission(path)
    except _Unreadable as error:
        return NotebookResult(label, None, problems=[Problem("unreadable", str(error))])
    assignment = _assignment_of(path, nb)
    if assignment is None:
        known = ", ".join(stem for stem, ex in ASSIGNMENTS.items() if ex)
        return NotebookResult(label, None, problems=[Problem(
            "unknown assignment",
            f"the file name contains none of {known}, and the notebook's nbgrader grade_ids do not "
            "name one assignment's exercises: rename it after the notebook it answers",
        )])
    exercises = ASSIGNMENTS[assignment]
    result = NotebookResult(label, assignment)
    if not exercises:
        return result
    outcomes, result.problems = _Run(nb, path.resolve().parent, exercises, timeout, _WEEKS[assignment]).run()
    for exercise in exercises:
        outcome = outcomes[exercise]
        possible = _points(nb, exercise)
        earned = possible if outcome["status"] == "passed" else 0.0
        result.exercises.append(ExerciseResult(
            label, exercise, outcome["status"], earned, possible, outcome.get("message", ""),
        ))
    return result


def grade(
    paths: Iterable[str | Path],
    timeout: float = 120,
    progress: Callable[[int, int, Path], None] | None = None,
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
        raise ImportError(f"Grading notebooks needs nbclient, which is not installed: {_INSTALL_HINT}") from error
    if timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")
    paths = [Path(p) for p in paths]
    results = []
    for i, path in enumerate(paths, start=1):
        if progress is not None:
            progress(i, len(paths), path)
        results.append(_grade_notebook(path, timeout))
    return results


# ================================================================ grade: inside the kernel
# These run in the learner's kernel (imported there from course_utils), not in the grader.

_SNAPSHOTS: dict[str, Callable] = {}


def _written_in_notebook(obj) -> bool:
    # Functions defined in a notebook cell belong to __main__; course_utils' own do not.
    return callable(obj) and getattr(obj, "__module__", None) == "__main__"


def _kernel_snapshot(namespace: dict, exercise: str) -> None:
    """Keep the function the exercise's cell has just defined, in case a later cell rebinds the name."""
    obj = namespace.get(exercise)
    if _written_in_notebook(obj):
        _SNAPSHOTS[exercise] = obj


def _kernel_grade(namespace: dict, exercise: str, token: str, week: int | None = None) -> None:
    """Check the learner's function for ``exercise`` and print one line: token + JSON."""
    from . import checks

    fn = _SNAPSHOTS.get(exercise)
    status, message = None, ""
    if fn is None:
        obj = namespace.get(exercise)
        if obj is None:
            status = "missing"
            message = f"no function called {exercise} is defined: was its cell deleted, or did it not run?"
        elif not _written_in_notebook(obj):
            status = "missing"
            where = f"{getattr(obj, '__module__', None)}.{getattr(obj, '__qualname__', type(obj).__name__)}"
            message = f"{exercise} is {where}, not a function written in the notebook"
        else:
            fn = obj
    if fn is not None:
        # The learner's prints (and the check's "all checks passed") are not results.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                checks.check(exercise, fn, week=week)
            except checks.NotImplementedYet as error:
                status, message = "not implemented", str(error)
            except checks.CheckFailed as error:
                status, message = "failed", str(error)
            except NotImplementedError:
                status, message = "not implemented", f"{exercise}: not implemented yet"
            except KeyboardInterrupt:
                status, message = "timed out", f"the check of {exercise} ran too long and was interrupted"
            except BaseException as error:  # anything the learner's code raises is a grade, not a crash
                status, message = "error", f"{type(error).__name__}: {error}"
            else:
                status = "passed"
    if len(message) > 2000:
        message = message[:1997] + "..."
    print(token + json.dumps({"exercise": exercise, "status": status, "message": message}), flush=True)


# ================================================================ the table

def _points_text(earned: float, possible: float) -> str:
    return f"{earned:g}/{possible:g}"


def format_table(results: Iterable[NotebookResult]) -> str:
    """Format grading results as a score table, one row per exercise, with notes below.

    Each notebook's rows end with its total. Under the table, a note for every
    exercise that did not pass (except plain "not implemented") and for every
    problem with a whole notebook.

    Examples
    --------
    >>> results = [NotebookResult("alice/week2_logistic_regression.ipynb", "week2_logistic_regression", [
    ...     ExerciseResult("alice/week2_logistic_regression.ipynb", "sigmoid", "passed", 1, 1),
    ...     ExerciseResult("alice/week2_logistic_regression.ipynb", "propagate", "failed", 0, 1,
    ...                    "propagate: cost is 0.6 but should be 0.7"),
    ... ])]
    >>> print(format_table(results))
    notebook                               exercise   status  points
    -------------------------------------  ---------  ------  ------
    alice/week2_logistic_regression.ipynb  sigmoid    passed     1/1
    alice/week2_logistic_regression.ipynb  propagate  failed     0/1
    alice/week2_logistic_regression.ipynb  total                 1/2
    <BLANKLINE>
    alice/week2_logistic_regression.ipynb
      propagate (failed): propagate: cost is 0.6 but should be 0.7
    <BLANKLINE>
    1 notebook, 1/2 points; 0 passed everything.
    """
    results = list(results)
    rows = []  # (notebook, exercise, status, points)
    for nb in results:
        for r in nb.exercises:
            rows.append((nb.notebook, r.exercise, r.status, _points_text(r.earned, r.possible)))
        if not nb.exercises:
            status = nb.problems[0].kind if nb.problems else "no exercises"
            rows.append((nb.notebook, "-", status, _points_text(0, 0)))
        else:
            rows.append((nb.notebook, "total", "", _points_text(nb.earned, nb.possible)))
    header = ("notebook", "exercise", "status", "points")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(row):
        cells = [f"{text:<{width}}" for text, width in zip(row[:3], widths)]
        return "  ".join([*cells, f"{row[3]:>{widths[3]}}"]).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]

    notes = []
    for nb in results:
        lines = [f"  {p.kind}: {p.message}" if p.kind in ("unreadable", "unknown assignment")
                 else f"  {p.message}" for p in nb.problems]
        for r in nb.exercises:
            if r.status == "passed" or not r.message:
                continue
            if r.status == "not implemented" and "which it calls" not in r.message:
                continue
            if r.status in ("kernel died", "timed out") and any(r.message == p.message for p in nb.problems):
                continue  # already said once for the notebook
            lines.append(f"  {r.exercise} ({r.status}): {r.message}")
        if lines:
            notes += ["", nb.notebook, *lines]
    out += notes

    n = len(results)
    earned = sum(nb.earned for nb in results)
    possible = sum(nb.possible for nb in results)
    passed = sum(nb.passed for nb in results)
    out += ["", f"{n} notebook{'s' if n != 1 else ''}, {_points_text(earned, possible)} points; "
            f"{passed} passed everything."]
    return "\n".join(out)
