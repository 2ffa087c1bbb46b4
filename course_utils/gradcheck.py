"""Gradient checking: how we know backpropagation is right.

Taught in week 4 (and in course 2, week 1). Backprop computes the gradient
analytically; a centred difference estimates it numerically from the cost
alone,

    dJ/dtheta_i  ~  (J(theta_i + h) - J(theta_i - h)) / (2 h),

with an error of order h^2. The two are compared with

    rel_error(a, b) = ||a - b|| / (||a|| + ||b||).

Rule of thumb, in float64: below 1e-7 the gradient is right; around 1e-5
look closer; above 1e-3 there is almost surely a bug. Everything here
computes in float64, whatever the dtype of its inputs, since float32's
rounding error swamps the differences being measured.

How :func:`gradient_check` keeps that rule honest (issue 12). The figures
are from ``benchmarks/gradcheck.py``, which prints them: right and wrong
gradients at 900 seeded checking points, 300 like the notebooks' (Xavier
start), 300 with large weights and inputs, 150 with unscaled inputs (raw
pixels up to 255, sizes up to 3000) and 150 near a minimum.

- The cost it differentiates is the cross-entropy computed from the output
  layer's ``ZL`` with ``logaddexp``, not from ``AL``. Near a confident answer
  ``AL`` rounds to within an ulp of 1 and ``log(AL)`` keeps little more than
  that ulp; the clipping that keeps ``log`` finite flattens the cost further.
- Each step is h in the pre-activations, not in the parameter: a weight
  that multiplies inputs of 3000 takes a step 3000 times smaller, so that
  the h^2 error of the formula does not grow with the size of X or of the
  hidden activations. h = 1e-5 by default.
- Near a minimum the gradient can be so small that rounding, about
  eps * J / step per entry, is no longer negligible beside it. So the
  denominator is never less than 1e8 times the estimated rounding error of
  the two gradients (cost, backward pass, and the dtype of the gradients
  given). When that floor applies, a :class:`GradientCheckWarning` says the
  point is too flat to check well: there, some mistakes go unseen.
- With ReLU (or leaky ReLU) hidden layers, a step that moves a hidden ``Z``
  across 0 measures the slope of a kink, not the derivative. Such entries
  are left out, with a warning that counts them.
- Non-finite gradients, and a forward pass that overflows, are errors.

Measured: with the old rule (cost from ``AL``, fixed step 1e-6 in the
parameter), right gradients went over 1e-7 at 6 of the 300 large-weight
points, 45 of the 150 unscaled ones and 56 of the 150 near a minimum (up
to 1.0). Now none of the 900 does (the largest is 7.3e-9); the floor
applies at 1, 2, 18 and 29 points of the four kinds. At h = 1e-4, 11 of the
near-minimum points go over 1e-7; at 1e-6 and 1e-7 the floor applies far
more often (106 and 533 points). Every mistake the benchmark makes (the 1/m
left out, a sign flipped, a factor of 2, every entry 1 % or 1e-5 off,
another activation's derivative) gave more than 1e-7 at all 750 points
away from a minimum; near a minimum some went unseen, each time with one
of the two warnings.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._validation import validate_choice, validate_parameters, validate_positive, validate_X_Y
from .activations import ACTIVATIONS
from .network import _backward, _forward

__all__ = [
    "rel_error", "numerical_gradient", "gradient_check", "GRADIENT_CHECK_THRESHOLD", "GradientCheckWarning",
]

#: Relative errors below this mean the analytic gradient is right (float64).
GRADIENT_CHECK_THRESHOLD = 1e-7

#: The denominator of gradient_check's difference is at least this many times
#: the estimated rounding error of the gradients, so that a right gradient
#: stays a factor of about ten below GRADIENT_CHECK_THRESHOLD even at a flat point.
_RESOLUTION = 1e8

#: Hidden activations whose derivative jumps at Z = 0.
_KINKED = ("relu", "leaky_relu")


class GradientCheckWarning(UserWarning):
    """:func:`gradient_check` could not check every entry as finely as usual."""


def _norm(v):
    """Euclidean norm that neither overflows nor underflows for huge or tiny entries."""
    v = np.asarray(v, dtype=np.float64).ravel()
    largest = float(np.max(np.abs(v))) if v.size else 0.0
    if largest == 0.0 or not np.isfinite(largest):
        return largest
    return largest * float(np.sqrt(np.sum((v / largest) ** 2)))


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
    # Scaled first, so that entries near 1e200 neither overflow nor become nan.
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    if scale == 0.0:
        return 0.0
    a, b = a / scale, b / scale
    return float(_norm(a - b) / (_norm(a) + _norm(b)))


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
    h = validate_positive(h, "h")
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


def _logit_cost(ZL, Y):
    # Cross-entropy from the output's pre-activation: -log(sigmoid(z)) is
    # logaddexp(0, -z) and -log(1 - sigmoid(z)) is logaddexp(0, z), both
    # accurate to a few ulps for every z, where log(AL) is not once AL rounds
    # near 1. No clipping either, so the numerical slope is that of the very
    # cost whose gradient AL - Y is.
    return float(np.mean(np.where(Y == 1, np.logaddexp(0.0, -ZL), np.logaddexp(0.0, ZL))))


def _sensitivity(caches, hidden_activation):
    """How strongly each parameter moves ZL: (summed over the examples, largest in one example).

    Both come from backward passes of a 1 in every entry of ``dZL``, in
    absolute values throughout, so that nothing cancels. The largest sets the
    size of each step, so that no step moves any ZL by much more than h. The
    sum, divided by m, bounds the rounding of the analytic gradient:
    ``dZL = AL - Y`` is off by up to an ulp of ``AL`` in every example (all of
    it when ``AL`` rounds to exactly 1), and that error flows down the same way.
    """
    backward = ACTIVATIONS[hidden_activation][1]
    total, largest = {}, {}
    dZ = np.ones_like(caches[-1][1])
    dZ_max = np.ones(dZ.shape[0])
    for l in range(len(caches), 0, -1):
        (A_prev, W, _), Z = caches[l - 1]
        if l < len(caches):
            slope = np.abs(backward(np.ones_like(Z), Z))
            dZ = np.abs(backward(dA, Z))
            dZ_max = dA_max * slope.max(axis=1)
        total[f"W{l}"] = dZ @ np.abs(A_prev).T
        total[f"b{l}"] = dZ.sum(axis=1, keepdims=True)
        # A bound on max over examples of |dZL/dtheta|, from per-unit maxima,
        # or of the layer's own |dZl/dtheta| if larger: a hidden Z moved far
        # along a curved activation bends the slope as much as ZL would.
        A_max = np.abs(A_prev).max(axis=1)
        largest[f"W{l}"] = np.maximum(np.outer(dZ_max, A_max), A_max[None, :])
        largest[f"b{l}"] = np.maximum(dZ_max, 1.0)[:, None]
        dA = np.abs(W).T @ dZ
        dA_max = np.abs(W).T @ dZ_max
    return total, largest


def _compare(parameters, X, Y, grads, hidden_activation, h):
    """Analytic and numerical gradients, their rounding scale, and which entries are usable.

    The four arrays are flat, in the order ``dW1, db1, dW2, ...``;
    ``benchmarks/gradcheck.py`` reads them to measure the rule. The fifth
    value is the machine epsilon of the least precise gradient given.
    """
    L = validate_parameters(parameters, binary_output=True)
    validate_choice(hidden_activation, "hidden_activation", ACTIVATIONS)
    X, Y = validate_X_Y(X, Y, n_x=parameters["W1"].shape[1])
    h = validate_positive(h, "h")
    X, Y = X.astype(np.float64), Y.astype(np.float64)
    m = X.shape[1]
    theta = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    with np.errstate(all="ignore"):  # overflow is reported below, in words
        AL, caches = _forward(X, theta, L, hidden_activation)
        sensitivity, step_scale = _sensitivity(caches, hidden_activation)
    finite = all(np.all(np.isfinite(cache[1])) for cache in caches)
    finite = finite and all(np.all(np.isfinite(v)) for v in (*sensitivity.values(), *step_scale.values()))
    if not finite:
        raise ValueError(
            "the forward pass overflows at these parameters and X (largest |X| entry "
            f"{np.max(np.abs(X)):.3g}), so no gradient can be checked here. Scale X "
            "(cu.standardize) or use smaller weights."
        )
    if grads is None:
        grads = _backward(AL, Y, caches, hidden_activation)
    kinked = hidden_activation in _KINKED
    sides = [cache[1] > 0 for cache in caches[:-1]] if kinked else []

    def cost():
        """The cost at theta, and whether any hidden Z changed sign from the start."""
        _, trial = _forward(X, theta, L, hidden_activation)
        crossed = any(np.any((cache[1] > 0) != side) for cache, side in zip(trial[:-1], sides))
        return _logit_cost(trial[-1][1], Y), crossed

    eps = np.finfo(np.float64).eps
    eps_grads = eps
    analytic, numeric, rounding, usable = [], [], [], []
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key = f"{name}{l}"
            if f"d{key}" not in grads:
                raise ValueError(f"grads has no 'd{key}'; got keys {sorted(grads)}.")
            given = np.asarray(grads[f"d{key}"])
            if given.dtype.kind not in "biuf":
                raise TypeError(f"grads['d{key}'] must hold numbers, got dtype {given.dtype}.")
            d = given.astype(np.float64)
            if d.shape != theta[key].shape:
                raise ValueError(f"d{key} has shape {d.shape} but {key} has shape {theta[key].shape}.")
            bad = np.count_nonzero(~np.isfinite(d))
            if bad:
                raise ValueError(
                    f"grads['d{key}'] holds {bad} NaN or infinite value(s) of {d.size}: a backward pass "
                    "that gives them is wrong here, whatever the rest agrees to. Look for a division by "
                    "0 or 1 - AL, or a log of 0, in the backward pass."
                )
            eps_key = np.finfo(given.dtype).eps if given.dtype.kind == "f" else eps
            eps_grads = max(eps_grads, eps_key)
            x = theta[key]
            for index in np.ndindex(x.shape):
                # A step of h in ZL, not in the parameter: a weight that multiplies
                # inputs of 1000 takes a step 1000 times smaller, so that the
                # h^2 error of the formula does not grow with the size of X.
                step = h / max(1.0, float(step_scale[key][index]))
                original = x[index]
                try:
                    x[index] = original + step
                    up = x[index] - original  # the step as stored, after rounding
                    plus, crossed_plus = cost()
                    x[index] = original - step
                    down = original - x[index]
                    minus, crossed_minus = cost()
                finally:
                    x[index] = original
                if up + down == 0.0:
                    raise ValueError(
                        f"a step of {step:.3g} vanishes beside {key}{list(index)} = {original:.6g} in float64, "
                        f"so its derivative cannot be measured: pass a larger h than {h:g}, or check at "
                        "parameters of moderate size."
                    )
                numeric.append((plus - minus) / (up + down))
                rounding.append(eps * (abs(plus) + abs(minus)) / (up + down)
                                + eps_key * (abs(d[index]) + sensitivity[key][index] / m))
                usable.append(not (crossed_plus or crossed_minus))
            analytic.append(d.ravel())
    numeric = np.array(numeric)
    if not np.all(np.isfinite(numeric)):
        raise ValueError(
            "the cost is not finite near these parameters, so no numerical gradient exists here. "
            "Scale X (cu.standardize) or use smaller weights."
        )
    return np.concatenate(analytic), numeric, np.array(rounding), np.array(usable), eps_grads


def gradient_check(parameters, X, Y, grads=None, hidden_activation="relu", h=1e-5):
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
    h : float, default 1e-5
        The step of the centred differences (see the module's docstring for
        why this one).

    Returns
    -------
    difference : float
        ``||a - n|| / max(||a|| + ||n||, 1e8 * r)`` between all analytic
        gradients ``a`` and all numerical ones ``n``, stacked in the order
        ``dW1, db1, dW2, ...``, where ``r`` is the estimated rounding error of
        the two (see the module's docstring). Away from a minimum the floor
        never applies and this is :func:`rel_error`. Below
        ``GRADIENT_CHECK_THRESHOLD`` (1e-7) means the gradients agree.

    Warns
    -----
    GradientCheckWarning
        When the gradients are too small here to be checked to 1e-7, or when
        some entries were left out because their step crossed a ReLU kink.

    Examples
    --------
    >>> from course_utils import initialize_parameters_deep
    >>> p = initialize_parameters_deep([3, 2, 1], seed=0)
    >>> X = np.array([[1., 2.], [0., -1.], [3., 1.]]); Y = np.array([[1, 0]])
    >>> gradient_check(p, X, Y, hidden_activation="tanh") < 1e-7
    True
    """
    analytic, numeric, rounding, usable, eps_grads = _compare(parameters, X, Y, grads, hidden_activation, h)
    left_out = int(np.count_nonzero(~usable))
    # Steps of the output layer's WL and bL never move a hidden Z, so some
    # entries are always left to compare.
    if left_out:
        warnings.warn(
            f"gradient_check left out {left_out} of {usable.size} entries: their step of h = {h:g} "
            f"moved a hidden Z across 0, where {hidden_activation} has a kink and the numerical "
            "slope is not the derivative. The difference covers the other entries.",
            GradientCheckWarning, stacklevel=2,
        )
    analytic, numeric, rounding = analytic[usable], numeric[usable], rounding[usable]
    scale = _norm(analytic) + _norm(numeric)
    floor = _RESOLUTION * _norm(rounding)
    if scale < floor:
        why = (f" Your gradients are not float64: their own rounding is about {eps_grads:.0e} of their "
               "size. Compute them from float64 parameters and X to check them finely."
               if eps_grads > np.finfo(np.float64).eps else "")
        warnings.warn(
            f"the gradients here (norm {scale:.1e}) are too small to check to {GRADIENT_CHECK_THRESHOLD:g} "
            f"with steps of h = {h:g}: the estimated rounding error of the two is {_norm(rounding):.1e}, so "
            f"the difference is measured against {floor:.1e} instead. A right gradient stays below the "
            "threshold, but a small mistake can too. Check at a point with larger gradients, such as "
            f"freshly initialised parameters, with the default h.{why}",
            GradientCheckWarning, stacklevel=2,
        )
    denominator = max(scale, floor)
    return 0.0 if denominator == 0 else float(_norm(analytic - numeric) / denominator)
