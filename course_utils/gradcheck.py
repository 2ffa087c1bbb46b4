"""Gradient checking: how we know backpropagation is right.

Taught in week 4 (and in course 2, week 1). Backprop computes the gradient
analytically; a centred difference estimates it numerically from the cost
alone,

    dJ/dtheta_i  ~  (J(theta_i + h) - J(theta_i - h)) / (2 h),

with an error of order h^2. The two are compared with

    rel_error(a, b) = ||a - b|| / (||a|| + ||b||).

Rule of thumb, in float64 with h around 1e-6: below 1e-7 the gradient is
right; around 1e-5 look closer; above 1e-3 there is almost surely a bug.
Everything here computes in float64, whatever the dtype of its inputs, since
float32's rounding error swamps the differences being measured.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_choice, check_parameters, check_positive, check_X_Y
from .activations import ACTIVATIONS
from .network import _backward, _cost, _forward

__all__ = ["rel_error", "numerical_gradient", "gradient_check", "GRADIENT_CHECK_THRESHOLD"]

#: Relative errors below this mean the analytic gradient is right (float64).
GRADIENT_CHECK_THRESHOLD = 1e-7


def rel_error(a, b):
    """Relative error ``||a - b|| / (||a|| + ||b||)`` between two arrays.

    Parameters
    ----------
    a, b : array_like of the same shape

    Returns
    -------
    float
        0 when both are zero; scale-free otherwise, between 0 and 1.

    Examples
    --------
    >>> rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"rel_error needs arrays of the same shape, got {a.shape} and {b.shape}.")
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def numerical_gradient(f, x, h=1e-6):
    """Centred-difference gradient of a scalar function of an array.

    Parameters
    ----------
    f : callable
        Takes no arguments and returns a float that depends on ``x``; ``x`` is
        changed in place between calls, one entry at a time.
    x : ndarray of float64
        The array to differentiate with respect to. Each entry is restored
        after it is perturbed, so ``x`` ends as it began, also when ``f``
        raises an exception.
    h : float, default 1e-6
        Step size.

    Returns
    -------
    grad : ndarray, same shape as ``x``

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> numerical_gradient(lambda: float(np.sum(x ** 2)), x).round(6)
    array([2., 4.])
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError("x must be a float64 numpy array; convert it with x.astype(np.float64).")
    h = check_positive(h, "h")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + h
            plus = f()
            x[index] = original - h
            minus = f()
        finally:
            x[index] = original  # restored even when f raises
        grad[index] = (plus - minus) / (2 * h)
    return grad


def gradient_check(parameters, X, Y, grads=None, hidden_activation="relu", h=1e-6):
    """Compare backprop's gradients with numerical ones over every parameter.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` at which to check (not modified).
    X : ndarray of shape (n_x, m)
        A few examples are enough; every parameter costs two forward passes.
    Y : ndarray of shape (1, m)
    grads : dict, optional
        ``dW1, db1, ...`` to check, for example from your own backward pass.
        By default, the engine's :func:`L_model_backward` at ``parameters``.
    hidden_activation : str, default "relu"
    h : float, default 1e-6

    Returns
    -------
    difference : float
        :func:`rel_error` between all analytic and all numerical gradients,
        stacked in the order ``dW1, db1, dW2, ...``. Below
        ``GRADIENT_CHECK_THRESHOLD`` (1e-7) means the gradients agree.

    Examples
    --------
    >>> from course_utils import initialize_parameters_deep
    >>> p = initialize_parameters_deep([3, 2, 1], seed=0)
    >>> X = np.array([[1., 2.], [0., -1.], [3., 1.]]); Y = np.array([[1, 0]])
    >>> gradient_check(p, X, Y, hidden_activation="tanh") < 1e-7
    True
    """
    L = check_parameters(parameters, binary_output=True)
    check_choice(hidden_activation, "hidden_activation", ACTIVATIONS)
    X, Y = check_X_Y(X, Y, n_x=parameters["W1"].shape[1])
    X, Y = X.astype(np.float64), Y.astype(np.float64)
    theta = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    if grads is None:
        AL, caches = _forward(X, theta, L, hidden_activation)
        grads = _backward(AL, Y, caches, hidden_activation)

    def cost():
        return _cost(_forward(X, theta, L, hidden_activation)[0], Y)

    analytic, numeric = [], []
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key = f"{name}{l}"
            if f"d{key}" not in grads:
                raise ValueError(f"grads has no 'd{key}'; got keys {sorted(grads)}.")
            d = np.asarray(grads[f"d{key}"], dtype=np.float64)
            if d.shape != theta[key].shape:
                raise ValueError(f"d{key} has shape {d.shape} but {key} has shape {theta[key].shape}.")
            analytic.append(d.ravel())
            numeric.append(numerical_gradient(cost, theta[key], h).ravel())
    return rel_error(np.concatenate(analytic), np.concatenate(numeric))
