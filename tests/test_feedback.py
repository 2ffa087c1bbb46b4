"""Feedback that never misleads: what the checks say to a learner who makes the usual mistakes.

Every input here is a learner's code: functions written the way a learner
writes them in weeks 2 to 4, course-style answers that must pass, and the
typical mistakes, each pinned to the message it now gets.

1. Every course-style correct answer passes (a cost from ``np.squeeze``, a
   numpy or Python float; ``b = 0``; boolean or float predictions), and a
   (1, 1) cost gets advice that works on the numpy installed.
2. The advice that tells the learner to write code runs on the numpy installed.
3. An exception inside the learner's function is shown as one line: their
   line, the error and, for a known mistake, a hint; never a course_utils frame.
4. A correct answer written with Python loops passes, with a note of how much
   slower it was.
"""

import contextlib
import inspect
import io
import json
import linecache
import math
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import course_utils as cu
import test_checks  # the sibling module: its reference solutions
from course_utils import checks
from course_utils.checks import CheckFailed, NotImplementedYet, _core

ROOT = pathlib.Path(__file__).resolve().parents[1]
HERE = pathlib.Path(__file__).name


def _line_of(fn, text):
    """The line number, in this file, of the line of ``fn`` that holds ``text``."""
    lines, first = inspect.getsourcelines(fn)
    (offset,) = [i for i, line in enumerate(lines) if text in line]
    return first + offset


def _one_line(excinfo):
    """What Jupyter shows for the exception: exactly one line, naming no course_utils or numpy file."""
    shown = excinfo.value._render_traceback_()
    assert isinstance(shown, list) and len(shown) == 1, shown
    assert "\n" not in shown[0]
    assert "course_utils/" not in shown[0] and "checks.py" not in shown[0] and "site-packages" not in shown[0]
    return shown[0]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ================================================================ 1. course-style correct answers pass


def propagate_course(w, b, X, Y):
    """The course's own propagate: the cost from np.dot, then np.squeeze (a 0-d array)."""
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost


def propagate_numpy_float(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m  # np.float64
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def propagate_python_float(w, b, X, Y):
    grads, cost = propagate_numpy_float(w, b, X, Y)
    return {"dw": grads["dw"], "db": float(grads["db"])}, float(cost)


def propagate_item(w, b, X, Y):
    grads, cost = propagate_course(w, b, X, Y)
    return grads, np.array([[cost]]).item()


def propagate_one_by_one(w, b, X, Y):
    """The np.dot cost left as a (1, 1) array: refused, with advice."""
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def compute_cost_week4_course(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost


def compute_cost_week3_course(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost


def compute_cost_dot(AL, Y):
    """np.dot leaves a (1, 1) array: refused, with advice."""
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return cost


def initialize_with_zeros_int(dim):
    w = np.zeros((dim, 1))
    b = 0
    return w, b


def initialize_with_zeros_float(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def predict_bool(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return A > 0.5


def predict_float(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = np.zeros((1, X.shape[1]))
    Y_prediction[A > 0.5] = 1.0
    return Y_prediction


def optimize_course(w, b, X, Y, num_iterations=100, learning_rate=0.009):
    """The course's optimize on top of propagate_course, so the recorded costs are 0-d arrays."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate_course(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        if i % 100 == 0:
            costs.append(cost)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs


@pytest.mark.parametrize("name, fn", [
    ("propagate", propagate_course),
    ("propagate", propagate_numpy_float),
    ("propagate", propagate_python_float),
    ("propagate", propagate_item),
    ("compute_cost", compute_cost_week4_course),
    ("compute_cost", compute_cost_week3_course),
    ("initialize_with_zeros", initialize_with_zeros_int),
    ("initialize_with_zeros", initialize_with_zeros_float),
    ("predict", predict_bool),
    ("predict", predict_float),
    ("optimize", optimize_course),
], ids=lambda value: getattr(value, "__name__", value))
def test_every_course_style_correct_answer_passes(name, fn, capsys):
    assert checks.CHECKS[name](fn) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


def test_the_cost_shapes_that_pass_are_numbers_and_a_1_by_1_array_is_not():
    one_by_one = np.array([[0.693]])
    for number in (np.squeeze(one_by_one), np.float64(0.693), 0.693, one_by_one.item(), 0, np.int64(0)):
        assert _core._float_problem("cost", number) is None, repr(number)
    for wrong in (one_by_one, np.array([0.693]), np.array(True), True):
        assert _core._float_problem("cost", wrong) is not None, repr(wrong)


def _advised_code(message):
    """The code the message tells the learner to write: the first 'name = ...(name)' in it."""
    match = re.search(r"(\w+) = (np\.squeeze\(\1\))", message)
    assert match, message
    return match.group(0)


@pytest.mark.parametrize("check, wrong, what", [
    (checks.check_propagate, propagate_one_by_one, "propagate (X of shape (3, 5)): cost"),
    (checks.check_compute_cost, compute_cost_dot, "compute_cost (m=4): the cost"),
])
def test_a_1_by_1_cost_gets_advice_that_works_on_this_numpy(check, wrong, what, capsys):
    with pytest.raises(CheckFailed) as excinfo:
        check(wrong)
    message = str(excinfo.value)
    assert message == (
        f"{what} should be a number, got an array of shape (1, 1): cost = np.squeeze(cost) turns a one-entry "
        f"array, such as the (1, 1) one np.dot gives, into a number; later cells print the cost with "
        f'f"{{cost:.4f}}", which fails for an array with axes')
    # What the old advice said does not work here; what the message says does.
    with pytest.raises(TypeError):
        float(np.array([[0.5]]))
    with pytest.raises(TypeError):
        f"{np.array([[0.5]]):.4f}"
    advice = _advised_code(message)

    def followed(*args):
        answer = wrong(*args)
        namespace = {"np": np, "cost": answer[1] if isinstance(answer, tuple) else answer}
        exec(advice, namespace)
        cost = namespace["cost"]
        assert f"{cost:.4f}"  # what the notebooks do with it
        return (answer[0], cost) if isinstance(answer, tuple) else cost

    followed.__name__ = wrong.__name__
    check(followed)
    assert capsys.readouterr().out.endswith("all checks passed\n")


# ================================================================ 2. advice that runs on this numpy


@pytest.mark.parametrize("shape", [(1, 1), (1,), ()])
def test_the_one_entry_advice_runs_on_this_numpy(shape):
    hint = _core._ONE_ENTRY_HINT
    assert "np.squeeze(x)" in hint and "x.item()" in hint and "float(" not in hint
    x = np.full(shape, 0.25)
    for code in ("np.squeeze(x)", "x.item()"):
        number = eval(code, {"np": np, "x": x})
        assert _core._float_problem("x", number) is None
        assert f"{number:.4f}" == "0.2500"


def test_the_float_of_an_array_hint_runs_on_this_numpy():
    def propagate(w, b, X, Y):
        m = X.shape[1]
        A = sigmoid(np.dot(w.T, X) + b)
        cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
        return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, float(cost)

    with pytest.raises(TypeError) as excinfo:
        checks.check_propagate(propagate)
    line = _line_of(propagate, "float(cost)")
    assert _one_line(excinfo) == (
        f'propagate (X of shape (3, 5)): your propagate raised TypeError at line {line} of {HERE}, '
        f'"return {{"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}}, float(cost)": only '
        f"0-dimensional arrays can be converted to Python scalars. Hint: float() takes only a 0-d array (one "
        f"number, no axes); a one-entry array such as a (1, 1) cost becomes a number with np.squeeze(cost) or "
        f"cost.item(), and an array of several entries needs np.sum first")
    cost = np.array([[0.5]])
    assert float(np.squeeze(cost)) == cost.item() == 0.5


def test_hints_call_activations_as_the_notebooks_can_and_never_advise_float_of_an_array():
    """Weeks 3 and 4 import course_utils as cu and define no sigmoid or relu: advice says cu.relu(Z).

    The whole audit of the code in hints ran as a script on numpy 2.4; these are the two kinds it fixed.
    """
    source = inspect.getsource(checks)
    for bare in ("A2 = sigmoid(Z2)", "A = {activation}(Z)", "dZ = {activation}_backward"):
        assert bare not in source, bare
    assert "float(cost)" not in source.replace("float(np.squeeze(cost))", "")


# ================================================================ 3. the learner's exception, as one line


def sigmoid_math(z):
    s = 1 / (1 + math.exp(-z))
    return s


def propagate_star(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T * X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def L_model_forward_len(X, parameters):
    caches = []
    A = X
    L = len(parameters)
    for l in range(1, L):
        A, cache = cu.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = cu.linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_forward(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache


def linear_activation_forward_unpacking(A_prev, W, b, activation):
    """The course's original helpers returned (A, cache); course_utils' return only A."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = cu.sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = cu.relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward_unpacking(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        A, cache = linear_activation_forward_unpacking(A_prev, W, b, "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward_unpacking(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = cu.sigmoid(Z) if activation == "sigmoid" else cu.relu(Z)
    return A, (linear_cache, Z)


def L_model_forward_X_everywhere(X, parameters):
    caches = []
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(X, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = cu.relu_backward(dA, Z)
    else:
        dZ = cu.sigmoid_backward(dA, Z)
    return cu.linear_backward(dZ, linear_cache)


def L_model_backward_off_by_one(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
        dAL, current_cache, "sigmoid")
    for l in reversed(range(1, L)):
        current_cache = caches[l]
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], current_cache, "relu")
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    return grads


def test_math_exp_in_sigmoid():
    with pytest.raises(TypeError) as excinfo:
        checks.check_sigmoid(sigmoid_math)
    line = _line_of(sigmoid_math, "math.exp")
    assert _one_line(excinfo) == (
        f'sigmoid (z of shape (1, 3)): your sigmoid_math raised TypeError at line {line} of {HERE}, '
        f'"s = 1 / (1 + math.exp(-z))": only 0-dimensional arrays can be converted to Python scalars. '
        f"Hint: math.exp takes one number, not an array; np.exp works on whole arrays, element by element")


def test_a_star_where_the_course_means_a_matrix_product():
    with pytest.raises(ValueError) as excinfo:
        checks.check_propagate(propagate_star)
    line = _line_of(propagate_star, "w.T * X")
    assert _one_line(excinfo) == (
        f'propagate (X of shape (3, 5)): your propagate_star raised ValueError at line {line} of {HERE}, '
        f'"A = sigmoid(w.T * X + b)": operands could not be broadcast together with shapes (1,3) (3,5). '
        f"Hint: w.T * X multiplies element by element; the course's z = w^T X + b is a matrix product, "
        f"np.dot(w.T, X) (or w.T @ X)")


@pytest.mark.parametrize("name", ["L_model_forward", "update_parameters"])
def test_len_of_parameters_without_halving_it(name):
    def update_parameters(params, grads, learning_rate):
        parameters = {}
        L = len(params)
        for l in range(1, L + 1):
            parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
            parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return parameters

    fn = {"L_model_forward": L_model_forward_len, "update_parameters": update_parameters}[name]
    where = {"L_model_forward": "layer_dims=[4, 3, 1]", "update_parameters": "layer_dims=[3, 2, 1], learning_rate=0.1"}
    with pytest.raises(KeyError) as excinfo:
        checks.check(name, fn, week=4)
    text = 'A, cache = cu.linear_activation_forward(' if name == "L_model_forward" else 'parameters["W" + str(l)] ='
    line = _line_of(fn, text)
    source = linecache.getline(__file__, line).strip()
    assert _one_line(excinfo) == (
        f'{name} ({where[name]}): your {fn.__name__} raised KeyError at line {line} of {HERE}, '
        f'"{source}": there is no key \'W3\'. '
        f"Hint: parameters holds a W and a b for each layer, so len(parameters) is twice the number of layers: "
        f"L = len(parameters) // 2")


def test_a_loop_past_the_last_layer_without_len_gets_the_range_hint():
    def L_model_forward(X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L + 2):
            A, cache = cu.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
            caches.append(cache)
        return A, caches

    with pytest.raises(KeyError) as excinfo:
        checks.check_L_model_forward(L_model_forward)
    assert _one_line(excinfo).endswith(
        "there is no key 'W3'. Hint: there is no layer 3: the layers are 1 to L = len(parameters) // 2, "
        "so loop over range(1, L + 1)")


def test_unpacking_course_utils_activation_into_two_names_when_it_raises():
    with pytest.raises(ValueError) as excinfo:
        checks.check_L_model_forward(L_model_forward_unpacking)
    inner = _line_of(linear_activation_forward_unpacking, "A, activation_cache = cu.relu(Z)")
    outer = _line_of(L_model_forward_unpacking, "A, cache = linear_activation_forward_unpacking(A_prev, W")
    assert _one_line(excinfo) == (
        f"L_model_forward (layer_dims=[4, 3, 1]): your linear_activation_forward_unpacking raised ValueError at "
        f'line {inner} of {HERE}, "A, activation_cache = cu.relu(Z)", called from your L_model_forward_unpacking '
        f'at line {outer}, "A, cache = linear_activation_forward_unpacking(A_prev, W, b, "relu")": too many '
        f"values to unpack (expected 2). Hint: cu.relu returns only "
        f"A, not (A, cache): write A = cu.relu(Z), and keep Z yourself for the cache, cache = (linear_cache, Z)")


def test_unpacking_course_utils_activation_into_two_names_when_it_silently_splits_rows():
    # W of shape (2, 4): Z has two rows, so the unpacking works and A is Z's first row.
    with pytest.raises(CheckFailed) as excinfo:
        checks.check_linear_activation_forward(linear_activation_forward_unpacking)
    message = str(excinfo.value)
    assert message == (
        "linear_activation_forward (activation='relu', W of shape (2, 4)): A has shape (5,) but should be (2, 5): "
        "course_utils' relu returns only A, not (A, cache), so A, cache = cu.relu(Z) splits A into its rows; "
        "write A = cu.relu(Z) and keep Z yourself for the cache, cache = (linear_cache, Z)")
    assert "rank-1" not in message and "keepdims" not in message


def test_X_given_to_every_layer():
    with pytest.raises(ValueError) as excinfo:
        checks.check_L_model_forward(L_model_forward_X_everywhere)
    inner = _line_of(linear_forward, "Z = np.dot(W, A_prev) + b")
    outer = _line_of(L_model_forward_X_everywhere, "linear_activation_forward(X,")
    assert _one_line(excinfo) == (
        f'L_model_forward (layer_dims=[5, 4, 3, 2, 1]): your linear_forward raised ValueError at line {inner} of '
        f'{HERE}, "Z = np.dot(W, A_prev) + b", called from your L_model_forward_X_everywhere at line {outer}, '
        f'"A, cache = linear_activation_forward(X, parameters["W" + str(l)], parameters["b" + str(l)], "relu")": '
        f"shapes (3,4) and (5,6) not aligned: 4 (dim 1) != 5 (dim 0). Hint: each layer takes the previous "
        f"layer's activations, not X: only layer 1 gets A_prev = X, then layer l gets the A that layer l - 1 "
        f"returned")


def test_an_off_by_one_cache_index_in_L_model_backward():
    with pytest.raises(ValueError) as excinfo:
        checks.check_L_model_backward(L_model_backward_off_by_one)
    inner = _line_of(linear_activation_backward, "dZ = cu.relu_backward(dA, Z)")
    outer = _line_of(L_model_backward_off_by_one, "dA_prev, dW, db = linear_activation_backward(")
    assert _one_line(excinfo) == (
        f'L_model_backward (layer_dims=[4, 3, 1]): your linear_activation_backward raised ValueError at line '
        f'{inner} of {HERE}, "dZ = cu.relu_backward(dA, Z)", called from your L_model_backward_off_by_one at '
        f'line {outer}, "dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], current_cache, '
        f'"relu")": dA has shape (3, 5) but Z has shape (1, 5): the gradient must have the shape of the '
        f"activation it belongs to. Pass the Z from the same layer's cache. Hint: layer l's backward step takes "
        f"layer l's cache, caches[l - 1] (caches[0] is layer 1's), and layer l's dA; check the indices you pass "
        f"to linear_activation_backward")
    # Before, this ended in a traceback through course_utils/activations.py; the line above is all Jupyter shows.
    assert excinfo.traceback[-1].path.name == "activations.py"


def test_an_error_without_a_known_mistake_still_gets_its_line_and_no_hint():
    def sigmoid(z):
        s = 1 / (1 + np.exp(-zz))  # noqa: F821
        return s

    with pytest.raises(NameError) as excinfo:
        checks.check_sigmoid(sigmoid)
    line = _line_of(sigmoid, "zz")
    assert _one_line(excinfo) == (
        f"sigmoid (z of shape (1, 3)): your sigmoid raised NameError at line {line} of {HERE}, "
        f"\"s = 1 / (1 + np.exp(-zz))  # noqa: F821\": name 'zz' is not defined")


def test_a_function_that_does_not_take_the_exercises_arguments():
    def propagate(w, b, X):
        return {"dw": w, "db": b}, 0.0

    with pytest.raises(TypeError) as excinfo:
        checks.check_propagate(propagate)
    assert _one_line(excinfo) == (
        "propagate (X of shape (3, 5)): calling your propagate raised TypeError: "
        "test_a_function_that_does_not_take_the_exercises_arguments.<locals>.propagate() takes 3 positional "
        "arguments but 4 were given. Hint: the exercise's function is propagate(w, b, X, Y)")


def test_the_learners_exception_keeps_its_type_message_and_traceback():
    """Graders (classroom: status "error", "ValueError: ...") and except clauses still see the real exception."""
    with pytest.raises(ValueError, match=r"^operands could not be broadcast together") as excinfo:
        checks.check_propagate(propagate_star)
    assert str(excinfo.value).startswith("operands could not be broadcast together with shapes (1,3) (3,5)")
    assert excinfo.traceback[-1].name == "propagate_star"
    assert excinfo.value.__context__ is None
    # Plain Python (no IPython) prints the same line as a note under the traceback.
    assert excinfo.value.__notes__ == excinfo.value._render_traceback_()


@pytest.mark.parametrize("kind", [KeyboardInterrupt, SystemExit])
def test_keyboard_interrupt_and_system_exit_are_untouched(kind):
    def sigmoid(z):
        raise kind()

    with pytest.raises(kind) as excinfo:
        checks.check_sigmoid(sigmoid)
    assert not hasattr(excinfo.value, "_render_traceback_")
    assert not getattr(excinfo.value, "__notes__", None)


def test_a_stub_is_still_not_implemented_yet():
    """needs.py and the classroom read these exact messages."""
    def propagate(w, b, X, Y):
        raise NotImplementedError()

    def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009):
        grads, cost = propagate(w, b, X, Y)
        return {"w": w, "b": b}, grads, [cost]

    with pytest.raises(NotImplementedYet) as excinfo:
        checks.check_propagate(propagate)
    assert str(excinfo.value) == "propagate: not implemented yet"
    with pytest.raises(NotImplementedYet) as excinfo:
        checks.check_optimize(optimize)
    assert str(excinfo.value) == "optimize: propagate, which it calls, is not implemented yet"
    assert excinfo.value._render_traceback_() == [
        "NotImplementedYet: optimize: propagate, which it calls, is not implemented yet"]


def test_needs_names_the_learners_error_in_one_line():
    def sigmoid(z):
        return 1 / (1 + math.exp(-z))

    with pytest.raises(checks.Skipped) as excinfo:
        checks.needs(sigmoid)
    assert str(excinfo.value) == ("skipped: needs sigmoid, which raises TypeError: only 0-dimensional arrays can "
                                  "be converted to Python scalars; run its check cell to see where")


def test_whose_code_is_whose():
    assert _core._is_learners(__file__)
    assert _core._is_learners("<ipython-input-3-5d1c0a7b7e2f>")
    assert _core._is_learners("/tmp/ipykernel_4242/1234567890.py")
    assert not _core._is_learners(checks.__file__)
    assert not _core._is_learners(cu.activations.__file__)
    assert not _core._is_learners(np.__file__)
    assert not _core._is_learners(inspect.__file__)
    assert not _core._is_learners("<frozen importlib._bootstrap>")


def test_a_function_from_a_jupyter_cell_is_placed_in_its_cell():
    """ipykernel compiles each cell as a file /tmp/ipykernel_<pid>/<hash>.py and keeps its text in linecache."""
    filename = "/tmp/ipykernel_4242/2718281828.py"
    cell = "import math\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"
    linecache.cache[filename] = (len(cell), None, cell.splitlines(True), filename)
    try:
        namespace = {}
        exec(compile(cell, filename, "exec"), namespace)
        with pytest.raises(TypeError) as excinfo:
            checks.check_sigmoid(namespace["sigmoid"])
    finally:
        del linecache.cache[filename]
    assert _one_line(excinfo).startswith(
        'sigmoid (z of shape (1, 3)): your sigmoid raised TypeError at line 4 of its cell, '
        '"return 1 / (1 + math.exp(-z))": only 0-dimensional arrays can be converted to Python scalars. '
        "Hint: math.exp takes one number")


@pytest.mark.skipif(shutil.which("ipython", path=str(pathlib.Path(sys.executable).parent)) is None,
                    reason="needs IPython")
def test_ipython_shows_the_learners_error_as_one_line_of_the_cell():
    cell = textwrap.dedent("""\
        import numpy as np
        from course_utils import checks

        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = 1 / (1 + np.exp(-(w.T * X + b)))
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost

        checks.check_propagate(propagate)
        """)
    ipython = shutil.which("ipython", path=str(pathlib.Path(sys.executable).parent))
    run = subprocess.run([ipython, "--no-banner", "--colors=NoColor", "--quick", "-c", cell],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    shown = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert shown == [
        'propagate (X of shape (3, 5)): your propagate raised ValueError at line 6 of its cell, '
        '"A = 1 / (1 + np.exp(-(w.T * X + b)))": operands could not be broadcast together with shapes (1,3) (3,5). '
        "Hint: w.T * X multiplies element by element; the course's z = w^T X + b is a matrix product, "
        "np.dot(w.T, X) (or w.T @ X)"], run.stdout + run.stderr


# ================================================================ 4. loop-based answers pass, with a note


def propagate_loops(w, b, X, Y):
    """Week 2's "before vectorization" propagate: loops over the examples and the features."""
    n_x, m = X.shape
    cost = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = 1 / (1 + math.exp(-z))
        cost += -(Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a))
        dz = a - Y[0, i]
        for j in range(n_x):
            dw[j, 0] += X[j, i] * dz
        db += dz
    return {"dw": dw / m, "db": db / m}, cost / m


def compute_cost_loops(AL, Y):
    m = Y.shape[1]
    total = 0.0
    i = 0
    while i < m:
        total += Y[0, i] * math.log(AL[0, i]) + (1 - Y[0, i]) * math.log(1 - AL[0, i])
        i += 1
    return -total / m


NOTE = (r"^{ex}: note: your {ex} loops in Python; on {size} it took [0-9.e+]+ ms, (\d+) times as long as the "
        r"vectorized reference \([0-9.e+-]+ ms\)\. Section 8 of week 2, \"Vectorization\", shows how np\.dot "
        r"and np\.sum replace such loops\.$")


@pytest.mark.parametrize("ex, fn, size", [
    ("propagate", propagate_loops, r"X of shape \(50, 500\)"),
    ("compute_cost", compute_cost_loops, r"m = 5000 examples"),
])
def test_a_loop_based_answer_passes_with_a_note(ex, fn, size, capsys):
    # These loops run 100 to 500 times slower than the reference here; the note needs 10 times.
    assert checks.CHECKS[ex](fn) is None
    passed, note, *projection = capsys.readouterr().out.splitlines()
    assert passed == f"{ex}: all checks passed"
    ratio = re.fullmatch(NOTE.format(ex=ex, size=size), note)
    assert ratio, note
    if ex == "propagate":  # what that speed means for week 2's training (found by a learner trial)
        (line,) = projection
        assert re.fullmatch(r"propagate: note: at that speed section 15's training \(500 iterations on X of "
                            r"\(3072, 4000\)\) would take about \d+ minutes: vectorize it before you get there\.", line), line
    else:
        assert projection == []
    print(f"\nmeasured: {note} {projection}")  # the figures are printed, not asserted


def test_the_projection_scales_the_measured_time_by_the_work():
    times = iter([0.0139, 0.000077])
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setattr(_core, "_seconds", lambda fn, inputs, repeat: next(times))
        _core._loop_note("propagate", propagate_loops, cu.propagate, {}, "X of shape (50, 500)",
                          ("the training", 3072 * 4000 / (50 * 500), 500))
    # 13.9 ms x 491.52 x 500 = 3416 s, about 57 minutes.
    assert out.getvalue().splitlines()[1] == ("propagate: note: at that speed the training would take about 57 "
                                              "minutes: vectorize it before you get there.")


def test_week_2_still_trains_the_way_the_projection_assumes():
    notebook = json.loads((ROOT / "notebooks" / "week2_logistic_regression.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(cell["source"]) for cell in notebook["cells"]]
    section = checks.WEEK2_TRAINING["section"]
    start = next(i for i, text in enumerate(cells) if text.startswith(f"## {section}. "))
    training = next(text for text in cells[start:] if "d = model(X_train" in text)
    assert f"num_iterations={checks.WEEK2_TRAINING['iterations']}" in training
    train_x_orig = cu.load_dataset()[0]
    assert (np.prod(train_x_orig.shape[1:]), train_x_orig.shape[0]) == checks.WEEK2_TRAINING["X_shape"]


def test_the_loop_note_reports_the_measured_ratio_and_needs_ten_times(monkeypatch, capsys):
    inputs = {"AL": np.array([[0.5]]), "Y": np.array([[1]])}
    for yours, ours, shown in ((0.020, 0.0001, True), (0.0003, 0.0001, False)):
        times = iter([yours, ours])
        monkeypatch.setattr(_core, "_seconds", lambda fn, inputs, repeat: next(times))
        _core._loop_note("compute_cost", compute_cost_loops, cu.compute_cost, inputs, "m = 1 example")
        out = capsys.readouterr().out
        if shown:
            assert out.startswith("compute_cost: note: your compute_cost loops in Python; on m = 1 example it took "
                                  "20 ms, 200 times as long as the vectorized reference (0.1 ms).")
        else:
            assert out == ""


def test_a_vectorized_answer_is_not_timed(monkeypatch, capsys):
    def timed(*args, **kwargs):
        raise AssertionError("a function without loops was timed")

    monkeypatch.setattr(_core, "_seconds", timed)
    checks.check_propagate(propagate_numpy_float)
    checks.check_compute_cost(compute_cost_week4_course)
    assert capsys.readouterr().out == "propagate: all checks passed\ncompute_cost: all checks passed\n"


def test_loops_are_found_in_the_source_and_without_it():
    def comprehension(AL, Y):
        return -sum(Y[0, i] * np.log(AL[0, i]) for i in range(Y.shape[1])) / Y.shape[1]

    assert _core._has_loops(propagate_loops)
    assert _core._has_loops(compute_cost_loops)  # while
    assert _core._has_loops(comprehension)
    assert not _core._has_loops(propagate_numpy_float)
    # A function made by exec has no source to read: its bytecode tells.
    namespace = {"np": np}
    exec("def looped(x):\n    t = 0\n    for v in x:\n        t += v\n    return t\n"
         "def flat(x):\n    return np.sum(x)\n", namespace)
    with pytest.raises(OSError):
        inspect.getsource(namespace["looped"])
    assert _core._has_loops(namespace["looped"])
    assert not _core._has_loops(namespace["flat"])


def test_the_vectorization_section_the_note_names_is_in_week_2():
    number, title = checks.VECTORIZATION_SECTION
    notebook = json.loads((ROOT / "notebooks" / "week2_logistic_regression.ipynb").read_text(encoding="utf-8"))
    headings = [line.strip() for cell in notebook["cells"] if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("## ")]
    assert f"## {number}. {title}" in headings, (
        f"checks.VECTORIZATION_SECTION is {checks.VECTORIZATION_SECTION}, but week 2's sections are {headings}: "
        f"set it to the number and title of the section that shows how to vectorize")


# model is the first exercise built only from other exercises: when one of them
# is broken, the message names it instead of what goes wrong downstream.
MODEL_WEEK2 = test_checks.reference_source("sigmoid", "propagate", "optimize", "predict", "model")
RANK_1_INIT = "def initialize_with_zeros(dim):\n    return np.zeros(dim), 0.0\n"


def test_model_names_the_broken_function_it_calls():
    namespace = {"np": np, "cu": cu, "__name__": "__main__"}
    exec(MODEL_WEEK2 + RANK_1_INIT, namespace)  # initialize_with_zeros returns a rank-1 w
    with pytest.raises(checks.CheckFailed, match=r"^model: initialize_with_zeros, which it calls, does not pass its "
                                                 r"check yet \(initialize_with_zeros \(dim=3\): w has shape \(3,\) "
                                                 r".*\): fix initialize_with_zeros first"):
        checks.check_model(namespace["model"])
    exec("def initialize_with_zeros(dim):\n    raise NotImplementedError()\n", namespace)
    with pytest.raises(checks.NotImplementedYet,
                       match=r"^model: initialize_with_zeros, which it calls, is not implemented yet$"):
        checks.check_model(namespace["model"])
    exec("def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0\n", namespace)
    assert checks.check_model(namespace["model"]) is None


def test_np_max_with_two_arguments_gets_the_np_maximum_hint():
    def neuron_price(size, w, b):
        return np.max(0, w * size + b)

    with pytest.raises(TypeError) as excinfo:
        checks.check("neuron_price", neuron_price, week=1)
    assert "np.max(0, z) reads z as an axis; np.maximum(0, z)" in _one_line(excinfo)


def test_comparing_the_pair_a_forward_pass_returns_gets_the_unpack_hint():
    def predict(parameters, X):
        return (cu.L_model_forward(X, parameters) > 0.5).astype(int)

    with pytest.raises(TypeError) as excinfo:
        checks.check("predict", predict, week=3)
    assert "L_model_forward returns a pair, (A, cache): unpack it first" in _one_line(excinfo)


def test_float_of_an_array_answer_is_told_to_return_the_array():
    def neuron_price(size, w, b):
        return float(np.maximum(0, w * size + b))

    with pytest.raises(TypeError) as excinfo:
        checks.check("neuron_price", neuron_price, week=1)
    assert "this answer is an array: return it as it is" in _one_line(excinfo)
    assert "cost" not in _one_line(excinfo).split("Hint:")[1]


def test_a_model_dict_missing_keys_is_told_so_not_blamed_on_a_global():
    def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
        w, b = cu.initialize_with_zeros(X_train.shape[0])
        _, _, costs = cu.optimize(w, b, X_train, Y_train)  # the defaults, and only the costs returned
        return {"costs": costs}

    with pytest.raises(CheckFailed, match=r"d has no key 'w' \(its keys: 'costs'\): return the dict with the keys"):
        checks.check("model", model)
