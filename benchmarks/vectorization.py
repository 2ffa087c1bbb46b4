"""Week 2's vectorization claim, measured: Python loops against numpy.

(a) The dot product of two 10^6-element float64 vectors, as a Python ``for``
    loop and as ``np.dot``. The course quotes a speed-up of about 300x.
(b) The logistic-regression gradient ``dw, db`` on the shipped training data
    (flattened, divided by 255): the course's loop over examples and features
    against ``course_utils.propagate``, with the largest difference between
    the two answers.

Run from the repository root:  python benchmarks/vectorization.py
"""

from __future__ import annotations

import math
import time

import numpy as np

import course_utils as cu
from _common import SEED, best_of, print_header, shipped_data

N = 10**6
REPEATS = 3
M_LOOP = 1000  # examples the slow loop visits in (b); its time is scaled to the full m


def dot_loop(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def gradient_loop(w, b, X_cols, Y_row):
    """The course's first version: one loop over examples, one over features.

    ``X_cols`` is a list of m examples, each a list of n_x floats; ``w`` a list
    of n_x floats. Returns ``(dw, db)`` averaged over the m examples.
    """
    n_x, m = len(w), len(X_cols)
    dw = [0.0] * n_x
    db = 0.0
    for i in range(m):
        x = X_cols[i]
        z = b
        for j in range(n_x):
            z += w[j] * x[j]
        a = 1.0 / (1.0 + math.exp(-z))
        dz = a - Y_row[i]
        for j in range(n_x):
            dw[j] += x[j] * dz
        db += dz
    return [v / m for v in dw], db / m


def part_a():
    print(f"(a) dot product of two {N:,}-element float64 vectors, best of {REPEATS}")
    rng = np.random.default_rng(SEED)
    a, b = rng.random(N), rng.random(N)
    # The loop indexes Python lists: indexing a numpy array element by element
    # is slower still, and would flatter numpy.
    a_list, b_list = a.tolist(), b.tolist()
    t_loop = best_of(lambda: dot_loop(a_list, b_list), REPEATS)
    t_np = best_of(lambda: np.dot(a, b), REPEATS * 10)
    diff = abs(dot_loop(a_list, b_list) - float(np.dot(a, b)))
    print(f"    Python loop : {t_loop * 1e3:9.2f} ms")
    print(f"    np.dot      : {t_np * 1e3:9.3f} ms")
    print(f"    speed-up    : {t_loop / t_np:9.0f}x   (the course quotes about 300x)")
    print(f"    |loop - np.dot| = {diff:.3g} (summation order differs)")
    print()


def part_b():
    X, Y, _, _ = shipped_data("255")
    n_x, m = X.shape
    rng = np.random.default_rng(SEED)
    w = rng.standard_normal((n_x, 1)) * 0.01
    b = 0.1
    print(f"(b) logistic-regression gradient dw, db on the shipped training set, "
          f"X {X.shape} (flattened, /255)")
    print(f"    the loop visits the first {M_LOOP} of m = {m} examples; its time is scaled "
          f"by m / {M_LOOP} = {m / M_LOOP:g}")

    X_sub, Y_sub = X[:, :M_LOOP], Y[:, :M_LOOP]
    X_cols, Y_row, w_list = X_sub.T.tolist(), Y_sub[0].tolist(), w[:, 0].tolist()

    start = time.perf_counter()
    dw_loop, db_loop = gradient_loop(w_list, b, X_cols, Y_row)
    t_loop_sub = time.perf_counter() - start  # one run: it is the slow side

    grads_sub, _ = cu.propagate(w, b, X_sub, Y_sub)
    max_diff = max(float(np.max(np.abs(np.array(dw_loop) - grads_sub["dw"][:, 0]))),
                   abs(db_loop - grads_sub["db"]))

    t_vec_sub = best_of(lambda: cu.propagate(w, b, X_sub, Y_sub), REPEATS * 5)
    t_vec_full = best_of(lambda: cu.propagate(w, b, X, Y), REPEATS * 5)
    t_loop_full = t_loop_sub * m / M_LOOP

    print(f"    loop, {M_LOOP} examples             : {t_loop_sub * 1e3:9.1f} ms "
          f"({t_loop_sub / M_LOOP * 1e3:.3f} ms per example)")
    print(f"    loop, scaled to m = {m}        : {t_loop_full * 1e3:9.1f} ms (estimate)")
    print(f"    cu.propagate, {M_LOOP} examples     : {t_vec_sub * 1e3:9.3f} ms")
    print(f"    cu.propagate, m = {m}          : {t_vec_full * 1e3:9.3f} ms")
    print(f"    speed-up, same {M_LOOP} examples    : {t_loop_sub / t_vec_sub:9.0f}x")
    print(f"    speed-up, full m (scaled loop)  : {t_loop_full / t_vec_full:9.0f}x")
    print(f"    max |loop - vectorized| over dw and db ({M_LOOP} examples): {max_diff:.3g}")


if __name__ == "__main__":
    print_header("vectorization: Python loops vs numpy")
    part_a()
    part_b()
