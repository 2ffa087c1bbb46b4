"""Week 2's logistic regression, as the one-layer case of the network engine.

The course writes logistic regression with a column of weights ``w`` of shape
``(n_x, 1)`` and a scalar bias ``b``: ``A = sigmoid(w.T X + b)``. That is the
L-layer network with ``layer_dims = [n_x, 1]``, ``W1 = w.T`` and
``b1 = [[b]]``, so these functions translate between the two notations and
call the same forward, backward and training code as weeks 3 and 4.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from ._progress import progress_disabled
from ._validation import validate_matrix, validate_positive, validate_positive_int, validate_X, validate_X_Y
from .network import _backward, _cost, _forward
from .training import _gradient_descent

__all__ = ["initialize_with_zeros", "propagate", "optimize", "predict_logistic"]


def initialize_with_zeros(dim):
    """Zero weights and bias for logistic regression.

    Zeros are fine here: with one unit there is no symmetry to break.

    Parameters
    ----------
    dim : int
        Number of input features ``n_x``.

    Returns
    -------
    w : ndarray of shape (dim, 1)
    b : float

    Examples
    --------
    >>> w, b = initialize_with_zeros(3)
    >>> w.shape, b
    ((3, 1), 0.0)
    """
    dim = validate_positive_int(dim, "dim")
    return np.zeros((dim, 1)), 0.0


def _check_w_b(w, b):
    if isinstance(w, np.ndarray) and w.ndim == 1:
        raise ValueError(
            f"w has shape {w.shape}: a rank-1 array. Weights are a column of shape (n_x, 1): "
            f"use w.reshape(-1, 1)."
        )
    w = validate_matrix(w, "w")
    if w.shape[1] != 1:
        raise ValueError(f"w must be a column of shape (n_x, 1), got {w.shape}.")
    if isinstance(b, np.ndarray) and b.size == 1:
        b = b.item()
    if isinstance(b, bool) or not isinstance(b, Real):
        raise TypeError(f"b must be a number (a float), got {type(b).__name__}.")
    if not np.isfinite(b):
        raise ValueError(f"b must be finite, got {b}.")
    return w, float(b)


def _as_network(w, b, dtype):
    return {"W1": w.T.astype(dtype, copy=True), "b1": np.full((1, 1), b, dtype=dtype)}


def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression: one forward and one backward pass.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : ndarray of shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    grads : dict
        ``"dw"``, shape (n_x, 1): ``(1/m) X (A - Y).T``; ``"db"``, float: the mean of ``A - Y``.
    cost : float
        Cross-entropy cost.

    Examples
    --------
    >>> grads, cost = propagate(np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([[1, 0, 1]]))
    >>> round(cost, 4), grads["dw"].ravel().round(4).tolist()
    (0.6931, [-0.1667, -0.1667])
    """
    w, b = _check_w_b(w, b)
    X, Y = validate_X_Y(X, Y, n_x=w.shape[0])
    parameters = _as_network(w, b, X.dtype)
    AL, caches = _forward(X, parameters, 1, "relu")  # one layer: only the sigmoid output
    grads = _backward(AL, Y, caches, "relu")
    return {"dw": grads["dW1"].T, "db": float(grads["db1"][0, 0])}, _cost(AL, Y)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False, record_every=100,
             progress=False):
    """Learn ``w`` and ``b`` by gradient descent.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        Starting weights (not modified).
    b : float
        Starting bias.
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (1, m)
    num_iterations : int, default 100
    learning_rate : float, default 0.009
    print_cost : bool, default False
        Print the cost each time it is recorded.
    record_every : int, default 100
        Record the cost before iterations 0, k, 2k, ...
    progress : bool, default False
        Show a tqdm progress bar (a widget in Jupyter, text on stderr
        elsewhere). Setting the environment variable ``TQDM_DISABLE=1``
        turns it off, in Jupyter too.

    Returns
    -------
    params : dict
        ``"w"`` (n_x, 1) and ``"b"`` (float) after training.
    grads : dict
        ``"dw"`` and ``"db"`` of the last step taken.
    costs : list of float
        The cost before iterations 0, 100, 200, ... (with the default ``record_every``)

    Examples
    --------
    >>> X = np.array([[0., 1., 2., 3.]]); Y = np.array([[0, 0, 1, 1]])
    >>> params, grads, costs = optimize(np.zeros((1, 1)), 0.0, X, Y, 200, 0.5)
    >>> costs[-1] < costs[0]
    True
    """
    w, b = _check_w_b(w, b)
    X, Y = validate_X_Y(X, Y, n_x=w.shape[0])
    num_iterations = validate_positive_int(num_iterations, "num_iterations")
    learning_rate = validate_positive(learning_rate, "learning_rate")
    parameters, costs, last = _gradient_descent(
        X, Y, _as_network(w, b, X.dtype), "relu", learning_rate, num_iterations,
        record_every=validate_positive_int(record_every, "record_every"), print_cost=print_cost,
        # tqdm's Jupyter bar ignores TQDM_DISABLE (see _progress.py), so we check it here.
        progress=bool(progress) and not progress_disabled(),
    )
    params = {"w": parameters["W1"].T.copy(), "b": float(parameters["b1"][0, 0])}
    grads = {"dw": last["dW1"].T.copy(), "db": float(last["db1"][0, 0])}
    return params, grads, costs


def predict_logistic(w, b, X):
    """Predict labels with logistic regression: 1 where ``sigmoid(w.T X + b) > 0.5``.

    Named apart from the network's :func:`predict`, which takes ``parameters``,
    so that one name never means two things.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
    b : float
    X : ndarray of shape (n_x, m)

    Returns
    -------
    Y_prediction : ndarray of int64, shape (1, m)

    Examples
    --------
    >>> predict_logistic(np.array([[1.0]]), 0.0, np.array([[-2.0, 3.0]]))
    array([[0, 1]])
    """
    w, b = _check_w_b(w, b)
    X = validate_X(X, n_x=w.shape[0])
    AL, _ = _forward(X, _as_network(w, b, X.dtype), 1, "relu")
    return (AL > 0.5).astype(np.int64)
