"""The learner-facing checks: right answers pass with one line, known mistakes get their hint.

For every exercise there is a correct, vectorized implementation (written here,
not taken from course_utils) and a few deliberately wrong ones ("mutants"),
each pinned to the hint its check should give. Then the rules every check
shares: stubs, exceptions from the learner's code, answers typed in for one
case, short tracebacks, and the look-up by name.
"""

import importlib
import inspect
import math
import os

import numpy as np
import pytest

from course_utils import checks
from course_utils.checks import CheckFailed, NotImplementedYet

# The correct implementations live in tests/references.py.
from references import (  # noqa: E402,F401
    CORRECT,
    basic_sigmoid,
    sigmoid,
    sigmoid_derivative,
    L1,
    L2,
    normalize_rows,
    softmax,
    image2vector,
    initialize_with_zeros,
    propagate,
    optimize,
    predict,
    model,
    _model_with,
    layer_sizes,
    initialize_parameters,
    forward_propagation,
    compute_cost,
    backward_propagation,
    initialize_parameters_deep,
    linear_forward,
    linear_activation_forward,
    L_model_forward,
    linear_backward,
    activation_backward,
    linear_activation_backward,
    L_model_backward,
    update_parameters,
    reference_source,
)


GLOBAL_Z = np.linspace(-1.0, 1.0, 6).reshape(2, 3)  # a notebook variable a learner might use by mistake
GLOBAL_S = sigmoid(np.array([1.0, 2.0, 3.0]))  # s = sigmoid(x) left over from an earlier cell
GLOBAL_X = np.ones((7, 9))
GLOBAL_PARAMS = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "W2": np.ones((1, 2)), "b2": np.ones((1, 1))}


def _shallow(X, parameters, hidden=np.tanh, product=np.dot, b1=True, transpose_W1=False):
    W1 = parameters["W1"].T if transpose_W1 else parameters["W1"]
    Z1 = product(W1, X) + (parameters["b1"] if b1 else 0)
    A1 = hidden(Z1)
    Z2 = product(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _propagate_with(w, b, X, Y, *, divisor=None, add_b=True, dw_rule="dot", db_keepdims=False, cost_dot=False):
    m = X.shape[1] if divisor is None else divisor
    A = sigmoid(np.dot(w.T, X) + (b if add_b else 0))
    dZ = A - Y
    if cost_dot:
        cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    else:
        cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = {"dot": lambda: np.dot(X, dZ.T), "star": lambda: X * dZ, "transposed": lambda: np.dot(dZ, X.T)}[dw_rule]()
    db = np.sum(dZ, axis=1, keepdims=True) / m if db_keepdims else float(np.sum(dZ) / m)
    return {"dw": dw / m, "db": db}, cost


def _forward_centring_X(X, parameters):
    X -= X.mean(axis=1, keepdims=True)
    return forward_propagation(X, parameters)


def _propagate_normalising_X(w, b, X, Y):
    X /= np.abs(X).max()
    return propagate(w, b, X, Y)


def _optimize_with(w, b, X, Y, num_iterations=100, learning_rate=0.009, *, fixed_rate=None, every=100,
                   update_b=True, in_place=False, record_after=False):
    rate = learning_rate if fixed_rate is None else fixed_rate
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if in_place:
            w -= rate * grads["dw"]
        else:
            w = w - rate * grads["dw"]
        if update_b:
            b = b - rate * grads["db"]
        if i % every == 0:
            costs.append(propagate(w, b, X, Y)[1] if record_after else cost)
    return {"w": w, "b": b}, grads, costs


def _init_with(n_x, n_h, n_y, seed=2, *, scale=0.01, legacy=False, fresh=False, fixed_seed=None,
               transpose_W1=False, rank1_b=False):
    seed = seed if fixed_seed is None else fixed_seed
    if legacy:  # what np.random.seed(seed); np.random.randn(...) gives, without touching global state
        draw = np.random.RandomState(seed).randn
        W1, W2 = draw(n_h, n_x) * scale, draw(n_y, n_h) * scale
    else:
        rng = np.random.default_rng(seed)
        W1 = rng.standard_normal((n_x, n_h) if transpose_W1 else (n_h, n_x)) * scale
        rng = np.random.default_rng(seed) if fresh else rng
        W2 = rng.standard_normal((n_y, n_h)) * scale
    b1 = np.zeros(n_h) if rank1_b else np.zeros((n_h, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": np.zeros((n_y, 1))}


def _backward_with(parameters, cache, X, Y, *, slope="A1", divisor=None, keepdims=True, transpose_dW2=False,
                   axis=1, in_place=False):
    m = X.shape[1] if divisor is None else divisor
    A1 = cache["A1"]
    if in_place:
        dZ2 = cache["A2"]
        dZ2 -= Y
    else:
        dZ2 = cache["A2"] - Y
    g = 1 - (cache["Z1"] if slope == "Z1" else A1) ** 2
    dZ1 = np.dot(parameters["W2"].T, dZ2) * g
    dW2 = np.dot(A1, dZ2.T) / m if transpose_dW2 else np.dot(dZ2, A1.T) / m
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=axis, keepdims=keepdims) / m,
            "dW2": dW2, "db2": np.sum(dZ2, axis=axis, keepdims=keepdims) / m}


def _deep_init_with(layer_dims, seed=3, *, scale=None, skip_last=False, fresh=False, legacy=False,
                    transpose=False):
    rng = np.random.default_rng(seed)
    legacy_rng = np.random.RandomState(seed)
    parameters = {}
    last = len(layer_dims) - 1 if skip_last else len(layer_dims)
    for l in range(1, last):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        if fresh:
            rng = np.random.default_rng(seed)
        shape = (n_prev, n) if transpose else (n, n_prev)
        W = legacy_rng.randn(*shape) if legacy else rng.standard_normal(shape)
        parameters[f"W{l}"] = W * (1 / np.sqrt(n_prev) if scale is None else scale)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def _linear_forward_changing_b(A_prev, W, b):
    b *= 2
    return np.dot(W, A_prev) + b, (A_prev, W, b)


def _activation_forward_with(A_prev, W, b, activation, *, swap=False, cache_A=False, flat=False, skip=False):
    Z, linear_cache = linear_forward(A_prev, W, b)
    use = {"sigmoid": "relu", "relu": "sigmoid"}[activation] if swap else activation
    A = Z if skip else (sigmoid(Z) if use == "sigmoid" else np.maximum(Z, 0))
    if flat:
        return A, (A_prev, W, b, Z)
    return A, (linear_cache, A if cache_A else Z)


def _L_forward_with(X, parameters, *, hidden="relu", output="sigmoid", drop_last_cache=False, use_b=True):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        b = parameters[f"b{l}"] if use_b else np.zeros_like(parameters[f"b{l}"])
        A, cache = _activation_forward_with(A, parameters[f"W{l}"], b, output if l == L else hidden)
        if not (drop_last_cache and l == L):
            caches.append(cache)
    return A, caches


def _linear_backward_with(dZ, cache, *, dA_over_m=False, divisor=None, keepdims=True, transpose_dW=False,
                          in_place=False):
    A_prev, W, _ = cache
    m = A_prev.shape[1] if divisor is None else divisor
    if in_place:
        dZ /= m
        m = 1
    dW = np.dot(A_prev, dZ.T) / m if transpose_dW else np.dot(dZ, A_prev.T) / m
    dA_prev = np.dot(W.T, dZ) / (m if dA_over_m else 1)
    return dA_prev, dW, np.sum(dZ, axis=1, keepdims=keepdims) / m


def _activation_backward_with(dA, cache, activation, *, swap=False, skip=False, in_place=False):
    linear_cache, Z = cache
    if in_place and activation == "relu":
        dA[Z <= 0] = 0
        return linear_backward(dA, linear_cache)
    use = {"sigmoid": "relu", "relu": "sigmoid"}[activation] if swap else activation
    dZ = dA if skip else activation_backward(dA, Z, use)
    return linear_backward(dZ, linear_cache)


def _L_backward_with(AL, Y, caches, *, sign=1.0, hidden="relu", dZ_as_dA=False, key_offset=0):
    L = len(caches)
    grads = {}
    dA = AL - Y if dZ_as_dA else -sign * (Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        dA, grads[f"dW{l + key_offset}"], grads[f"db{l + key_offset}"] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else hidden)
    return grads


def _update_with(params, grads, learning_rate, *, sign=-1.0, fixed_rate=None, biases=True, in_place=False,
                 use_global=False):
    rate = learning_rate if fixed_rate is None else fixed_rate
    source = GLOBAL_PARAMS if use_global else params
    if in_place:
        for key in params:
            params[key] += sign * rate * grads[f"d{key}"]
        return params
    return {key: value + sign * rate * grads[f"d{key}"] if (biases or key[0] == "W") else value
            for key, value in source.items()}


def _normalize_rows_in_place(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def _softmax_shifting_x_in_place(x):
    x -= np.max(x, axis=1, keepdims=True)
    return softmax(x)


def _image2vector_reshaping_image(image):
    image.shape = (image.size, 1)
    return image


def _square_only(wrong, right):
    """``wrong`` on square inputs, where numpy's broadcasting lets it run, ``right`` on the others."""
    return lambda x: wrong(x) if x.shape[0] == x.shape[1] else right(x)


def _np_log_in_place_cost(AL, Y):
    logs = np.log(AL, out=AL)
    return float(-np.sum(Y * logs) / Y.shape[1])


MUTANTS = [
    # basic_sigmoid
    ("basic_sigmoid", lambda x: math.exp(-x),
     r"^basic_sigmoid \(x=1\.2\): basic_sigmoid\(x\) is 0\.301194 but should be 0\.768525: .*"
     r"you returned math\.exp\(-x\), without the 1 / \(1 \+ \.\.\.\)$"),
    ("basic_sigmoid", lambda x: 1 + math.exp(-x), r"take 1 divided by \(1 \+ math\.exp\(-x\)\)"),
    ("basic_sigmoid", lambda x: 1 / (1 + math.exp(x)), r"check the sign of x$"),
    ("basic_sigmoid", lambda x: 1 / (1 - math.exp(-x)), r"check the sign: 1 \+ math\.exp\(-x\)"),
    ("basic_sigmoid", lambda x: np.array([basic_sigmoid(x)]),
     r"should be a number \(x was a number\), got an array of shape \(1,\): x is one number"),
    ("basic_sigmoid", lambda x: np.array(basic_sigmoid(x)), r"got an array of shape \(\): x is one number"),
    ("basic_sigmoid", lambda x: [basic_sigmoid(x)], r"should be a number, got a list: x is one number"),
    ("basic_sigmoid", lambda x: basic_sigmoid(0.3), r"instead of the argument x\?"),
    # sigmoid_derivative
    ("sigmoid_derivative", sigmoid, r"^sigmoid_derivative \(x of shape \(3,\)\): .*that is s = sigmoid\(x\) itself"),
    ("sigmoid_derivative", lambda x: sigmoid(x) * (1 + sigmoid(x)), r"s \* \(1 - s\); check the sign"),
    ("sigmoid_derivative", lambda x: x * (1 - x), r"x \* \(1 - x\) uses x where s belongs"),
    ("sigmoid_derivative", lambda x: np.exp(-x) * (1 - np.exp(-x)), r"not np\.exp\(-x\)"),
    ("sigmoid_derivative", lambda x: GLOBAL_S * (1 - GLOBAL_S), r"instead of the argument x\?"),
    ("sigmoid_derivative", lambda x: np.ravel(sigmoid_derivative(x)),
     r"\(x of shape \(2, 4\)\): .*has shape \(8,\) but should be \(2, 4\): .*do not flatten it"),
    ("sigmoid_derivative", lambda x: np.atleast_1d(sigmoid_derivative(x)),
     r"^sigmoid_derivative \(x=-0\.8\): sigmoid_derivative\(x\) should be a number \(x was a number\), "
     r"got an array of shape \(1,\): for a number x, s \* \(1 - s\) .* is already a number"),
    # L1
    ("L1", lambda yhat, y: np.sum(y - yhat),
     r"^L1 \(yhat of shape \(5,\)\): L1 is .*take the absolute value of each difference, before adding"),
    ("L1", lambda yhat, y: np.mean(np.abs(y - yhat)), r"do not average them with np\.mean"),
    ("L1", lambda yhat, y: abs(np.sum(y - yhat)), r"take the absolute value of each difference, before adding them"),
    ("L1", lambda yhat, y: np.abs(y - yhat),
     r"^L1 \(yhat of shape \(5,\)\): L1 should be a number, got an array of shape \(5,\): "
     r"that is an array of differences"),
    ("L1", lambda yhat, y: np.sum(np.abs(y - yhat), axis=-1, keepdims=True),
     r"got an array of shape \(1,\): np\.sum with no axis adds every entry into one number"),
    ("L1", lambda yhat, y: L2(yhat, y), r"squares belong to L2"),
    # L2
    ("L2", lambda yhat, y: np.sqrt(L2(yhat, y)), r"that is the Euclidean norm"),
    ("L2", lambda yhat, y: np.mean((y - yhat) ** 2), r"do not average them with np\.mean"),
    ("L2", lambda yhat, y: np.sum(y - yhat), r"square each difference"),
    ("L2", L1, r"square each difference \(absolute values give L1\)"),
    ("L2", lambda yhat, y: np.dot(y - yhat, (y - yhat).T),
     r"^L2 \(yhat of shape \(1, 6\)\): L2 should be a number, got an array of shape \(1, 1\): "
     r"a one-entry array, such as the \(1, 1\) one np\.dot\(d, d\.T\) gives"),
    ("L2", lambda yhat, y: (y - yhat) ** 2,
     r"should be a number, got an array of shape \(5,\): the loss is one number"),
    # normalize_rows
    ("normalize_rows", lambda x: x / np.linalg.norm(x, axis=0, keepdims=True),
     r"^normalize_rows \(x of shape \(2, 3\)\): .*divides each column by its norm \(axis=0\)"),
    ("normalize_rows", _square_only(lambda x: x / np.linalg.norm(x, axis=1), normalize_rows),
     r"^normalize_rows \(x of shape \(3, 3\)\): .*without keepdims=True the row norms have shape \(n,\)"),
    ("normalize_rows", lambda x: x / np.sum(x ** 2, axis=1, keepdims=True), r"not by the sum of squares itself"),
    ("normalize_rows", lambda x: x / np.sum(x, axis=1, keepdims=True), r"not by the row's sum"),
    ("normalize_rows", lambda x: x / np.linalg.norm(x), r"the norm of the whole matrix"),
    ("normalize_rows", _normalize_rows_in_place,
     r"^normalize_rows \(x of shape \(2, 3\)\): your function changed its input x; work on a copy "
     r"\(x = x / x_norm makes a new array; x /= x_norm changes the caller's\)$"),
    ("normalize_rows", lambda x: normalize_rows(x).T, r"has shape \(3, 2\) but should be \(2, 3\): .*do not transpose"),
    # softmax
    ("softmax", lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True),
     r"^softmax \(x of shape \(2, 5\)\): .*axis=0 sums the columns"),
    ("softmax", lambda x: np.exp(x) / np.sum(np.exp(x)), r"not by the sum of the whole matrix"),
    ("softmax", _square_only(lambda x: np.exp(x) / np.sum(np.exp(x), axis=1), softmax),
     r"^softmax \(x of shape \(3, 3\)\): .*without keepdims=True the row sums have shape \(m,\)"),
    ("softmax", np.exp, r"divide x_exp by its row sums"),
    ("softmax", lambda x: x / np.sum(x, axis=1, keepdims=True), r"exponentiate first"),
    ("softmax", _softmax_shifting_x_in_place, r"changed its input x; work on a copy"),
    # image2vector
    ("image2vector", lambda image: image.reshape(-1),
     r"^image2vector \(image of shape \(2, 3, 4\)\): image2vector\(image\) has shape \(24,\) but should be "
     r"\(24, 1\): that is a rank-1 array"),
    ("image2vector", lambda image: image.reshape(1, -1), r"has shape \(1, 24\) but should be \(24, 1\): that is a row"),
    ("image2vector", lambda image: image.reshape(-1, 1, order="F"), r"the entries are in another order"),
    ("image2vector", lambda image: image.T.reshape(-1, 1), r"the entries are in another order"),
    ("image2vector", lambda image: image.transpose(1, 0, 2).reshape(-1, 1), r"the entries are in another order"),
    ("image2vector", lambda image: image[:, :, 0].reshape(-1, 1),
     r"has shape \(6, 1\) but should be \(24, 1\): the column holds every entry of the image, "
     r"length \* height \* depth = 24 of them, but yours has 6"),
    ("image2vector", _image2vector_reshaping_image, r"changed its input image; work on a copy"),
    # sigmoid
    ("sigmoid", lambda z: 1 / (1 + np.exp(z)), r"check the sign of z"),
    ("sigmoid", lambda z: np.ravel(sigmoid(z)), r"has shape \(3,\) but should be \(1, 3\).*do not flatten it"),
    ("sigmoid", lambda z: sigmoid(z).T, r"do not transpose it"),
    ("sigmoid", lambda z: sigmoid(GLOBAL_Z), r"instead of the argument z\?"),
    ("sigmoid", lambda z: [sigmoid(z)], r"should be a numpy array of shape \(1, 3\), got a list"),
    # initialize_with_zeros
    ("initialize_with_zeros", lambda dim: (np.zeros(dim), 0.0), r"not np.zeros\(dim\)"),
    ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), False),
     r"b should be a number, got the bool False: write b = 0\.0"),
    ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1), dtype=int), 0.0), r"w has dtype int64 but should hold floats"),
    ("initialize_with_zeros", lambda dim: (np.zeros((1, dim)), 0.0), r"\(1, 3\) but should be \(3, 1\).*w is a column"),
    ("initialize_with_zeros", lambda dim: np.zeros((dim, 1)), r"should return \(w, b\), got an array of shape \(3, 1\)"),
    # propagate
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, add_b=False), r"did you forget to add b\?"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, cost_dot=True),
     r"^propagate \(X of shape \(3, 5\)\): cost should be a number, got an array of shape \(1, 1\): "
     r"cost = np.squeeze\(cost\) turns a one-entry array"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, divisor=X.shape[0]), r"divide by m = X.shape\[1\]"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, divisor=1), r"did you forget to divide by m\?"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, dw_rule="star"),
     r"dw has shape \(3, 5\) but should be \(3, 1\).*not \*"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, dw_rule="transposed"),
     r"^propagate \(X of shape \(3, 5\)\): dw has shape \(1, 3\) but should be \(3, 1\): did you transpose X\?"),
    ("propagate", lambda w, b, X, Y: _propagate_with(w, b, X, Y, db_keepdims=True),
     r"db should be a number, got an array of shape \(1, 1\): np.sum\(A - Y\) / m, with no axis"),
    ("propagate", _propagate_normalising_X, r"^propagate \(X of shape \(3, 5\)\): your function changed its input X; work on a copy"),
    # optimize
    ("optimize", lambda *a: _optimize_with(*a, in_place=True), r"changed its input w; work on a copy"),
    ("optimize", lambda *a: _optimize_with(*a, fixed_rate=0.009), r"use the argument learning_rate"),
    ("optimize", lambda *a: _optimize_with(*a, every=1),
     r"costs has 150 entries but should have 2.*only every 100 iterations"),
    ("optimize", lambda *a: _optimize_with(*a, update_b=False), r"did you forget to update b\?"),
    ("optimize", lambda *a: _optimize_with(*a, record_after=True), r"record the cost before the update"),
    ("optimize", lambda w, b, X, Y, n=100, rate=0.009: _optimize_with(w, b, X, Y, 100, rate),
     r"use the argument num_iterations"),
    # predict
    ("predict", lambda w, b, X: predict(w, 0.0, X), r"did you forget to add b\?"),
    ("predict", lambda w, b, X: sigmoid(np.dot(w.T, X) + b), r"should hold only 0 and 1.*A > 0\.5"),
    ("predict", lambda w, b, X: predict(w, b, X).ravel(),
     r"Y_prediction has shape \(5,\) but should be \(1, 5\): predictions are a row of shape \(1, m\)"),
    ("predict", lambda w, b, X: predict(w, b, X).T, r"one column per example"),
    ("predict", lambda w, b, X: 1 - predict(w, b, X), r"the wrong way round"),
    ("predict", lambda w, b, X: (sigmoid(np.dot(w.T, X) + b) >= 0.5).astype(int),
     r"^predict \(X of shape \(3, 5\), w = 0 and b = 0\): .*the label is 1 only where A > 0\.5, strictly$"),
    # model
    ("model", lambda *a: _model_with(*a, defaults=True),
     r"d\['costs'\] has 5 entries but should have 2: pass num_iterations and learning_rate on to optimize"),
    ("model", lambda *a: _model_with(*a, test_on_train=True),
     r"d\['Y_prediction_test'\] has shape \(1, 5\) but should be \(1, 4\): predict on X_test for the test predictions"),
    ("model", lambda *a: _model_with(*a, percent=True),
     r"d\['train_accuracy'\] is \d+ but should be [0-9.]+: the accuracy is a fraction between 0 and 1"),
    ("model", lambda *a: _model_with(*a, drop="costs"), r"d has no key 'costs' .*: return the dict with the keys"),
    ("model", lambda X_train, Y_train, X_test, Y_test, n=500, rate=0.005: model(X_test, Y_test, X_test, Y_test, n, rate),
     r"model \(X_train of shape \(3, 5\), num_iterations=150\): "),
    # layer_sizes
    ("layer_sizes", lambda X, Y: (X.shape[1], 4, Y.shape[0]), r"n_x is 3 but should be 5: n_x is the number of rows"),
    ("layer_sizes", lambda X, Y: (X.shape[0], X.shape[0], Y.shape[0]), r"n_h is fixed at 4"),
    ("layer_sizes", lambda X, Y: (GLOBAL_X.shape[0], 4, Y.shape[0]), r"instead of the argument X\?"),
    ("layer_sizes", lambda X, Y: (float(X.shape[0]), 4, Y.shape[0]), r"n_x should be an int, got a float 5\.0"),
    # initialize_parameters
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, scale=1.0), r"multiply the random weights by 0\.01"),
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, legacy=True), r"not np.random.seed"),
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, fresh=True), r"make one generator"),
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, fixed_seed=2), r"use the argument seed"),
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, transpose_W1=True),
     r"W1 has shape \(3, 4\) but should be \(4, 3\).*one row per unit"),
    ("initialize_parameters", lambda *a, **k: _init_with(*a, **k, rank1_b=True), r"not np.zeros\(n_h\)"),
    ("initialize_parameters", lambda *a, **k: {**_init_with(*a, **k), "W3": 0}, r"unexpected key 'W3'"),
    # forward_propagation
    ("forward_propagation", lambda X, p: _shallow(X, p, b1=False), r"did you forget to add b1\?"),
    ("forward_propagation", lambda X, p: _shallow(X, p, product=np.multiply), r"not W1 \* X"),
    ("forward_propagation", lambda X, p: _shallow(X, p, hidden=sigmoid), r"uses np.tanh, not sigmoid"),
    ("forward_propagation", lambda X, p: _shallow(X, p, transpose_W1=True), r"did you transpose W1\?"),
    ("forward_propagation", _forward_centring_X, r"changed its input X"),
    ("forward_propagation", lambda X, p: (_shallow(X, p)[0], {}), r"cache has no key 'Z1'"),
    # compute_cost
    ("compute_cost", lambda AL, Y: -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / Y.shape[1],
     r"the cost should be a number, got an array of shape \(1, 1\): cost = np.squeeze\(cost\)"),
    ("compute_cost", lambda AL, Y: -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0, keepdims=True),
     r"the cost should be a number, got an array of shape \(1, 4\): cost = -np.sum\(Y \* np.log\(AL\)"),
    ("compute_cost", lambda AL, Y: -compute_cost(AL, Y), r"did you forget the minus sign\?"),
    ("compute_cost", lambda AL, Y: compute_cost(AL, Y) * Y.shape[1], r"did you forget 1/m\?"),
    ("compute_cost", lambda AL, Y: float(-np.sum(Y * np.log(AL)) / Y.shape[1]), r"add the \(1 - Y\) log\(1 - AL\) term"),
    ("compute_cost", _np_log_in_place_cost, r"changed its input AL; work on a copy"),
    ("compute_cost", lambda AL, Y: np.float64(0.5), r"instead of the argument AL\?"),
    # backward_propagation
    ("backward_propagation", lambda *a: _backward_with(*a, slope="Z1"), r"not 1 - Z1\*\*2"),
    ("backward_propagation", lambda *a: _backward_with(*a, keepdims=False),
     r"db2 has shape \(1,\) but should be \(1, 1\): a rank-1 array; use keepdims=True or reshape\(-1, 1\)"),
    ("backward_propagation", lambda *a: _backward_with(*a, divisor=1), r"did you forget to divide by m\?"),
    ("backward_propagation", lambda *a: _backward_with(*a, transpose_dW2=True), r"dW2 has the shape of W2.*transpose"),
    ("backward_propagation", lambda *a: _backward_with(*a, axis=0), r"sum over the examples"),
    ("backward_propagation", lambda *a: _backward_with(*a, in_place=True), r"changed its input cache; work on a copy"),
    # initialize_parameters_deep
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, scale=1.0), r"divide the random weights"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, scale=0.01), r"not 0\.01"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, skip_last=True),
     r"has no key 'W2'.*must include the last layer"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, fresh=True), r"make one generator"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, legacy=True), r"not np.random.seed"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d, seed, transpose=True), r"one row per unit"),
    ("initialize_parameters_deep", lambda d, seed=3: _deep_init_with(d), r"use the argument seed"),
    # linear_forward
    ("linear_forward", lambda A_prev, W, b: (np.dot(W, A_prev), (A_prev, W, b)), r"did you forget to add b\?"),
    ("linear_forward", lambda A_prev, W, b: (W * A_prev + b, (A_prev, W, b)), r"not W \* A_prev"),
    ("linear_forward", lambda A_prev, W, b: (np.dot(A_prev.T, W.T) + b.T, (A_prev, W, b)),
     r"np.dot\(W, A_prev\), in that order"),
    ("linear_forward", lambda A_prev, W, b: (np.dot(W, A_prev) + b, (W, A_prev, b)), r"in that order"),
    ("linear_forward", _linear_forward_changing_b, r"changed its input b"),
    ("linear_forward", lambda A_prev, W, b: np.dot(W, A_prev) + b, r"should return \(Z, cache\), got an array of shape \(3, 3\)"),
    # linear_activation_forward
    ("linear_activation_forward", lambda *a: _activation_forward_with(*a, swap=True),
     r"activation='relu' should apply relu, not sigmoid"),
    ("linear_activation_forward", lambda *a: _activation_forward_with(*a, cache_A=True), r"the activation cache is Z"),
    ("linear_activation_forward", lambda *a: _activation_forward_with(*a, flat=True),
     r"cache should be the tuple \(linear_cache, Z\), got 4 items"),
    ("linear_activation_forward", lambda *a: _activation_forward_with(*a, skip=True), r"apply the activation to Z"),
    # L_model_forward
    ("L_model_forward", lambda X, p: _L_forward_with(X, p, drop_last_cache=True), r"append the last layer's cache"),
    ("L_model_forward", lambda X, p: _L_forward_with(X, p, hidden="sigmoid"), r"only layer L uses sigmoid"),
    ("L_model_forward", lambda X, p: _L_forward_with(X, p, output="relu"), r"output layer L uses sigmoid"),
    ("L_model_forward", lambda X, p: _L_forward_with(X, p, use_b=False), r"did you forget to add b\?"),
    # linear_backward
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, dA_over_m=True), r"with no 1/m"),
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, divisor=1), r"did you forget to divide by m\?"),
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, divisor=c[0].shape[0]),
     r"\(W of shape \(2, 4\), m=5\).*divide by m = A_prev.shape\[1\]"),
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, keepdims=False), r"use keepdims=True"),
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, transpose_dW=True),
     r"check which factor is transposed"),
    ("linear_backward", lambda dZ, c: _linear_backward_with(dZ, c, in_place=True), r"changed its input dZ"),
    # linear_activation_backward
    ("linear_activation_backward", lambda *a: _activation_backward_with(*a, swap=True),
     r"needs relu's backward step, not sigmoid's"),
    ("linear_activation_backward", lambda *a: _activation_backward_with(*a, skip=True), r"first turn dA into dZ"),
    ("linear_activation_backward", lambda *a: _activation_backward_with(*a, in_place=True), r"changed its input dA"),
    # L_model_backward
    ("L_model_backward", lambda *a: _L_backward_with(*a, sign=-1.0), r"check the sign of dAL"),
    ("L_model_backward", lambda *a: _L_backward_with(*a, hidden="sigmoid"), r"only layer L uses sigmoid's"),
    ("L_model_backward", lambda *a: _L_backward_with(*a, dZ_as_dA=True), r"AL - Y is already dZ"),
    ("L_model_backward", lambda *a: _L_backward_with(*a, key_offset=-1), r"grads has no key 'dW2'"),
    # update_parameters
    ("update_parameters", lambda *a: _update_with(*a, in_place=True),
     r"^update_parameters \(layer_dims=\[3, 2, 1\], learning_rate=0\.1\): your function changed its input params; "
     r"work on a copy \(W = W - learning_rate"),
    ("update_parameters", lambda *a: _update_with(*a, sign=1.0), r"subtract"),
    ("update_parameters", lambda *a: _update_with(*a, fixed_rate=0.01),
     r"the step was 0\.01 times the gradient, but learning_rate is 0\.1"),
    ("update_parameters", lambda *a: _update_with(*a, biases=False), r"update the biases too"),
    ("update_parameters", lambda *a: _update_with(*a, use_global=True), r"instead of the argument params\?"),
]


# ================================================================ every exercise


def _references():
    """(week, exercise) -> reference solution, for every exercise of checks.REGISTRY that has one.

    Weeks 2 to 4's first exercises are in CORRECT above; a week's newer ones are in
    tests/test_checks_week<N>.py (WEEK, CORRECT), which wins for its week: week 3's
    predict(parameters, X) is not week 2's.
    """
    refs = {}
    for week, exercises in checks.REGISTRY.items():
        try:
            own = importlib.import_module(f"test_checks_week{week}").CORRECT
        except ModuleNotFoundError:
            own = {}
        for name in exercises:
            if name in own:
                refs[week, name] = own[name]
            elif name in CORRECT and checks.lookup(name, week) is checks.lookup(name, WEEK_OF[name]):
                refs[week, name] = CORRECT[name]
    return refs


#: The week whose exercise each of CORRECT's references solves: the last week that uses the name,
#: except week 2's predict(w, b, X). (compute_cost is one exercise in weeks 3 and 4.)
WEEK_OF = {name: week for week, exercises in checks.REGISTRY.items() for name in exercises if name in CORRECT}
WEEK_OF["predict"] = 2

REFERENCES = _references()
_IDS = [f"week{week}-{name}" for week, name in REFERENCES]


def test_every_exercise_has_a_check_and_a_reference():
    exercises = [(week, name) for week, names in checks.REGISTRY.items() for name in names]
    assert sorted(REFERENCES, key=exercises.index) == exercises, "an exercise without a reference solution in the tests"
    for week, name in exercises:
        check = checks.lookup(name, week)
        assert check.__name__ in checks.__all__ and getattr(checks, check.__name__) is check
        # The contract is written once, in course_utils.checks; each check gives its summary, cases and an example.
        assert check.__doc__ and "Examples" in check.__doc__ and "Raises" not in check.__doc__


@pytest.mark.parametrize("week, name", list(REFERENCES), ids=_IDS)
def test_every_reference_passes_its_check(week, name, capsys):
    assert checks.check(name, REFERENCES[week, name], week=week) is None
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


@pytest.mark.parametrize("name, mutant, pattern", MUTANTS,
                         ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(MUTANTS)])
def test_a_known_mistake_gets_its_hint(name, mutant, pattern, capsys):
    with pytest.raises(CheckFailed, match=pattern):
        checks.lookup(name, WEEK_OF[name])(mutant)
    assert capsys.readouterr().out == ""


def test_every_exercise_catches_at_least_two_mistakes():
    counts = {name: 0 for name in CORRECT}
    for name, _, _ in MUTANTS:
        counts[name] += 1
    assert min(counts.values()) >= 2, counts


@pytest.mark.parametrize("week, name", list(REFERENCES), ids=_IDS)
def test_an_answer_typed_in_for_one_case_fails(week, name):
    """A function that returns the right answer for the first input it sees, and that answer ever after."""
    first = []

    def typed_in(*args, **kwargs):
        if not first:
            first.append(REFERENCES[week, name](*args, **kwargs))
        return first[0]

    with pytest.raises(CheckFailed, match="a global variable \\(or a fixed answer\\) instead of the argument"):
        checks.check(name, typed_in, week=week)


# ================================================================ stubs and the learner's own errors


@pytest.mark.parametrize("week, name", list(REFERENCES), ids=_IDS)
def test_a_stub_is_not_implemented_yet(week, name):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(NotImplementedYet) as excinfo:
        checks.check(name, stub, week=week)
    assert str(excinfo.value) == f"{name}: not implemented yet"
    assert excinfo.value.__cause__ is None and excinfo.value.__suppress_context__


def test_a_stub_called_by_the_exercise_is_named():
    def propagate(w, b, X, Y):
        raise NotImplementedError()

    def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009):
        grads, cost = propagate(w, b, X, Y)
        return {"w": w, "b": b}, grads, [cost]

    with pytest.raises(NotImplementedYet, match="^optimize: propagate, which it calls, is not implemented yet$"):
        checks.check_optimize(optimize)


@pytest.mark.parametrize("week, name", list(REFERENCES), ids=_IDS)
def test_the_learners_own_exception_comes_through_unchanged(week, name):
    def broken(*args, **kwargs):
        return 1 / 0

    with pytest.raises(ZeroDivisionError) as excinfo:
        checks.check(name, broken, week=week)
    assert excinfo.traceback[-1].name == "broken"
    assert excinfo.value.__context__ is None


def test_a_numpy_error_in_the_learners_code_comes_through():
    def linear_forward(A_prev, W, b):
        return np.dot(W.ravel(), A_prev) + b, (A_prev, W, b)  # (9,) . (3, 3) does not line up

    with pytest.raises(ValueError, match="not aligned"):
        checks.check_linear_forward(linear_forward)


# ================================================================ short tracebacks


def _check_frames(excinfo):
    tb = excinfo.tb
    frames = []
    while tb is not None:
        if os.path.dirname(tb.tb_frame.f_code.co_filename) == os.path.dirname(checks.__file__):
            frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def _stub(*args, **kwargs):
    raise NotImplementedError()


@pytest.mark.parametrize("name, mutant", [
    ("sigmoid", lambda z: 1 / (1 + np.exp(z))),  # a value hint
    ("sigmoid", lambda z: sigmoid(GLOBAL_Z)),  # the global-variable probe
    ("propagate", _propagate_normalising_X),  # a changed input
    ("optimize", lambda w, b, X, Y, n, rate: None),  # a structural problem
    ("sigmoid", _stub),  # a stub
])
def test_every_checks_frame_in_a_failure_is_hidden(name, mutant):
    with pytest.raises(AssertionError) as excinfo:
        checks.lookup(name, WEEK_OF[name])(mutant)
    frames = _check_frames(excinfo)
    assert frames
    assert all(frame.f_locals.get("__tracebackhide__") is True for frame in frames)
    assert excinfo.value.__cause__ is None and excinfo.value.__suppress_context__


def test_the_learners_frames_stay_visible():
    def broken(z):
        return undefined_name  # noqa: F821

    with pytest.raises(NameError) as excinfo:
        checks.check_sigmoid(broken)
    assert excinfo.traceback[-1].name == "broken"
    assert all(frame.f_locals.get("__tracebackhide__") for frame in _check_frames(excinfo))


def test_the_checks_leave_numpys_global_random_state_alone(capsys):
    before = np.random.get_state()[1].copy()
    for (week, name), fn in REFERENCES.items():
        checks.check(name, fn, week=week)
    assert np.array_equal(np.random.get_state()[1], before)


def test_the_failure_classes():
    assert issubclass(CheckFailed, AssertionError)
    assert issubclass(NotImplementedYet, AssertionError)
    assert not issubclass(NotImplementedYet, CheckFailed)


# ================================================================ leniency where the exercise allows it


def test_predictions_may_be_floats_or_booleans(capsys):
    checks.check_predict(lambda w, b, X: predict(w, b, X).astype(float))
    checks.check_predict(lambda w, b, X: sigmoid(np.dot(w.T, X) + b) > 0.5)
    assert capsys.readouterr().out == "predict: all checks passed\n" * 2


def test_numpy_floats_and_course_style_caches_pass(capsys):
    def propagate_numpy(w, b, X, Y):
        grads, cost = propagate(w, b, X, Y)
        return {"dw": grads["dw"], "db": np.float64(grads["db"])}, np.float64(cost)

    def update_parameters_course_style(parameters, grads, learning_rate):
        L = len(parameters) // 2
        new = {}
        for l in range(1, L + 1):
            new["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
            new["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return new

    checks.check_propagate(propagate_numpy)
    checks.check_update_parameters(update_parameters_course_style)
    assert capsys.readouterr().out == "propagate: all checks passed\nupdate_parameters: all checks passed\n"


# ================================================================ look-up by name


def test_check_dispatches_by_name(capsys):
    assert checks.check("sigmoid", sigmoid) is None
    assert capsys.readouterr().out == "sigmoid: all checks passed\n"
    with pytest.raises(CheckFailed, match="^compute_cost"):
        checks.check("compute_cost", lambda AL, Y: -compute_cost(AL, Y))


def test_an_unknown_exercise_is_a_value_error_listing_the_names():
    with pytest.raises(ValueError, match="No check for the exercise 'sigmod'.*basic_sigmoid, sigmoid, "
                                         "sigmoid_derivative, L1, L2, normalize_rows, softmax, image2vector, "
                                         "initialize_with_zeros, "
                                         ".*update_parameters"):
        checks.check("sigmod", sigmoid)


def test_jupyter_shows_a_failed_check_as_one_line():
    # IPython renders an exception through _render_traceback_ when it has one.
    def stub(z):
        raise NotImplementedError()

    with pytest.raises(checks.NotImplementedYet) as excinfo:
        checks.check_sigmoid(stub)
    assert excinfo.value._render_traceback_() == ["NotImplementedYet: sigmoid: not implemented yet"]
    with pytest.raises(checks.CheckFailed) as excinfo:
        checks.check_sigmoid(lambda z: np.zeros_like(np.asarray(z, dtype=float)))
    lines = excinfo.value._render_traceback_()
    assert len(lines) == 1 and lines[0].startswith("CheckFailed: sigmoid")
