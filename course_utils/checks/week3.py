"""Checks of week 3's exercises: a network with one hidden layer.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
``EXERCISES`` lists the eight exercises in the notebook's order; three share
their names with other weeks' exercises (``update_parameters`` with week 4's,
``predict`` with week 2's), so their checks have names of their own here,
:func:`check_update_parameters_2layer` and :func:`check_predict_2layer`, and
are looked up by week: ``checks.check("predict", predict, week=3)``.
``QUESTIONS`` holds the notebook's self-check questions.
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import Mapping

import numpy as np

from ..activations import sigmoid, tanh
from ..network import compute_cost, initialize_parameters_deep, L_model_backward, L_model_forward, update_parameters
from ..selfcheck import Question
from ._core import (
    _call,
    _fail,
    _callees_pass,
    _Case,
    _COST_TYPE_HINT,
    _db_shape_hints,
    _init_variants,
    _labels,
    _loop_note,
    _maybe,
    _Part,
    _passed,
    _pick,
    _random_network,
    _shape,
)

__all__ = ["check_layer_sizes", "check_initialize_parameters", "check_forward_propagation", "check_compute_cost",
           "check_backward_propagation", "check_update_parameters_2layer", "check_nn_model", "check_predict_2layer"]


def _layer_sizes(inputs):
    return (inputs["X"].shape[0], 4, inputs["Y"].shape[0])


def check_layer_sizes(fn):
    """Check ``layer_sizes(X, Y)``: ``(n_x, n_h, n_y)`` with ``n_h = 4``.

    Called on ``X`` of shapes (5, 3) and (2, 7), with ``Y`` of 2 and 1 rows.

    Examples
    --------
    >>> check_layer_sizes(lambda X, Y: (X.shape[0], 4, Y.shape[0]))
    layer_sizes: all checks passed
    """
    __tracebackhide__ = True
    ex = "layer_sizes"
    for n_x, n_y, m in ((5, 2, 3), (2, 1, 7)):
        X = np.linspace(-1.0, 1.0, n_x * m).reshape(n_x, m)
        Y = (np.arange(n_y * m).reshape(n_y, m) % 2).astype(np.int64)
        inputs = {"X": X, "Y": Y}
        # The probe's X differs in both dimensions, so that reading either one changes the answer.
        case = _Case(ex, fn, inputs, f"X of {_shape(X)}, Y of {_shape(Y)}",
                     probe=("X", np.zeros((n_x + 1, m + 1))), reference=_layer_sizes)
        answer = case.need_values(("n_x", "n_h", "n_y"))
        expected = _layer_sizes(inputs)
        type_hint = "sizes are whole numbers, such as X.shape[0]"
        parts = [
            _Part("n_x", answer[0], expected[0], "int", type_hint=type_hint,
                  variants=[("n_x is the number of rows, X.shape[0]; X.shape[1] is the number of examples m", m)]),
            _Part("n_h", answer[1], 4, "int", type_hint=type_hint, hint="n_h is fixed at 4 here"),
            _Part("n_y", answer[2], expected[2], "int", type_hint=type_hint,
                  variants=[("n_y is the number of rows of Y, Y.shape[0]", m)]),
        ]
        case.verify(parts)
    _passed(ex)






def _small_initialization(inputs):
    return initialize_parameters_deep([inputs["n_x"], inputs["n_h"], inputs["n_y"]], seed=inputs["seed"],
                                      init="small")


def check_initialize_parameters(fn):
    """Check ``initialize_parameters(n_x, n_h, n_y, seed)``: small random weights, zero biases.

    Called with (n_x, n_h, n_y, seed) = (3, 4, 1, 2) and (5, 2, 2, 7); compared
    with ``course_utils.initialize_parameters_deep([n_x, n_h, n_y], seed=seed,
    init="small")``: ``W1`` then ``W2`` drawn from one
    ``np.random.default_rng(seed)`` with ``standard_normal``, times 0.01.

    Examples
    --------
    >>> check_initialize_parameters(
    ...     lambda n_x, n_h, n_y, seed=2: initialize_parameters_deep([n_x, n_h, n_y], seed=seed, init="small"))
    initialize_parameters: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_parameters"
    keys = ("W1", "b1", "W2", "b2")
    for n_x, n_h, n_y, seed in ((3, 4, 1, 2), (5, 2, 2, 7)):
        inputs = {"n_x": n_x, "n_h": n_h, "n_y": n_y, "seed": seed}
        case = _Case(ex, fn, inputs, f"n_x={n_x}, n_h={n_h}, n_y={n_y}, seed={seed}", probe=("n_h", n_h + 1),
                     reference=_small_initialization, keywords=("seed",))
        parameters = case.answer
        case.need_dict("parameters", parameters, keys, exact=True)
        expected = _small_initialization(inputs)
        variants = [("multiply the random weights by 0.01",
                     {k: v * 100 if k[0] == "W" else v for k, v in expected.items()})]
        variants += _init_variants([n_x, n_h, n_y], seed, 2, lambda n_prev: 0.01)
        parts = []
        for key, rows, columns in (("W1", "n_h", "n_x"), ("b1", "n_h", "1"), ("W2", "n_y", "n_h"), ("b2", "n_y", "1")):
            if key[0] == "W":
                parts.append(_Part(key, parameters[key], expected[key], variants=_pick(variants, key),
                                   transpose_hint=f"{key} has one row per unit of its layer, shape ({rows}, {columns})",
                                   hint=f"{key} = rng.standard_normal(({rows}, {columns})) * 0.01, with one "
                                        f"rng = np.random.default_rng(seed), W1 drawn before W2"))
            else:
                parts.append(_Part(key, parameters[key], expected[key],
                                   rank1_hint=f"{key} is a column, np.zeros(({rows}, 1)), not np.zeros({rows})",
                                   transpose_hint=f"{key} is a column, np.zeros(({rows}, 1))",
                                   hint="biases start at zero"))
        case.verify(parts)
    _passed(ex)


def _shallow_forward(X, parameters, hidden=tanh, output=sigmoid, product=np.dot,
                     use_b1=True, use_b2=True, transpose_W1=False):
    """Week 3's forward pass, with switches that reproduce common mistakes; returns the cache dict."""
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = product(W1.T if transpose_W1 else W1, X) + (b1 if use_b1 else 0.0)
    A1 = hidden(Z1)
    Z2 = product(W2, A1) + (b2 if use_b2 else 0.0)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": output(Z2)}


def _shallow_cases(seed):
    """(X, parameters): a square case first (so * and transposes give values, not errors), then the usual shape."""
    rng = np.random.default_rng(seed)
    cases = []
    for n_x, n_h, m in ((3, 3, 3), (2, 4, 6)):
        parameters = _random_network(rng, [n_x, n_h, 1])
        cases.append((rng.standard_normal((n_x, m)), parameters))
    return cases


def _reference_cache(X, parameters):
    """Week 3's cache dict, from course_utils' tanh network."""
    AL, caches = L_model_forward(X, parameters, "tanh")
    return {"Z1": caches[0].activation_cache, "A1": caches[1].linear_cache.A_prev,
            "Z2": caches[1].activation_cache, "A2": AL}


def check_forward_propagation(fn):
    """Check ``forward_propagation(X, parameters)``: tanh hidden layer, sigmoid output.

    Called on ``X`` of shapes (3, 3) and (2, 6); compared with
    ``course_utils.L_model_forward(X, parameters, "tanh")``.

    Examples
    --------
    >>> def forward_propagation(X, parameters):
    ...     Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    ...     A1 = np.tanh(Z1)
    ...     Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    ...     A2 = 1 / (1 + np.exp(-Z2))
    ...     return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    >>> check_forward_propagation(forward_propagation)
    forward_propagation: all checks passed
    """
    __tracebackhide__ = True
    ex = "forward_propagation"
    for X, parameters in _shallow_cases(seed=31):
        case = _Case(ex, fn, {"X": X, "parameters": parameters}, f"X of {_shape(X)}", probe=("X", X + 0.5),
                     reference=lambda i: _reference_cache(*i.values()))
        A2, cache = case.need_values(("A2", "cache"))
        case.need_dict("cache", cache, ("Z1", "A1", "Z2", "A2"))
        expected = _reference_cache(X, parameters)
        variants = [
            ("did you forget to add b1? Z1 = np.dot(W1, X) + b1", _shallow_forward(X, parameters, use_b1=False)),
            ("did you forget to add b2? Z2 = np.dot(W2, A1) + b2", _shallow_forward(X, parameters, use_b2=False)),
            ("use np.dot(W1, X) (a matrix product), not W1 * X (element by element)",
             _maybe(_shallow_forward, X, parameters, product=np.multiply)),
            ("did you transpose W1? Z1 = np.dot(W1, X) + b1",
             _maybe(_shallow_forward, X, parameters, transpose_W1=True)),
            ("the hidden layer uses np.tanh, not sigmoid", _shallow_forward(X, parameters, hidden=sigmoid)),
            ("the output layer uses sigmoid, not np.tanh", _shallow_forward(X, parameters, output=tanh)),
        ]
        hints = {"Z1": "Z1 = np.dot(W1, X) + b1", "A1": "A1 = np.tanh(Z1)",
                 "Z2": "Z2 = np.dot(W2, A1) + b2", "A2": "A2 = cu.sigmoid(Z2)"}
        parts = [_Part(f"cache['{key}']", cache[key], expected[key], variants=_pick(variants, key), hint=hint)
                 for key, hint in hints.items()]
        parts.append(_Part("A2", A2, expected["A2"], variants=_pick(variants, "A2"), hint=hints["A2"]))
        case.verify(parts)
    _passed(ex)


def _cost_cases():
    rng = np.random.default_rng(32)
    yield np.array([[0.8, 0.1, 0.6, 0.35]]), np.array([[1, 0, 0, 1]])
    yield rng.uniform(0.05, 0.95, size=(1, 7)), _labels(rng, 7)


def check_compute_cost(fn):
    """Check ``compute_cost(AL, Y)`` (week 3 calls it ``compute_cost(A2, Y)``): cross-entropy.

    Called with m = 4 and m = 7 examples; compared with
    :func:`course_utils.compute_cost`. The cost must be a number: a Python
    or numpy float, or the 0-d array ``np.squeeze(cost)`` gives; a (1, 1)
    array is refused, with the advice ``cost = np.squeeze(cost)``.

    Examples
    --------
    >>> check_compute_cost(lambda AL, Y: float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))))
    compute_cost: all checks passed
    """
    __tracebackhide__ = True
    ex = "compute_cost"
    for AL, Y in _cost_cases():
        m = Y.shape[1]
        case = _Case(ex, fn, {"AL": AL, "Y": Y}, f"m={m}", probe=("AL", 0.5 * AL + 0.25),
                     reference=lambda i: compute_cost(*i.values()),
                     copy_hint="np.log(AL) makes a new array; out=AL changes the caller's")
        expected = compute_cost(AL, Y)
        ones, zeros = -np.sum(Y * np.log(AL)) / m, -np.sum((1 - Y) * np.log(1 - AL)) / m
        variants = [
            ("divide by m = Y.shape[1], the number of examples (did you forget 1/m?)", expected * m),
            ("the cost is -(1/m) times the sum; did you forget the minus sign?", -expected),
            ("add the (1 - Y) log(1 - AL) term too", ones),
            ("add the Y log(AL) term too", zeros),
        ]
        part = _Part("the cost", case.answer, expected, "float", variants=variants,
                     type_hint=_COST_TYPE_HINT,
                     hint="cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m (AL is A2 in week 3)")
        case.verify([part])
    _passed(ex)
    rng = np.random.default_rng(35)
    AL, Y = rng.uniform(0.05, 0.95, size=(1, 5000)), _labels(rng, 5000)
    _loop_note(ex, fn, compute_cost, {"AL": AL, "Y": Y}, "m = 5000 examples")


def _shallow_backward(parameters, cache, X, Y, slope="A1", divisor=None, sign=1.0):
    """Week 3's backward pass, with switches that reproduce common mistakes."""
    m = X.shape[1] if divisor is None else divisor
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = sign * (A2 - Y)
    dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
    g = {"A1": 1 - A1 ** 2, "Z1": 1 - cache["Z1"] ** 2, "none": 1.0}[slope]
    dZ1 = (parameters["W2"].T @ dZ2) * g
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}


def _two_output_case(seed):
    """(X, parameters) with n_x = 3, n_h = 2, n_y = 2, m = 5: n_h == n_y, so dZ2 * A1 gives values, not an error."""
    rng = np.random.default_rng(seed)
    parameters = _random_network(rng, [3, 2, 2])
    return [(rng.standard_normal((3, 5)), parameters)]


def check_backward_propagation(fn):
    """Check ``backward_propagation(parameters, cache, X, Y)``: the 2-layer network's gradients.

    Called on ``X`` of shapes (3, 3) and (2, 6) with one output unit, and
    on ``X`` of shape (3, 5) with two hidden and two output units (so that a
    ``db2`` summed without ``axis=1``, or a ``dW2`` made with ``*`` and a sum,
    cannot pass by luck), with ``cache`` made by the reference forward pass;
    compared with ``course_utils.L_model_backward`` after
    ``course_utils.L_model_forward(X, parameters, "tanh")``, and for two
    output units with the same six formulas applied to each output row.

    Examples
    --------
    >>> def backward_propagation(parameters, cache, X, Y):
    ...     m = X.shape[1]
    ...     dZ2 = cache["A2"] - Y
    ...     dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - cache["A1"] ** 2)
    ...     return {"dW2": np.dot(dZ2, cache["A1"].T) / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    ...             "dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m}
    >>> check_backward_propagation(backward_propagation)
    backward_propagation: all checks passed
    """
    __tracebackhide__ = True
    ex = "backward_propagation"
    rng = np.random.default_rng(33)
    for X, parameters in _shallow_cases(seed=33) + _two_output_case(seed=34):
        n_x, m = X.shape
        n_h, n_y = parameters["W1"].shape[0], parameters["W2"].shape[0]
        Y = np.vstack([_labels(rng, m) for _ in range(n_y)])
        cache = _shallow_forward(X, parameters)
        case = _Case(ex, fn, {"parameters": parameters, "cache": cache, "X": X, "Y": Y}, f"X of {_shape(X)}",
                     probe=("X", X + 0.5), reference=lambda i: _shallow_backward(*i.values()),
                     copy_hint="dZ2 = A2 - Y makes a new array; dZ2 = cache['A2'] then dZ2 -= Y changes the cache")
        grads = case.answer
        keys = ("dW2", "db2", "dW1", "db1")
        case.need_dict("grads", grads, keys)
        if n_y == 1:
            AL, caches = L_model_forward(X, parameters, "tanh")
            expected = L_model_backward(AL, Y, caches)
        else:  # course_utils' network has one output unit; the same formulas hold for each output row
            expected = _shallow_backward(parameters, cache, X, Y)
        variants = [
            ("the tanh slope is 1 - A1**2 (A1 = np.tanh(Z1)), not 1 - Z1**2",
             _shallow_backward(parameters, cache, X, Y, slope="Z1")),
            ("multiply by the tanh slope, dZ1 = np.dot(W2.T, dZ2) * (1 - A1**2)",
             _shallow_backward(parameters, cache, X, Y, slope="none")),
            ("did you forget to divide by m?", _shallow_backward(parameters, cache, X, Y, divisor=1)),
            ("divide by m = X.shape[1], the number of examples", _shallow_backward(parameters, cache, X, Y, divisor=n_x)
             if n_x != m else None),
            ("dZ2 = A2 - Y, not Y - A2", _shallow_backward(parameters, cache, X, Y, sign=-1.0)),
        ]
        by_examples = "sum over the examples, np.sum(dZ, axis=1, keepdims=True) / m"
        dZ = {"2": cache["A2"] - Y}
        dZ["1"] = (parameters["W2"].T @ dZ["2"]) * (1 - cache["A1"] ** 2)
        parts = []
        for key, layer_in, shape_text in (("dW2", "A1", "(1, n_h)"), ("db2", None, "(1, 1)"),
                                          ("dW1", "X", "(n_h, n_x)"), ("db1", None, "(n_h, 1)")):
            shape_hints = _db_shape_hints(expected[key].shape[0], m, by_examples) if layer_in is None else {}
            extra = [(by_examples, dZ[key[-1]].sum(axis=0, keepdims=True) / m)] if layer_in is None else []
            if key == "dW2":
                shape_hints[(n_h, m)] = "use np.dot(dZ2, A1.T) (a matrix product), not * (element by element)"
                if n_y > 1:  # dZ2 * A1 summed over the examples is right only for one output unit
                    shape_hints[(1, n_h)] = shape_hints[(n_h, 1)] = (
                        "use np.dot(dZ2, A1.T) (a matrix product), not * (element by element) with a sum: "
                        "that gives the right numbers only when n_y = 1")
            elif layer_in is None and expected[key].shape[0] > 1:
                shape_hints[(1, 1)] = ("sum over the examples only, np.sum(dZ, axis=1, keepdims=True) / m; without "
                                       "axis=1, np.sum adds up every entry, of every unit")
            parts.append(_Part(
                key, grads[key], expected[key], variants=_pick(variants, key) + extra, shape_hints=shape_hints,
                transpose_hint=(f"{key} has the shape of {key[1:]}, {shape_text}; did you transpose? "
                                f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m") if layer_in else None,
                hint=(f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m" if layer_in
                      else f"{key} = np.sum(dZ{key[-1]}, axis=1, keepdims=True) / m")))
        case.verify(parts)
    _passed(ex)


def _2layer_step(parameters, grads, learning_rate, sign=-1.0, biases=True):
    """One step of gradient descent on W1, b1, W2, b2, with switches that reproduce common mistakes."""
    return {key: value + sign * learning_rate * grads["d" + key] if (biases or key[0] == "W") else value
            for key, value in parameters.items()}


def _step_size(new, parameters, grads):
    """The step c for which new["W1"] == W1 - c * dW1, fitted by least squares, or None if it cannot be fitted."""
    W, W_new, dW = parameters["W1"], new.get("W1"), grads["dW1"]
    if not isinstance(W_new, np.ndarray) or W_new.shape != W.shape or W_new.dtype.kind not in "biuf":
        return None
    with np.errstate(all="ignore"):
        step = float(np.sum((W - W_new) * dW) / np.sum(dW * dW))
    return step if np.isfinite(step) else None


#: The default learning rate of week 3's update_parameters and nn_model, as in the course.
DEFAULT_LEARNING_RATE = 1.2


def check_update_parameters_2layer(fn):
    """Check week 3's ``update_parameters(parameters, grads, learning_rate=1.2)``: one gradient-descent step.

    Called on networks of sizes (n_x, n_h, n_y) = (3, 4, 1) and (2, 3, 2)
    with learning rates 0.5 and 0.05, and on a (4, 2, 1) network without a
    learning rate, where the default 1.2 must apply; compared with
    :func:`course_utils.update_parameters`. ``parameters`` and ``grads``
    must not change: return new arrays. (Week 4's ``update_parameters``, for
    any number of layers, has its own check, ``check_update_parameters``.)

    Examples
    --------
    >>> def update_parameters(parameters, grads, learning_rate=1.2):
    ...     return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
    >>> check_update_parameters_2layer(update_parameters)
    update_parameters: all checks passed
    """
    __tracebackhide__ = True
    ex = "update_parameters"
    rng = np.random.default_rng(36)
    keys = ("W1", "b1", "W2", "b2")
    for layer_dims, learning_rate in (([3, 4, 1], 0.5), ([2, 3, 2], 0.05), ([4, 2, 1], None)):
        parameters = _random_network(rng, layer_dims)
        grads = {f"d{key}": rng.standard_normal(value.shape) for key, value in parameters.items()}
        inputs = {"parameters": parameters, "grads": grads}
        if learning_rate is not None:
            inputs["learning_rate"] = learning_rate
        rate = DEFAULT_LEARNING_RATE if learning_rate is None else learning_rate
        where = f"layer sizes {tuple(layer_dims)}, " + (
            f"learning_rate={learning_rate}" if learning_rate is not None else "learning_rate left at its default")
        case = _Case(ex, fn, inputs, where, probe=("parameters", {k: v + 0.5 for k, v in parameters.items()}),
                     reference=lambda i: update_parameters(i["parameters"], i["grads"],
                                                           i.get("learning_rate", DEFAULT_LEARNING_RATE)),
                     copy_hint="return a new dict, e.g. {\"W1\": W1 - learning_rate * dW1, ...}; writing "
                               "parameters[key] = ... or W1 -= ... changes the caller's parameters")
        new = case.answer
        case.need_dict("the returned parameters", new, keys, exact=True)
        expected = update_parameters(parameters, grads, rate)
        variants = [
            ("gradient descent subtracts: W1 = W1 - learning_rate * dW1", _2layer_step(parameters, grads, rate, sign=1.0)),
            ("update the biases too: b1 = b1 - learning_rate * db1", _2layer_step(parameters, grads, rate, biases=False)),
        ]
        if learning_rate is None:
            step = _step_size(new, parameters, grads)
            if step is not None and not np.isclose(abs(step), rate):
                variants.append((f"the default learning rate is 1.2, as in the def line given: "
                                 f"def update_parameters(parameters, grads, learning_rate=1.2); yours stepped "
                                 f"{step:.4g} times the gradient", _2layer_step(parameters, grads, step)))
        else:
            variants.append(("use the argument learning_rate, not the default 1.2",
                             _2layer_step(parameters, grads, DEFAULT_LEARNING_RATE)))
            step = _step_size(new, parameters, grads)
            if step is not None and not np.isclose(abs(step), rate):
                variants.append((f"the step was {step:.4g} times the gradient, but learning_rate is {rate}; "
                                 f"use the argument learning_rate", _2layer_step(parameters, grads, step)))
        parts = [_Part(key, new[key], expected[key], variants=_pick(variants, key),
                       transpose_hint=f"{key} keeps the shape of parameters['{key}']",
                       hint=f"{key} = {key} - learning_rate * d{key}") for key in keys]
        case.verify(parts)
    _passed(ex)


def _train(X, Y, n_h, num_iterations, learning_rate, seed, *, sign=-1.0, biases=True, record_after=False,
           keep_initial=False):
    """Week 3's nn_model from the reference pieces; the keywords reproduce common mistakes.

    Returns ``(parameters, costs)``, the cost recorded before the update of
    iterations 0, 100, 200, ...
    """
    parameters = _small_initialization({"n_x": X.shape[0], "n_h": n_h, "n_y": Y.shape[0], "seed": seed})
    costs = []
    for i in range(num_iterations):
        cache = _shallow_forward(X, parameters)
        record = i % 100 == 0
        if record and not record_after:
            costs.append(compute_cost(cache["A2"], Y))
        grads = _shallow_backward(parameters, cache, X, Y)
        if not keep_initial:  # keep_initial: the update's result thrown away
            parameters = _2layer_step(parameters, grads, learning_rate, sign=sign, biases=biases)
        if record and record_after:
            costs.append(compute_cost(_shallow_forward(X, parameters)["A2"], Y))
    return parameters, costs


def _nn_model_cases():
    """(X, Y, n_h, num_iterations, learning_rate, seed): n_h is never 4 (layer_sizes' fixed size), the rates
    never 1.2 (the default) and the seeds never 2 (the default), so that an ignored argument shows."""
    rng = np.random.default_rng(37)
    for n_x, m, n_h, num_iterations, learning_rate, seed in ((2, 6, 3, 201, 0.5, 3), (3, 5, 5, 150, 2.0, 5)):
        X = rng.standard_normal((n_x, m))
        yield X, _labels(rng, m), n_h, num_iterations, learning_rate, seed


def check_nn_model(fn):
    """Check ``nn_model(X, Y, n_h, num_iterations, print_cost, learning_rate, seed)``: the training loop.

    First each of your week 3 functions that ``fn`` calls must pass its own
    check; a broken one is named. Then ``fn`` is called on ``X`` of shapes
    (2, 6) and (3, 5) with ``n_h`` 3 and 5, ``num_iterations`` 201 and 150,
    ``learning_rate`` 0.5 and 2.0 and ``seed`` 3 and 5 (the last three by
    keyword), and compared with the reference pieces put together: parameters
    from ``initialize_parameters(n_x, n_h, n_y, seed=seed)``, then per
    iteration a forward pass, the cost (recorded when ``i % 100 == 0``,
    before the update), a backward pass and the update. Called once more
    with ``print_cost=True`` and 1001 iterations, it must print two lines, at
    iterations 0 and 1000, each naming its iteration and ending in its cost.

    Examples
    --------
    >>> def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2, seed=2):
    ...     parameters, costs = _train(X, Y, n_h, num_iterations, learning_rate, seed)
    ...     for i in range(0, num_iterations, 1000):
    ...         if print_cost:
    ...             print(f"Cost after iteration {i}: {costs[i // 100]:.6f}")
    ...     return parameters, costs
    >>> check_nn_model(nn_model)
    nn_model: all checks passed
    """
    __tracebackhide__ = True
    ex = "nn_model"
    _callees_pass(ex, fn, week=3)
    keys = ("W1", "b1", "W2", "b2")
    for X, Y, n_h, num_iterations, learning_rate, seed in _nn_model_cases():
        n_x, n_y = X.shape[0], Y.shape[0]
        inputs = {"X": X, "Y": Y, "n_h": n_h, "num_iterations": num_iterations, "learning_rate": learning_rate,
                  "seed": seed}
        case = _Case(ex, fn, inputs, f"X of {_shape(X)}, n_h={n_h}, num_iterations={num_iterations}, "
                                     f"learning_rate={learning_rate}, seed={seed}",
                     probe=("X", X + 0.5), reference=lambda i: _train(*i.values()),
                     keywords=("num_iterations", "learning_rate", "seed"),
                     copy_hint="parameters = update_parameters(...) makes new arrays; W1 -= ... changes the caller's")
        if isinstance(case.answer, Mapping):
            case.fail("your function returned only the parameters, but should return (parameters, costs)",
                      "this notebook's nn_model also returns the costs it recorded: return parameters, costs")
        parameters, costs = case.need_values(("parameters", "costs"))
        case.need_dict("parameters", parameters, keys,
                       missing_hint="return the parameters of the last update, a dict of W1, b1, W2 and b2")
        expected = _train(X, Y, n_h, num_iterations, learning_rate, seed)
        with np.errstate(all="ignore"):  # gradient ascent saturates the outputs
            variants = [
                ("use the argument learning_rate: update_parameters(parameters, grads, learning_rate)",
                 _train(X, Y, n_h, num_iterations, DEFAULT_LEARNING_RATE, seed)),
                ("use the argument seed: initialize_parameters(n_x, n_h, n_y, seed=seed)",
                 _train(X, Y, n_h, num_iterations, learning_rate, 2)),
                ("gradient descent subtracts: W1 = W1 - learning_rate * dW1",
                 _train(X, Y, n_h, num_iterations, learning_rate, seed, sign=1.0)),
                ("update the biases too: b1 = b1 - learning_rate * db1",
                 _train(X, Y, n_h, num_iterations, learning_rate, seed, biases=False)),
                ("record the cost of the forward pass before the update, when i % 100 == 0",
                 _train(X, Y, n_h, num_iterations, learning_rate, seed, record_after=True)),
                ("update_parameters returns the new parameters: write parameters = update_parameters(parameters, "
                 "grads, learning_rate), or training never moves",
                 _train(X, Y, n_h, num_iterations, learning_rate, seed, keep_initial=True)),
            ]
        n_h_hint = ("use the argument n_h: take only n_x and n_y from layer_sizes, whose n_h is fixed at 4")
        expected_costs = len(expected[1])
        costs_part = (
            _Part("costs", costs, expected[1], "floats", variants=[(h, v[1]) for h, v in variants],
                  shape_hints={num_iterations: "record the cost only every 100 iterations, when i % 100 == 0",
                               100: "use the argument num_iterations, not the default 10000",
                               expected_costs - 1: "record the cost at i = 0 too: when i % 100 == 0",
                               0: "append the cost to costs when i % 100 == 0"},
                  type_hint="make compute_cost return a number, cost = float(cost)"))
        parts = []
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        wrong_n_h = {"W1": (4, n_x), "b1": (4, 1), "W2": (n_y, 4)}
        for key in keys:
            shape_hints = {wrong_n_h[key]: n_h_hint} if key in wrong_n_h else {}
            parts.append(_Part(f"parameters['{key}']", parameters[key], expected[0][key],
                               variants=[(h, v[0][key]) for h, v in variants], shape_hints=shape_hints,
                               hint=f"{key} of shape {shapes[key]}, after num_iterations updates, each "
                                    f"{key} = {key} - learning_rate * d{key}"))
        # The costs last: after gradient ascent they may be inf, where the parameters still tell the mistake.
        case.verify(parts + [costs_part])
    _check_printed_costs(ex, fn)
    _passed(ex)


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _check_printed_costs(ex, fn):
    """With ``print_cost=True``, one line per 1000 iterations, naming the iteration and ending in its cost."""
    __tracebackhide__ = True
    X, Y, n_h, _, learning_rate, seed = next(_nn_model_cases())
    num_iterations = 1001  # prints at i = 0 and i = 1000
    prefix = f"{ex} (print_cost=True, num_iterations={num_iterations})"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), np.errstate(all="ignore"):
        _call(ex, prefix, fn, {"X": X, "Y": Y, "n_h": n_h, "num_iterations": num_iterations, "print_cost": True,
                               "learning_rate": learning_rate, "seed": seed},
              keywords=("num_iterations", "print_cost", "learning_rate", "seed"))
    lines = [line.strip() for line in printed.getvalue().splitlines() if line.strip()]
    hint = ('if print_cost and i % 1000 == 0: print(f"Cost after iteration {i}: {cost}"), with the cost of '
            'iteration i')
    if len(lines) != 2:
        _fail(prefix, f"it printed {len(lines)} lines but should print 2, at iterations 0 and 1000", hint)
    costs = _train(X, Y, n_h, num_iterations, learning_rate, seed)[1]
    for line, i, cost in zip(lines, (0, 1000), (costs[0], costs[10])):
        numbers = _NUMBER.findall(line)
        if str(i) not in numbers[:-1]:
            _fail(prefix, f"the line {line!r} should name iteration {i}", hint)
        token = numbers[-1]
        decimals = len(token.split(".")[1]) if "." in token and "e" not in token.lower() else 6
        if abs(float(token) - cost) > max(0.51 * 10.0 ** -decimals, 1e-6 * abs(cost)):
            _fail(prefix, f"the line {line!r} should end in the cost of iteration {i}, {cost:.6f}", hint)


def _predict_reference(parameters, X):
    return (_shallow_forward(X, parameters)["A2"] > 0.5).astype(np.int64)


def check_predict_2layer(fn):
    """Check week 3's ``predict(parameters, X)``: 1 where the network's ``A2 > 0.5``, else 0.

    Called on ``X`` of shapes (2, 8) and (3, 6) with networks of 4 and 3
    hidden units, each with both labels among its answers, and once with ``W2`` and ``b2`` all zero, which puts every
    ``A2`` at exactly 0.5: the label there is 0, since 1 means ``A2 > 0.5``,
    strictly. Compared with a forward pass of ``course_utils``' tanh network
    thresholded at 0.5. The answer is a (1, m) array of 0 and 1: integers,
    floats or booleans all pass (``A2 > 0.5`` without ``.astype(int)``
    passes: numpy counts True as 1 when it compares with ``Y`` or sums).
    (Week 2's ``predict(w, b, X)`` has its own check, ``check_predict``.)

    Examples
    --------
    >>> def predict(parameters, X):
    ...     return (_shallow_forward(X, parameters)["A2"] > 0.5).astype(int)
    >>> check_predict_2layer(predict)
    predict: all checks passed
    """
    __tracebackhide__ = True
    ex = "predict"
    _callees_pass(ex, fn, week=3)
    rng = np.random.default_rng(38)
    cases = []
    for n_x, n_h, m in ((2, 4, 8), (3, 3, 6)):
        parameters = _random_network(rng, [n_x, n_h, 1])
        # Both labels occur in each case, and some Z2 lie between 0 and 0.5 (so Z2 > 0.5 is not A2 > 0.5).
        parameters["W2"], parameters["b2"] = 3 * parameters["W2"], np.full((1, 1), 0.4)
        cases.append((parameters, rng.standard_normal((n_x, m))))
    flat = dict(cases[0][0], W2=np.zeros((1, 4)), b2=np.zeros((1, 1)))
    cases.append((flat, cases[0][1]))
    for parameters, X in cases:
        where = f"X of {_shape(X)}" + (", W2 = 0 and b2 = 0" if parameters is flat else "")
        case = _Case(ex, fn, {"parameters": parameters, "X": X}, where, probe=("X", -X),
                     reference=lambda i: _predict_reference(*i.values()))
        cache = _shallow_forward(X, parameters)
        A2 = cache["A2"]
        variants = [
            ("every A2 is exactly 0.5 here: the label is 1 only where A2 > 0.5, strictly", (A2 >= 0.5).astype(int)),
            ("1 where A2 > 0.5 and 0 elsewhere; the comparison is the wrong way round", (A2 <= 0.5).astype(int)),
            ("compare the probability A2 (after the sigmoid) with 0.5, not Z2", (cache["Z2"] > 0.5).astype(int)),
        ]
        part = _Part("predictions", case.answer, _predict_reference(parameters, X), "labels", variants=variants,
                     rank1_hint="predictions are a row of shape (1, m); keep the shape of A2",
                     transpose_hint="predictions are a row of shape (1, m), one column per example",
                     type_hint="A2 > 0.5 is an array; forward_propagation returns (A2, cache), so take A2 from it",
                     hint="A2, cache = forward_propagation(X, parameters), then 1 where A2 > 0.5, else 0")
        case.verify([part])
    _passed(ex)


#: Exercise name -> its check, in the notebook's order.
EXERCISES = {
    "layer_sizes": check_layer_sizes,
    "initialize_parameters": check_initialize_parameters,
    "forward_propagation": check_forward_propagation,
    "compute_cost": check_compute_cost,
    "backward_propagation": check_backward_propagation,
    "update_parameters": check_update_parameters_2layer,
    "nn_model": check_nn_model,
    "predict": check_predict_2layer,
}


#: Week 3's self-check questions (keys become "week3.<key>"), in the order the notebook asks them.
QUESTIONS = {
    "activation_where": Question(
        "choice", "a",
        "The output must be a probability, between 0 and 1, which the sigmoid gives. In the hidden "
        "layer tanh is the better choice: centred on 0, with slope 1 at 0, it trains faster than the "
        "sigmoid (and any non-linear g keeps the network from collapsing to logistic regression).",
        choices=("a", "b", "c", "d"),
        mistakes={
            "b": "the sigmoid would work in the hidden layer, but slowly: its outputs are all positive and "
                 "its slope is at most 0.25; tanh is this week's hidden activation",
            "c": "tanh's values lie between -1 and 1, so the output would not be a probability",
            "d": "a linear hidden layer multiplies out to one matrix: the network would be logistic "
                 "regression again (section 4)",
        }),
    "dZ1_shape": Question(
        "shape", (4, 400),
        "dZ1 has the shape of Z1: one row per hidden unit and one column per example, (n_h, m). "
        "Only dW1 and db1 lose the examples, by the sum over them: (4, 2) and (4, 1).",
        mistakes={
            (400, 4): "that is dZ1.T; the examples are the columns",
            (4, 1): "that is db1, the sum of dZ1 over the examples; dZ1 keeps one column per example",
            (4, 2): "that is dW1, the shape of W1; dZ1 has the shape of Z1",
            (1, 400): "that is dZ2, of the output layer's single unit; dZ1 has one row per hidden unit",
        }),
    "small_learning_rate": Question(
        "choice", "a",
        "Each step moves the parameters by learning_rate times the gradient. From the small (0.01) "
        "start the gradients are small too, so 0.01 times them is tiny: after 1000 steps the weights "
        "have barely moved and the cost is still close to log 2, the cost of answering 0.5 everywhere.",
        choices=("a", "b", "c"),
        mistakes={
            "b": "the number of steps is the same, but each one is 120 times shorter; "
                 "the run with 0.01 covers only a small part of the way",
            "c": "a small learning rate makes steps too short, never too long: it crawls, it does not "
                 "blow up; overshooting is what too large a rate does",
        }),
    "shuffled_labels": Question(
        "choice", "c",
        "With shuffled labels the points carry no information about their label, so nothing learned "
        "from them can carry over: on fresh points the network is right about half the time, by chance. "
        "A network with enough units can still fit the training labels by memorising each point.",
        choices=("a", "b", "c"),
        mistakes={
            "a": "the training accuracy can rise, by memorising each point's label, but what is memorised "
                 "says nothing about new points",
            "b": "the first half is right (it can learn the training set by heart), but fresh points carry no "
                 "pattern it could have learned: what does chance give on them?",
        }),
}
