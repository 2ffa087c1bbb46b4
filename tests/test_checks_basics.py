"""The checks of week 2's numpy basics (issue 14), beyond what tests/test_checks.py runs for every check.

tests/test_checks.py holds their correct versions and mutants; here: the inputs
the checks use, the errors a learner's code raises and the hint each gets, the
right answers written other ways that must pass, and advice that works when
followed.
"""

import inspect
import math
import pathlib
import re

import numpy as np
import pytest

import course_utils as cu
import test_checks  # the sibling module: its mutants
from course_utils import checks
from course_utils.checks import CheckFailed
from test_feedback import _line_of, _one_line  # what Jupyter shows, and where

HERE = pathlib.Path(__file__).name
BASICS = ["basic_sigmoid", "sigmoid_derivative", "L1", "L2", "normalize_rows", "softmax", "image2vector"]


# ================================================================ where the checks sit


def test_the_numpy_basics_come_first_in_week_2s_order():
    assert list(checks.REGISTRY[2])[:12] == [
        "basic_sigmoid", "sigmoid", "sigmoid_derivative", "L1", "L2", "normalize_rows", "softmax",
        "image2vector", "initialize_with_zeros", "propagate", "optimize", "predict"]
    for name in BASICS:
        assert f"check_{name}" in checks.__all__
        assert f"check_{name}" in checks.week2_numpy.__all__


def test_each_basics_check_is_pinned_to_at_least_three_mistakes():
    hints = {name: set() for name in BASICS}
    for name, _, pattern in test_checks.MUTANTS:
        if name in hints:
            hints[name].add(pattern)
    assert all(len(patterns) >= 3 for patterns in hints.values()), {k: len(v) for k, v in hints.items()}


# ================================================================ the inputs


def _inputs_seen(name):
    """The inputs the check gives a correct answer, one dict of arguments per call."""
    seen = []
    correct = test_checks.CORRECT[name]
    parameters = list(inspect.signature(correct).parameters)

    def recording(*args):
        seen.append(dict(zip(parameters, args)))
        return correct(*args)

    checks.CHECKS[name](recording)
    return seen


def test_basic_sigmoid_is_called_on_negative_zero_and_positive_numbers(capsys):
    xs = [call["x"] for call in _inputs_seen("basic_sigmoid")]
    assert all(type(x) is float for x in xs)
    assert min(xs) < 0 < max(xs) and 0.0 in xs and max(abs(x) for x in xs) < 20


def test_sigmoid_derivative_is_called_on_several_shapes_and_a_number(capsys):
    shapes = {np.shape(call["x"]) for call in _inputs_seen("sigmoid_derivative")}
    assert {(), (3,)} <= shapes and len([s for s in shapes if len(s) == 2 and s[0] != s[1]]) >= 2


@pytest.mark.parametrize("name", ["L1", "L2"])
def test_the_losses_are_called_on_rank_1_arrays_and_rows(name, capsys):
    calls = _inputs_seen(name)
    shapes = [call["yhat"].shape for call in calls]
    assert all(call["y"].shape == call["yhat"].shape for call in calls)
    assert len([s for s in shapes if len(s) == 1]) >= 2 and any(len(s) == 2 and s[0] == 1 for s in shapes)
    for call in calls:  # both labels, so that a missing abs (or square) changes the answer
        assert set(np.unique(call["y"])) == {0, 1}


@pytest.mark.parametrize("name", ["normalize_rows", "softmax"])
def test_the_row_exercises_get_square_and_non_square_inputs(name, capsys):
    shapes = [call["x"].shape for call in _inputs_seen(name)]
    assert len(shapes) >= 3
    assert any(rows == columns for rows, columns in shapes)
    assert len({(rows, columns) for rows, columns in shapes if rows != columns}) >= 2


def test_normalize_rows_gets_no_zero_row(capsys):
    for call in _inputs_seen("normalize_rows"):
        assert np.all(np.linalg.norm(call["x"], axis=1) > 0.5)


def test_image2vector_gets_images_whose_three_sizes_differ(capsys):
    shapes = [call["image"].shape for call in _inputs_seen("image2vector")]
    assert len(shapes) >= 3 and all(len(shape) == 3 for shape in shapes)
    assert any(len(set(shape)) == 3 for shape in shapes)


# ================================================================ the learner's own errors, with a hint


def normalize_rows_without_keepdims(x):
    x_norm = np.linalg.norm(x, axis=1)
    return x / x_norm


def softmax_without_keepdims(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1)


def L2_course_dot(yhat, y):
    return np.dot(y - yhat, y - yhat)


def L2_matmul(yhat, y):
    d = y - yhat
    return d @ d


def image2vector_two_sizes(image):
    return image.reshape(image.shape[0] * image.shape[1], 1)


def sigmoid_derivative_without_s(x):
    return s * (1 - s)  # noqa: F821 - the mistake under test


def sigmoid_derivative_math(x):
    s = 1 / (1 + math.exp(-x))
    return s * (1 - s)


@pytest.mark.parametrize("fn, text, where, error, hint", [
    (normalize_rows_without_keepdims, "return x / x_norm", "normalize_rows (x of shape (2, 3))", ValueError,
     "np.linalg.norm(x, axis=1) has shape (n,), and numpy lines such an array up with the columns of x, not its "
     "rows; keepdims=True keeps the norms a column of shape (n, 1): x / np.linalg.norm(x, axis=1, keepdims=True)"),
    (softmax_without_keepdims, "return x_exp /", "softmax (x of shape (2, 5))", ValueError,
     "np.sum(x_exp, axis=1) has shape (m,), and numpy lines such an array up with the columns of x_exp, not its "
     "rows; keepdims=True keeps the sums a column of shape (m, 1): x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
    (L2_course_dot, "return np.dot", "L2 (yhat of shape (1, 6))", ValueError,
     "np.dot(d, d) multiplies two rank-1 arrays; for (1, m) rows it raises this error (and np.dot(d, d.T) gives "
     "a (1, 1) array). np.sum((y - yhat) ** 2) works for both"),
    (L2_matmul, "return d @ d", "L2 (yhat of shape (1, 6))", ValueError,
     "np.dot(d, d) multiplies two rank-1 arrays"),
    (image2vector_two_sizes, "return image.reshape", "image2vector (image of shape (2, 3, 4))", ValueError,
     "the column holds every entry of the image: image.shape[0] * image.shape[1] * image.shape[2] rows (or -1, "
     "which lets numpy count them), and 1 column"),
    (sigmoid_derivative_without_s, "return s *", "sigmoid_derivative (x of shape (3,))", NameError,
     "compute s = 1 / (1 + np.exp(-x)) (or s = sigmoid(x)) inside sigmoid_derivative, before using it"),
    (sigmoid_derivative_math, "math.exp", "sigmoid_derivative (x of shape (3,))", TypeError,
     "math.exp takes one number, not an array; np.exp works on whole arrays, element by element"),
], ids=lambda value: getattr(value, "__name__", None) if callable(value) else None)
def test_a_known_mistake_that_raises_gets_its_hint_in_one_line(fn, text, where, error, hint, capsys):
    name = where.split(" ")[0]
    with pytest.raises(error) as excinfo:
        checks.CHECKS[name](fn)
    line = _one_line(excinfo)
    assert line.startswith(f"{where}: your {fn.__name__} raised {error.__name__} at line {_line_of(fn, text)} "
                           f"of {HERE}"), line
    assert f"Hint: {hint}" in line
    assert excinfo.traceback[-1].name == fn.__name__  # the learner's frame is where it stopped
    # Only the rank-1 cases ran before the row case stopped L2; nothing was printed.
    assert capsys.readouterr().out == ""


def test_a_broadcast_error_elsewhere_gets_no_row_hint():
    def propagate(w, b, X, Y):
        raise ValueError("operands could not be broadcast together with shapes (1,5) (3,)")

    with pytest.raises(ValueError) as excinfo:
        checks.check_propagate(propagate)
    assert "keepdims" not in _one_line(excinfo)


def test_an_unrelated_error_in_a_basics_exercise_gets_its_line_and_no_hint():
    def normalize_rows(x):
        raise ValueError("something else")

    with pytest.raises(ValueError) as excinfo:
        checks.check_normalize_rows(normalize_rows)
    line = _one_line(excinfo)
    assert line.endswith(": something else") and "Hint" not in line


# ================================================================ right answers written other ways


def basic_sigmoid_np(x):
    return 1 / (1 + np.exp(-x))  # a numpy float for a float


def sigmoid_derivative_cu(x):
    s = cu.sigmoid(x)  # a 0-d array for a number
    return s * (1 - s)


def L1_python_float(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L1_zero_d(yhat, y):
    return np.squeeze(np.sum(np.abs(y - yhat), keepdims=True))


def L2_dot_when_rank_1(yhat, y):
    d = y - yhat
    return np.dot(d, d) if d.ndim == 1 else np.sum(d * d)


def L2_ravel_dot(yhat, y):
    d = np.ravel(y - yhat)
    return np.dot(d, d)


def normalize_rows_by_hand(x):
    return x / np.sqrt(np.sum(x ** 2, axis=1)).reshape(-1, 1)


def softmax_stable(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / x_exp.sum(axis=1)[:, np.newaxis]


def image2vector_minus_one(image):
    return image.reshape(-1, 1)


def image2vector_flatten(image):
    return image.flatten()[:, None]


@pytest.mark.parametrize("name, fn", [
    ("basic_sigmoid", basic_sigmoid_np),
    ("sigmoid_derivative", sigmoid_derivative_cu),
    ("L1", L1_python_float),
    ("L1", L1_zero_d),
    ("L2", L2_dot_when_rank_1),
    ("L2", L2_ravel_dot),
    ("normalize_rows", normalize_rows_by_hand),
    ("softmax", softmax_stable),
    ("image2vector", image2vector_minus_one),
    ("image2vector", image2vector_flatten),
], ids=lambda value: getattr(value, "__name__", value))
def test_a_right_answer_written_another_way_passes(name, fn, capsys):
    assert checks.CHECKS[name](fn) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


# ================================================================ advice that works when followed


@pytest.mark.parametrize("name, wrong, signature, prelude, advice", [
    ("L2", lambda yhat, y: np.dot(y - yhat, (y - yhat).T), "yhat, y", "", r"; L2 = (.+?) gives one number"),
    ("L2", L2_course_dot, "yhat, y", "", r"\. (np\.sum\(.+?\)) works for both$"),
    ("L1", lambda yhat, y: np.sum(y - yhat), "yhat, y", "", r": L1 = (.+)$"),
    ("normalize_rows", normalize_rows_without_keepdims, "x", "", r": (x / np\.linalg\.norm\(.+\))$"),
    ("softmax", softmax_without_keepdims, "x", "x_exp = np.exp(x)", r": (x_exp / np\.sum\(.+\))$"),
    ("image2vector", lambda image: image.reshape(1, -1), "image", "", r": v = (.+)$"),
], ids=lambda value: getattr(value, "__name__", None) if callable(value) else None)
def test_the_code_a_hint_gives_passes_the_check(name, wrong, signature, prelude, advice, capsys):
    """The code a message advises, typed in as it stands, passes the check."""
    with pytest.raises((CheckFailed, ValueError)) as excinfo:
        checks.CHECKS[name](wrong)
    shown = excinfo.value._render_traceback_()[0]  # what Jupyter shows, for a failed check or the learner's error
    code = re.search(advice, shown).group(1)
    namespace = {"np": np}
    exec(f"def followed({signature}):\n    {prelude}\n    return {code}\n", namespace)
    checks.CHECKS[name](namespace["followed"])
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


@pytest.mark.parametrize("name", ["basic_sigmoid", "sigmoid", "sigmoid_derivative", "L1", "L2", "normalize_rows",
                                  "softmax"])
def test_each_offered_reference_passes_its_own_check(name, capsys):
    checks.check(name, checks.reference(name), week=2)
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


def test_a_reference_that_is_not_offered_is_refused():
    with pytest.raises(ValueError, match="No reference is offered for 'propagate'"):
        checks.reference("propagate")
    with pytest.raises(ValueError, match="No check for the exercise 'nonsense'"):
        checks.reference("nonsense")
