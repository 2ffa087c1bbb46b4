"""Release: write the student notebooks from the solved sources, as nbgrader does."""

from __future__ import annotations

from pathlib import Path

from .cells import ASSIGNMENTS, INSTALL_HINT, _nbformat, grade_id, is_grade, is_solution

__all__ = ["release", "default_source_dir"]


def _nbgrader_preprocessors():
    try:
        from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions
    except ImportError as error:
        raise ImportError(
            f"Releasing notebooks needs nbgrader, which is not installed: {INSTALL_HINT}"
        ) from error
    return ClearSolutions, ClearHiddenTests, ClearOutput


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
    candidate = Path(__file__).resolve().parent.parent.parent / "notebooks"
    if any(candidate.glob("week*.ipynb")):
        return candidate
    raise FileNotFoundError(
        f"Could not find the course's source notebooks: {candidate} holds no week*.ipynb. "
        "They come with a clone of the repository, not with an installed package: run from a "
        "clone (pip install -e .) or pass the folder with --source."
    )


def _validate_source(path: Path, nb) -> None:
    """Raise ValueError unless ``nb`` carries the grade_ids its assignment needs."""
    exercises = ASSIGNMENTS.get(path.stem)
    if exercises is None:
        return
    solutions, tests, seen, duplicates = set(), set(), set(), set()
    for cell in nb.cells:
        name = grade_id(cell)
        if name is None:
            continue
        if name in seen:
            duplicates.add(name)
        seen.add(name)
        if is_solution(cell):
            solutions.add(name)
        if is_grade(cell):
            tests.add(name)
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
    ``raise NotImplementedError()``), ``ClearHiddenTests`` (every region
    between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` is
    removed, as ``nbgrader generate_assignment`` removes it) and ``ClearOutput`` (no outputs, no
    execution counts, no timing metadata, no saved widget state). Notebooks
    without exercises come out with their outputs cleared and
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
    ClearSolutions, ClearHiddenTests, ClearOutput = _nbgrader_preprocessors()
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
        steps = [ClearSolutions(), ClearHiddenTests(), ClearOutput(remove_metadata_fields={"collapsed", "scrolled", "execution"})]
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
