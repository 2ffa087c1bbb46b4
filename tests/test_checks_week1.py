"""The checks of week 1's exercises (neuron_price, hidden_layer) and its self-check questions.

tests/test_checks.py runs the rules every check shares on CORRECT below (a
stub, the learner's own exception, an answer typed in for one case); here:
the known mistakes and their hints, right answers written other ways, the
inputs the checks use, and the questions.
"""

import pathlib
import re

import nbformat
import numpy as np
import pytest

from course_utils import checks
from course_utils.checks import CheckFailed, NotImplementedYet
from course_utils.selfcheck import verdict

WEEK = 1


# ================================================================ correct implementations


def neuron_price(size, w, b):
    return np.maximum(0, w * size + b)


def hidden_layer(X, W1, b1):
    return np.maximum(0, np.dot(W1, X) + b1)


CORRECT = {"neuron_price": neuron_price, "hidden_layer": hidden_layer}


# ================================================================ mistakes, each with the hint it should get


def _price_python_max(size, w, b):
    return max(0, w * size + b)


def _price_list(size, w, b):
    if np.ndim(size) == 0:
        return max(0.0, w * size + b)
    return [max(0.0, w * s + b) for s in np.ravel(size)]


def _price_in_place(size, w, b):
    if np.ndim(size) == 0:
        return max(0.0, w * size + b)
    size *= w
    size += b
    np.maximum(size, 0, out=size)
    return size


def _hidden_python_max(X, W1, b1):
    return max(0, np.dot(W1, X) + b1)


def _hidden_in_place(X, W1, b1):
    W1 *= 2.0  # changes the caller's W1; the answer is still right
    return np.maximum(0, np.dot(W1 / 2.0, X) + b1)


MUTANTS = [
    ("neuron_price", lambda size, w, b: w * size + b, r"the straight line w \* size \+ b"),
    ("neuron_price", lambda size, w, b: np.maximum(0, b * size + w), r"did you swap w and b\?"),
    ("neuron_price", lambda size, w, b: np.maximum(1, w * size + b),
     r"below zero the neuron outputs 0, but yours gives 1: the floor of the ReLU is 0"),
    ("neuron_price", lambda size, w, b: np.where(w * size + b > 0, w * size + b, 0.5),
     r"yours gives 0\.5: the floor of the ReLU is 0"),
    ("neuron_price", lambda size, w, b: np.minimum(0, w * size + b), r"np\.minimum keeps the smaller"),
    ("neuron_price", lambda size, w, b: np.max(w * size + b, 0),
     r"has shape \(10,\) but should be \(1, 10\): np\.max\(z, 0\) is the largest entry along axis 0"),
    ("neuron_price", lambda size, w, b: np.maximum(0, w * size), r"\(b is missing\)"),
    ("neuron_price", _price_list, r"got a list: return a numpy array of the shape of size"),
    ("neuron_price", lambda size, w, b: np.maximum(0, w * size + b).T, r"do not transpose it"),
    ("neuron_price", lambda size, w, b: np.maximum(0, w * np.ravel(size) + b) if np.ndim(size) else
     max(0.0, w * size + b), r"do not flatten it"),
    ("neuron_price", lambda size, w, b: 1.8, r"instead of the argument size\?"),
    ("neuron_price", _price_in_place, r"changed its input size; work on a copy"),
    ("hidden_layer", lambda X, W1, b1: np.dot(W1, X) + b1, r"that is Z1 = np\.dot\(W1, X\) \+ b1 itself"),
    ("hidden_layer", lambda X, W1, b1: np.maximum(0, np.dot(W1, X)), r"did you forget to add b1\?"),
    ("hidden_layer", lambda X, W1, b1: np.maximum(0, np.dot(W1, X)) + b1, r"add b1 before taking the max"),
    ("hidden_layer", lambda X, W1, b1: 1 / (1 + np.exp(-(np.dot(W1, X) + b1))), r"not sigmoid ones"),
    ("hidden_layer", lambda X, W1, b1: np.max(np.dot(W1, X) + b1, 0), r"largest entry of each column"),
    ("hidden_layer", lambda X, W1, b1: np.maximum(0, np.dot(W1, X) + b1).T, r"one row per hidden unit"),
    ("hidden_layer", lambda X, W1, b1: (np.maximum(0, np.dot(W1, X) + b1), np.dot(W1, X) + b1),
     r"return only A1"),
    ("hidden_layer", lambda X, W1, b1: np.maximum(0, np.dot(W1, X) + b1).tolist(), r"got a list: return a numpy array"),
    ("hidden_layer", _hidden_in_place, r"changed its input W1; work on a copy"),
]


# ================================================================ the rules, for week 1's exercises


@pytest.mark.parametrize("name", list(CORRECT))
def test_a_correct_answer_passes_with_one_line(name, capsys):
    assert checks.REGISTRY[WEEK][name](CORRECT[name]) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


@pytest.mark.parametrize("name, mutant, pattern", MUTANTS,
                         ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(MUTANTS)])
def test_a_known_mistake_gets_its_hint(name, mutant, pattern, capsys):
    with pytest.raises(CheckFailed, match=pattern):
        checks.check(name, mutant, week=WEEK)
    assert capsys.readouterr().out == ""


def test_every_exercise_is_pinned_to_at_least_three_mistakes():
    counts = {name: 0 for name in CORRECT}
    for name, _, _ in MUTANTS:
        counts[name] += 1
    assert min(counts.values()) >= 3, counts


def test_the_exercises_are_registered_in_the_notebooks_order():
    assert list(checks.REGISTRY[WEEK]) == ["neuron_price", "hidden_layer"]
    for name in CORRECT:
        assert checks.lookup(name, WEEK) is getattr(checks, f"check_{name}")
        assert f"check_{name}" in checks.__all__ and f"check_{name}" in checks.week1.__all__


@pytest.mark.parametrize("name", list(CORRECT))
def test_a_stub_is_not_implemented_yet(name):
    def stub(*args):
        raise NotImplementedError()

    with pytest.raises(NotImplementedYet, match=f"^{name}: not implemented yet$"):
        checks.check(name, stub, week=WEEK)


@pytest.mark.parametrize("name", list(CORRECT))
def test_an_answer_typed_in_for_one_case_fails(name):
    first = []

    def typed_in(*args):
        if not first:
            first.append(CORRECT[name](*args))
        return first[0]

    with pytest.raises(CheckFailed, match=r"a global variable \(or a fixed answer\) instead of the argument"):
        checks.check(name, typed_in, week=WEEK)


# ================================================================ Python's max() on an array


@pytest.mark.parametrize("name, mutant", [("neuron_price", _price_python_max), ("hidden_layer", _hidden_python_max)])
def test_pythons_max_on_an_array_gets_a_one_line_hint(name, mutant):
    with pytest.raises(ValueError, match="truth value of an array") as excinfo:
        checks.check(name, mutant, week=WEEK)
    shown = excinfo.value._render_traceback_()
    assert len(shown) == 1
    assert re.search(r"your _\w+_python_max raised ValueError at line \d+ of test_checks_week1\.py, "
                     r"\"return max\(0, .*Hint: Python's max\(0, z\) compares two single numbers and cannot "
                     r"take an array; np\.maximum\(0, z\)", shown[0]), shown[0]
    assert excinfo.value.__notes__ == shown  # plain Python prints the same line


def test_another_value_error_gets_no_max_hint():
    def neuron_price(size, w, b):
        return np.maximum(0, w * np.reshape(size, (3, -1)) + b)  # cannot reshape 10 entries into 3 rows

    with pytest.raises(ValueError, match="cannot reshape") as excinfo:
        checks.check_neuron_price(neuron_price)
    assert "Python's max" not in excinfo.value._render_traceback_()[0]


# ================================================================ right answers written other ways


def test_a_correct_loop_version_passes(capsys):
    def neuron_price(size, w, b):
        if np.ndim(size) == 0:
            return max(0, w * size + b)
        prices = np.zeros(np.shape(size))
        for index in np.ndindex(prices.shape):
            prices[index] = max(0, w * size[index] + b)
        return prices

    def hidden_layer(X, W1, b1):
        n1, m = W1.shape[0], X.shape[1]
        A1 = np.zeros((n1, m))
        for j in range(n1):
            for i in range(m):
                A1[j, i] = max(0.0, sum(W1[j, k] * X[k, i] for k in range(X.shape[0])) + b1[j, 0])
        return A1

    checks.check_neuron_price(neuron_price)
    checks.check_hidden_layer(hidden_layer)
    assert capsys.readouterr().out == "neuron_price: all checks passed\nhidden_layer: all checks passed\n"


def test_other_correct_spellings_pass(capsys):
    checks.check_neuron_price(lambda size, w, b: np.maximum(w * size + b, 0.0))
    checks.check_neuron_price(lambda size, w, b: np.where(w * size + b > 0, w * size + b, 0))
    checks.check_neuron_price(lambda size, w, b: (lambda z: z * (z > 0))(w * np.asarray(size) + b)[()])
    checks.check_hidden_layer(lambda X, W1, b1: np.maximum(W1 @ X + b1, 0))
    assert capsys.readouterr().out == "neuron_price: all checks passed\n" * 3 + "hidden_layer: all checks passed\n"


# ================================================================ the inputs


def _calls(name):
    seen = []

    def recording(*args):
        seen.append(args)
        return CORRECT[name](*args)

    checks.check(name, recording, week=WEEK)
    return seen


def test_neuron_price_sees_numbers_arrays_both_sides_of_the_bend_and_two_settings(capsys):
    calls = _calls("neuron_price")
    shapes = {np.shape(size) for size, _, _ in calls}
    assert {(), (4,)} <= shapes and len([s for s in shapes if len(s) == 2]) >= 2
    assert len({(w, b) for _, w, b in calls}) >= 2
    numbers = [w * size + b for size, w, b in calls if np.ndim(size) == 0]
    assert min(numbers) < 0 < max(numbers)
    for size, w, b in calls:
        if np.ndim(size):
            assert (w * size + b > 0).any()
    assert any((w * size + b < 0).any() for size, w, b in calls if np.ndim(size))


def test_hidden_layer_sees_two_layers_whose_sizes_all_differ_and_both_sides_of_zero(capsys):
    calls = _calls("hidden_layer")
    assert len(calls) >= 2
    for X, W1, b1 in calls:
        n1, n_x = W1.shape
        assert X.shape[0] == n_x and b1.shape == (n1, 1)
        assert len({n1, n_x, X.shape[1]}) == 3
        Z1 = W1 @ X + b1
        assert (Z1 > 0).any() and (Z1 < 0).any()
        assert (np.maximum(0, W1 @ X) != np.maximum(0, Z1)).any()  # a missing b1 shows


# ================================================================ self-check questions

ANSWERS = {  # key -> (right answer, a known wrong one, a fragment of its hint)
    "below_the_bend": (0, -0.2, "that is the straight line w * size + b"),
    "x_and_y": ("b", "a", "the wrong way round"),
    "structured": ("c", "a", "a photo is a grid of pixels"),
    "gap_with_more_data": ("b", "a", "more data makes memorising harder"),
}


def test_week_1_has_three_to_five_questions_all_tested():
    keys = [key for key in checks.QUESTIONS if key.startswith("week1.")]
    assert 3 <= len(keys) <= 5
    assert sorted(keys) == sorted(f"week1.{key}" for key in ANSWERS)


@pytest.mark.parametrize("key", list(ANSWERS))
def test_a_question_accepts_its_answer_and_explains_a_known_wrong_one(key):
    question = checks.QUESTIONS[f"week1.{key}"]
    right, wrong, fragment = ANSWERS[key]
    text, ok = verdict(question, right)
    assert ok is True and text.startswith("Right.") and len(text) > len("Right. ") + 40
    text, ok = verdict(question, wrong)
    assert ok is False and text.startswith("Not yet:") and fragment in text
    assert verdict(question, None)[1] is None


def test_self_check_prints_the_verdict(capsys):
    from course_utils import self_check

    self_check("week1.x_and_y", "B")
    self_check("week1.below_the_bend", 0.0)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Right.") and out[1].startswith("Right.")


# ================================================================ the notebook asks them as the checks expect

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "week1_introduction.ipynb"
QUESTION_CELL = re.compile(r"answer = None  # your answer in place of None, e\.g\. \S+\n"
                           r"cu\.self_check\(\"week1\.(\w+)\", answer\)")


def test_the_notebook_asks_every_question_once_and_has_each_exercise_with_its_check_cell():
    cells = nbformat.read(NOTEBOOK, 4).cells
    asked = [m.group(1) for c in cells if c.cell_type == "code" for m in [QUESTION_CELL.fullmatch(c.source)] if m]
    assert sorted(asked) == sorted(ANSWERS)
    solutions = [(i, c.metadata["nbgrader"]) for i, c in enumerate(cells)
                 if c.metadata.get("nbgrader", {}).get("solution")]
    assert [meta["grade_id"] for _, meta in solutions] == list(checks.REGISTRY[WEEK])
    for i, meta in solutions:
        name = meta["grade_id"]
        assert meta == {"grade": False, "grade_id": name, "locked": False, "schema_version": 3, "solution": True,
                        "task": False}
        assert "### BEGIN SOLUTION" in cells[i].source and f"def {name}(" in cells[i].source
        assert cells[i + 1].source == f"checks.check_{name}({name})"
        assert cells[i + 1].metadata["nbgrader"] == {"grade": True, "grade_id": f"{name}_check", "locked": True,
                                                     "points": 1, "schema_version": 3, "solution": False,
                                                     "task": False}
