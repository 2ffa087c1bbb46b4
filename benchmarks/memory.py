"""Peak memory of training the deep network, and evidence that X is never copied per iteration.

numpy reports its array allocations to ``tracemalloc``, so the traced peak
while ``cu.L_layer_model`` runs is what training itself allocates on top of
the inputs, which are loaded before tracing starts. If each iteration copied
``X`` (a transposed or cast copy, say), the peak would be at least the size of
``X``; if anything accumulated per iteration, the peak for 50 iterations would
exceed the one for 5.

Run from the repository root:  python benchmarks/memory.py
"""

from __future__ import annotations

import resource
import tracemalloc

import numpy as np

import course_utils as cu
from course_utils._validation import validate_X_Y
from course_utils.training import _gradient_descent
from _common import SEED, print_header, shipped_data

LAYER_DIMS = [3072, 20, 7, 5, 1]
LEARNING_RATE = 0.0075
MB = 1e6


def traced_peak(X, Y, num_iterations):
    """Peak bytes that tracemalloc sees during one training run (inputs excluded)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    cu.L_layer_model(X, Y, LAYER_DIMS, learning_rate=LEARNING_RATE, num_iterations=num_iterations,
                     seed=SEED)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - base


def main():
    print_header("memory: peak traced allocations while training")
    print(f"network {LAYER_DIMS}, relu, learning_rate {LEARNING_RATE}")
    for dtype in (np.float64, np.float32):
        X, Y, _, _ = shipped_data("meanstd", dtype)
        x_bytes, y_bytes = X.nbytes, Y.nbytes
        m = X.shape[1]
        print(f"\n{np.dtype(dtype).name}: X {X.shape} = {x_bytes / MB:.1f} MB, Y {y_bytes / MB:.3f} MB "
              f"(loaded before tracing starts)")
        peaks = {}
        for n in (5, 50):
            peaks[n] = traced_peak(X, Y, n)
            print(f"    {n:3d} iterations: traced peak {peaks[n] / MB:7.2f} MB = "
                  f"{peaks[n] / x_bytes:.3f} x size of X")
        growth = peaks[50] - peaks[5]
        print(f"    peak(50) - peak(5) = {growth / 1e3:+.1f} kB "
              f"({'same peak: nothing accumulates per iteration' if abs(growth) < 0.01 * x_bytes else 'peak grows with iterations'})")
        verdict = "no copy of X" if peaks[50] < 0.5 * x_bytes else "a copy of X (or more) is made"
        print(f"    peak / size of X = {peaks[50] / x_bytes:.3f} -> {verdict}")
        # Where the peak comes from: the one-off check at the door, which asks
        # np.isfinite(X) for a boolean array of X's shape (1 byte per entry).
        tracemalloc.start()
        validate_X_Y(X, Y, n_x=LAYER_DIMS[0])
        _, check_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"    of which the input check alone (once per call, not per iteration): "
              f"{check_peak / MB:.2f} MB")
        # And the loop on its own (the private function L_layer_model calls
        # after its checks), to show what training needs beyond that check.
        parameters = cu.initialize_parameters_deep(LAYER_DIMS, seed=SEED, dtype=dtype)
        tracemalloc.start()
        base, _ = tracemalloc.get_traced_memory()
        _gradient_descent(X, Y, parameters, "relu", LEARNING_RATE, 50)
        _, loop_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"    the training loop alone, 50 iterations: {(loop_peak - base) / MB:.2f} MB")
        activations = sum(2 * n_l * m for n_l in LAYER_DIMS[1:]) * np.dtype(dtype).itemsize
        print(f"    for scale: Z and A of every layer for m = {m} take {activations / MB:.2f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    print(f"\nmax resident set size of the whole process (data, libraries, both dtypes): {rss:.0f} MB")


if __name__ == "__main__":
    main()
