"""The learner's notebooks run top to bottom without misleading tracebacks (issue 13).

A learner who has not written an exercise yet still runs the whole notebook. Each
cell that uses the learner's functions starts with ``checks.needs(...)``
(course_utils/needs.py), so that it stops in one line, ``skipped: needs propagate,
which is not implemented yet``, instead of a long ``NotImplementedError``
traceback, and so that no later cell fails with a ``NameError`` or ``KeyError``
about names the skipped cell never defined.

- The released notebooks (``classroom.release``, every exercise a stub) are run
  in a fresh kernel each: every error they show must be one of those two
  one-liners (``slow``: it executes three notebooks). A second run puts week 2's
  solutions back except a rank-1 ``initialize_with_zeros``: the training cell
  of section 15 must stop in one line, at once.
- With the reference solutions pasted back into the released notebooks, every
  code cell equals the solved notebook's, so the outputs nbval checks there are
  the ones a learner gets.
- Unit tests of ``needs`` and of ``progress_bar``, the hook that shows a bar
  while the learner's own training loop runs.
"""

from __future__ import annotations

import io
import re
import textwrap
from datetime import datetime
from pathlib import Path

import nbformat
import numpy as np
import pytest

import test_checks  # the sibling module: its reference solutions
from course_utils import checks, classroom
from course_utils.needs import Skipped, needs, progress_bar

ROOT = Path(__file__).resolve().parent.parent
WEEKS = [stem for stem, exercises in classroom.ASSIGNMENTS.items() if exercises]
# nbgrader's stub for a solution region: a comment line, then the raise.
STUB = re.compile(r"^[ \t]*(?:# YOUR CODE HERE\n[ \t]*)?raise NotImplementedError\(\)[ \t]*(?:\n|$)", re.M)
REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION[ \t]*(?:\n|$)", re.M | re.S)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GUARD = re.compile(r"^(?:# NBVAL_IGNORE_OUTPUT\n)?checks\.needs\(([\w, ]+?)(?:, week=\d)?\)\n")
SKIP_LINE = re.compile(r"skipped: needs (\w+), (which is not implemented yet|.+)$")


def nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def exercises_of(nb) -> list[str]:
    return [nbgrader(c)["grade_id"] for c in nb.cells if nbgrader(c).get("solution")]


def paste_solutions(released, solved):
    """The released notebook with each stub replaced by the solved notebook's solution region."""
    nb = nbformat.from_dict(released)
    for cell, source in zip(nb.cells, solved.cells):
        if not nbgrader(cell).get("solution"):
            continue
        regions = REGION.findall(source.source)
        assert len(regions) == len(STUB.findall(cell.source)) >= 1, nbgrader(cell)["grade_id"]
        pieces = iter(body for _, body in regions)
        cell.source = STUB.sub(lambda m: next(pieces), cell.source)
    return nb


def without_markers(source: str) -> str:
    return REGION.sub(lambda m: m.group(2), source)


def execute(nb, cwd: Path):
    """Run ``nb`` in a fresh kernel, as a learner would: every cell, errors or not."""
    from nbclient import NotebookClient

    with pytest.MonkeyPatch.context() as env:
        env.setenv("TQDM_DISABLE", "1")          # no progress bars in the outputs
        env.delenv("NNDL_DATA_DIR", raising=False)  # the shipped data
        NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True,
                       resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def errors(cell) -> list[dict]:
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]


def error_lines(output) -> list[str]:
    return [line for line in ANSI.sub("", "\n".join(output.traceback)).splitlines() if line.strip()]


def seconds(cell) -> float:
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    return (datetime.fromisoformat(end.replace("Z", "+00:00"))
            - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()


# ------------------------------------------------------------------ the released notebooks, run


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("released")
    classroom.release(out_dir=out)
    return out


@pytest.fixture(scope="module")
def executed(released):
    """Each released notebook (every exercise unsolved) after one run in a fresh kernel."""
    return {stem: execute(nbformat.read(released / f"{stem}.ipynb", 4), released) for stem in WEEKS}


@pytest.mark.slow
@pytest.mark.parametrize("stem", WEEKS)
def test_an_unsolved_notebook_runs_to_the_end_with_one_line_per_error(executed, stem):
    nb = executed[stem]
    exercises = exercises_of(nb)
    checked, skipped = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"{stem}, cell {index}: {cell.source.splitlines()[0][:70]!r}"
        found = errors(cell)
        for output in found:
            lines = error_lines(output)
            assert output.ename not in ("NameError", "KeyError", "NotImplementedError"), (where, lines)
            assert len(lines) == 1, f"{where} shows a traceback of {len(lines)} lines:\n" + "\n".join(lines)
        meta = nbgrader(cell)
        if meta.get("solution"):
            assert not found, where  # defining the stub is fine
        elif meta.get("grade"):
            (output,) = found
            assert output.ename == "NotImplementedYet", where
            (line,) = error_lines(output)
            assert "not implemented yet" in line, where
            checked.append(meta["grade_id"])
        elif GUARD.match(cell.source):
            # Every guard stops its cell while everything is a stub.
            assert len(found) == 1, f"{where} should be skipped"
            assert found[0].ename == "Skipped", where
            (line,) = error_lines(found[0])
            match = SKIP_LINE.fullmatch(line)
            assert match and match.group(1) in exercises, (where, line)
            assert match.group(2) == "which is not implemented yet", (where, line)
            skipped.append(index)
        else:
            assert not found, f"{where} has no guard, yet fails: {[o.ename for o in found]}"
        for output in cell.get("outputs", []):
            assert "Traceback" not in output.get("text", ""), where
    assert checked == [f"{name}_check" for name in exercises]
    assert skipped, f"{stem}: no cell was skipped"


@pytest.mark.slow
def test_a_rank_1_w_stops_the_week_2_training_cell_in_one_line(released, tmp_path):
    """Week 2 solved except ``initialize_with_zeros``, which returns ``np.zeros(dim)``.

    Unguarded, model() would broadcast w into a (3072, 3072) matrix at the first
    update and then multiply it by the data at every iteration, for many minutes.
    """
    stem = "week2_logistic_regression"
    solved = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4)
    nb = paste_solutions(nbformat.read(released / f"{stem}.ipynb", 4), solved)
    (init,) = [c for c in nb.cells if nbgrader(c).get("grade_id") == "initialize_with_zeros"]
    init.source = init.source.replace("w = np.zeros((dim, 1))", "w = np.zeros(dim)")
    assert "np.zeros(dim)" in init.source
    (training,) = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "d = model(" in c.source]
    nb.cells = nb.cells[:training + 1]  # up to section 15's training cell
    execute(nb, tmp_path)

    cell = nb.cells[training]
    (output,) = errors(cell)
    (line,) = error_lines(output)
    assert output.ename == "Skipped"
    assert line.startswith("skipped: needs initialize_with_zeros, which does not pass its check yet: ")
    assert "not np.zeros(dim)" in line, line
    assert seconds(cell) < 10, f"the guarded cell took {seconds(cell):.1f} s"
    for other in nb.cells[:training]:
        # initialize_with_zeros's check fails, and so does model's, which calls it; cells guarded by
        # needs(initialize_with_zeros) skip in one line, as the training cell does.
        if other.cell_type != "code" or nbgrader(other).get("grade_id") in ("initialize_with_zeros_check",
                                                                            "model_check"):
            continue
        if GUARD.match(other.source) and "initialize_with_zeros" in GUARD.match(other.source).group(1):
            assert [e.ename for e in errors(other)] == ["Skipped"], other.source[:80]
            continue
        assert not errors(other), other.source[:80]


@pytest.mark.slow
def test_course_style_answers_run_week_2_to_the_end(released, tmp_path):
    """Answers written the course's way pass their checks, so the rest must run with them too.

    A 0-d cost from the course's np.squeeze (and the dot product), an int b = 0
    and boolean predictions: found by a learner trial, where the squeezed cost
    passed every check and then broke section 15's print of the costs.
    """
    stem = "week2_logistic_regression"
    solved = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4)
    nb = paste_solutions(nbformat.read(released / f"{stem}.ipynb", 4), solved)
    edits = {
        "initialize_with_zeros": ("b = 0.0", "b = 0"),
        "propagate": ("cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m",
                      "cost = np.squeeze(-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m)"),
        "predict": ("Y_prediction = (A > 0.5).astype(int)", "Y_prediction = A > 0.5"),
    }
    for cell in nb.cells:
        name = nbgrader(cell).get("grade_id")
        if name in edits and nbgrader(cell).get("solution"):
            old, new = edits.pop(name)
            assert old in cell.source, name
            cell.source = cell.source.replace(old, new)
            if name == "propagate":
                cell.source = cell.source.replace("return grads, float(cost)", "return grads, cost")
    assert not edits
    execute(nb, tmp_path)
    for index, cell in enumerate(nb.cells):
        for output in errors(cell):
            raise AssertionError(f"cell {index} ({cell.source.splitlines()[0][:60]!r}): "
                                 + " | ".join(error_lines(output))[:400])


# ------------------------------------------------------------------ released + solutions == solved


@pytest.mark.parametrize("stem", WEEKS)
def test_the_released_notebook_with_the_solutions_put_back_is_the_solved_one(released, stem):
    solved = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4)
    student = nbformat.read(released / f"{stem}.ipynb", 4)
    restored = paste_solutions(student, solved)
    assert [c.cell_type for c in restored.cells] == [c.cell_type for c in solved.cells]
    guards = 0
    for mine, theirs in zip(restored.cells, solved.cells):
        expected = without_markers(theirs.source) if nbgrader(theirs).get("solution") else theirs.source
        assert mine.source == expected, mine.source[:200]
        guards += bool(mine.cell_type == "code" and GUARD.match(mine.source))
    # Every exercise's results are used by at least one guarded cell (week 1 has two exercises).
    assert guards >= min(4, len(classroom.ASSIGNMENTS[stem])), f"{stem} has only {guards} guarded cells"


# ------------------------------------------------------------------ needs


def notebook_namespace(source: str) -> dict:
    """Functions defined as in a notebook: in a namespace whose __name__ is __main__."""
    namespace = {"__name__": "__main__", "np": np}
    exec(source, namespace)
    return namespace


WEEK2 = test_checks.reference_source("sigmoid", "propagate", "optimize") + "\n"


def test_a_stub_is_skipped_in_one_line():
    ns = notebook_namespace("def sigmoid(z):\n    raise NotImplementedError()\n")
    with pytest.raises(Skipped) as caught:
        needs(ns["sigmoid"])
    assert str(caught.value) == "skipped: needs sigmoid, which is not implemented yet"
    assert caught.value._render_traceback_() == ["skipped: needs sigmoid, which is not implemented yet"]
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_failing_function_is_named_with_the_checks_complaint():
    ns = notebook_namespace("def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n")
    with pytest.raises(checks.CheckFailed) as complaint:
        checks.check_sigmoid(ns["sigmoid"])
    with pytest.raises(Skipped) as caught:
        needs(ns["sigmoid"])
    message = str(caught.value)
    assert message == f"skipped: needs sigmoid, which does not pass its check yet: {complaint.value}"
    assert "check the sign of z" in message and "\n" not in message


def test_a_rank_1_w_is_caught_by_the_shape_check():
    ns = notebook_namespace("def initialize_with_zeros(dim):\n    return np.zeros(dim), 0.0\n")
    with pytest.raises(Skipped) as caught:
        needs(ns["initialize_with_zeros"])
    assert str(caught.value).startswith("skipped: needs initialize_with_zeros, which does not pass its check yet: ")
    assert "(3,) but should be (3, 1)" in str(caught.value)


def test_an_exception_from_the_learners_code_is_one_line():
    ns = notebook_namespace("def sigmoid(z):\n    raise ValueError('first line\\nsecond line')\n")
    with pytest.raises(Skipped) as caught:
        needs(ns["sigmoid"])
    assert str(caught.value) == ("skipped: needs sigmoid, which raises ValueError: first line second line; "
                                 "run its check cell to see where")


def test_a_message_ending_in_a_full_stop_reads_cleanly():
    # Found by a learner trial: "...from the same layer's cache.; run its check cell".
    ns = notebook_namespace("def sigmoid(z):\n    raise ValueError('Pass the Z from the same layer.')\n")
    with pytest.raises(Skipped) as caught:
        needs(ns["sigmoid"])
    assert str(caught.value) == ("skipped: needs sigmoid, which raises ValueError: Pass the Z from the same layer; "
                                 "run its check cell to see where")


def test_the_exercises_a_function_calls_are_checked_first():
    ns = notebook_namespace(WEEK2)
    needs(ns["optimize"])  # all three pass
    exec("def propagate(w, b, X, Y):\n    raise NotImplementedError()\n", ns)
    with pytest.raises(Skipped, match=r"^skipped: needs propagate, which is not implemented yet$"):
        needs(ns["optimize"])
    ns = notebook_namespace(WEEK2 + "def sigmoid(z):\n    return z\n")  # propagate passes on its own terms
    with pytest.raises(Skipped, match=r"^skipped: needs sigmoid, which does not pass its check yet: "):
        needs(ns["optimize"])


def test_only_exercises_of_the_same_week_are_checked_first():
    """Week 4's learner may write the original course's sigmoid, returning (A, cache): not week 2's."""
    ns = notebook_namespace(textwrap.dedent("""
        def sigmoid(Z):
            return 1 / (1 + np.exp(-Z)), Z

        def relu(Z):
            return np.maximum(0, Z), Z

        def linear_forward(A_prev, W, b):
            return np.dot(W, A_prev) + b, (A_prev, W, b)

        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            A, _ = sigmoid(Z) if activation == "sigmoid" else relu(Z)
            return A, (linear_cache, Z)
    """))
    with pytest.raises(Skipped, match="needs sigmoid"):
        needs(ns["sigmoid"])  # as week 2's exercise it fails
    assert needs(ns["linear_activation_forward"]) is None
    exec("def linear_forward(A_prev, W, b):\n    raise NotImplementedError()\n", ns)
    with pytest.raises(Skipped, match=r"^skipped: needs linear_forward, which is not implemented yet$"):
        needs(ns["linear_activation_forward"])


def test_a_passing_function_is_silent(capsys):
    ns = notebook_namespace(WEEK2)
    assert needs(ns["sigmoid"], ns["propagate"], ns["optimize"]) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("argument", [len, "sigmoid", lambda z: z, None])
def test_anything_but_an_exercise_function_is_a_type_error(argument):
    stub = notebook_namespace("def sigmoid(z):\n    raise NotImplementedError()\n")["sigmoid"]
    with pytest.raises(TypeError, match=r"needs\(\) takes the exercise functions"):
        needs(stub, argument)  # checked before any check runs: not Skipped


# ------------------------------------------------------------------ progress_bar


def training_problem():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((4, 30))
    Y = (rng.random((1, 30)) < 0.5).astype(int)
    return np.zeros((4, 1)), 0.0, X, Y


def test_the_bar_counts_calls_and_changes_no_result(monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    ns = notebook_namespace(WEEK2)
    propagate, problem = ns["propagate"], training_problem()
    expected = ns["optimize"](*problem, num_iterations=250, learning_rate=0.1)
    drawn = io.StringIO()
    with progress_bar(propagate, total=250, desc="training", file=drawn) as bar:
        assert ns["propagate"] is not propagate and ns["propagate"].__wrapped__ is propagate
        result = ns["optimize"](*problem, num_iterations=250, learning_rate=0.1)
        assert bar.n == 250
    assert ns["propagate"] is propagate
    assert "training" in drawn.getvalue()
    (params, grads, costs), (params_0, grads_0, costs_0) = result, expected
    assert np.array_equal(params["w"], params_0["w"]) and params["b"] == params_0["b"]
    assert np.array_equal(grads["dw"], grads_0["dw"]) and grads["db"] == grads_0["db"]
    assert costs == costs_0


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_the_namespace_is_restored_after_an_exception(error, monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    ns = notebook_namespace(WEEK2)
    propagate = ns["propagate"]
    with pytest.raises(error):
        with progress_bar(propagate, total=100, file=io.StringIO()) as bar:
            ns["optimize"](*training_problem(), num_iterations=3)
            raise error()
    assert ns["propagate"] is propagate and bar.n == 3


def test_an_exception_of_the_counted_function_comes_through_unchanged(monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    ns = notebook_namespace(WEEK2 + "\ndef propagate(w, b, X, Y):\n    raise ZeroDivisionError('mine')\n")
    propagate = ns["propagate"]
    with pytest.raises(ZeroDivisionError, match="mine"):
        with progress_bar(propagate, total=10, file=io.StringIO()) as bar:
            ns["optimize"](*training_problem(), num_iterations=10)
    assert ns["propagate"] is propagate and bar.n == 0


def test_under_tqdm_disable_nothing_is_drawn(monkeypatch):
    monkeypatch.setenv("TQDM_DISABLE", "1")
    ns = notebook_namespace(WEEK2)
    drawn = io.StringIO()
    with progress_bar(ns["propagate"], total=20, file=drawn):
        _, _, costs = ns["optimize"](*training_problem(), num_iterations=20)
    assert drawn.getvalue() == "" and len(costs) == 1


def test_a_redefinition_inside_the_block_is_kept(monkeypatch):
    monkeypatch.setenv("TQDM_DISABLE", "1")
    ns = notebook_namespace(WEEK2)
    with progress_bar(ns["propagate"], total=1):
        exec("def propagate(w, b, X, Y):\n    return None\n", ns)
        new = ns["propagate"]
    assert ns["propagate"] is new


def test_progress_bar_refuses_what_it_cannot_count():
    ns = notebook_namespace(WEEK2)
    with pytest.raises(TypeError):
        with progress_bar(len, total=1):
            pass
    old = ns["propagate"]
    exec("def propagate(w, b, X, Y):\n    return None\n", ns)
    with pytest.raises(ValueError, match="no longer this function"):
        with progress_bar(old, total=1):
            pass
    assert ns["propagate"] is not old


def test_needs_can_be_imported_before_checks():
    """course_utils.checks imports needs at its end; importing needs first must not be a circular-import error."""
    import subprocess
    import sys

    code = ("import course_utils.needs as n; from course_utils import checks; "
            "assert checks.needs is n.needs and checks.Skipped is n.Skipped")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
