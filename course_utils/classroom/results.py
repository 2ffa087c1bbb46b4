"""What grading found: a status per exercise, problems per notebook, and the score table."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

__all__ = ["Status", "STATUSES", "ProblemKind", "Outcome", "ExerciseResult", "Problem", "NotebookResult", "all_passed", "format_table"]


class Status(str, Enum):
    """What :func:`~course_utils.classroom.grade` can say about one exercise.

    A status is also its text: ``Status.PASSED == "passed"``, and it prints as
    ``passed``.
    """

    PASSED = "passed"
    FAILED = "failed"
    NOT_IMPLEMENTED = "not implemented"
    MISSING = "missing"
    ERROR = "error"
    TIMED_OUT = "timed out"
    KERNEL_DIED = "kernel died"

    def __str__(self) -> str:
        return self.value


#: The statuses' texts, in the order above.
STATUSES = tuple(status.value for status in Status)


class ProblemKind(str, Enum):
    """What went wrong with a whole notebook."""

    UNREADABLE = "unreadable"
    UNKNOWN_ASSIGNMENT = "unknown assignment"
    TIMED_OUT = "timed out"
    KERNEL_DIED = "kernel died"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Outcome:
    """The verdict on one exercise before points are attached: a status and why."""

    status: Status
    message: str = ""


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
    status: Status
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

    kind: ProblemKind
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
    student : str
        Whose it is, as :func:`~course_utils.classroom.report.find_submissions`
        named them ("" when not known).
    executed : nbformat.NotebookNode or None
        The notebook as the grader ran it, with its outputs (None if it did not run).
    """

    notebook: str
    assignment: str | None
    exercises: list[ExerciseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    student: str = ""
    executed: object = field(default=None, repr=False, compare=False)

    @property
    def graded(self) -> bool:
        """True when grading could run it: it was readable and its assignment known."""
        return not any(p.kind in (ProblemKind.UNREADABLE, ProblemKind.UNKNOWN_ASSIGNMENT) for p in self.problems)

    @property
    def earned(self) -> float:
        return sum(r.earned for r in self.exercises)

    @property
    def possible(self) -> float:
        return sum(r.possible for r in self.exercises)

    @property
    def passed(self) -> bool:
        """True when nothing went wrong and every exercise passed."""
        return not self.problems and all(r.status == Status.PASSED for r in self.exercises)


def all_passed(results: Iterable[NotebookResult]) -> bool:
    """True when there is at least one notebook and every one of them passed."""
    results = list(results)
    return bool(results) and all(r.passed for r in results)


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
            rows.append((nb.notebook, r.exercise, str(r.status), _points_text(r.earned, r.possible)))
        if not nb.exercises:
            status = str(nb.problems[0].kind) if nb.problems else "no exercises"
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
        lines = [f"  {p.kind}: {p.message}" if p.kind in (ProblemKind.UNREADABLE, ProblemKind.UNKNOWN_ASSIGNMENT)
                 else f"  {p.message}" for p in nb.problems]
        for r in nb.exercises:
            if r.status == Status.PASSED or not r.message:
                continue
            if r.status == Status.NOT_IMPLEMENTED and "which it calls" not in r.message:
                continue
            if r.status in (Status.KERNEL_DIED, Status.TIMED_OUT) and any(r.message == p.message for p in nb.problems):
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
