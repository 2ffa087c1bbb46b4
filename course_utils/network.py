"""The L-layer network, built from forward/backward pairs with caches.

Taught in week 4 ("building blocks of a deep network"); weeks 2 and 3 use the
same engine with one and two layers. The network is

    [LINEAR -> hidden activation] x (L - 1)  ->  LINEAR -> SIGMOID

with the hidden activation one of ``"relu"``, ``"tanh"``, ``"sigmoid"`` or
``"leaky_relu"``. Shapes follow the course: ``A_prev`` is ``(n[l-1], m)``,
``W`` is ``(n[l], n[l-1])``, ``b`` is ``(n[l], 1)`` and ``Z``, ``A`` are
``(n[l], m)``.

Each forward step returns ``(output, cache)`` and its backward step takes the
gradient of its output and that cache, and returns gradients in the order of
the forward inputs::

    Z, cache = linear_forward(A_prev, W, b)
    dA_prev, dW, db = linear_backward(dZ, cache)

The public functions check their arguments; the private ``_forward`` and
``_backward`` are what the training loop calls on arrays it has already
checked, so a run of thousands of iterations validates once.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    as_generator,
    validate_choice,
    validate_layer_dims,
    validate_matrix,
    validate_has_examples,
    validate_parameters,
    validate_positive,
    validate_probabilities,
    validate_X,
    validate_Y,
)
from .activations import ACTIVATIONS

__all__ = [
    "LinearCache",
    "LayerCache",
    "Caches",
    "INITIALIZATIONS",
    "HIDDEN_ACTIVATIONS",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "predict",
]

HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)

#: Scale of the random weights of layer l, as a function of n[l-1].
INITIALIZATIONS = {
    "zeros": lambda n_prev: 0.0,  # every unit identical: shows why we break symmetry
    "small": lambda n_prev: 0.01,  # the course's first choice for shallow networks
    "xavier": lambda n_prev: 1.0 / np.sqrt(n_prev),  # keeps Var(Z) near Var(A_prev); tanh
    "he": lambda n_prev: np.sqrt(2.0 / n_prev),  # the same for ReLU, which zeroes half
    "large": lambda n_prev: 10.0,  # saturates tanh and sigmoid: the lesson of week 3
}


class LinearCache(NamedTuple):
    """What :func:`linear_forward` keeps for :func:`linear_backward`."""

    A_prev: np.ndarray  # (n[l-1], m)
    W: np.ndarray  # (n[l], n[l-1])
    b: np.ndarray  # (n[l], 1)


class LayerCache(NamedTuple):
    """What :func:`linear_activation_forward` keeps: the linear cache and ``Z``.

    Unpacks like the course's ``(linear_cache, activation_cache)`` pair.
    """

    linear_cache: LinearCache
    activation_cache: np.ndarray  # Z, (n[l], m)


class Caches(list):
    """The list of one :class:`LayerCache` per layer returned by :func:`L_model_forward`.

    A plain list that also remembers the hidden activation it was made with,
    so that :func:`L_model_backward` cannot silently differentiate the wrong one.
    """

    def __init__(self, items=(), hidden_activation: str = "relu"):
        super().__init__(items)
        self.hidden_activation = hidden_activation


# ---------------------------------------------------------------- initialisation

def initialize_parameters_deep(layer_dims, seed=1, init="xavier", dtype=np.float64):
    """Create ``W1, b1, ..., WL, bL`` for a network with the given layer sizes.

    Parameters
    ----------
    layer_dims : list of int
        ``[n_x, n[1], ..., n[L]]``: the input size, then each layer's units.
        ``[n_x, 1]`` is logistic regression.
    seed : int or numpy.random.Generator, default 1
        Source of randomness; the same seed gives the same weights.
    init : {"xavier", "he", "small", "zeros", "large"}, default "xavier"
        Scale of the standard-normal weights of layer ``l``: ``1/sqrt(n[l-1])``
        ("xavier"), ``sqrt(2/n[l-1])`` ("he", for ReLU), ``0.01`` ("small", as
        in the course's shallow network), ``0`` ("zeros", which cannot break
        symmetry; fine only for logistic regression) or ``10`` ("large", to see
        saturation). Biases always start at zero.
    dtype : numpy dtype, default float64
        ``np.float32`` for a single-precision network.

    Returns
    -------
    parameters : dict
        ``"Wl"`` of shape ``(n[l], n[l-1])`` and ``"bl"`` of shape ``(n[l], 1)``.

    Raises
    ------
    ValueError
        If ``layer_dims`` has fewer than 2 entries or ``init`` is unknown.

    Examples
    --------
    >>> p = initialize_parameters_deep([5, 4, 1], seed=0)
    >>> p["W1"].shape, p["b1"].shape, p["W2"].shape
    ((4, 5), (4, 1), (1, 4))
    """
    layer_dims = validate_layer_dims(layer_dims)
    validate_choice(init, "init", INITIALIZATIONS)
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"dtype must be a floating type such as np.float64, got {dtype}.")
    rng = as_generator(seed)
    scale = INITIALIZATIONS[init]
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = rng.standard_normal((n, n_prev)) * scale(n_prev)
        parameters[f"W{l}"] = W.astype(dtype, copy=False)
        parameters[f"b{l}"] = np.zeros((n, 1), dtype=dtype)
    return parameters


# ---------------------------------------------------------------- forward

def _linear_forward(A_prev, W, b, transposed=False):
    if transposed:
        # (A_prev.T @ W.T).T holds the same sums as W @ A_prev; some BLAS run
        # that layout faster (see _performance). C order again, so that every
        # later step sees the arrays it always did.
        Z = np.ascontiguousarray((A_prev.T @ W.T).T)
    else:
        Z = W @ A_prev
    Z += b
    return Z, LinearCache(A_prev, W, b)


def _linear_activation_forward(A_prev, W, b, activation, transposed=False):
    Z, linear_cache = _linear_forward(A_prev, W, b, transposed)
    A = ACTIVATIONS[activation][0](Z)
    return A, LayerCache(linear_cache, Z)


def _forward(X, parameters, L, hidden_activation, layout=None):
    """Forward pass on checked arrays.

    ``layout`` (a ``_performance.Layout``, or None for the default) says how
    layer 1's product over ``X`` is run; the other layers are small.
    """
    caches = Caches(hidden_activation=hidden_activation)
    A = X
    transposed = layout is not None and layout.forward_transposed
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else hidden_activation
        A, cache = _linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation,
                                              transposed=transposed and l == 1)
        caches.append(cache)
    return A, caches


def _check_linear_inputs(A_prev, W, b):
    W = validate_matrix(W, "W")
    if isinstance(b, np.ndarray) and b.ndim == 1:
        raise ValueError(
            f"b has shape {b.shape}: a rank-1 array. Use b.reshape(-1, 1) for shape ({W.shape[0]}, 1)."
        )
    b = validate_matrix(b, "b")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b must have shape (n[l], 1) = ({W.shape[0]}, 1) to match W {W.shape}, got {b.shape}.")
    A_prev = validate_X(A_prev, n_x=W.shape[1], name="A_prev")
    return A_prev, W, b


def linear_forward(A_prev, W, b):
    """Linear part of a layer: ``Z = W A_prev + b``.

    Parameters
    ----------
    A_prev : ndarray of shape (n[l-1], m)
        Activations of the previous layer (``X`` for the first layer).
    W : ndarray of shape (n[l], n[l-1])
    b : ndarray of shape (n[l], 1)
        Broadcast across the ``m`` columns.

    Returns
    -------
    Z : ndarray of shape (n[l], m)
    cache : LinearCache
        ``(A_prev, W, b)``, for :func:`linear_backward`.

    Raises
    ------
    ValueError
        If the shapes do not line up (with a hint about which transpose is off).

    Examples
    --------
    >>> Z, cache = linear_forward(np.ones((3, 2)), np.ones((1, 3)), np.zeros((1, 1)))
    >>> Z
    array([[3., 3.]])
    """
    return _linear_forward(*_check_linear_inputs(A_prev, W, b))


def linear_activation_forward(A_prev, W, b, activation):
    """One whole layer: ``A = g(W A_prev + b)``.

    Parameters
    ----------
    A_prev : ndarray of shape (n[l-1], m)
    W : ndarray of shape (n[l], n[l-1])
    b : ndarray of shape (n[l], 1)
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}

    Returns
    -------
    A : ndarray of shape (n[l], m)
    cache : LayerCache
        ``(linear_cache, activation_cache)`` where ``activation_cache`` is ``Z``.

    Examples
    --------
    >>> A, cache = linear_activation_forward(np.ones((3, 2)), -np.ones((1, 3)), np.zeros((1, 1)), "relu")
    >>> A
    array([[0., 0.]])
    """
    validate_choice(activation, "activation", ACTIVATIONS)
    return _linear_activation_forward(*_check_linear_inputs(A_prev, W, b), activation)


def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward propagation through all ``L`` layers.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Inputs, one example per column.
    parameters : dict
        ``W1, b1, ..., WL, bL`` as made by :func:`initialize_parameters_deep`.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu", "identity"}, default "relu"
        Activation of layers ``1 .. L-1``; layer ``L`` is always sigmoid.

    Returns
    -------
    AL : ndarray of shape (1, m)
        Predicted probability that each example is in class 1.
    caches : Caches
        One :class:`LayerCache` per layer, first layer first.

    Raises
    ------
    ValueError
        If ``X`` is rank-1, transposed, non-finite or does not match ``W1``;
        if ``parameters`` skip a layer (``"W1"`` then ``"W3"``) or the output
        layer ``WL`` has more than 1 unit.
    TypeError
        If a parameter is not a numpy array (a list, say).

    Examples
    --------
    >>> p = initialize_parameters_deep([4, 3, 1], seed=0)
    >>> AL, caches = L_model_forward(np.zeros((4, 5)), p)
    >>> AL.shape, len(caches)
    ((1, 5), 2)
    """
    L = validate_parameters(parameters, binary_output=True)
    validate_choice(hidden_activation, "hidden_activation", ACTIVATIONS)
    X = validate_X(X, n_x=parameters["W1"].shape[1])
    return _forward(X, parameters, L, hidden_activation)


# ---------------------------------------------------------------- cost

def _cost(AL, Y):
    # Cross-entropy with AL clipped one machine epsilon away from 0 and 1, so
    # that a saturated output costs a large finite amount instead of inf.
    # Y is 0 or 1, so only one of the two log terms is ever non-zero: take the
    # probability given to the true class and one log of it.
    eps = np.finfo(AL.dtype).eps
    p_true = np.where(Y == 1, AL, 1 - AL)
    np.clip(p_true, eps, 1.0, out=p_true)
    # "+ 0.0" turns the -0.0 of a perfect fit into 0.0 and changes nothing else.
    return float(-np.log(p_true).mean()) + 0.0


def compute_cost(AL, Y):
    """Cross-entropy cost ``J = -(1/m) sum(y log a + (1 - y) log(1 - a))``.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
        Predicted probabilities in [0, 1].
    Y : ndarray of shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    cost : float
        A Python float, finite even where ``AL`` is exactly 0 or 1 (the
        probabilities are kept one machine epsilon away from 0).

    Raises
    ------
    ValueError
        If the shapes differ, there are no examples (m = 0), ``Y`` holds
        values other than 0 and 1, or ``AL`` holds values outside [0, 1].

    Examples
    --------
    >>> compute_cost(np.array([[0.8, 0.1]]), np.array([[1, 0]]))  # doctest: +ELLIPSIS
    0.164...
    """
    AL = validate_matrix(AL, "AL")
    Y = validate_Y(Y, m=AL.shape[1] if AL.shape[0] == 1 else None)
    if AL.shape != Y.shape:
        raise ValueError(f"AL has shape {AL.shape} but Y has shape {Y.shape}: both must be (1, m).")
    validate_has_examples(AL, "AL")
    validate_probabilities(AL, "AL")
    return _cost(AL, Y)


# ---------------------------------------------------------------- backward

def _weight_gradient(dZ, A_prev, transposed=None):
    """``dZ @ A_prev.T``: the sum over the m examples behind ``dW``.

    On layer 1 this product reads all of X, and with ``W1 @ X`` it is most of
    an iteration's time. The same numbers come out of ``(A_prev @ dZ.T).T``,
    and which layout is faster depends on the machine, the dtype and the
    number of BLAS threads: the training loop times both once
    (``_performance.choose_layout``) and passes ``transposed``. Left None, the
    rule measured on the first machine applies: transposed in float32 only.
    """
    if transposed is None:
        transposed = dZ.dtype == np.float32
    if transposed:
        return (A_prev @ dZ.T).T
    return dZ @ A_prev.T


def _linear_backward(dZ, cache, need_dA_prev=True, transposed=None):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = _weight_gradient(dZ, A_prev, transposed)
    dW /= m
    db = dZ.sum(axis=1, keepdims=True)
    db /= m
    # The first layer's dA_prev would be the gradient with respect to X: a
    # full (n_x, m) product that nothing uses, so the loop skips it.
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def _backward(AL, Y, caches, hidden_activation, layout=None):
    """Backward pass on checked arrays; ``layout`` as in :func:`_forward` (layer 1's ``dW1``)."""
    L = len(caches)
    grads = {}
    # For a sigmoid output with cross-entropy, dJ/dZL simplifies to AL - Y:
    # the same value as sigmoid_backward(dAL, ZL) with
    # dAL = -(Y/AL - (1-Y)/(1-AL)), without dividing by AL or 1 - AL.
    dZ = AL - Y
    backward = ACTIVATIONS[hidden_activation][1]
    dA = None  # set by each layer for the one below it
    for l in range(L, 0, -1):
        linear_cache, Z = caches[l - 1]
        if l < L:
            dZ = backward(dA, Z)
        transposed = layout.backward_transposed if layout is not None and l == 1 else None
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _linear_backward(dZ, linear_cache, need_dA_prev=l > 1,
                                                                transposed=transposed)
    return grads


def _check_cache(cache, name="cache"):
    if not (isinstance(cache, tuple) and len(cache) == 3 and all(isinstance(a, np.ndarray) for a in cache)):
        raise TypeError(
            f"{name} must be the (A_prev, W, b) linear cache returned by linear_forward, "
            f"got {type(cache).__name__}."
        )
    cache = LinearCache(*cache)
    A_prev, W, b = cache
    if A_prev.ndim != 2 or W.ndim != 2 or W.shape[1] != A_prev.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(
            f"{name} does not hold the arrays of one layer: A_prev {A_prev.shape}, W {W.shape} and "
            f"b {b.shape} must be (n[l-1], m), (n[l], n[l-1]) and (n[l], 1). Pass the cache that "
            f"linear_forward returned for this layer."
        )
    validate_has_examples(A_prev, f"A_prev in {name}")
    return cache


def _check_caches(caches, AL):
    """Check that ``caches`` are one network's forward caches, ending at ``AL``.

    O(L) shape checks: every layer's cache holds (A_prev, W, b) and Z of
    consistent shapes, each layer's input is the previous layer's output, and
    the last layer's Z is the one ``AL`` was computed from.
    """
    for l, cache in enumerate(caches, start=1):
        name = f"caches[{l - 1}]"
        if not (isinstance(cache, tuple) and len(cache) == 2 and isinstance(cache[1], np.ndarray)):
            raise ValueError(
                f"{name} must be the (linear_cache, Z) pair of layer {l} returned by "
                f"L_model_forward, got {type(cache).__name__}"
                f"{f' of length {len(cache)}' if isinstance(cache, (tuple, list)) else ''}. "
                f"Pass the caches of the same L_model_forward call as AL."
            )
        try:
            A_prev, W, b = _check_cache(cache[0], f"{name}.linear_cache")
        except TypeError as error:
            raise ValueError(str(error)) from None
        Z = cache[1]
        if Z.shape != (W.shape[0], A_prev.shape[1]):
            raise ValueError(
                f"{name} holds Z of shape {Z.shape} but W {W.shape} and A_prev {A_prev.shape} "
                f"give Z of shape {(W.shape[0], A_prev.shape[1])}. Pass the caches of the same "
                f"L_model_forward call as AL."
            )
        if l > 1 and A_prev.shape != caches[l - 2][1].shape:
            raise ValueError(
                f"{name} holds A_prev of shape {A_prev.shape} but layer {l - 1} output Z of shape "
                f"{caches[l - 2][1].shape}: the caches do not come from one network. Pass the "
                f"caches of the same L_model_forward call as AL."
            )
    Z_L = caches[-1][1]
    if Z_L.shape != AL.shape:
        raise ValueError(
            f"AL has shape {AL.shape} but the last cache's Z has shape {Z_L.shape}: the caches "
            f"come from another network or batch. Pass the caches of the same L_model_forward "
            f"call as AL."
        )
    # One sigmoid of the (1, m) output row: cheap next to the backward pass,
    # and it catches same-shaped caches from another network or batch.
    with np.errstate(over="ignore", invalid="ignore"):
        expected = ACTIVATIONS["sigmoid"][0](Z_L)
    if not np.allclose(AL, expected, rtol=1e-4, atol=1e-6):
        raise ValueError(
            "AL is not sigmoid(Z) of the last cache: the caches come from another network or "
            "batch than AL. Pass the AL and caches of the same L_model_forward call."
        )


def linear_backward(dZ, cache):
    """Backward step of :func:`linear_forward`.

    Parameters
    ----------
    dZ : ndarray of shape (n[l], m)
        Gradient of the cost with respect to this layer's ``Z``.
    cache : LinearCache
        ``(A_prev, W, b)`` from :func:`linear_forward`.

    Returns
    -------
    dA_prev : ndarray of shape (n[l-1], m)
        ``W.T dZ``.
    dW : ndarray of shape (n[l], n[l-1])
        ``(1/m) dZ A_prev.T``.
    db : ndarray of shape (n[l], 1)
        ``(1/m)`` times the sum of ``dZ`` over examples.

    Examples
    --------
    >>> Z, cache = linear_forward(np.ones((3, 2)), np.ones((1, 3)), np.zeros((1, 1)))
    >>> dA_prev, dW, db = linear_backward(np.ones((1, 2)), cache)
    >>> dW, db
    (array([[1., 1., 1.]]), array([[1.]]))
    """
    cache = _check_cache(cache)
    dZ = validate_matrix(dZ, "dZ")
    validate_has_examples(dZ, "dZ")
    expected = (cache.W.shape[0], cache.A_prev.shape[1])
    if dZ.shape != expected:
        raise ValueError(f"dZ must have the shape of Z, (n[l], m) = {expected}, got {dZ.shape}.")
    return _linear_backward(dZ, cache)


def linear_activation_backward(dA, cache, activation):
    """Backward step of :func:`linear_activation_forward`.

    Parameters
    ----------
    dA : ndarray of shape (n[l], m)
        Gradient of the cost with respect to this layer's output ``A``.
    cache : LayerCache
        ``(linear_cache, activation_cache)`` from :func:`linear_activation_forward`.
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}
        The activation the forward step used.

    Returns
    -------
    dA_prev : ndarray of shape (n[l-1], m)
    dW : ndarray of shape (n[l], n[l-1])
    db : ndarray of shape (n[l], 1)
    """
    validate_choice(activation, "activation", ACTIVATIONS)
    if not (isinstance(cache, tuple) and len(cache) == 2):
        raise TypeError(
            "cache must be the (linear_cache, activation_cache) pair returned by "
            f"linear_activation_forward, got {type(cache).__name__}."
        )
    linear_cache, Z = cache
    linear_cache = _check_cache(linear_cache, "linear_cache")
    dA = validate_matrix(dA, "dA")
    dZ = ACTIVATIONS[activation][1](dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches, hidden_activation=None):
    """Backward propagation through all ``L`` layers.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
        Output of :func:`L_model_forward`.
    Y : ndarray of shape (1, m)
        True labels, 0 or 1.
    caches : list of LayerCache
        The caches from the same :func:`L_model_forward` call.
    hidden_activation : str, optional
        The hidden activation of the forward pass. Defaults to the one recorded
        in ``caches``; for a plain list (``caches[:]``, or caches you built),
        to the one that maps each cached ``Z`` to the next layer's ``A_prev``.
        A value that contradicts the recorded one is an error.

    Returns
    -------
    grads : dict
        ``"dWl"`` of shape ``(n[l], n[l-1])`` and ``"dbl"`` of shape ``(n[l], 1)``
        for ``l = 1 .. L``. The gradient with respect to ``X`` is not computed.

    Raises
    ------
    ValueError
        If there are no examples (m = 0), ``AL`` is outside [0, 1], or
        ``caches`` do not match each other or ``AL`` (another network's or
        another batch's caches).

    Examples
    --------
    >>> p = initialize_parameters_deep([4, 3, 1], seed=0)
    >>> X, Y = np.ones((4, 2)), np.array([[0, 1]])
    >>> AL, caches = L_model_forward(X, p)
    >>> sorted(L_model_backward(AL, Y, caches))
    ['dW1', 'dW2', 'db1', 'db2']
    """
    recorded = getattr(caches, "hidden_activation", None)
    infer = hidden_activation is None and recorded is None
    if hidden_activation is None:
        hidden_activation = recorded or "relu"
    validate_choice(hidden_activation, "hidden_activation", ACTIVATIONS)
    if recorded is not None and recorded != hidden_activation:
        raise ValueError(
            f"caches were made with hidden_activation={recorded!r} but "
            f"hidden_activation={hidden_activation!r} was given: pass the same activation as "
            f"to L_model_forward, or leave hidden_activation out."
        )
    if not isinstance(caches, list) or not caches:
        raise TypeError(f"caches must be the non-empty list returned by L_model_forward, got {type(caches).__name__}.")
    AL = validate_matrix(AL, "AL")
    Y = validate_Y(Y, m=AL.shape[1])
    if AL.shape != Y.shape:
        raise ValueError(f"AL has shape {AL.shape} but Y has shape {Y.shape}: both must be (1, m).")
    validate_has_examples(AL, "AL")
    validate_probabilities(AL, "AL")
    _check_caches(caches, AL)
    if infer and len(caches) > 1:
        hidden_activation = _infer_hidden_activation(caches)
    return _backward(AL, Y.astype(AL.dtype, copy=False), caches, hidden_activation)


def _infer_hidden_activation(caches):
    """The hidden activation a plain list of caches was made with, read off the caches.

    A plain list (a copy such as ``caches[:]``, or caches a learner built)
    does not record it; but each layer's ``A_prev`` is the activation of the
    ``Z`` cached one layer down, so the activation that maps one to the other
    is the one used. ReLU, the course's default, wins a tie (all ``Z > 0``,
    where ReLU, leaky ReLU and the identity agree, and so do their slopes).
    """
    candidates = ["relu", *(name for name in ACTIVATIONS if name != "relu")]
    for name in candidates:
        forward = ACTIVATIONS[name][0]
        if all(np.allclose(forward(caches[l][1]), caches[l + 1][0][0], rtol=1e-6, atol=1e-12)
               for l in range(len(caches) - 1)):
            return name
    raise ValueError(
        "caches is a plain list, which does not record the hidden activation, and its A's are "
        f"not any of {', '.join(ACTIVATIONS)} of the Z's before them. Pass hidden_activation= "
        "the one your forward pass used, or pass the caches L_model_forward returned."
    )


# ---------------------------------------------------------------- update and predict

def _step(parameters, grads, learning_rate, L, in_place):
    """Take one gradient-descent step; ``in_place`` also consumes ``grads``."""
    if in_place:
        for l in range(1, L + 1):
            for name in ("W", "b"):
                d = grads[f"d{name}{l}"]
                d *= learning_rate
                parameters[f"{name}{l}"] -= d
        return parameters
    return {key: value - learning_rate * grads[f"d{key}"] for key, value in parameters.items()}


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: ``W = W - learning_rate * dW`` for every parameter.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL``.
    grads : dict
        ``dW1, db1, ..., dWL, dbL`` with the same shapes.
    learning_rate : float
        Positive step size, often written alpha.

    Returns
    -------
    parameters : dict
        New arrays; the arguments are not modified.

    Examples
    --------
    >>> p = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    >>> g = {"dW1": np.ones((1, 2)), "db1": np.ones((1, 1))}
    >>> update_parameters(p, g, 0.5)["W1"]
    array([[0.5, 0.5]])
    """
    L = validate_parameters(parameters)
    learning_rate = validate_positive(learning_rate, "learning_rate")
    if not hasattr(grads, "keys"):
        raise TypeError(f"grads must be a dict such as {{'dW1': ..., 'db1': ...}}, got {type(grads).__name__}.")
    for key, value in parameters.items():
        if f"d{key}" not in grads:
            raise ValueError(f"grads has no 'd{key}' for parameter '{key}'; got keys {sorted(grads)}.")
        if not isinstance(grads[f"d{key}"], np.ndarray):
            raise TypeError(
                f"grads['d{key}'] must be a numpy array, got {type(grads[f'd{key}']).__name__}. "
                f"Convert every gradient first, e.g. {{k: np.asarray(v, dtype=float) for k, v in grads.items()}}."
            )
        d = validate_matrix(grads[f"d{key}"], f"d{key}")
        if d.shape != value.shape:
            raise ValueError(f"d{key} has shape {d.shape} but {key} has shape {value.shape}: they must match.")
    return _step(parameters, grads, learning_rate, L, in_place=False)


def predict(X, parameters, hidden_activation="relu"):
    """Predict labels: 1 where the network's probability is above 0.5, else 0.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict
        Trained ``W1, b1, ..., WL, bL``.
    hidden_activation : str, default "relu"
        The activation the network was trained with.

    Returns
    -------
    predictions : ndarray of int64, shape (1, m)

    Examples
    --------
    >>> p = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    >>> predict(np.array([[2.0, 0.0], [0.0, 2.0]]), p)
    array([[1, 0]])
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(np.int64)
