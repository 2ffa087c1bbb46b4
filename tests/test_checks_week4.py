"""The checks of week 4 (issue 14): the references of every exercise, and the mistakes of the training loops.

tests/test_checks.py runs the rules every check shares on CORRECT below (a
correct answer passes, a stub is not implemented yet, a typed-in answer fails,
the learner's own exception comes through); its MUTANTS hold the building
blocks' mistakes. Here: the mistakes of ``two_layer_model`` and
``L_layer_model`` and the hint each gets, a broken building block named by its
exercise, inputs changed in place, the speed of the checks, and the self-check
questions of week 4.
"""

import inspect
import re
import time

import numpy as np
import pytest

import course_utils as cu
from course_utils import checks
from course_utils.checks import CheckFailed, NotImplementedYet
from course_utils.selfcheck import verdict

WEEK = 4

# The building blocks, written as a learner of the course would (tests/test_checks.py has them written
# another way; it imports this module, so this one does not import it back).
def initialize_parameters_deep(layer_dims, seed=3):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A_prev, W, b):
    Z = np.dot(W, A_prev) + b
    return Z, (A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = cu.sigmoid(Z)
    elif activation == "relu":
        A = cu.relu(Z)
    return A, (linear_cache, Z)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = cu.relu_backward(dA, Z)
    elif activation == "sigmoid":
        dZ = cu.sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
        dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            grads["dA" + str(l)], caches[l - 1], "relu")
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = {}
    for l in range(1, len(params) // 2 + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False,
                    seed=1, record_every=100):
    parameters = initialize_parameters_deep(list(layers_dims), seed=seed)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        if i % record_every == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print("Cost after iteration %i: %f" % (i, costs[-1]))
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False,
                  seed=1, record_every=100):
    parameters = initialize_parameters_deep(layers_dims, seed=seed)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % record_every == 0:
            costs.append(compute_cost(AL, Y))
            if print_cost:
                print(f"iteration {i}: cost {costs[-1]}")
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
    return parameters, costs


CORRECT = {
    "initialize_parameters_deep": initialize_parameters_deep,
    "linear_forward": linear_forward,
    "linear_activation_forward": linear_activation_forward,
    "L_model_forward": L_model_forward,
    "compute_cost": compute_cost,
    "linear_backward": linear_backward,
    "linear_activation_backward": linear_activation_backward,
    "L_model_backward": L_model_backward,
    "update_parameters": update_parameters,
    "two_layer_model": two_layer_model,
    "L_layer_model": L_layer_model,
}


# ================================================================ mutants of the training loops


def _loop(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
          record_every=100, *, two=False, rate=None, sign=-1.0, keep=False, after=False, extra=0, start=0,
          every=None, use_seed=None, hidden="relu", output="sigmoid", back_hidden=None, dZ=False, last=False):
    """A training loop with switches for the known mistakes; two=True is two_layer_model's loop."""
    parameters = initialize_parameters_deep(list(layers_dims), seed=seed if use_seed is None else use_seed)
    rate = learning_rate if rate is None else rate
    every = record_every if every is None else every
    costs = []
    with np.errstate(all="ignore"):
        for i in range(start, num_iterations + extra + start):
            if two:
                A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], hidden)
                AL, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], output)
                dA2 = AL - Y if dZ else -(Y / AL - (1 - Y) / (1 - AL))
                dA1, dW2, db2 = linear_activation_backward(dA2, cache2, output)
                _, dW1, db1 = linear_activation_backward(dA1, cache1, back_hidden or hidden)
                grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
            else:
                AL, caches = L_model_forward(X, parameters)
                grads = L_model_backward(AL, Y, caches)
            cost = compute_cost(AL, Y)
            new = {k: v + sign * rate * grads[f"d{k}"] for k, v in parameters.items()}
            if i % every == 0 or (last and i == num_iterations - 1):
                if after:
                    cost = compute_cost(L_model_forward(X, new)[0], Y)
                costs.append(cost)
            if not keep:
                parameters = new
    return parameters, costs


def _two(**switches):
    def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                        record_every=100):
        return _loop(X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every, two=True,
                     **switches)
    return two_layer_model


def _deep(**switches):
    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                      record_every=100):
        return _loop(X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every, **switches)
    return L_layer_model


def _scaling_X_in_place(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                        record_every=100):
    X /= np.abs(X).max()
    return L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every)


_SHARED = [
    ({"rate": 0.0075}, r"use the argument learning_rate"),
    ({"sign": 1.0}, r"gradient descent subtracts"),
    ({"keep": True}, r"parameters = update_parameters\(parameters, grads, learning_rate\)"),
    ({"after": True}, r"record the cost of this iteration's forward pass, before the update"),
    ({"extra": 1}, r"run exactly num_iterations steps"),
    ({"extra": -1}, r"run exactly num_iterations steps"),
    ({"start": 1}, r"count the iterations from 0"),
    ({"every": 100}, r"record the cost every record_every iterations"),
    ({"every": 1}, r"record the cost only every record_every iterations"),
    ({"last": True}, r"not also after the last iteration"),
    ({"use_seed": 3}, r"pass the argument seed on"),
]

MUTANTS = [
    *[("two_layer_model", _two(**switches), hint) for switches, hint in _SHARED],
    ("two_layer_model", _two(hidden="sigmoid"), r"layer 1 \(hidden\) uses 'relu' and layer 2 \(output\) 'sigmoid'"),
    ("two_layer_model", _two(hidden="sigmoid", output="relu"), r"the output layer must be 'sigmoid'"),
    ("two_layer_model", _two(output="relu"), r"the output layer must be 'sigmoid'"),
    ("two_layer_model", _two(back_hidden="sigmoid"), r"'relu' for layer 1"),
    ("two_layer_model", _two(dZ=True), r"AL - Y is already dZ2"),
    *[("L_layer_model", _deep(**switches), hint) for switches, hint in _SHARED],
    # Right answers that ignore print_cost (the course's loops print each recorded cost when asked).
    ("two_layer_model", _two(), r"^two_layer_model \(print_cost=True\): it printed 0 lines but should print each "
                                r"of the 4 recorded costs: .*if print_cost: print it"),
    ("L_layer_model", _deep(), r"^L_layer_model \(print_cost=True\): .*if print_cost: print it"),
]


# ================================================================ the tests


@pytest.mark.parametrize("name", list(CORRECT))
def test_the_reference_passes_printing_one_line(name, capsys):
    assert checks.REGISTRY[WEEK][name](CORRECT[name]) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


def test_the_training_loops_are_week_4s_last_exercises_in_the_notebooks_order():
    assert list(checks.REGISTRY[WEEK]) == list(CORRECT)
    for name in ("two_layer_model", "L_layer_model"):
        assert f"check_{name}" in checks.week4_application.__all__
        assert getattr(checks.week4_application, f"check_{name}") is checks.REGISTRY[WEEK][name]


@pytest.mark.parametrize("name, mutant, pattern", MUTANTS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(MUTANTS)])
def test_a_known_mistake_gets_its_hint(name, mutant, pattern, capsys):
    with pytest.raises(CheckFailed, match=pattern):
        checks.REGISTRY[WEEK][name](mutant)
    assert capsys.readouterr().out == ""


def test_each_training_loop_is_pinned_to_at_least_three_mistakes():
    for name in ("two_layer_model", "L_layer_model"):
        assert len({pattern for n, _, pattern in MUTANTS if n == name}) >= 3


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_a_stub_is_not_implemented_yet(name):
    def stub(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
             record_every=100):
        raise NotImplementedError()

    with pytest.raises(NotImplementedYet, match=f"^{name}: not implemented yet$"):
        checks.REGISTRY[WEEK][name](stub)


def _notebook_namespace():
    """The references defined as notebook cells are: functions of one namespace, calling each other by name."""
    namespace = {"__name__": "__notebook__", "np": np, "cu": cu}
    source = "\n\n".join(inspect.getsource(fn) for fn in CORRECT.values())
    exec(compile(source, "<notebook cells>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name, callee", [("two_layer_model", "linear_activation_backward"),
                                          ("L_layer_model", "L_model_backward"),
                                          ("L_layer_model", "linear_forward")])
def test_a_stub_building_block_is_named(name, callee, capsys):
    namespace = _notebook_namespace()
    checks.REGISTRY[WEEK][name](namespace[name])  # all written: it passes
    assert capsys.readouterr().out == f"{name}: all checks passed\n"
    exec(f"def {callee}(*args):\n    raise NotImplementedError()", namespace)
    with pytest.raises(NotImplementedYet, match=f"^{name}: {callee}, which it calls, is not implemented yet$"):
        checks.REGISTRY[WEEK][name](namespace[name])


def test_a_broken_building_block_is_named_with_its_own_message():
    namespace = _notebook_namespace()
    exec("def update_parameters(params, grads, learning_rate):\n"
         "    return {k: v + learning_rate * grads['d' + k] for k, v in params.items()}", namespace)
    with pytest.raises(CheckFailed, match=r"^L_layer_model: update_parameters, which it calls, does not pass its "
                                          r"check yet \(update_parameters .*subtract.*fix update_parameters first"):
        checks.check_L_layer_model(namespace["L_layer_model"])


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_an_answer_typed_in_for_one_case_fails(name):
    first = []

    def typed_in(*args, **kwargs):
        if not first:
            first.append(CORRECT[name](*args, **kwargs))
        return first[0]

    with pytest.raises(CheckFailed, match=r"a global variable \(or a fixed answer\) instead of the argument X"):
        checks.REGISTRY[WEEK][name](typed_in)


def test_an_input_changed_in_place_is_caught():
    with pytest.raises(CheckFailed, match=r"your function changed its input X; work on a copy \(X = X / 255"):
        checks.check_L_layer_model(_scaling_X_in_place)


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_the_check_calls_two_shapes_and_two_settings(name, capsys):
    seen = []

    def recording(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                  record_every=100):
        seen.append((X.shape, tuple(layers_dims), learning_rate, num_iterations, seed, record_every))
        return CORRECT[name](X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every)

    checks.REGISTRY[WEEK][name](recording)
    assert len({call[0] for call in seen}) >= 2 and len({call[1] for call in seen}) >= 2
    for position in range(2, 6):  # each setting takes two values, none of them the signature's default
        values = {call[position] for call in seen}
        assert len(values) >= 2 and not values & {0.0075, 3000, 1, 100}


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_the_check_is_fast(name, capsys):
    start = time.perf_counter()
    checks.REGISTRY[WEEK][name](CORRECT[name])
    assert time.perf_counter() - start < 1.0


def test_the_checks_expected_answer_is_course_utils_training_loop():
    """The variants' own loop, with no switch set, is cu.L_layer_model: the hints compare like with like."""
    from course_utils.checks.week4_application import _train

    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((4, 9)), (rng.random((1, 9)) < 0.5).astype(int)
    ours = _train(X, Y, [4, 3, 2, 1], 0.2, 25, 5, 4)
    theirs = cu.L_layer_model(X, Y, [4, 3, 2, 1], 0.2, 25, seed=5, record_every=4)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-12)
    for key in theirs[0]:
        np.testing.assert_allclose(ours[0][key], theirs[0][key], rtol=1e-12)


# ================================================================ self-check questions


QUESTIONS = {  # key -> (a right answer, a known wrong one, a piece of its hint)
    "W2_shape": ((7, 20), (20, 7), "that is W2.T"),
    "b3_shape": ((5, 1), (5,), "rank-1 array"),
    "output_activation": ("Sigmoid", "relu", "log(0)"),
    "cost_curve": ("a", "c", "0.5 did in section 8"),
    "parameter": ("(b)", "a", "you choose the learning rate"),
}


def test_week_4_has_its_questions():
    assert set(checks.week4.QUESTIONS) == set(QUESTIONS)
    assert all(f"week4.{key}" in checks.QUESTIONS for key in QUESTIONS)


@pytest.mark.parametrize("key", list(QUESTIONS))
def test_a_question_knows_right_from_wrong(key):
    right, wrong, hint = QUESTIONS[key]
    question = checks.QUESTIONS[f"week4.{key}"]
    text, ok = verdict(question, right)
    assert ok is True and text.startswith("Right.")
    text, ok = verdict(question, wrong)
    assert ok is False and text.startswith("Not yet: ") and hint in text


@pytest.mark.parametrize("key", list(QUESTIONS))
def test_the_notebook_asks_each_question_in_the_agreed_form(key):
    import json
    import pathlib

    notebook = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "week4_deep_network.ipynb"
    sources = ["".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"]]
    asked = [s for s in sources if f'cu.self_check("week4.{key}", answer)' in s]
    assert len(asked) == 1
    assert re.fullmatch(r"answer = None  # your answer in place of None, e\.g\. .+\n"
                        rf'cu\.self_check\("week4\.{key}", answer\)', asked[0])


def test_a_return_inside_the_loop_is_suspected():
    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                      record_every=100):
        # what a return one indent too far does: one iteration, one recorded cost
        return CORRECT["L_layer_model"](X, Y, layers_dims, learning_rate, 1, print_cost, seed, record_every)

    with pytest.raises(CheckFailed, match=r"costs has 1 entry.*return after the for loop, not inside it"):
        checks.check("L_layer_model", L_layer_model, week=4)
