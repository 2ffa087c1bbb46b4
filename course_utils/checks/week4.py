"""Checks of week 4's exercises: a deep network, step by step.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from ..activations import relu, relu_backward, sigmoid, sigmoid_backward, tanh, tanh_backward
from ..network import (
    initialize_parameters_deep,
    L_model_backward,
    L_model_forward,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)
from ..selfcheck import Question
from ._core import (
    _Case,
    _db_shape_hints,
    _init_variants,
    _labels,
    _maybe,
    _Part,
    _passed,
    _pick,
    _random_network,
    _shape,
)
from .week3 import check_compute_cost

__all__ = ["check_initialize_parameters_deep", "check_linear_forward", "check_linear_activation_forward", "check_L_model_forward", "check_linear_backward", "check_linear_activation_backward", "check_L_model_backward", "check_update_parameters"]


def _xavier_initialization(inputs):
    return initialize_parameters_deep(inputs["layer_dims"], seed=inputs["seed"], init="xavier")


def check_initialize_parameters_deep(fn):
    """Check ``initialize_parameters_deep(layer_dims, seed)``: ``W`` scaled by ``1/sqrt(n[l-1])``, zero ``b``.

    Called with ``layer_dims`` [5, 4, 3] (seed 3) and [2, 3, 5, 1] (seed 0);
    compared with ``course_utils.initialize_parameters_deep(layer_dims, seed=seed,
    init="xavier")``: every ``W`` drawn, layer by layer, from one
    ``np.random.default_rng(seed)``.

    Examples
    --------
    >>> check_initialize_parameters_deep(lambda layer_dims, seed=3: initialize_parameters_deep(layer_dims, seed=seed))
    initialize_parameters_deep: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_parameters_deep"
    for layer_dims, seed in (([5, 4, 3], 3), ([2, 3, 5, 1], 0)):
        L = len(layer_dims) - 1
        keys = tuple(f"{name}{l}" for l in range(1, L + 1) for name in "Wb")
        inputs = {"layer_dims": layer_dims, "seed": seed}
        case = _Case(ex, fn, inputs, f"layer_dims={layer_dims}, seed={seed}",
                     probe=("layer_dims", [layer_dims[0] + 1] + layer_dims[1:]),
                     reference=_xavier_initialization, keywords=("seed",))
        parameters = case.answer
        short = isinstance(parameters, Mapping) and f"W{L - 1}" in parameters and f"W{L}" not in parameters
        case.need_dict("parameters", parameters, keys, exact=True, missing_hint=(
            "the loop must include the last layer, for l in range(1, len(layer_dims))" if short else None))

        expected = _xavier_initialization(inputs)

        def scaled(scale):
            """The expected weights with layer l's 1/sqrt(n[l-1]) replaced by scale(l)."""
            return {k: (v * np.sqrt(layer_dims[int(k[1:]) - 1]) * scale(int(k[1:])) if k[0] == "W" else v)
                    for k, v in expected.items()}

        variants = [
            ("divide the random weights by np.sqrt(layer_dims[l - 1])", scaled(lambda l: 1.0)),
            ("this notebook scales W by 1 / np.sqrt(layer_dims[l - 1]), not 0.01", scaled(lambda l: 0.01)),
            ("this notebook scales W by 1 / np.sqrt(layer_dims[l - 1]), not np.sqrt(2 / layer_dims[l - 1])",
             scaled(lambda l: np.sqrt(2 / layer_dims[l - 1]))),
            ("divide by the square root of the previous layer's size, np.sqrt(layer_dims[l - 1]), not layer_dims[l]",
             scaled(lambda l: 1 / np.sqrt(layer_dims[l]))),
        ]
        variants += _init_variants(layer_dims, seed, 3, lambda n_prev: 1 / np.sqrt(n_prev))
        parts = []
        for l in range(1, L + 1):
            parts.append(_Part(f"W{l}", parameters[f"W{l}"], expected[f"W{l}"], variants=_pick(variants, f"W{l}"),
                               transpose_hint=f"W{l} has shape (layer_dims[{l}], layer_dims[{l - 1}]), "
                                              f"one row per unit",
                               hint="W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / "
                                    "np.sqrt(layer_dims[l - 1]), with one rng = np.random.default_rng(seed)"))
            parts.append(_Part(f"b{l}", parameters[f"b{l}"], expected[f"b{l}"],
                               rank1_hint=f"b{l} is a column, np.zeros((layer_dims[{l}], 1))",
                               transpose_hint=f"b{l} is a column, np.zeros((layer_dims[{l}], 1))",
                               hint="biases start at zero"))
        case.verify(parts)
    _passed(ex)


def _layer_cases(seed, shapes):
    """(A_prev, W, b) for each (n_prev, n, m); b is non-zero so a forgotten b shows."""
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1)))
            for n_prev, n, m in shapes]


def _cache_parts(prefix, cache, A_prev, W, b):
    """Parts for a linear cache ``(A_prev, W, b)``, with a hint when the order is wrong."""
    order = "the linear cache is (A_prev, W, b), in that order"
    return [
        _Part(f"{prefix}[0]", cache[0], A_prev, variants=[(order, W), (order, b)],
              hint="the linear cache starts with the A_prev you were given"),
        _Part(f"{prefix}[1]", cache[1], W, variants=[(order, A_prev), (order, b)],
              hint="the linear cache holds the W you were given, second"),
        _Part(f"{prefix}[2]", cache[2], b, variants=[(order, A_prev), (order, W)],
              hint="the linear cache ends with the b you were given"),
    ]


def check_linear_forward(fn):
    """Check ``linear_forward(A_prev, W, b)``: ``Z = W A_prev + b`` and the cache ``(A_prev, W, b)``.

    Called with ``W`` of shapes (3, 3) and (2, 4); compared with
    :func:`course_utils.linear_forward`.

    Examples
    --------
    >>> check_linear_forward(lambda A_prev, W, b: (np.dot(W, A_prev) + b, (A_prev, W, b)))
    linear_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_forward"
    for A_prev, W, b in _layer_cases(41, ((3, 3, 3), (4, 2, 5))):
        case = _Case(ex, fn, {"A_prev": A_prev, "W": W, "b": b}, f"A_prev of {_shape(A_prev)}, W of {_shape(W)}",
                     probe=("A_prev", A_prev + 0.5), reference=lambda i: linear_forward(*i.values())[0],
                     copy_hint="b = b * 2 makes a new array; b *= 2 changes the caller's")
        Z, cache = case.need_values(("Z", "cache"))
        case.need_sequence("cache", cache, 3, "the tuple (A_prev, W, b)")
        Z_expected, _ = linear_forward(A_prev, W, b)
        variants = [
            ("did you forget to add b? Z = np.dot(W, A_prev) + b", W @ A_prev),
            ("use np.dot(W, A_prev) (a matrix product), not W * A_prev (element by element)",
             _maybe(lambda: W * A_prev + b)),
            ("did you transpose W? Z = np.dot(W, A_prev) + b", _maybe(lambda: W.T @ A_prev + b)),
            ("the product is np.dot(W, A_prev), in that order", _maybe(lambda: A_prev.T @ W.T + b.T)),
        ]
        parts = [_Part("Z", Z, Z_expected, variants=variants,
                       transpose_hint="did you swap W and A_prev? Z = np.dot(W, A_prev) + b",
                       hint="Z = np.dot(W, A_prev) + b")]
        parts += _cache_parts("cache", cache, A_prev, W, b)
        case.verify(parts)
    _passed(ex)


_FORWARD = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh}
_BACKWARD = {"sigmoid": sigmoid_backward, "relu": relu_backward, "tanh": tanh_backward}
_OTHER = {"sigmoid": "relu", "relu": "sigmoid"}


def check_linear_activation_forward(fn):
    """Check ``linear_activation_forward(A_prev, W, b, activation)`` for "relu" and "sigmoid".

    Called with both activations on ``W`` of shapes (2, 4) and (3, 3);
    compared with :func:`course_utils.linear_activation_forward`. The cache
    must be ``(linear_cache, Z)`` with ``linear_cache = (A_prev, W, b)``.
    Other activation names are not tried: the exercise asks for these two
    only, and an ``if``/``else`` that answers for any name is as correct on
    them as an ``if``/``elif`` that fails on the rest.

    Examples
    --------
    >>> check_linear_activation_forward(linear_activation_forward)
    linear_activation_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_activation_forward"
    layers = _layer_cases(42, ((4, 2, 5), (3, 3, 6)))
    for (A_prev, W, b), activation in zip(layers + layers, ("relu", "sigmoid", "sigmoid", "relu")):
        case = _Case(ex, fn, {"A_prev": A_prev, "W": W, "b": b, "activation": activation},
                     f"activation={activation!r}, W of {_shape(W)}", probe=("A_prev", A_prev + 0.5),
                     reference=lambda i: linear_activation_forward(*i.values())[0])
        A, cache = case.need_values(("A", "cache"))
        case.need_sequence("cache", cache, 2, "the tuple (linear_cache, Z)",
                           "cache = (linear_cache, Z), with linear_cache = (A_prev, W, b)")
        case.need_sequence("cache[0]", cache[0], 3, "the linear cache (A_prev, W, b)")
        A_expected, (_, Z_expected) = linear_activation_forward(A_prev, W, b, activation)
        other = _OTHER[activation]
        parts = [
            _Part("A", A, A_expected, variants=[
                (f"activation={activation!r} should apply {activation}, not {other}; check your if/elif",
                 _FORWARD[other](Z_expected)),
                (f"apply the activation to Z, A = cu.{activation}(Z)", Z_expected),
                ("did you forget to add b?", _FORWARD[activation](W @ A_prev)),
                # A, cache = cu.relu(Z) with a Z of two rows: A gets the first row, cache the second.
                (f"course_utils' {activation} returns only A, not (A, cache), so A, cache = cu.{activation}(Z) "
                 f"splits A into its rows; write A = cu.{activation}(Z) and keep Z yourself for the cache, "
                 f"cache = (linear_cache, Z)", A_expected[0] if len(A_expected) == 2 else None),
            ], hint=f"A = cu.{activation}(Z) with Z = np.dot(W, A_prev) + b"),
            _Part("cache[1]", cache[1], Z_expected, variants=[
                ("the activation cache is Z, not A; cache = (linear_cache, Z)", A_expected)],
                hint="the activation cache is Z = np.dot(W, A_prev) + b"),
        ]
        parts += _cache_parts("cache[0]", cache[0], A_prev, W, b)
        case.verify(parts)
    _passed(ex)


def _deep_forward(X, parameters, hidden="relu", output="sigmoid", use_b=True):
    """AL of a deep network, with switches that reproduce common mistakes."""
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + (parameters[f"b{l}"] if use_b else 0.0)
        A = _FORWARD[output if l == L else hidden](Z)
    return A


def _deep_cases(seed):
    """(X, Y, parameters) for two depths."""
    rng = np.random.default_rng(seed)
    cases = []
    for layer_dims, m in (([4, 3, 1], 5), ([5, 4, 3, 2, 1], 6)):
        parameters = _random_network(rng, layer_dims)
        cases.append((rng.standard_normal((layer_dims[0], m)), _labels(rng, m), parameters))
    return cases


def _layer_dims(parameters):
    L = len(parameters) // 2
    return [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]


def check_L_model_forward(fn):
    """Check ``L_model_forward(X, parameters)``: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Called on networks of 2 and 4 layers; compared with
    ``course_utils.L_model_forward(X, parameters, "relu")``. ``caches`` must
    hold one ``(linear_cache, Z)`` per layer, layer 1 first.

    Examples
    --------
    >>> check_L_model_forward(L_model_forward)
    L_model_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "L_model_forward"
    for X, _, parameters in _deep_cases(seed=43):
        L = len(parameters) // 2
        case = _Case(ex, fn, {"X": X, "parameters": parameters}, f"layer_dims={_layer_dims(parameters)}",
                     probe=("X", X + 0.5), reference=lambda i: L_model_forward(*i.values())[0])
        AL, caches = case.need_values(("AL", "caches"))
        missing = "append the last layer's cache too" if isinstance(caches, (list, tuple)) and len(caches) == L - 1 \
            else "one (linear_cache, Z) per layer"
        case.need_sequence("caches", caches, L, f"a list of L = {L} caches", missing)
        for l, cache in enumerate(caches, start=1):
            case.need_sequence(f"caches[{l - 1}]", cache, 2, f"layer {l}'s (linear_cache, Z)")
            case.need_sequence(f"caches[{l - 1}][0]", cache[0], 3, f"layer {l}'s linear cache (A_prev, W, b)")
        AL_expected, caches_expected = L_model_forward(X, parameters, "relu")
        parts = [_Part("AL", AL, AL_expected, variants=[
            ("the hidden layers use relu; only layer L uses sigmoid", _deep_forward(X, parameters, hidden="sigmoid")),
            ("the hidden layers use relu, not tanh", _deep_forward(X, parameters, hidden="tanh")),
            ("the output layer L uses sigmoid, not relu", _deep_forward(X, parameters, output="relu")),
            ("did you forget to add b?", _deep_forward(X, parameters, use_b=False)),
        ], hint="relu for layers 1 .. L-1, sigmoid for layer L, with L = len(parameters) // 2")]
        for l, (cache, (linear_expected, Z_expected)) in enumerate(zip(caches, caches_expected), start=1):
            parts.append(_Part(f"caches[{l - 1}][1]", cache[1], Z_expected,
                               hint=f"caches[{l - 1}] is layer {l}'s (linear_cache, Z); append them layer 1 first"))
            parts += _cache_parts(f"caches[{l - 1}][0]", cache[0], *linear_expected)
        case.verify(parts)
    _passed(ex)


def _linear_backward_variants(dZ, A_prev, W):
    m, n_prev = A_prev.shape[1], A_prev.shape[0]
    dA_prev, dW, db = W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
    return [
        ("dA_prev = np.dot(W.T, dZ), with no 1/m", (dA_prev / m, dW, db)),
        ("did you forget to divide by m?", (dA_prev, dW * m, db * m)),
        ("divide by m = A_prev.shape[1], the number of examples", (dA_prev, dW * m / n_prev, db * m / n_prev)
         if n_prev != m else None),
        ("did you forget to transpose W? dA_prev = np.dot(W.T, dZ)", (_maybe(lambda: W @ dZ), dW, db)),
        ("dW = np.dot(dZ, A_prev.T) / m has the shape of W; check which factor is transposed",
         (dA_prev, _maybe(lambda: A_prev @ dZ.T / m), db)),
        ("use np.dot(dZ, A_prev.T) (a matrix product), not * (element by element)",
         (dA_prev, _maybe(lambda: dZ * A_prev.T / m), db)),
        ("sum over the examples, db = np.sum(dZ, axis=1, keepdims=True) / m",
         (dA_prev, dW, dZ.sum(axis=0, keepdims=True) / m)),
    ]


def _backward_parts(answer, expected, variants, m):
    """Parts for a ``(dA_prev, dW, db)`` answer."""
    by_examples = "sum over the examples, db = np.sum(dZ, axis=1, keepdims=True) / m"
    dA_prev, dW, db = answer
    pick = [[(h, None if v is None else v[i]) for h, v in variants] for i in range(3)]
    return [
        _Part("dA_prev", dA_prev, expected[0], variants=pick[0], hint="dA_prev = np.dot(W.T, dZ)",
              transpose_hint="dA_prev has the shape of A_prev, np.dot(W.T, dZ)"),
        _Part("dW", dW, expected[1], variants=pick[1], hint="dW = np.dot(dZ, A_prev.T) / m",
              transpose_hint="dW has the shape of W, np.dot(dZ, A_prev.T) / m"),
        _Part("db", db, expected[2], variants=pick[2], hint=by_examples,
              shape_hints=_db_shape_hints(expected[2].shape[0], m, by_examples)),
    ]




def check_linear_backward(fn):
    """Check ``linear_backward(dZ, cache)``: ``dA_prev``, ``dW`` and ``db`` of a linear step.

    Called with ``W`` of shapes (3, 3) and (2, 4); compared with
    :func:`course_utils.linear_backward`.

    Examples
    --------
    >>> check_linear_backward(linear_backward)
    linear_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_backward"
    rng = np.random.default_rng(44)
    for A_prev, W, b in _layer_cases(45, ((3, 3, 3), (4, 2, 5))):
        m = A_prev.shape[1]
        dZ = rng.standard_normal((W.shape[0], m))
        case = _Case(ex, fn, {"dZ": dZ, "cache": (A_prev, W, b)}, f"W of {_shape(W)}, m={m}",
                     probe=("dZ", dZ + 0.5), reference=lambda i: linear_backward(*i.values()),
                     copy_hint="dZ = dZ / m makes a new array; dZ /= m changes the caller's")
        answer = case.need_values(("dA_prev", "dW", "db"))
        expected = linear_backward(dZ, (A_prev, W, b))
        parts = _backward_parts(answer, expected, _linear_backward_variants(dZ, A_prev, W), m)
        case.verify(parts)
    _passed(ex)


def check_linear_activation_backward(fn):
    """Check ``linear_activation_backward(dA, cache, activation)`` for "relu" and "sigmoid".

    Called with both activations on ``W`` of shapes (2, 4) and (3, 3); compared
    with :func:`course_utils.linear_activation_backward`. As for the forward
    step, other activation names are not tried.

    Examples
    --------
    >>> check_linear_activation_backward(linear_activation_backward)
    linear_activation_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_activation_backward"
    rng = np.random.default_rng(46)
    layers = _layer_cases(47, ((4, 2, 5), (3, 3, 6)))
    for (A_prev, W, b), activation in zip(layers + layers, ("relu", "sigmoid", "sigmoid", "relu")):
        m = A_prev.shape[1]
        Z = W @ A_prev + b
        dA = rng.standard_normal(Z.shape)
        case = _Case(ex, fn, {"dA": dA, "cache": ((A_prev, W, b), Z), "activation": activation},
                     f"activation={activation!r}, W of {_shape(W)}", probe=("dA", dA + 0.5),
                     reference=lambda i: linear_activation_backward(*i.values()),
                     copy_hint="dZ = np.where(Z > 0, dA, 0) makes a new array; dA[Z <= 0] = 0 changes the caller's")
        answer = case.need_values(("dA_prev", "dW", "db"))
        expected = linear_activation_backward(dA, ((A_prev, W, b), Z), activation)
        other = _OTHER[activation]
        dZ = _BACKWARD[activation](dA, Z)
        variants = [
            (f"activation={activation!r} needs {activation}'s backward step, not {other}'s; check your if/elif",
             linear_backward(_BACKWARD[other](dA, Z), (A_prev, W, b))),
            (f"first turn dA into dZ = cu.{activation}_backward(dA, Z), then call linear_backward(dZ, linear_cache)",
             linear_backward(dA, (A_prev, W, b))),
        ] + _linear_backward_variants(dZ, A_prev, W)
        parts = _backward_parts(answer, expected, variants, m)
        case.verify(parts)
    _passed(ex)


def _deep_backward(AL, Y, caches, hidden="relu", output="sigmoid", sign=1.0, dZ_as_dA=False):
    """The course's backward pass from dAL, with switches that reproduce common mistakes."""
    L = len(caches)
    grads = {}
    dA = AL - Y if dZ_as_dA else -sign * (Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        linear_cache, Z = caches[l - 1]
        dZ = _BACKWARD[output if l == L else hidden](dA, Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, tuple(linear_cache))
    return grads


def check_L_model_backward(fn):
    """Check ``L_model_backward(AL, Y, caches)``: every layer's ``dW`` and ``db``.

    Called on networks of 2 and 4 layers, with ``caches`` made by
    ``course_utils.L_model_forward`` (a list of ``((A_prev, W, b), Z)``, as
    in the course); ``dW{l}`` and ``db{l}`` are compared with
    :func:`course_utils.L_model_backward`. The ``dA`` keys are not checked.

    Examples
    --------
    >>> check_L_model_backward(L_model_backward)
    L_model_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "L_model_backward"
    for X, Y, parameters in _deep_cases(seed=48):
        L = len(parameters) // 2
        AL, caches_reference = L_model_forward(X, parameters, "relu")
        caches = [(tuple(linear_cache), Z) for linear_cache, Z in caches_reference]
        case = _Case(ex, fn, {"AL": AL, "Y": Y, "caches": caches}, f"layer_dims={_layer_dims(parameters)}",
                     probe=("Y", 1 - Y), reference=lambda i: L_model_backward(i["AL"], i["Y"], caches_reference))
        grads = case.answer
        keys = [f"{name}{l}" for l in range(L, 0, -1) for name in ("dW", "db")]
        case.need_dict("grads", grads, keys, missing_hint="grads['dW' + str(l)] for l = 1 .. L")
        expected = L_model_backward(AL, Y, caches_reference)
        with np.errstate(all="ignore"):
            variants = [
                ("check the sign of dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                 _deep_backward(AL, Y, caches, sign=-1.0)),
                ("the hidden layers use relu's backward step; only layer L uses sigmoid's",
                 _deep_backward(AL, Y, caches, hidden="sigmoid")),
                ("layer L is a sigmoid layer; use sigmoid's backward step for caches[L - 1]",
                 _deep_backward(AL, Y, caches, output="relu")),
                ("AL - Y is already dZ of layer L; pass dAL = -(Y/AL - (1 - Y)/(1 - AL)) to the sigmoid step",
                 _deep_backward(AL, Y, caches, dZ_as_dA=True)),
            ]
        by_examples = "sum over the examples, np.sum(dZ, axis=1, keepdims=True) / m"
        parts = [_Part(key, grads[key], expected[key], variants=_pick(variants, key),
                       hint="sigmoid's backward step for layer L (caches[L - 1]), relu's below it; "
                            "grads['dA' + str(l - 1)] feeds layer l - 1",
                       rank1_hint=by_examples if key.startswith("db") else None)
                 for key in keys]
        case.verify(parts)
    _passed(ex)


def check_update_parameters(fn):
    """Check ``update_parameters(params, grads, learning_rate)``: one step of gradient descent.

    Called on networks of 2 and 3 layers with learning rates 0.1 and 0.0075;
    compared with :func:`course_utils.update_parameters`. ``grads`` also holds
    ``dA`` keys, as in the course, which must be ignored. ``params`` must not
    change: return new arrays.

    Examples
    --------
    >>> check_update_parameters(update_parameters)
    update_parameters: all checks passed
    """
    __tracebackhide__ = True
    ex = "update_parameters"
    rng = np.random.default_rng(49)
    for layer_dims, learning_rate in (([3, 2, 1], 0.1), ([4, 3, 2, 1], 0.0075)):
        params = _random_network(rng, layer_dims)
        grads = {f"d{key}": rng.standard_normal(value.shape) for key, value in params.items()}
        grads.update({f"dA{l - 1}": rng.standard_normal((layer_dims[l - 1], 3)) for l in range(1, len(layer_dims))})
        case = _Case(ex, fn, {"params": params, "grads": grads, "learning_rate": learning_rate},
                     f"layer_dims={layer_dims}, learning_rate={learning_rate}",
                     probe=("params", {k: v + 0.5 for k, v in params.items()}),
                     reference=lambda i: update_parameters(*i.values()),
                     copy_hint="W = W - learning_rate * dW makes a new array; "
                               "W -= learning_rate * dW changes the caller's")
        new = case.answer
        case.need_dict("the returned parameters", new, tuple(params), exact=True)
        expected = update_parameters(params, grads, learning_rate)
        variants = [("subtract, W = W - learning_rate * dW",
                     {k: v + learning_rate * grads[f"d{k}"] for k, v in params.items()}),
                    ("update the biases too, b = b - learning_rate * db",
                     {k: expected[k] if k[0] == "W" else v for k, v in params.items()})]
        step = _step_size(new, params, grads)
        if step is not None and not np.isclose(step, learning_rate) and not np.isclose(step, -learning_rate):
            variants.append((f"the step was {step:.4g} times the gradient, but learning_rate is {learning_rate}; "
                             f"use the argument learning_rate",
                             {k: v - step * grads[f"d{k}"] for k, v in params.items()}))
        parts = [_Part(key, new[key], expected[key], variants=_pick(variants, key),
                       hint=f"{key} = params['{key}'] - learning_rate * grads['d{key}']") for key in params]
        case.verify(parts)
    _passed(ex)


def _step_size(new, params, grads):
    """The step c for which new == params - c * grads, fitted on W1, or None if it cannot be fitted."""
    W, W_new, dW = params["W1"], new.get("W1"), grads["dW1"]
    if not isinstance(W_new, np.ndarray) or W_new.shape != W.shape or W_new.dtype.kind not in "biuf":
        return None
    with np.errstate(all="ignore"):
        step = float(np.sum((W - W_new) * dW) / np.sum(dW * dW))
    return step if np.isfinite(step) else None


#: Exercise name -> its check, in the notebook's order.
EXERCISES = {
    "initialize_parameters_deep": check_initialize_parameters_deep,
    "linear_forward": check_linear_forward,
    "linear_activation_forward": check_linear_activation_forward,
    "L_model_forward": check_L_model_forward,
    "compute_cost": check_compute_cost,  # the same exercise as week 3's
    "linear_backward": check_linear_backward,
    "linear_activation_backward": check_linear_activation_backward,
    "L_model_backward": check_L_model_backward,
    "update_parameters": check_update_parameters,
}



#: Self-check questions of week 4 (keys become "week4.<key>"; see :mod:`course_utils.selfcheck`).
QUESTIONS = {
    "W2_shape": Question(
        "shape", (7, 20),
        "W2 turns layer 1's 20 activations into layer 2's 7 pre-activations, so it has one row per unit of "
        "layer 2 and one column per unit of layer 1: (n[2], n[1]) = (7, 20).",
        mistakes={
            (20, 7): "that is W2.T; W[l] has shape (n[l], n[l-1]), one row per unit of layer l",
            (7, 1): "that is the shape of b2, one bias per unit of layer 2",
            (20, 3072): "that is W1, which reads the n_x = 3072 inputs; W2 reads layer 1",
            (7, 3072): "W2 reads layer 1's 20 activations, not the 3072 inputs",
        }),
    "b3_shape": Question(
        "shape", (5, 1),
        "b3 holds one bias per unit of layer 3, as a column that numpy broadcasts across the m columns: "
        "(n[3], 1) = (5, 1).",
        mistakes={
            (1, 5): "that is a row; b[l] is a column, (n[l], 1), so that it broadcasts across the examples",
            (5,): "that is a rank-1 array; b[l] is a column of shape (n[l], 1)",
            (5, 7): "that is the shape of W3, (n[3], n[2]); b3 has one number per unit",
            (7, 1): "that is b2; layer 3 has 5 units",
        }),
    "output_activation": Question(
        "word", ("sigmoid",),
        "The output must be a probability, a number between 0 and 1 for each picture, and the cross-entropy "
        "cost takes its log; the sigmoid gives exactly that. ReLU stays in the hidden layers.",
        mistakes={
            "relu": "relu's output can be 0 or larger than 1, and log(0) makes the cost infinite; relu is for "
                    "the hidden layers",
            "tanh": "tanh's output lies between -1 and 1, so it is not a probability",
        }),
    "cost_curve": Question(
        "choice", "a",
        "0.03 lies between the rates 0.01, whose cost fell at every recorded step, and 0.1, which jumped, in "
        "the sweep of section 8; with the shipped data the cost falls at every recorded step, as the curves "
        "below show (an assert in the cell checks it).",
        choices=("a", "b", "c", "d"),
        mistakes={
            "b": "a cost that rises at the start belongs to a rate that overshoots, such as the 0.5 of section 8; "
                 "0.03 is far below it",
            "c": "that is what 0.5 did in section 8's sweep; 0.03 is far below it",
            "d": "the cost stays put only when the steps are tiny or the gradient is zero; section 8's 0.01 "
                 "already fell at every recorded step",
        }),
    "parameter": Question(
        "choice", "b",
        "b2 is learned: gradient descent changes it at every step. The learning rate, the number of layers "
        "and the seed are chosen before training starts, so they are hyperparameters.",
        choices=("a", "b", "c", "d"),
        mistakes={
            "a": "you choose the learning rate; gradient descent never changes it",
            "c": "you choose the number of layers when you write layer_dims; training does not change it",
            "d": "you choose the seed; it decides where training starts, and training never changes it",
        }),
}
