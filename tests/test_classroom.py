"""`release` and `grade`: student notebooks without solutions, and honest grades.

Two kinds of notebooks are used:

- small synthetic ones, built here with nbformat, in the source format of the
  course (an exercise cell per grade_id, then its check cell). They start a
  kernel each but run in a second or two, so hangs, dead kernels and odd
  submissions are tested on them;
- the course's own notebooks. Releasing them takes a second; *executing* them
  does not (weeks 2 to 4 take about 40 s as sources, 20 s as released, here),
  so the source and the released notebooks are graded once per session
  (module-scoped fixtures), and the tests that execute them are marked ``slow``.
"""

import contextlib
import csv
import io
import json
import re
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_utils import classroom
from course_utils.classroom import ASSIGNMENTS, STATUSES, all_passed, format_table, grade, release
from course_utils.cli import main

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {stem: ROOT / "notebooks" / f"{stem}.ipynb" for stem in ASSIGNMENTS}
STUB = "raise NotImplementedError()"

# ------------------------------------------------------------------ building notebooks


def solution_cell(name, source):
    return new_code_cell(textwrap.dedent(source).strip(), metadata={"nbgrader": {
        "grade": False, "grade_id": name, "locked": False, "schema_version": 3,
        "solution": True, "task": False}})


def check_cell(name, points=1):
    return new_code_cell(f"checks.check_{name}({name})", metadata={"nbgrader": {
        "grade": True, "grade_id": f"{name}_check", "locked": True, "points": points,
        "schema_version": 3, "solution": False, "task": False}})


def notebook(*cells):
    nb = new_notebook(cells=[new_code_cell("import numpy as np\nfrom course_utils import checks"), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


# A week 2 in miniature, in the source format: every exercise solved.
WEEK2 = {
    "basic_sigmoid": """
        def basic_sigmoid(x):
            ### BEGIN SOLUTION
            import math
            return 1.0 / (1.0 + math.exp(-x))
            ### END SOLUTION
        """,
    "sigmoid": """
        def sigmoid(z):
            \"\"\"1 / (1 + e^-z), element by element.\"\"\"
            ### BEGIN SOLUTION
            return 1.0 / (1.0 + np.exp(-z))
            ### END SOLUTION
        """,
    "sigmoid_derivative": """
        def sigmoid_derivative(x):
            ### BEGIN SOLUTION
            value = sigmoid(x)
            return value - value ** 2
            ### END SOLUTION
        """,
    "L1": """
        def L1(yhat, y):
            ### BEGIN SOLUTION
            return np.abs(yhat - y).sum()
            ### END SOLUTION
        """,
    "L2": """
        def L2(yhat, y):
            ### BEGIN SOLUTION
            return np.square(yhat - y).sum()
            ### END SOLUTION
        """,
    "normalize_rows": """
        def normalize_rows(x):
            ### BEGIN SOLUTION
            return x / np.sqrt(np.sum(x * x, axis=1))[:, None]
            ### END SOLUTION
        """,
    "softmax": """
        def softmax(x):
            ### BEGIN SOLUTION
            shifted = np.exp(x - x.max(axis=1, keepdims=True))
            return shifted / shifted.sum(axis=1, keepdims=True)
            ### END SOLUTION
        """,
    "image2vector": """
        def image2vector(image):
            ### BEGIN SOLUTION
            return image.reshape(-1, 1)
            ### END SOLUTION
        """,
    "initialize_with_zeros": """
        def initialize_with_zeros(dim):
            ### BEGIN SOLUTION
            weights = np.zeros(shape=(dim, 1))
            return weights, 0.0
            ### END SOLUTION
        """,
    "propagate": """
        def propagate(w, b, X, Y):
            ### BEGIN SOLUTION
            n_examples = X.shape[1]
            activations = sigmoid(w.T @ X + b)
            loss = Y * np.log(activations) + (1 - Y) * np.log(1 - activations)
            error = activations - Y
            gradients = {"dw": X @ error.T / n_examples, "db": float(np.mean(error))}
            return gradients, float(-np.mean(loss))
            ### END SOLUTION
        """,
    "optimize": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009):
            ### BEGIN SOLUTION
            history = []
            for step in range(num_iterations):
                gradients, current = propagate(w, b, X, Y)
                if step % 100 == 0:
                    history.append(current)
                w = w - learning_rate * gradients["dw"]
                b = b - learning_rate * gradients["db"]
            return {"w": w, "b": b}, gradients, history
            ### END SOLUTION
        """,
    "predict": """
        def predict(w, b, X):
            ### BEGIN SOLUTION
            probabilities = sigmoid(w.T @ X + b)
            return (probabilities > 0.5).astype(int)
            ### END SOLUTION
        """,
    "model": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=500, learning_rate=0.005):
            ### BEGIN SOLUTION
            start_w, start_b = initialize_with_zeros(X_train.shape[0])
            fitted, _, history = optimize(start_w, start_b, X_train, Y_train, num_iterations, learning_rate)
            guesses = {name: predict(fitted["w"], fitted["b"], X) for name, X in (("train", X_train), ("test", X_test))}
            return {"costs": history, "w": fitted["w"], "b": fitted["b"],
                    "Y_prediction_train": guesses["train"], "Y_prediction_test": guesses["test"],
                    "train_accuracy": float((guesses["train"] == Y_train).mean()),
                    "test_accuracy": float((guesses["test"] == Y_test).mean()),
                    "learning_rate": learning_rate, "num_iterations": num_iterations}
            ### END SOLUTION
        """,
}


def mini_week2(solved=WEEK2, points=None):
    """The miniature week 2: a markdown cell, then per exercise its cell and its check."""
    cells = [new_markdown_cell("# Logistic regression in miniature")]
    for name in ASSIGNMENTS["week2_logistic_regression"]:
        cells += [solution_cell(name, solved[name]), check_cell(name, (points or {}).get(name, 1))]
    cells.append(new_code_cell('print("the end")'))
    return notebook(*cells)


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def solution_lines(source):
    """The lines between BEGIN SOLUTION and END SOLUTION."""
    match = re.search(r"### BEGIN SOLUTION\n(.*?)\n[ \t]*### END SOLUTION", source, re.S)
    assert match, source
    return [line.strip() for line in match.group(1).splitlines() if line.strip()]


def by_grade_id(nb):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def run_cli(*argv):
    """Run the command line; return (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(a) for a in argv])
        except SystemExit as exit_:
            status = exit_.code
    return status, out.getvalue(), err.getvalue()


def grade_with_cli(paths, *options):
    """`python -m course_utils grade ...`, also returning the results it printed."""
    seen = []
    real = classroom.grade

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(classroom, "grade", spy)
        status, out, err = run_cli("grade", *paths, *options)
    assert seen, err
    return status, seen[0], out


def statuses(result):
    return {r.exercise: r.status for r in result.exercises}


# ------------------------------------------------------------------ release, synthetic


@pytest.fixture
def mini_source(tmp_path):
    return write(mini_week2(), tmp_path / "source" / "week2_logistic_regression.ipynb").parent


def test_release_removes_every_solution_line_and_keeps_the_checks(mini_source, tmp_path):
    (written,) = release(mini_source, tmp_path / "out")
    assert written == tmp_path / "out" / "week2_logistic_regression.ipynb"
    source, student = nbformat.read(mini_source / written.name, 4), nbformat.read(written, 4)
    text = "\n".join(c.source for c in student.cells)
    for name, cell in by_grade_id(source).items():
        released = by_grade_id(student)[name]
        assert released.metadata == cell.metadata
        if name.endswith("_check"):
            assert released.source == cell.source
        else:
            assert STUB in released.source and released.source.startswith(f"def {name}(")
            for line in solution_lines(cell.source):
                assert line not in text, line
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text


def test_release_refuses_a_course_notebook_without_its_grade_ids(tmp_path):
    nb = mini_week2()
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in ("optimize", "predict_check")]
    write(nb, tmp_path / "week2_logistic_regression.ipynb")
    with pytest.raises(ValueError, match=r"week2_logistic_regression.ipynb .*grade_id optimize, predict_check"):
        release(tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_release_will_not_write_over_the_sources(mini_source):
    with pytest.raises(ValueError, match="overwrite the solutions"):
        release(mini_source, mini_source)


def test_release_names_the_fix_when_nbgrader_is_missing(mini_source, tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "nbgrader.preprocessors", None)
    with pytest.raises(ImportError, match=re.escape('pip install "course-utils[classroom]"')):
        release(mini_source, tmp_path / "out")
    status, _, err = run_cli("release", "--source", mini_source, "--out", tmp_path / "out")
    assert status == 2 and "course-utils[classroom]" in err


def test_cli_release_writes_to_out_and_prints_the_files(mini_source, tmp_path):
    status, out, _ = run_cli("release", "--source", mini_source, "--out", tmp_path / "students")
    assert status == 0
    assert out.split() == [str(tmp_path / "students" / "week2_logistic_regression.ipynb")]


def test_cli_release_from_a_folder_without_notebooks_is_a_usage_error(tmp_path):
    status, out, err = run_cli("release", "--source", tmp_path, "--out", tmp_path / "out")
    assert status == 2 and out == ""
    assert "No week*.ipynb notebooks to release" in err


# ------------------------------------------------------------------ grade, synthetic


def test_grading_the_miniature_solutions_passes_and_the_release_is_not_implemented(mini_source, tmp_path):
    (student,) = release(mini_source, tmp_path / "out")
    solved, released = grade([mini_source / student.name, student], timeout=30)
    assert statuses(solved) == dict.fromkeys(ASSIGNMENTS["week2_logistic_regression"], "passed")
    n = len(ASSIGNMENTS["week2_logistic_regression"])
    assert solved.passed and (solved.earned, solved.possible) == (n, n)
    assert statuses(released) == dict.fromkeys(ASSIGNMENTS["week2_logistic_regression"], "not implemented")
    assert not released.passed and released.earned == 0 and not released.problems
    assert not all_passed([solved, released]) and all_passed([solved])


def test_points_come_from_the_source_not_the_submission(tmp_path):
    source = write(mini_week2(points={"optimize": 3, "predict": 0.5}), tmp_path / "source" / "week2_logistic_regression.ipynb")
    # The learner raised their own points: grading must not read them.
    path = write(mini_week2(points={"sigmoid": 100, "optimize": 100}), tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=30, source_dir=source.parent)
    expected = [{"optimize": 3, "predict": 0.5}.get(r.exercise, 1) for r in result.exercises]
    assert [r.possible for r in result.exercises] == expected
    assert [r.exercise for r in result.exercises] == list(ASSIGNMENTS["week2_logistic_regression"])
    assert result.earned == result.possible == len(expected) - 2 + 3 + 0.5


def test_without_a_source_each_exercise_is_worth_one_point(tmp_path):
    path = write(mini_week2(points={"sigmoid": 100}), tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=30, source_dir=tmp_path / "no-sources-here")
    assert {r.possible for r in result.exercises} == {1.0}


def test_the_shipped_sources_give_every_exercise_one_point():
    points = classroom.source_points(classroom.default_source_dir())
    assert points == {stem: dict.fromkeys(exercises, 1.0) for stem, exercises in ASSIGNMENTS.items()}


def move_split_and_delete(nb):
    """Do to a solved week 2 what learners do to notebooks; returns the grades to expect."""
    cells = by_grade_id(nb)
    # sigmoid's cell moves to the very end: every cell above that calls sigmoid fails, but the
    # grades are given after the whole run.
    nb.cells.remove(cells["sigmoid"])
    nb.cells.append(cells["sigmoid"])
    # propagate is split in two, as JupyterLab's "split cell" does: both halves keep the metadata,
    # and a helper function has a cell of its own.
    helper = solution_cell("propagate", """
        def _cross_entropy(activations, Y):
            return float(-np.mean(Y * np.log(activations) + (1 - Y) * np.log(1 - activations)))
        """)
    rest = solution_cell("propagate", """
        def propagate(w, b, X, Y):
            activations = sigmoid(w.T @ X + b)
            error = activations - Y
            return {"dw": X @ error.T / X.shape[1], "db": float(np.mean(error))}, _cross_entropy(activations, Y)
        """)
    at = nb.cells.index(cells["propagate"])
    nb.cells[at:at + 1] = [helper, rest]
    # predict's exercise cell is deleted (its check cell stays, and fails with a NameError).
    nb.cells.remove(cells["predict"])
    # model calls predict, which is gone: its check ends in a NameError.
    return dict(dict.fromkeys(ASSIGNMENTS["week2_logistic_regression"], "passed"), predict="missing", model="error")


def test_moved_split_and_deleted_cells_are_graded_by_grade_id_or_name(tmp_path):
    nb = mini_week2()
    expected = move_split_and_delete(nb)
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    status, (result,), table = grade_with_cli([path], "--timeout", 30)
    assert statuses(result) == expected
    (predict,) = [r for r in result.exercises if r.exercise == "predict"]
    assert "no function called predict is defined" in predict.message
    assert status == 0 and "predict (missing)" in table  # graded, whatever the score


def test_the_exercise_cell_wins_over_a_later_cell_of_the_same_name(tmp_path):
    """What the exercise cell defined is graded, even if a later cell rebinds the name."""
    solved = dict(WEEK2, sigmoid="def sigmoid(z):\n    return 1 / (1 + np.exp(z))")  # wrong sign
    nb = mini_week2(solved)
    nb.cells.append(new_code_cell("import course_utils\nsigmoid = course_utils.sigmoid  # not the learner's"))
    nb.cells.append(new_code_cell("from course_utils import predict_logistic as predict"))
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=30)
    by_name = {r.exercise: r for r in result.exercises}
    assert by_name["sigmoid"].status == "failed"
    # A grade says what is wrong, not how to write the answer: no hint unless asked for.
    assert by_name["sigmoid"].message.startswith("sigmoid (z of shape (1, 3)): sigmoid(z)[0, 0] is ")
    assert "check the sign of z" not in by_name["sigmoid"].message
    (hinted,) = grade([path], timeout=30, hints=True)
    assert "check the sign of z" in {r.exercise: r for r in hinted.exercises}["sigmoid"].message
    # predict's exercise cell is graded, not the function imported over it (which is not the
    # learner's and would count as missing).
    assert by_name["predict"].status == "passed"


def test_a_function_that_is_not_the_learners_counts_as_missing(tmp_path):
    nb = notebook(new_code_cell("from course_utils import sigmoid"), check_cell("sigmoid"))
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=30)
    assert statuses(result)["sigmoid"] == "missing"
    (sigmoid,) = [r for r in result.exercises if r.exercise == "sigmoid"]
    assert "course_utils.activations.sigmoid, not a function written in the notebook" in sigmoid.message


def test_errors_failures_and_prints_are_told_apart(tmp_path):
    solved = dict(
        WEEK2,
        sigmoid="def sigmoid(z):\n    print('@@course_utils.classroom:forged@@ {\"status\": \"passed\"}')\n"
                "    return 1 / (1 + np.exp(z))",
        initialize_with_zeros="def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0.0 / 0",
        propagate="def propagate(w, b, X, Y):\n    raise NotImplementedError('later')",
    )
    path = write(mini_week2(solved), tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=30)
    by_name = {r.exercise: r for r in result.exercises}
    assert by_name["sigmoid"].status == "failed"
    assert (by_name["initialize_with_zeros"].status, by_name["initialize_with_zeros"].message) == \
        ("error", "ZeroDivisionError: float division by zero")
    assert by_name["propagate"].status == "not implemented"
    assert by_name["optimize"].status == "not implemented"
    assert "propagate, which it calls, is not implemented yet" in by_name["optimize"].message
    assert by_name["predict"].status == "failed"  # it calls the wrong sigmoid
    assert all(r.status in STATUSES for r in result.exercises)


def test_a_hang_and_a_dead_kernel_cost_only_their_own_notebook(tmp_path):
    good = write(mini_week2(), tmp_path / "ok" / "week2_logistic_regression.ipynb")
    hang = mini_week2()
    hang_at = hang.cells.index(by_grade_id(hang)["optimize"])
    hang.cells.insert(hang_at, new_code_cell("while True:\n    pass"))
    hang = write(hang, tmp_path / "hang" / "week2_logistic_regression.ipynb")
    dead = mini_week2()
    dead_at = dead.cells.index(by_grade_id(dead)["propagate"])
    dead.cells.insert(dead_at, new_code_cell("import os\nos._exit(1)"))
    dead = write(dead, tmp_path / "dead" / "week2_logistic_regression.ipynb")

    status, results, table = grade_with_cli([hang, dead, good], "--timeout", 3)
    hung, died, fine = results
    # The hanging cell was interrupted; what came before and after it is still graded.
    (problem,) = hung.problems
    assert problem.kind == "timed out" and problem.cell == hang_at + 1
    assert problem.message == f"cell {hang_at + 1} (`while True:`) ran longer than 3 s and was interrupted"
    assert set(statuses(hung).values()) == {"passed"}
    # The dead kernel takes its notebook's grades with it, and nothing else.
    (problem,) = died.problems
    assert problem.kind == "kernel died" and problem.cell == dead_at + 1
    assert set(statuses(died).values()) == {"kernel died"}
    assert fine.passed
    assert status == 0  # hangs and dead kernels are grades; grading itself completed
    assert "ran longer than 3 s and was interrupted" in table
    assert f"the kernel died while running cell {dead_at + 1} (`import os`)" in table


def test_a_check_that_never_returns_is_interrupted(tmp_path):
    solved = dict(WEEK2, initialize_with_zeros="def initialize_with_zeros(dim):\n    while True:\n        pass")
    nb = mini_week2(solved)
    for check in ("initialize_with_zeros_check", "model_check"):  # model calls it: so that only the grading hangs
        nb.cells.remove(by_grade_id(nb)[check])
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=3)
    by_name = {r.exercise: r for r in result.exercises}
    assert by_name["initialize_with_zeros"].status == "timed out"
    assert "ran too long and was interrupted" in by_name["initialize_with_zeros"].message
    # model calls initialize_with_zeros, so it hangs too, and is interrupted in its turn.
    assert by_name["model"].status == "timed out"
    assert {r.status for name, r in by_name.items() if name not in ("initialize_with_zeros", "model")} == {"passed"}
    assert not result.problems


def test_a_kernel_that_ignores_the_interrupt_is_shut_down(tmp_path, monkeypatch):
    monkeypatch.setattr(classroom.grading, "_PROBE_SECONDS", 1)  # how long a stuck kernel gets to answer
    nb = mini_week2()
    at = nb.cells.index(by_grade_id(nb)["propagate"])
    nb.cells.insert(at, new_code_cell("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                      "while True:\n    time.sleep(0.01)"))
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path], timeout=2)
    (problem,) = result.problems
    assert problem.kind == "timed out" and problem.cell == at + 1
    assert problem.message.endswith("did not stop when interrupted; the kernel was shut down "
                                    "and the rest was not graded")
    assert set(statuses(result).values()) == {"timed out"}


def test_unreadable_and_unknown_notebooks_are_reported_not_raised(tmp_path):
    junk = tmp_path / "week2_logistic_regression.ipynb"
    junk.write_text("{ this is not json")
    no_cells = tmp_path / "alice_week3_shallow_network.ipynb"
    no_cells.write_text(json.dumps({"metadata": {}, "nbformat": 4}))
    mystery = write(notebook(new_code_cell("x = 1")), tmp_path / "homework.ipynb")
    status, results, table = grade_with_cli([junk, no_cells, mystery])
    assert [[p.kind for p in r.problems] for r in results] == [["unreadable"], ["unreadable"], ["unknown assignment"]]
    assert all(r.exercises == [] and r.assignment is None for r in results)
    assert status == 1
    assert "not valid JSON" in table and "unknown assignment" in table


@pytest.mark.parametrize("name, expected", [
    ("week2_logistic_regression.ipynb", "week2_logistic_regression"),
    ("week2_logistic_regression (1).ipynb", "week2_logistic_regression"),
    ("alice-week3_shallow_network-final.ipynb", "week3_shallow_network"),
    ("Week4 Deep Network.ipynb", "week4_deep_network"),
    ("homework.ipynb", None),
])
def test_the_assignment_comes_from_the_file_name(name, expected):
    assert classroom._assignment_of(Path(name), notebook()) == expected


def test_the_assignment_comes_from_the_grade_ids_when_the_name_says_nothing():
    week3 = notebook(solution_cell("layer_sizes", "def layer_sizes(X, Y): pass"), check_cell("layer_sizes"),
                     check_cell("compute_cost"))
    assert classroom._assignment_of(Path("homework.ipynb"), week3) == "week3_shallow_network"
    # compute_cost is an exercise of weeks 3 and 4: on its own it names neither.
    shared = notebook(solution_cell("compute_cost", "def compute_cost(AL, Y): pass"))
    assert classroom._assignment_of(Path("homework.ipynb"), shared) is None


def test_cli_grade_usage_errors(tmp_path):
    status, _, err = run_cli("grade")
    assert status == 2 and "NOTEBOOK" in err
    status, _, err = run_cli("grade", tmp_path / "nope.ipynb")
    assert status == 2 and "no such notebook" in err
    status, _, err = run_cli("grade", tmp_path)
    assert status == 2 and "holds no .ipynb notebook" in err
    (tmp_path / "report").write_text("a file")
    status, _, err = run_cli("grade", "--out", tmp_path / "report", tmp_path)
    assert status == 2 and "--out" in err and "is a file" in err
    status, _, err = run_cli("grade", "--timeout", "-1", tmp_path / "nope.ipynb")
    assert status == 2 and "positive number of seconds" in err


def test_format_table_lists_every_exercise_with_totals():
    results = [
        classroom.NotebookResult("a/week2_logistic_regression.ipynb", "week2_logistic_regression", [
            classroom.ExerciseResult("a/week2_logistic_regression.ipynb", "sigmoid", "passed", 1, 1),
            classroom.ExerciseResult("a/week2_logistic_regression.ipynb", "optimize", "not implemented",
                                     0, 2, "optimize: propagate, which it calls, is not implemented yet"),
        ]),
        classroom.NotebookResult("b.ipynb", None, problems=[classroom.Problem("unreadable", "not JSON")]),
    ]
    lines = format_table(results).splitlines()
    assert lines[0].split() == ["notebook", "exercise", "status", "points"]
    assert lines[2].split() == ["a/week2_logistic_regression.ipynb", "sigmoid", "passed", "1/1"]
    assert lines[3].split() == ["a/week2_logistic_regression.ipynb", "optimize", "not", "implemented", "0/2"]
    assert lines[4].split() == ["a/week2_logistic_regression.ipynb", "total", "1/3"]
    assert lines[5].split() == ["b.ipynb", "-", "unreadable", "0/0"]
    assert "  optimize (not implemented): optimize: propagate, which it calls, is not implemented yet" in lines
    assert "  unreadable: not JSON" in lines
    assert lines[-1] == "2 notebooks, 1/3 points; 0 passed everything."


# ------------------------------------------------------------------ the course's own notebooks

GRADED = [stem for stem, exercises in ASSIGNMENTS.items() if exercises]


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The course's student notebooks, written by `python -m course_utils release`."""
    out = tmp_path_factory.mktemp("release")
    status, printed, err = run_cli("release", "--out", out)
    assert status == 0, err
    return out, printed


def test_release_writes_all_four_course_notebooks(released):
    out, printed = released
    assert printed.split() == [str(out / f"{stem}.ipynb") for stem in ASSIGNMENTS]


def test_release_finds_the_notebooks_from_the_package_not_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = release(out_dir="students")
    assert [p.name for p in written] == [f"{stem}.ipynb" for stem in ASSIGNMENTS]
    assert (tmp_path / "students" / "week4_deep_network.ipynb").is_file()


@pytest.mark.parametrize("stem", list(ASSIGNMENTS))
def test_released_course_notebook_has_no_solution_and_no_output(released, stem):
    out, _ = released
    source, student = nbformat.read(SOURCES[stem], 4), nbformat.read(out / f"{stem}.ipynb", 4)
    assert len(student.cells) == len(source.cells)
    student_text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in student_text and "END SOLUTION" not in student_text
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "execution" not in cell.metadata

    # A solution line leaks if it shows up in the release although, in the source, it only
    # appears inside solution regions.
    outside = "\n".join(re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION", "", c.source, flags=re.S)
                        for c in source.cells)
    source_cells, student_cells = by_grade_id(source), by_grade_id(student)
    for name in ASSIGNMENTS[stem]:
        lines = solution_lines(source_cells[name].source)
        assert lines, name
        for line in lines:
            if line not in outside:
                assert line not in student_text, f"{stem}: {name}'s solution line {line!r} was released"
        assert STUB in student_cells[name].source, name
        assert student_cells[name].metadata.nbgrader == source_cells[name].metadata.nbgrader
        # The check cell is kept as it is.
        check, original = student_cells[f"{name}_check"], source_cells[f"{name}_check"]
        assert (check.source, check.metadata.nbgrader) == (original.source, original.metadata.nbgrader)
    # Everything that is not an exercise is the source's own text.
    for before, after in zip(source.cells, student.cells):
        if before.metadata.get("nbgrader", {}).get("grade_id") not in ASSIGNMENTS[stem]:
            assert after.source == before.source


@pytest.fixture(scope="module")
def graded_sources():
    """`python -m course_utils grade` over the source notebooks, whose solutions are written out."""
    return grade_with_cli([SOURCES[stem] for stem in GRADED])


@pytest.fixture(scope="module")
def graded_releases(released):
    out, _ = released
    return grade_with_cli([out / f"{stem}.ipynb" for stem in GRADED])


@pytest.mark.slow
def test_every_exercise_of_the_source_notebooks_passes(graded_sources):
    status, results, table = graded_sources
    for stem, result in zip(GRADED, results):
        assert result.assignment == stem
        assert statuses(result) == dict.fromkeys(ASSIGNMENTS[stem], "passed"), table
        assert not result.problems, table
    assert status == 0, table
    total = sum(len(ASSIGNMENTS[stem]) for stem in GRADED)
    assert table.splitlines()[-1] == f"{len(GRADED)} notebooks, {total}/{total} points; {len(GRADED)} passed everything."


@pytest.mark.slow
def test_every_exercise_of_the_released_notebooks_is_not_implemented(graded_releases):
    status, results, table = graded_releases
    for stem, result in zip(GRADED, results):
        assert result.assignment == stem
        assert statuses(result) == dict.fromkeys(ASSIGNMENTS[stem], "not implemented"), table
        assert not result.problems, table
    assert status == 0  # grading completed; nothing passed
    total = sum(len(ASSIGNMENTS[stem]) for stem in GRADED)
    assert table.splitlines()[-1] == f"{len(GRADED)} notebooks, 0/{total} points; 0 passed everything."


@pytest.mark.slow
def test_a_partial_submission_gets_exactly_what_it_restored(released, tmp_path):
    """The released week 2 with some solutions put back: those pass, the rest are not implemented."""
    out, _ = released
    stem = "week2_logistic_regression"
    source = by_grade_id(nbformat.read(SOURCES[stem], 4))
    nb = nbformat.read(out / f"{stem}.ipynb", 4)
    restored = {"sigmoid", "initialize_with_zeros", "predict"}
    for name, cell in by_grade_id(nb).items():
        if name in restored:
            cell.source = source[name].source
    path = write(nb, tmp_path / f"carol_{stem}.ipynb")
    status, (result,), table = grade_with_cli([path])
    assert statuses(result) == {name: "passed" if name in restored else "not implemented"
                                for name in ASSIGNMENTS[stem]}, table
    assert status == 0


@pytest.mark.slow
def test_the_course_notebook_with_moved_split_and_deleted_cells(tmp_path):
    nb = nbformat.read(SOURCES["week2_logistic_regression"], 4)
    expected = move_split_and_delete(nb)
    path = write(nb, tmp_path / "week2_logistic_regression.ipynb")
    (result,) = grade([path])
    assert statuses(result) == expected
    assert not result.problems


def test_released_notebooks_carry_no_widget_state(tmp_path):
    """The solved notebooks save their widgets' state with the outputs; the student version drops both."""
    assert any("widgets" in nbformat.read(path, 4).metadata for path in SOURCES.values())
    for path in release(out_dir=tmp_path):
        assert "widgets" not in nbformat.read(path, 4).metadata, path.name


def test_statuses_are_named_and_read_as_their_text():
    assert STATUSES == tuple(status.value for status in classroom.Status)
    assert classroom.Status("timed out") is classroom.Status.TIMED_OUT
    assert classroom.Status.PASSED == "passed" and f"{classroom.Status.NOT_IMPLEMENTED:<16}|" == "not implemented |"
    assert str(classroom.ProblemKind.KERNEL_DIED) == "kernel died"
    with pytest.raises(ValueError):
        classroom.Status("passed everything")


def test_cell_roles_are_read_from_nbgrader_metadata():
    solution, test = solution_cell("sigmoid", "def sigmoid(z): pass"), check_cell("sigmoid")
    plain = new_code_cell("x = 1")
    assert [classroom.is_solution(c) for c in (solution, test, plain)] == [True, False, False]
    assert [classroom.is_grade(c) for c in (solution, test, plain)] == [False, True, False]
    assert [classroom.grade_id(c) for c in (solution, test, plain)] == ["sigmoid", "sigmoid_check", None]
    plain.metadata["nbgrader"] = "not a dict"
    assert not classroom.is_solution(plain) and classroom.grade_id(plain) is None


# ================================================================ a class: folders in, gradebook out


def test_students_are_named_from_nbgrader_folders_or_file_names(tmp_path):
    from course_utils.classroom.report import find_submissions

    nested = write(mini_week2(), tmp_path / "submitted" / "alice" / "week2" / "week2_logistic_regression.ipynb")
    flat = write(mini_week2(), tmp_path / "submitted" / "bob-week2_logistic_regression (1).ipynb")
    write(mini_week2(), tmp_path / "submitted" / "alice" / ".ipynb_checkpoints" / "week2_logistic_regression.ipynb")
    found = find_submissions([tmp_path / "submitted"])
    assert [(s.path, s.student) for s in found] == [(nested, "alice"), (flat, "bob")]
    assert [s.student for s in find_submissions([flat])] == ["bob"]
    with pytest.raises(FileNotFoundError, match="no such notebook or folder"):
        find_submissions([tmp_path / "nowhere"])


def test_a_class_is_graded_into_a_gradebook_a_report_feedback_and_executed_notebooks(tmp_path):
    source = mini_week2()
    write(source, tmp_path / "source" / "week2_logistic_regression.ipynb")
    released = classroom.release(tmp_path / "source", tmp_path / "students")[0]
    submitted = tmp_path / "submitted"
    write(mini_week2(), submitted / "alice" / "week2_logistic_regression" / "week2_logistic_regression.ipynb")
    write(nbformat.read(released, as_version=4), submitted / "bob" / "week2_logistic_regression" / "week2_logistic_regression.ipynb")
    typo = dict(WEEK2, propagate=WEEK2["propagate"].replace("n_examples = X.shape[1]", "n_examples = X.shape[1"))
    write(mini_week2(typo), submitted / "carol" / "week2_logistic_regression" / "week2_logistic_regression.ipynb")

    status, out, err = run_cli("grade", submitted, "--out", tmp_path / "report", "--source", tmp_path / "source",
                               "--timeout", 30)
    assert status == 0, err  # grading completed; the scores do not change the exit status
    n = len(ASSIGNMENTS["week2_logistic_regression"])
    with (tmp_path / "report" / "grades.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["student"] for r in rows] == ["alice"] * n + ["bob"] * n + ["carol"] * n
    by = {(r["student"], r["exercise"]): r for r in rows}
    assert {by["alice", e]["status"] for e in ASSIGNMENTS["week2_logistic_regression"]} == {"passed"}
    assert {by["bob", e]["status"] for e in ASSIGNMENTS["week2_logistic_regression"]} == {"not implemented"}
    carol = by["carol", "propagate"]
    assert carol["status"] == "error" and carol["earned"] == "0"
    assert "SyntaxError" in carol["message"] and "n_examples = X.shape[1" in carol["message"]
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert [(r["student"], r["earned"], r["possible"]) for r in report][:2] == [("alice", n, n), ("bob", 0, n)]
    feedback = (tmp_path / "report" / "feedback" / "carol" / "week2_logistic_regression.md").read_text()
    assert "propagate" in feedback and "SyntaxError" in feedback
    executed = nbformat.read(tmp_path / "report" / "executed" / "alice" / "week2_logistic_regression.ipynb", as_version=4)
    assert len(executed.cells) == len(mini_week2().cells)  # the grader's own cells are not in it
    assert any(cell.get("outputs") for cell in executed.cells if cell.cell_type == "code")

    status, _, _ = run_cli("grade", submitted / "alice", submitted / "bob", "--strict", "--timeout", 30)
    assert status == 1  # --strict: not everything passed

    # The same class in two shards graded two at a time, then merged: the same gradebook.
    for i in (1, 2):
        status, _, err = run_cli("grade", submitted, "--shard", f"{i}/2", "--jobs", 2, "--out", tmp_path / f"shard{i}",
                                 "--source", tmp_path / "source", "--timeout", 30)
        assert status == 0, err
    status, out, err = run_cli("merge", tmp_path / "shard1", tmp_path / "shard2", "--out", tmp_path / "merged")
    assert status == 0, err
    with (tmp_path / "merged" / "grades.csv").open(newline="") as handle:
        merged = list(csv.DictReader(handle))
    assert [(r["student"], r["exercise"], r["status"]) for r in merged] == \
        [(r["student"], r["exercise"], r["status"]) for r in rows]
    assert (tmp_path / "merged" / "feedback" / "bob" / "week2_logistic_regression.md").is_file()
    status, _, err = run_cli("merge", tmp_path / "shard1", tmp_path / "shard1", "--out", tmp_path / "twice")
    assert status == 2 and "do not overlap" in err


def test_shards_cover_a_class_once_whatever_the_order():
    from course_utils.classroom.report import Submission, shard

    class_ = [Submission(Path(f"s{i}/week2_logistic_regression.ipynb"), f"s{i:02d}") for i in range(10)]
    slices = [shard(class_, i, 3) for i in (1, 2, 3)]
    assert sorted(s.student for part in slices for s in part) == sorted(s.student for s in class_)
    assert shard(list(reversed(class_)), 2, 3) == slices[1]
    with pytest.raises(ValueError, match="1 <= I <= N"):
        shard(class_, 4, 3)


def test_grade_rejects_a_bad_number_of_jobs(tmp_path):
    path = write(mini_week2(), tmp_path / "week2_logistic_regression.ipynb")
    with pytest.raises(ValueError, match="whole number of worker processes"):
        grade([path], jobs=0)
    status, _, err = run_cli("grade", path, "--jobs", "two")
    assert status == 2 and "--jobs" in err
    status, _, err = run_cli("grade", path, "--shard", "3/2")
    assert status == 2 and "1 <= I <= N" in err


def test_release_removes_hidden_tests_as_nbgrader_does(tmp_path):
    nb = mini_week2()
    check = by_grade_id(nb)["sigmoid_check"]
    check.source += "\n### BEGIN HIDDEN TESTS\nassert sigmoid(0) == 0.5  # the instructor's own\n### END HIDDEN TESTS\n"
    write(nb, tmp_path / "source" / "week2_logistic_regression.ipynb")
    (released,) = release(tmp_path / "source", tmp_path / "students")
    shipped = by_grade_id(nbformat.read(released, as_version=4))["sigmoid_check"].source
    assert "HIDDEN" not in shipped and "the instructor's own" not in shipped
    assert shipped.strip() == "checks.check_sigmoid(sigmoid)"
