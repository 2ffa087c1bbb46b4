"""Week 3's exercise checks: the three added by issue 14 (update_parameters, nn_model, predict),
the gap closed in backward_propagation, and week 3's self-check questions.

tests/test_checks.py runs its rules for every exercise of the registry, with the
references of ``CORRECT`` here for week 3 (``WEEK``): week 3's ``predict(parameters,
X)`` and ``update_parameters(parameters, grads, learning_rate=1.2)`` are not weeks 2
and 4's. This file pins each new check to the mistakes it knows (``MUTANTS``).

The first five references come from tests/references.py (a plain module, which
tests/test_checks.py imports too); the three new ones are written here.
"""

import contextlib
import io

import numpy as np
import pytest

import course_utils as cu
from course_utils import checks
from course_utils.checks import CheckFailed, NotImplementedYet
from course_utils.checks import week3
from course_utils.selfcheck import verdict

WEEK = 3


# ================================================================ correct implementations


# The first five are tests/references.py's, as tests/test_checks.py runs them.
from references import (  # noqa: E402
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    layer_sizes,
    sigmoid,
)


def update_parameters(parameters, grads, learning_rate=1.2):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, seed=seed)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost and i % 1000 == 0:
                print(f"cost after iteration {i}: {costs[-1]:.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)


CORRECT = {
    "layer_sizes": layer_sizes,
    "initialize_parameters": initialize_parameters,
    "forward_propagation": forward_propagation,
    "compute_cost": compute_cost,
    "backward_propagation": backward_propagation,
    "update_parameters": update_parameters,
    "nn_model": nn_model,
    "predict": predict,
}
NEW = ["update_parameters", "nn_model", "predict"]


# ================================================================ mutants: (exercise, wrong function, hint pattern)


def _step_with(parameters, grads, learning_rate=1.2, *, sign=-1.0, biases=True, rate=None, in_place=False):
    rate = learning_rate if rate is None else rate
    if in_place:
        for key in parameters:
            parameters[key] -= rate * grads["d" + key]
        return parameters
    return {key: value + sign * rate * grads["d" + key] if (biases or key[0] == "W") else value
            for key, value in parameters.items()}


def _wrong_default(parameters, grads, learning_rate=0.01):
    return update_parameters(parameters, grads, learning_rate)


def _train_with(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2, *,
                fixed_rate=None, fixed_seed=None, layer_n_h=False, record_after=False, every=100, sign=-1.0,
                only_parameters=False, fixed_iterations=None):
    n_x, n_h_fixed, n_y = layer_sizes(X, Y)
    n_h = n_h_fixed if layer_n_h else n_h
    parameters = initialize_parameters(n_x, n_h, n_y, seed=seed if fixed_seed is None else fixed_seed)
    rate = learning_rate if fixed_rate is None else fixed_rate
    costs = []
    for i in range(num_iterations if fixed_iterations is None else fixed_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % every == 0 and not record_after:
            costs.append(compute_cost(A2, Y))
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = {k: v + sign * rate * grads["d" + k] for k, v in parameters.items()}
        if i % every == 0 and record_after:
            costs.append(compute_cost(forward_propagation(X, parameters)[0], Y))
    return parameters if only_parameters else (parameters, costs)


def _quietly(fn, *args, **kwargs):
    with np.errstate(all="ignore"):  # gradient ascent takes the log of 0
        return fn(*args, **kwargs)


def _train_changing_X(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
    X -= X.mean(axis=1, keepdims=True)  # centring the caller's X
    return nn_model(X, Y, n_h, num_iterations, print_cost, learning_rate, seed)


def _predict_with(parameters, X, *, rule="strict"):
    A2, cache = forward_propagation(X, parameters)
    return {"strict": (A2 > 0.5).astype(int), "at_least": (A2 >= 0.5).astype(int), "probabilities": A2,
            "reversed": (A2 < 0.5).astype(int), "Z2": (cache["Z2"] > 0.5).astype(int),
            "rank1": (A2 > 0.5).astype(int).ravel()}[rule]


def _backward_with(parameters, cache, X, Y, *, dW2_rule="dot", db2_axis=1):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
    if dW2_rule == "dot":
        dW2 = np.dot(dZ2, A1.T) / m
    else:  # * and a sum over the examples: right only for one output unit
        dW2 = np.sum(dZ2 * A1, axis=1, keepdims=True).T / m
    db2 = np.sum(dZ2, axis=db2_axis, keepdims=True) / m
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}


MUTANTS = [
    # update_parameters
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, sign=1.0),
     r"^update_parameters \(layer sizes \(3, 4, 1\), learning_rate=0\.5\): W1\[.*gradient descent subtracts"),
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, biases=False),
     r"b1\[.*update the biases too"),
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, rate=1.2),
     r"use the argument learning_rate, not the default 1\.2"),
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, rate=0.1),
     r"the step was 0\.1 times the gradient, but learning_rate is 0\.5"),
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, in_place=True),
     r"changed its input parameters; work on a copy \(return a new dict, e\.g\. \{\"W1\": W1 - learning_rate \* dW1"),
    ("update_parameters", _wrong_default, r"learning_rate left at its default\).*the default learning rate is 1\.2"),
    ("update_parameters", lambda p, g, learning_rate=1.2: {k: v for k, v in update_parameters(p, g).items()
                                                           if k != "b2"},
     r"has no key 'b2'"),
    # nn_model
    ("nn_model", lambda *a, **k: _train_with(*a, **k, fixed_rate=1.2),
     r"^nn_model \(X of shape \(2, 6\), n_h=3, .*: use the argument learning_rate"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, fixed_seed=2), r"use the argument seed"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, layer_n_h=True),
     r"parameters\['W1'\] has shape \(4, 2\) but should be \(3, 2\): use the argument n_h"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, record_after=True),
     r"costs\[\d\] .*record the cost of the forward pass before the update"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, every=1), r"costs has 201 entries but should have 3: "
                                                                 r"record the cost only every 100 iterations"),
    ("nn_model", lambda *a, **k: _quietly(_train_with, *a, **k, sign=1.0), r"gradient descent subtracts"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, fixed_iterations=10000),
     r"costs has 100 entries but should have 3: use the argument num_iterations"),
    ("nn_model", lambda *a, **k: _train_with(*a, **k, only_parameters=True),
     r"returned only the parameters, but should return \(parameters, costs\): this notebook's nn_model also"),
    ("nn_model", _train_changing_X, r"changed its input X; work on a copy"),
    # predict
    ("predict", lambda p, X: _predict_with(p, X, rule="at_least"),
     r"W2 = 0 and b2 = 0\): .*the label is 1 only where A2 > 0\.5, strictly"),
    ("predict", lambda p, X: _predict_with(p, X, rule="probabilities"),
     r"predictions should hold only 0 and 1, got 0\.\d+: turn the probabilities"),
    ("predict", lambda p, X: _predict_with(p, X, rule="reversed"), r"the comparison is the wrong way round"),
    ("predict", lambda p, X: _predict_with(p, X, rule="Z2"), r"compare the probability A2 \(after the sigmoid\)"),
    ("predict", lambda p, X: _predict_with(p, X, rule="rank1"),
     r"predictions has shape \(8,\) but should be \(1, 8\): predictions are a row of shape \(1, m\)"),
    # backward_propagation: the case with two output units
    ("backward_propagation", lambda *a: _backward_with(*a, dW2_rule="star"),
     r"^backward_propagation \(X of shape \(3, 5\)\): dW2 has shape \(1, 2\) but should be \(2, 2\): "
     r"use np\.dot\(dZ2, A1\.T\)"),
    ("backward_propagation", lambda *a: _backward_with(*a, db2_axis=None),
     r"^backward_propagation \(X of shape \(3, 5\)\): db2 has shape \(1, 1\) but should be \(2, 1\): "
     r"sum over the examples only"),
]


# ================================================================ the references


def test_week_3s_exercises_are_registered_in_the_notebooks_order():
    assert list(checks.REGISTRY[WEEK]) == list(CORRECT)
    assert list(week3.EXERCISES) == list(CORRECT)
    for name, check in (("update_parameters", "check_update_parameters_2layer"), ("nn_model", "check_nn_model"),
                        ("predict", "check_predict_2layer")):
        assert check in week3.__all__  # checks.__all__ lists only check_<exercise name>: the lead wires the rest
        assert checks.lookup(name, WEEK) is getattr(checks, check)
    # the flat view keeps the first week's: week 2's predict, week 4's update_parameters is week 4's own
    assert checks.CHECKS["predict"] is checks.check_predict
    assert checks.lookup("update_parameters", 4) is checks.check_update_parameters


def test_the_reference_training_loop_is_course_utils_training_loop():
    X, Y = cu.load_planar_dataset(seed=1)
    parameters, costs = nn_model(X, Y, 4, num_iterations=300, learning_rate=1.2, seed=2)
    package, package_costs = cu.L_layer_model(X, Y, [2, 4, 1], learning_rate=1.2, num_iterations=300,
                                              hidden_activation="tanh", init="small", seed=2)
    assert np.allclose(costs, package_costs, rtol=1e-9)
    assert all(np.allclose(parameters[key], package[key], rtol=1e-9) for key in package)
    ours = week3._train(X, Y, 4, 300, 1.2, 2)
    assert np.allclose(ours[1], costs, rtol=1e-12)
    assert np.array_equal(predict(parameters, X), cu.predict(X, package, "tanh"))


@pytest.mark.parametrize("name", list(CORRECT))
def test_a_correct_implementation_passes_with_one_line(name, capsys):
    assert checks.check(name, CORRECT[name], week=WEEK) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


@pytest.mark.parametrize("name, mutant, pattern", MUTANTS,
                         ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(MUTANTS)])
def test_a_known_mistake_gets_its_hint(name, mutant, pattern, capsys):
    with pytest.raises(CheckFailed, match=pattern):
        checks.check(name, mutant, week=WEEK)
    assert capsys.readouterr().out == ""


def test_each_new_check_knows_at_least_three_mistakes():
    counts = {name: sum(1 for mutant_name, _, _ in MUTANTS if mutant_name == name) for name in NEW}
    assert min(counts.values()) >= 3, counts


@pytest.mark.parametrize("name", NEW)
def test_a_stub_is_not_implemented_yet(name):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedYet, match=f"^{name}: not implemented yet$"):
        checks.check(name, stub, week=WEEK)


@pytest.mark.parametrize("name", NEW)
def test_an_answer_typed_in_for_one_case_fails(name):
    first = []

    def typed_in(*args, **kwargs):
        if not first:
            first.append(CORRECT[name](*args, **kwargs))
        return first[0]

    with pytest.raises(CheckFailed, match=r"instead of the argument"):
        checks.check(name, typed_in, week=WEEK)


@pytest.mark.parametrize("name, changing, pattern", [
    ("update_parameters", lambda p, g, learning_rate=1.2: _step_with(p, g, learning_rate, in_place=True),
     r"changed its input parameters"),
    ("nn_model", _train_changing_X, r"changed its input X"),
    ("predict", lambda p, X: predict(p, np.multiply(X, 2, out=X)), r"changed its input X"),
])
def test_changing_an_input_in_place_is_caught(name, changing, pattern):
    with pytest.raises(CheckFailed, match=pattern):
        checks.check(name, changing, week=WEEK)


# ================================================================ what each check accepts


def test_predictions_may_be_booleans_or_floats(capsys):
    checks.check("predict", lambda p, X: forward_propagation(X, p)[0] > 0.5, week=WEEK)
    checks.check("predict", lambda p, X: predict(p, X).astype(float), week=WEEK)
    checks.check("predict", lambda p, X: np.round(forward_propagation(X, p)[0]), week=WEEK)  # 0.5 rounds to 0
    assert capsys.readouterr().out == "predict: all checks passed\n" * 3


def test_a_course_style_update_passes(capsys):
    def update_parameters(parameters, grads, learning_rate=1.2):
        W1, b1, W2, b2 = (parameters[k].copy() for k in ("W1", "b1", "W2", "b2"))
        W1 = W1 - learning_rate * grads["dW1"]
        b1 = b1 - learning_rate * grads["db1"]
        W2 -= learning_rate * grads["dW2"]  # on a copy: fine
        b2 -= learning_rate * grads["db2"]
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    checks.check("update_parameters", update_parameters, week=WEEK)
    assert capsys.readouterr().out == "update_parameters: all checks passed\n"


def test_nn_model_may_print_the_cost_when_asked(capsys):
    X, Y = cu.load_planar_dataset(seed=1)
    _, costs = nn_model(X, Y, 2, num_iterations=1001, print_cost=True)
    assert capsys.readouterr().out == (f"cost after iteration 0: {costs[0]:.6f}\n"
                                       f"cost after iteration 1000: {costs[10]:.6f}\n")


def test_the_nn_model_check_is_fast():
    import time

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        checks.check("nn_model", nn_model, week=WEEK)
    assert time.perf_counter() - start < 1.0


# ================================================================ a broken callee is named


_NOTEBOOK = '''
import numpy as np

def update_parameters(parameters, grads, learning_rate=1.2):
    {update}

def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, seed=seed)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), learning_rate)
    return parameters, costs
'''


def _notebook_with(update):
    """nn_model and update_parameters defined together, as in the notebook (where check order looks)."""
    namespace = dict(layer_sizes=layer_sizes, initialize_parameters=initialize_parameters,
                     forward_propagation=forward_propagation, compute_cost=compute_cost,
                     backward_propagation=backward_propagation, __name__="notebook")
    exec(compile(_NOTEBOOK.format(update=update), "<notebook>", "exec"), namespace)
    return namespace


def test_nn_model_names_a_broken_update_parameters():
    namespace = _notebook_with('return {k: v + learning_rate * grads["d" + k] for k, v in parameters.items()}')
    with pytest.raises(CheckFailed, match=r"^nn_model: update_parameters, which it calls, does not pass its "
                                          r"check yet \(update_parameters .*gradient descent subtracts.*\): "
                                          r"fix update_parameters first"):
        checks.check("nn_model", namespace["nn_model"], week=WEEK)
    with pytest.raises(checks.Skipped, match="^skipped: needs update_parameters, which does not pass"):
        checks.needs(namespace["nn_model"], week=WEEK)


def test_nn_model_names_an_update_parameters_not_written_yet():
    namespace = _notebook_with("raise NotImplementedError()")
    with pytest.raises(NotImplementedYet, match="^nn_model: update_parameters, which it calls, is not implemented yet$"):
        checks.check("nn_model", namespace["nn_model"], week=WEEK)


# ================================================================ backward_propagation's two-output case


@pytest.mark.parametrize("variant", ["course", "matmul", "mean"])
def test_every_correct_backward_propagation_passes_the_two_output_case(variant, capsys):
    def backward(parameters, cache, X, Y):
        m = X.shape[1]
        A1, A2 = cache["A1"], cache["A2"]
        dZ2 = A2 - Y
        if variant == "course":
            return backward_propagation(parameters, cache, X, Y)
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - np.power(A1, 2))
        if variant == "matmul":
            return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
                    "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
        return {"dW1": (1 / m) * dZ1 @ X.T, "db1": np.mean(dZ1, axis=1, keepdims=True),
                "dW2": (1 / m) * dZ2 @ A1.T, "db2": np.mean(dZ2, axis=1, keepdims=True)}

    checks.check("backward_propagation", backward, week=WEEK)
    assert capsys.readouterr().out == "backward_propagation: all checks passed\n"


def test_the_two_output_reference_is_the_numerical_gradient():
    # The two-output case has no course_utils network to compare with: its expected gradients
    # come from week3._shallow_backward, so check those against centred differences of the cost.
    (X, parameters), = week3._two_output_case(seed=34)
    Y = np.array([[1, 0, 1, 1, 0], [0, 0, 1, 0, 1]])

    def cost(p):
        A2 = week3._shallow_forward(X, p)["A2"]
        return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / X.shape[1]

    grads = week3._shallow_backward(parameters, week3._shallow_forward(X, parameters), X, Y)
    for key in parameters:
        probe = {k: v.copy() for k, v in parameters.items()}
        numerical = cu.numerical_gradient(lambda: cost(probe), probe[key], h=1e-6)
        assert cu.rel_error(grads["d" + key], numerical) < 1e-7, key


# ================================================================ self-check questions


def _question_cases():
    """(key, question, a known wrong answer) for every wrong answer each question has a hint for."""
    return [(key, question, wrong) for key, question in week3.QUESTIONS.items() for wrong in question.mistakes]


def test_week_3_has_three_to_five_questions_each_with_hints():
    assert 3 <= len(week3.QUESTIONS) <= 5
    assert all(f"week3.{key}" in checks.QUESTIONS for key in week3.QUESTIONS)
    assert all(len(q.mistakes) >= 2 and len(q.explanation) > 40 for q in week3.QUESTIONS.values())


@pytest.mark.parametrize("key, question, wrong", _question_cases(), ids=[f"{key}-{wrong}" for key, _, wrong in _question_cases()])
def test_a_question_takes_its_answer_and_hints_at_a_known_mistake(key, question, wrong):
    right = question.answer[0] if question.kind == "word" else question.answer
    text, ok = verdict(question, right)
    assert ok is True and text == f"Right. {question.explanation}"
    text, ok = verdict(question, wrong)
    assert ok is False and text.startswith(f"Not yet: {question.mistakes[wrong].rstrip('.')}.")



# ================================================================ nn_model's print_cost


def _nn_model_printing(line):
    """nn_model that prints ``line(i, costs)`` instead of the right line."""
    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
        with contextlib.redirect_stdout(io.StringIO()):
            parameters, costs = CORRECT["nn_model"](X, Y, n_h, num_iterations, False, learning_rate, seed)
        for i in range(num_iterations):
            text = line(i, costs) if print_cost else None
            if text:
                print(text)
        return parameters, costs
    return nn_model


@pytest.mark.parametrize("line, message", [
    (lambda i, costs: None, r"printed 0 lines but should print 2, at iterations 0 and 1000"),
    (lambda i, costs: f"cost {costs[i // 100]}" if i % 100 == 0 else None, r"printed 11 lines but should print 2"),
    (lambda i, costs: f"cost after iteration {i}: {costs[0]:.6f}" if i % 1000 == 0 else None,
     r"should end in the cost of iteration 1000"),
    (lambda i, costs: f"cost: {costs[i // 100]:.6f}" if i % 1000 == 0 else None, r"should name iteration 0"),
])
def test_nn_model_prints_the_cost_every_1000_iterations(line, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check("nn_model", _nn_model_printing(line), week=3)


def test_a_cost_printed_rounded_passes(capsys):
    fn = _nn_model_printing(lambda i, costs: f"Iteration {i}, cost {costs[i // 100]:.4f}" if i % 1000 == 0 else None)
    checks.check("nn_model", fn, week=3)
    assert capsys.readouterr().out.endswith("nn_model: all checks passed\n")


def test_an_update_whose_result_is_thrown_away_is_named():
    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
        n_x, _, n_y = layer_sizes(X, Y)
        parameters = initialize_parameters(n_x, n_h, n_y, seed=seed)
        costs = []
        for i in range(num_iterations):
            A2, cache = forward_propagation(X, parameters)
            if i % 100 == 0:
                costs.append(compute_cost(A2, Y))
            grads = backward_propagation(parameters, cache, X, Y)
            update_parameters(parameters, grads, learning_rate)  # the new parameters are dropped
        return parameters, costs

    with pytest.raises(CheckFailed, match=r"update_parameters returns the new parameters: write parameters = "):
        checks.check("nn_model", nn_model, week=3)
