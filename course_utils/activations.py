"""Activation functions, each beside its backward step.

Taught in week 2 (sigmoid for logistic regression) and week 3 (sigmoid, tanh,
ReLU and leaky ReLU for hidden layers). Every forward function ``g(Z)`` is
pure: it takes an array ``Z`` of any shape and returns ``A = g(Z)`` of the same
shape and dtype. Its backward step ``g_backward(dA, Z)`` returns
``dZ = dA * g'(Z)``, the gradient of the cost with respect to ``Z`` given the
gradient ``dA`` with respect to the activation.

The derivatives, written next to their formulas:

============  =============================  ===========================
activation    g(z)                           g'(z)
============  =============================  ===========================
sigmoid       1 / (1 + exp(-z))              g(z) (1 - g(z))
tanh          tanh(z)                        1 - tanh(z)^2
relu          max(0, z)                      1 if z > 0 else 0
leaky_relu    max(slope z, z)                1 if z > 0 else slope
identity      z                              1
============  =============================  ===========================

``identity`` is there to be shown wrong: a network whose hidden layers are
linear collapses into a single linear map (week 3).

At z = 0, ReLU and leaky ReLU are not differentiable; like most libraries we
use the left derivative (0, or ``slope``).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "tanh",
    "tanh_backward",
    "relu",
    "relu_backward",
    "leaky_relu",
    "leaky_relu_backward",
    "identity",
    "identity_backward",
    "ACTIVATIONS",
    "LEAKY_SLOPE",
]

#: Slope of leaky ReLU for negative inputs, as used throughout the course.
LEAKY_SLOPE = 0.01


def _as_float(Z) -> np.ndarray:
    Z = np.asarray(Z)
    return Z if Z.dtype.kind == "f" else Z.astype(np.float64)


def _pair(dA, Z) -> tuple[np.ndarray, np.ndarray]:
    """Check that a backward step's ``dA`` and ``Z`` line up, element for element."""
    dA, Z = _as_float(dA), _as_float(Z)
    if dA.shape != Z.shape:
        raise ValueError(
            f"dA has shape {dA.shape} but Z has shape {Z.shape}: the gradient must have "
            f"the shape of the activation it belongs to. Pass the Z from the same layer's cache."
        )
    return dA, Z


# ---------------------------------------------------------------- sigmoid

def sigmoid(Z):
    """Sigmoid, ``1 / (1 + exp(-Z))``, computed without overflow.

    Parameters
    ----------
    Z : ndarray of any shape
        Pre-activations, for example ``(n[l], m)``.

    Returns
    -------
    A : ndarray, same shape and dtype as ``Z``
        Values in [0, 1].

    Notes
    -----
    ``exp(-z)`` overflows for large negative ``z``. Writing the function with
    ``e = exp(-|z|)``, which is always in (0, 1], as ``1 / (1 + e)`` for
    ``z >= 0`` and ``e / (1 + e)`` for ``z < 0`` gives the same values and never
    overflows.

    Examples
    --------
    >>> sigmoid(np.array([[-1000., 0., 1000.]]))
    array([[0. , 0.5, 1. ]])
    """
    Z = _as_float(Z)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_backward(dA, Z):
    """Backward step of :func:`sigmoid`: ``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``.

    Parameters
    ----------
    dA : ndarray, same shape as ``Z``
        Gradient of the cost with respect to ``sigmoid(Z)``.
    Z : ndarray
        The pre-activation stored in the forward cache.

    Returns
    -------
    dZ : ndarray, same shape as ``Z``
    """
    dA, Z = _pair(dA, Z)
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


# ---------------------------------------------------------------- tanh

def tanh(Z):
    """Hyperbolic tangent, values in [-1, 1]; zero-centred, unlike sigmoid.

    Parameters
    ----------
    Z : ndarray of any shape

    Returns
    -------
    A : ndarray, same shape and dtype as ``Z``

    Examples
    --------
    >>> tanh(np.array([[0.0]]))
    array([[0.]])
    """
    return np.tanh(_as_float(Z))


def tanh_backward(dA, Z):
    """Backward step of :func:`tanh`: ``dZ = dA * (1 - tanh(Z)**2)``.

    Parameters
    ----------
    dA : ndarray, same shape as ``Z``
    Z : ndarray

    Returns
    -------
    dZ : ndarray, same shape as ``Z``
    """
    dA, Z = _pair(dA, Z)
    t = np.tanh(Z)
    return dA * (1.0 - t * t)


# ---------------------------------------------------------------- ReLU

def relu(Z):
    """Rectified linear unit, ``max(0, Z)``.

    Parameters
    ----------
    Z : ndarray of any shape

    Returns
    -------
    A : ndarray, same shape and dtype as ``Z``

    Examples
    --------
    >>> relu(np.array([[-2.0, 3.0]]))
    array([[0., 3.]])
    """
    return np.maximum(_as_float(Z), 0)


def relu_backward(dA, Z):
    """Backward step of :func:`relu`: ``dZ = dA`` where ``Z > 0``, else 0.

    Parameters
    ----------
    dA : ndarray, same shape as ``Z``
    Z : ndarray

    Returns
    -------
    dZ : ndarray, same shape as ``Z``
    """
    dA, Z = _pair(dA, Z)
    return dA * (Z > 0)


# ---------------------------------------------------------------- leaky ReLU

def leaky_relu(Z, slope=LEAKY_SLOPE):
    """Leaky ReLU, ``Z`` where ``Z > 0`` and ``slope * Z`` elsewhere.

    Parameters
    ----------
    Z : ndarray of any shape
    slope : float, default 0.01
        Gradient for negative inputs; keeps "dead" units learning.

    Returns
    -------
    A : ndarray, same shape and dtype as ``Z``

    Examples
    --------
    >>> leaky_relu(np.array([[-2.0, 3.0]]))
    array([[-0.02,  3.  ]])
    """
    Z = _as_float(Z)
    return np.where(Z > 0, Z, Z * float(slope))  # a Python float never upcasts float32


def leaky_relu_backward(dA, Z, slope=LEAKY_SLOPE):
    """Backward step of :func:`leaky_relu`: ``dZ = dA`` where ``Z > 0``, else ``slope * dA``.

    Parameters
    ----------
    dA : ndarray, same shape as ``Z``
    Z : ndarray
    slope : float, default 0.01

    Returns
    -------
    dZ : ndarray, same shape as ``Z``
    """
    dA, Z = _pair(dA, Z)
    return np.where(Z > 0, dA, dA * float(slope))


# ---------------------------------------------------------------- identity

def identity(Z):
    """The "linear activation" ``g(z) = z``: what a layer is without a non-linearity.

    Parameters
    ----------
    Z : ndarray of any shape

    Returns
    -------
    A : ndarray, a copy of ``Z`` (as float)

    Examples
    --------
    >>> identity(np.array([[-2.0, 3.0]]))
    array([[-2.,  3.]])
    """
    return _as_float(Z).copy()


def identity_backward(dA, Z):
    """Backward step of :func:`identity`: ``dZ = dA``.

    Parameters
    ----------
    dA : ndarray, same shape as ``Z``
    Z : ndarray

    Returns
    -------
    dZ : ndarray, same shape as ``Z``
    """
    dA, Z = _pair(dA, Z)
    return dA.copy()


#: Name -> (forward, backward), the one table the network looks activations up in.
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "relu": (relu, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "identity": (identity, identity_backward),
}
