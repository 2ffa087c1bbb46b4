"""Does gradient_check's threshold separate right gradients from wrong ones?

Prints, for three kinds of checking point, how large ``cu.gradient_check``'s
difference gets for *right* gradients (the engine's backprop), and whether it
exceeds 1e-7 for a set of *wrong* ones, the kinds of mistake learners make.
The same checks are measured with the rule it replaced (the cost from ``AL``,
no floor) and at other steps h, which is how the rule was chosen (issue 12).

Checking points, drawn with a seeded generator:

- init: what the notebooks do. 1 to 4 layers of 1 to 7 units, ReLU, tanh
  or sigmoid hidden layers, 1 to 9 examples of standard-normal X, the
  engine's Xavier start with small random biases.
- broad: anything goes. X with a spread between 0.1 and 5, weights with a
  spread between 0.1 and 3 (log-uniform), so that some outputs are
  confidently right or wrong, and some units saturate.
- raw: a broad point with unscaled inputs, whole numbers up to 255 (raw
  pixels) or 3000 (sizes in square feet), and first-layer weights divided
  to match, as a learner who skipped standardising would have.
- trained: a broad point after 3,000 steps of gradient descent at rate 0.5,
  near a minimum, where the gradient is small. The hardest case.

Nothing here is asserted; ``tests/test_gradcheck.py`` asserts the claims
on cases of its own. About a minute on one core.
"""

from __future__ import annotations

import inspect
import time
import warnings

import numpy as np
from _common import blas_summary, print_header

import course_utils as cu
from course_utils.gradcheck import GRADIENT_CHECK_THRESHOLD, _compare, _RESOLUTION
from course_utils.network import _backward, _forward

TAU = GRADIENT_CHECK_THRESHOLD
H = inspect.signature(cu.gradient_check).parameters["h"].default  # the default step
ACTIVATIONS = ("relu", "tanh", "sigmoid")


def init_point(rng):
    dims = [int(rng.integers(1, 8)) for _ in range(int(rng.integers(1, 5)))] + [1]
    parameters = cu.initialize_parameters_deep(dims, seed=int(rng.integers(2**31)))
    for key in parameters:
        if key.startswith("b"):
            parameters[key] = parameters[key] + rng.normal(0, 0.1, parameters[key].shape)
    m = int(rng.integers(1, 10))
    return parameters, rng.normal(0, 1, (dims[0], m)), rng.integers(0, 2, (1, m)), str(rng.choice(ACTIVATIONS))


def broad_point(rng):
    dims = [int(rng.integers(1, 7)) for _ in range(int(rng.integers(1, 5)))] + [1]
    m = int(rng.integers(1, 9))
    x_spread, w_spread = np.exp(rng.uniform(np.log(0.1), np.log(5))), np.exp(rng.uniform(np.log(0.1), np.log(3)))
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(0, w_spread, (dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    return parameters, rng.normal(0, x_spread, (dims[0], m)), rng.integers(0, 2, (1, m)), str(rng.choice(ACTIVATIONS))


def raw_point(rng):
    """Unscaled inputs: raw pixels (0..255) or sizes in the thousands, weights to match."""
    parameters, X, Y, activation = broad_point(rng)
    scale = float(rng.choice([255.0, 3000.0]))
    X = np.round(rng.uniform(0, scale, X.shape))
    parameters["W1"] = parameters["W1"] / (scale * np.sqrt(X.shape[0]))
    return parameters, X, Y, activation


def trained_point(rng):
    parameters, X, Y, activation = broad_point(rng)
    L = len(parameters) // 2
    for _ in range(3000):
        AL, caches = _forward(X, parameters, L, activation)
        grads = _backward(AL, Y, caches, activation)
        parameters = {key: value - 0.5 * grads[f"d{key}"] for key, value in parameters.items()}
    return parameters, X, Y, activation


def right_and_wrong(parameters, X, Y, activation):
    """The engine's gradients, and the same with one learner-style mistake each."""
    L = len(parameters) // 2
    AL, caches = _forward(X, parameters, L, activation)
    right = _backward(AL, Y, caches, activation)
    m = X.shape[1]
    wrong = {
        "1/m left out": {key: m * value for key, value in right.items()},
        "sign of db1 flipped": dict(right, db1=-right["db1"]),
        "dW1 twice too large": dict(right, dW1=2 * right["dW1"]),
        "every entry 1% off": {key: 1.01 * value for key, value in right.items()},
        "every entry 1e-5 off": {key: (1 + 1e-5) * value for key, value in right.items()},
    }
    if L > 1:  # another activation's derivative in the hidden layers
        other = {"relu": "tanh", "tanh": "sigmoid", "sigmoid": "tanh"}[activation]
        wrong["wrong hidden derivative"] = _backward(AL, Y, caches, other)
    return right, wrong


def old_rule(parameters, X, Y, grads, activation, h):
    """Before issue 12: centred differences of compute_cost(AL), plain rel_error."""
    theta = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    analytic, numeric = [], []
    for key in theta:
        cost = lambda: cu.compute_cost(cu.L_model_forward(X, theta, activation)[0], Y)  # noqa: E731
        numeric.append(cu.numerical_gradient(cost, theta[key], h).ravel())
        analytic.append(grads[f"d{key}"].ravel())
    return cu.rel_error(np.concatenate(analytic), np.concatenate(numeric))


def flat(grads, parameters):
    return np.concatenate([np.asarray(grads[f"d{key}"], dtype=np.float64).ravel() for key in parameters])


def main():
    print_header("gradient_check: right gradients against wrong ones")
    blas_summary()
    rng = np.random.default_rng(12)
    started = time.perf_counter()
    points = {
        "init": [init_point(rng) for _ in range(300)],
        "broad": [broad_point(rng) for _ in range(300)],
        "raw": [raw_point(rng) for _ in range(150)],
        "trained": [trained_point(rng) for _ in range(150)],
    }
    print(f"{sum(map(len, points.values()))} checking points drawn in {time.perf_counter() - started:.1f} s "
          f"(numpy seed 12); threshold {TAU:g}, floor {_RESOLUTION:g} x rounding\n")

    print("Right gradients, the rule before issue 12 (cost from AL, rel_error):")
    for h in (1e-4, 1e-5, 1e-6, 1e-7):
        cells = []
        for name, group in points.items():
            d = np.array([old_rule(p, X, Y, right_and_wrong(p, X, Y, a)[0], a, h) for p, X, Y, a in group])
            cells.append(f"{name} max {d.max():.1e}, {np.count_nonzero(d > TAU)}/{len(d)} over")
        print(f"  h = {h:.0e}: " + "; ".join(cells))

    print("\nRight gradients, gradient_check now (cost from ZL, floor, kinks left out):")
    detail = {}
    for h in (1e-4, 1e-5, 1e-6, 1e-7):
        cells = []
        for name, group in points.items():
            rows = []
            for p, X, Y, a in group:
                right, wrong = right_and_wrong(p, X, Y, a)
                analytic, numeric, rounding, usable, _ = _compare(p, X, Y, right, a, h)
                if not usable.any():
                    rows.append((0.0, 0.0, 1, 1, 0.0))
                    continue
                analytic, numeric, rounding = analytic[usable], numeric[usable], rounding[usable]
                scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
                floor = _RESOLUTION * np.linalg.norm(rounding)
                error = np.linalg.norm(analytic - numeric)
                rows.append((error / max(scale, floor, 1e-300), error / max(np.linalg.norm(rounding), 1e-300),
                             scale < floor, int(np.count_nonzero(~usable)) > 0, scale))
            rows = np.array(rows)
            detail[h, name] = rows
            cells.append(f"{name} max {rows[:, 0].max():.1e}, {np.count_nonzero(rows[:, 0] > TAU)} over, "
                         f"floor {int(rows[:, 2].sum())}, kinks {int(rows[:, 3].sum())}")
        print(f"  h = {h:.0e}: " + "; ".join(cells))
    ratios = np.concatenate([detail[H, name][:, 1] for name in points])
    print(f"  at h = {H:.0e}, |error| / |estimated rounding|: median {np.median(ratios):.2f}, "
          f"99th percentile {np.quantile(ratios, 0.99):.2f}, largest {ratios.max():.2f}")

    print(f"\nWrong gradients at h = {H:.0e}, the default (caught = difference over 1e-7; counted only where the mistake "
          "changes the gradient by more than 1e-6 relative):")
    caught, total, smallest, unwarned = {}, {}, {}, {}
    for name, group in points.items():
        for p, X, Y, a in group:
            right, wrong = right_and_wrong(p, X, Y, a)
            for mistake, grads in wrong.items():
                if cu.rel_error(flat(right, p), flat(grads, p)) <= 1e-6:
                    continue
                with warnings.catch_warnings(record=True) as seen:
                    warnings.simplefilter("always", cu.gradcheck.GradientCheckWarning)
                    difference = cu.gradient_check(p, X, Y, grads=grads, hidden_activation=a)
                warned = any(issubclass(w.category, cu.gradcheck.GradientCheckWarning) for w in seen)
                key = (mistake, name)
                total[key] = total.get(key, 0) + 1
                caught[key] = caught.get(key, 0) + (difference > TAU)
                unwarned[key] = unwarned.get(key, 0) + (difference <= TAU and not warned)
                smallest[key] = min(smallest.get(key, np.inf), difference)
    for mistake in dict.fromkeys(k[0] for k in total):
        cells = [f"{name} {caught[mistake, name]}/{total[mistake, name]} (smallest {smallest[mistake, name]:.0e}, "
                 f"missed without a warning {unwarned[mistake, name]})"
                 for name in points if (mistake, name) in total]
        print(f"  {mistake}: " + "; ".join(cells))

    print("\nIssue 12's reproducer ([1, 1], sigmoid, X = 3.9019, W = 2.8863, b = 0.2430, Y = 1):")
    p = {"W1": np.array([[2.8863]]), "b1": np.array([[0.2430]])}
    X, Y = np.array([[3.9019]]), np.array([[1]])
    right, _ = right_and_wrong(p, X, Y, "relu")
    print(f"  before (h = 1e-6): {old_rule(p, X, Y, right, 'relu', 1e-6):.2e}; now: {cu.gradient_check(p, X, Y):.2e}")
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
