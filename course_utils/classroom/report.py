"""A class's submissions in, a gradebook out: finding the notebooks, naming the students, writing the reports."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .cells import ASSIGNMENTS, _normalise
from .results import ExerciseResult, NotebookResult, Problem, ProblemKind, Status

__all__ = ["Submission", "find_submissions", "shard", "write_reports", "read_report", "merge_reports", "CSV_COLUMNS"]

#: The gradebook's columns, one row per exercise of each notebook.
CSV_COLUMNS = ("student", "assignment", "notebook", "exercise", "status", "earned", "possible", "message")


@dataclass(frozen=True)
class Submission:
    """One notebook to grade and the student it belongs to."""

    path: Path
    student: str


def _student_from_name(path: Path) -> str:
    """``alice-week2_logistic_regression (1).ipynb`` -> ``alice``; the stem when nothing is left."""
    name = _normalise(path.stem)
    for stem in ASSIGNMENTS:
        name = name.replace(stem, " ")
    name = re.sub(r"\b\d+\b", " ", name.replace("_", " ")).strip()
    return "_".join(name.split()) or path.stem


def find_submissions(paths: Iterable[str | Path]) -> list[Submission]:
    """The notebooks named by ``paths`` (files, or folders searched for ``*.ipynb``), with their students.

    A folder may be in nbgrader's ``submitted/<student>/<assignment>/<notebook>.ipynb``
    layout, or hold ``<student>/<notebook>.ipynb``: the first folder under the
    one given is then the student. A file given directly, or found at the top
    of a folder, is named after its file name with the assignment's name taken
    out (``alice-week2_logistic_regression.ipynb`` is alice's). Checkpoints
    (``.ipynb_checkpoints``) and hidden folders are skipped. The order is
    sorted, so every run grades in the same order.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    ValueError
        If a folder holds no notebook.
    """
    found: list[Submission] = []
    for given in map(Path, paths):
        if not given.exists():
            raise FileNotFoundError(f"no such notebook or folder: {given}")
        if given.is_file():
            found.append(Submission(given, _student_from_name(given)))
            continue
        notebooks = sorted(
            p for p in given.rglob("*.ipynb")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts)
        )
        if not notebooks:
            raise ValueError(f"{given} holds no .ipynb notebook (searched its sub-folders too): "
                             "expected the submitted notebooks, or nbgrader's submitted/<student>/<assignment>/ folders")
        for path in notebooks:
            parts = path.relative_to(given).parts
            student = parts[0] if len(parts) > 1 else _student_from_name(path)
            found.append(Submission(path, student))
    return found


def _safe(name: str) -> str:
    """A file-name-safe version of a student or assignment name (no separators, no leading dot)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).lstrip(".") or "_"


def _feedback(result: NotebookResult) -> str:
    title = result.assignment or Path(result.notebook).name
    lines = [f"# {title}: {result.earned:g} of {result.possible:g} points", "",
             f"Notebook: `{result.notebook}`", ""]
    for problem in result.problems:
        lines.append(f"- **{problem.kind}**: {problem.message}")
    if result.problems:
        lines.append("")
    if result.exercises:
        lines += ["| exercise | status | points |", "|---|---|---|"]
        lines += [f"| `{r.exercise}` | {r.status} | {r.earned:g}/{r.possible:g} |" for r in result.exercises]
        notes = [r for r in result.exercises if r.status != Status.PASSED and r.message]
        if notes:
            lines += ["", "## What to look at", ""]
            lines += [f"- `{r.exercise}` ({r.status}): {r.message}" for r in notes]
    return "\n".join(lines) + "\n"


def write_reports(results: Iterable[NotebookResult], out_dir: str | Path) -> dict[str, Path]:
    """Write the gradebook (CSV), the full report (JSON), a feedback page per notebook and the executed notebooks.

    Layout of ``out_dir``: ``grades.csv`` (one row per exercise, columns
    :data:`CSV_COLUMNS`), ``report.json``, ``feedback/<student>/<assignment>.md``
    and ``executed/<student>/<assignment>.ipynb`` (the notebook as the grader
    ran it, with its outputs). Returns the paths of the first two and the two
    folders, by name.
    """
    results = list(results)
    out = Path(out_dir)
    paths = _write_tables(results, out)
    _write_pages(results, paths)
    return paths


def _write_tables(results: list[NotebookResult], out: Path) -> dict[str, Path]:
    """grades.csv and report.json; returns the paths of those and of the two folders."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"csv": out / "grades.csv", "json": out / "report.json",
             "feedback": out / "feedback", "executed": out / "executed"}
    with paths["csv"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            for r in result.exercises:
                writer.writerow([result.student, result.assignment, result.notebook, r.exercise, str(r.status),
                                 f"{r.earned:g}", f"{r.possible:g}", r.message])
            if not result.exercises:
                kind = str(result.problems[0].kind) if result.problems else "no exercises"
                message = result.problems[0].message if result.problems else ""
                writer.writerow([result.student, result.assignment or "", result.notebook, "", kind, "0", "0", message])
    report = [{
        "student": r.student, "notebook": r.notebook, "assignment": r.assignment,
        "earned": r.earned, "possible": r.possible, "passed": r.passed,
        "exercises": [{"exercise": e.exercise, "status": str(e.status), "earned": e.earned,
                       "possible": e.possible, "message": e.message} for e in r.exercises],
        "problems": [{"kind": str(p.kind), "message": p.message, "cell": p.cell} for p in r.problems],
    } for r in results]
    paths["json"].write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return paths


def _write_pages(results: list[NotebookResult], paths: dict[str, Path]) -> None:
    """feedback/<student>/<assignment>.md and executed/<student>/<assignment>.ipynb."""
    import nbformat

    used: set[Path] = set()
    for result in results:
        name = _safe(result.assignment or Path(result.notebook).stem)
        folder = _safe(result.student or "unknown")
        n = 1
        while (paths["feedback"] / folder / f"{name}.md") in used:  # two hand-ins of one assignment
            n += 1
            name = f"{_safe(result.assignment or Path(result.notebook).stem)}-{n}"
        feedback = paths["feedback"] / folder / f"{name}.md"
        used.add(feedback)
        feedback.parent.mkdir(parents=True, exist_ok=True)
        feedback.write_text(_feedback(result), encoding="utf-8")
        if result.executed is not None:
            executed = paths["executed"] / folder / f"{name}.ipynb"
            executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(result.executed, executed)


def shard(submissions: list[Submission], index: int, count: int) -> list[Submission]:
    """The ``index``-th of ``count`` deterministic slices (1-based): every ``count``-th submission from ``index``.

    Every machine that lists the same class gets the same slices, whatever
    order it was given the paths in, so ``--shard 1/4`` to ``--shard 4/4``
    grade each notebook exactly once.
    """
    if not (isinstance(count, int) and isinstance(index, int) and 1 <= index <= count):
        raise ValueError(f"shard must be I/N with 1 <= I <= N, got {index}/{count}")
    ordered = sorted(submissions, key=lambda s: (s.student, str(s.path)))
    return ordered[index - 1::count]


def read_report(path: str | Path) -> list[NotebookResult]:
    """The results a ``report.json`` (or a folder holding one) records, as :class:`NotebookResult` s.

    Raises
    ------
    ValueError
        If the file is not a report written by :func:`write_reports`.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [NotebookResult(
            r["notebook"], r["assignment"],
            [ExerciseResult(r["notebook"], e["exercise"], Status(e["status"]), float(e["earned"]),
                            float(e["possible"]), e["message"]) for e in r["exercises"]],
            [Problem(ProblemKind(p["kind"]), p["message"], p["cell"]) for p in r["problems"]],
            student=r["student"],
        ) for r in raw]
    except FileNotFoundError:
        raise FileNotFoundError(f"no report at {path}: expected the report.json that grade --out writes") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path} is not a grading report ({type(error).__name__}: {error}): expected the "
                         "report.json that grade --out writes") from None


def merge_reports(folders: Iterable[str | Path], out_dir: str | Path) -> list[NotebookResult]:
    """Combine the reports of several ``grade --shard`` runs into one gradebook in ``out_dir``.

    The feedback pages and executed notebooks of each folder are copied over.
    A notebook graded in more than one report is refused (the shards overlap).
    """
    import shutil

    results, seen = [], {}
    for folder in map(Path, folders):
        for result in read_report(folder):
            key = (result.student, result.notebook)
            if key in seen:
                raise ValueError(f"{result.notebook} ({result.student}) is in both {seen[key]} and {folder}: "
                                 "expected shards that do not overlap")
            seen[key] = folder
            results.append(result)
    out = Path(out_dir)
    for folder in map(Path, folders):
        for part in ("feedback", "executed"):
            if (folder / part).is_dir() and (folder / part).resolve() != (out / part).resolve():
                shutil.copytree(folder / part, out / part, dirs_exist_ok=True)
    results.sort(key=lambda r: (r.student, r.notebook))
    _write_tables(results, out)
    return results
