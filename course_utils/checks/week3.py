"""Checks of week 3's exercises: a network with one hidden layer.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, tanh
from ..network import compute_cost, initialize_parameters_deep, L_model_backward, L_model_forward
from ._core import (
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

__all__ = ["check_layer_sizes", "check_initialize_parameters", "check_forward_propagation", "check_compute_cost", "check_backward_propagation"]


def _layer_sizes(inputs):
    return (inputs["X"].shape[0], 4, inputs["Y"].shape[0])


def check_layer_sizes(fn):
    """Check ``layer_sizes(X, Y)``: ``(n_x, n_h, n_y)`` with ``n_h = 4``.

    Called on ``X`` of shapes (5, 3) and (2, 7), with ``Y`` of 2 and 1 rows.

    Parameters
    ----------
    fn : callable
        Your ``layer_sizes(X, Y)``, returning three ints.

    Returns
    -------
    None
        It prints one line, ``layer_sizes: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

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

    Parameters
    ----------
    fn : callable
        Your ``initialize_parameters(n_x, n_h, n_y, seed=2)``, returning a dict
        with ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Returns
    -------
    None
        It prints one line, ``initialize_parameters: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

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

    Parameters
    ----------
    fn : callable
        Your ``forward_propagation(X, parameters)``, returning ``(A2, cache)``
        with ``cache`` a dict of ``"Z1"``, ``"A1"``, ``"Z2"``, ``"A2"``.

    Returns
    -------
    None
        It prints one line, ``forward_propagation: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

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

    Parameters
    ----------
    fn : callable
        Your ``compute_cost``, returning a float.

    Returns
    -------
    None
        It prints one line, ``compute_cost: all checks passed``, and, for a
        Python loop at least 10 times slower than the vectorized reference on
        m = 5000 examples, a second line with the measured ratio.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

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


def check_backward_propagation(fn):
    """Check ``backward_propagation(parameters, cache, X, Y)``: the 2-layer network's gradients.

    Called on ``X`` of shapes (3, 3) and (2, 6) with ``cache`` made by the
    reference forward pass; compared with ``course_utils.L_model_backward``
    after ``course_utils.L_model_forward(X, parameters, "tanh")``.

    Parameters
    ----------
    fn : callable
        Your ``backward_propagation``, returning a dict with ``"dW1"``, ``"db1"``,
        ``"dW2"``, ``"db2"``.

    Returns
    -------
    None
        It prints one line, ``backward_propagation: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

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
    for X, parameters in _shallow_cases(seed=33):
        n_x, m = X.shape
        n_h = parameters["W1"].shape[0]
        Y = _labels(rng, m)
        cache = _reference_cache(X, parameters)
        case = _Case(ex, fn, {"parameters": parameters, "cache": cache, "X": X, "Y": Y}, f"X of {_shape(X)}",
                     probe=("X", X + 0.5), reference=lambda i: _shallow_backward(*i.values()),
                     copy_hint="dZ2 = A2 - Y makes a new array; dZ2 = cache['A2'] then dZ2 -= Y changes the cache")
        grads = case.answer
        keys = ("dW2", "db2", "dW1", "db1")
        case.need_dict("grads", grads, keys)
        AL, caches = L_model_forward(X, parameters, "tanh")
        expected = L_model_backward(AL, Y, caches)
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
            parts.append(_Part(
                key, grads[key], expected[key], variants=_pick(variants, key) + extra, shape_hints=shape_hints,
                transpose_hint=(f"{key} has the shape of {key[1:]}, {shape_text}; did you transpose? "
                                f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m") if layer_in else None,
                hint=(f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m" if layer_in
                      else f"{key} = np.sum(dZ{key[-1]}, axis=1, keepdims=True) / m")))
        case.verify(parts)
    _passed(ex)


#: Exercise name -> its check, in the notebook's order.
EXERCISES = {
    "layer_sizes": check_layer_sizes,
    "initialize_parameters": check_initialize_parameters,
    "forward_propagation": check_forward_propagation,
    "compute_cost": check_compute_cost,
    "backward_propagation": check_backward_propagation,
}
