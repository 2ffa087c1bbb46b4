"""Which notebook is which, and which cell is which: the course's assignments and nbgrader's cell roles."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import checks

__all__ = ["NOTEBOOKS", "ASSIGNMENTS", "grade_id", "is_solution", "is_grade", "INSTALL_HINT"]

INSTALL_HINT = 'pip install "course-utils[classroom]"'

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


def _nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def grade_id(cell) -> str | None:
    """The cell's nbgrader ``grade_id``, or None."""
    value = _nbgrader_meta(cell).get("grade_id")
    return value if isinstance(value, str) else None


def is_solution(cell) -> bool:
    """True for an nbgrader solution cell: one the learner writes in."""
    return bool(_nbgrader_meta(cell).get("solution"))


def is_grade(cell) -> bool:
    """True for an nbgrader grade (autograded test) cell."""
    return bool(_nbgrader_meta(cell).get("grade"))


def _nbformat():
    try:
        import nbformat
    except ImportError as error:  # pragma: no cover - nbformat comes with nbgrader and nbclient
        raise ImportError(f"This needs nbformat, which is not installed: {INSTALL_HINT}") from error
    return nbformat


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
        name = grade_id(cell)
        if name is not None:
            found.add(name.removesuffix("_check"))
    overlap = {stem: len(found & set(exercises)) for stem, exercises in ASSIGNMENTS.items()}
    best = max(overlap.values())
    winners = [stem for stem, n in overlap.items() if n == best]
    if best > 0 and len(winners) == 1:
        return winners[0]
    return None


def _points(nb, exercise: str) -> float:
    """The points of ``exercise``'s test cell in ``nb`` (1 if absent or not a number >= 0)."""
    for cell in nb.cells:
        if is_grade(cell) and grade_id(cell) == f"{exercise}_check":
            try:
                points = float(_nbgrader_meta(cell).get("points", 1))
            except (TypeError, ValueError):
                return 1.0
            return points if points >= 0 and points != float("inf") else 1.0
    return 1.0


def source_points(source_dir: Path | None) -> dict[str, dict[str, float]]:
    """Points per exercise, by assignment, read from the *source* notebooks in ``source_dir``.

    A submission's own metadata is the learner's to edit, so grading never reads
    points from it (nbgrader does the same). An assignment whose source
    notebook is not in ``source_dir`` (or ``source_dir`` None) gives 1 point
    per exercise.

    Raises
    ------
    ValueError
        If a source notebook there cannot be read.
    """
    nbformat = _nbformat()
    points = {}
    for stem, exercises in ASSIGNMENTS.items():
        path = None if source_dir is None else Path(source_dir) / f"{stem}.ipynb"
        if path is None or not path.is_file():
            points[stem] = dict.fromkeys(exercises, 1.0)
            continue
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as error:  # nbformat raises many types; all mean an unusable source
            raise ValueError(f"cannot read the source notebook {path} for its points: "
                             f"{type(error).__name__}: {error}") from None
        points[stem] = {name: _points(nb, name) for name in exercises}
    return points


def _first_line(source: str, width: int = 50) -> str:
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= width else line[: width - 3] + "..."


def _cell_name(nb, index: int) -> str:
    return f"cell {index + 1} (`{_first_line(nb.cells[index].source)}`)"


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", re.M)
