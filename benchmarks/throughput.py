"""Seconds per iteration of full-batch gradient descent: course_utils vs PyTorch vs scikit-learn.

The network is week 4's deep cat classifier, ``[n_x, 20, 7, 5, 1]`` with ReLU
hidden layers and a sigmoid output, trained on the whole shipped training set
(m = 4000, n_x = 3072, meanstd-standardised) at every step, in float64 and in
float32. PyTorch starts from the same weights as course_utils and takes the
same plain gradient-descent steps; scikit-learn's ``MLPClassifier`` uses its
own initial weights (a start cannot be passed in) but the same architecture,
rate and iteration count, with full-batch SGD, no momentum and no penalty.

The contestants run in one process, in interleaved rounds with half a second
of idle before each run (see IDLE), and each figure is the median of the
rounds. The script prints how much CPU time the host took (steal) meanwhile.
It also measures this machine's GEMM rates and the GFLOP/s that course_utils
achieves, so a slow figure can be told apart from a slow machine.

Target (from the issue): course_utils takes at most 1.0x PyTorch's time per
iteration, in both dtypes.

Run from the repository root:  python benchmarks/throughput.py
"""

from __future__ import annotations

import time
import warnings

import numpy as np

import course_utils as cu
from _common import (SEED, best_of, blas_summary, cpu_steal_seconds, median, n_cores, numpy_blas_name,
                     print_header, shipped_data)

LAYER_DIMS = [3072, 20, 7, 5, 1]
LEARNING_RATE = 0.0075
N_ITER = 30
ROUNDS = 5
TARGET = 1.0  # course_utils time / PyTorch time, at most
# Seconds of idle before each timed run. numpy's OpenBLAS threads keep spinning
# for a while after a product returns, and take CPU from whichever library runs
# next. Measured here (float32, 8 pairs): PyTorch took a median 10.2 ms per
# iteration straight after course_utils and 9.0 ms after 0.5 s idle;
# course_utils was not slowed by running after PyTorch (12.8 and 12.9 ms).
IDLE = 0.5


def flops_per_iteration(layer_dims, m):
    """Multiply-adds (x2) of one forward and backward pass, as course_utils computes it.

    Forward ``Z = W A_prev`` and backward ``dW = dZ A_prev.T`` for every layer,
    and ``dA_prev = W.T dZ`` for layers 2..L (layer 1's is skipped: it would be dX).
    """
    total = 0
    for l in range(1, len(layer_dims)):
        per_product = 2 * layer_dims[l] * layer_dims[l - 1] * m
        total += 2 * per_product + (per_product if l >= 2 else 0)
    return total


def gemm_rate(matmul, a, b, repeats=5):
    """GFLOP/s of ``matmul(a, b)``, best of ``repeats``, after an idle pause."""
    matmul(a, b)  # warm-up
    time.sleep(IDLE)
    t = best_of(lambda: matmul(a, b), repeats)
    return 2 * a.shape[0] * a.shape[1] * b.shape[1] / t / 1e9


# ---------------------------------------------------------------- the contestants

def run_course_utils(X, Y, initial):
    cu.L_layer_model(X, Y, LAYER_DIMS, learning_rate=LEARNING_RATE, num_iterations=N_ITER,
                     initial_parameters=initial, record_every=N_ITER)


def torch_setup(torch, X, Y, initial, dtype):
    """Torch tensors for X, Y and a fresh copy of the initial weights, in the course's shapes."""
    X_t = torch.from_numpy(np.ascontiguousarray(X)).to(dtype)
    Y_t = torch.from_numpy(np.ascontiguousarray(Y)).to(dtype)
    L = len(LAYER_DIMS) - 1
    weights = [(torch.tensor(initial[f"W{l}"], dtype=dtype, requires_grad=True),
                torch.tensor(initial[f"b{l}"], dtype=dtype, requires_grad=True)) for l in range(1, L + 1)]
    return X_t, Y_t, weights


def run_torch(torch, X_t, Y_t, weights):
    """N_ITER steps of plain gradient descent, examples as columns like course_utils."""
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    L = len(weights)
    for _ in range(N_ITER):
        A = X_t
        for l, (W, b) in enumerate(weights, start=1):
            Z = torch.addmm(b, W, A)  # W A + b, b broadcast over the m columns
            A = Z if l == L else torch.relu(Z)
        # sigmoid + cross-entropy in one: its gradient with respect to ZL is (AL - Y) / m,
        # the same dZL that course_utils uses.
        cost = bce(A, Y_t)
        cost.backward()
        with torch.no_grad():
            for W, b in weights:
                W -= LEARNING_RATE * W.grad
                b -= LEARNING_RATE * b.grad
                W.grad = None
                b.grad = None
    return weights


def run_sklearn(MLPClassifier, X_rows, y):
    m = X_rows.shape[0]
    clf = MLPClassifier(hidden_layer_sizes=tuple(LAYER_DIMS[1:-1]), activation="relu", solver="sgd",
                        batch_size=m, momentum=0.0, nesterovs_momentum=False,
                        learning_rate="constant", learning_rate_init=LEARNING_RATE,
                        max_iter=N_ITER, alpha=0.0, shuffle=False, n_iter_no_change=N_ITER + 1,
                        tol=0.0, random_state=SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: max_iter reached, by design
        clf.fit(X_rows, y)
    return clf


# ---------------------------------------------------------------- main

def main():
    peers = print_header("throughput: seconds per iteration of full-batch gradient descent",
                         peers=("torch", "sklearn", "threadpoolctl"))
    torch, sklearn = peers["torch"], peers["sklearn"]
    cores = n_cores()
    blas_summary()
    if torch is not None:
        torch.manual_seed(SEED)
        torch.set_num_threads(cores)
        print(f"torch threads: {torch.get_num_threads()} (set to the core count)")
    print()

    X64, Y64, _, _ = shipped_data("meanstd", np.float64)
    n_x, m = X64.shape
    print(f"network {LAYER_DIMS}, relu, m = {m}, learning_rate = {LEARNING_RATE}, "
          f"{N_ITER} iterations per run, {ROUNDS} interleaved rounds, median reported, "
          f"{IDLE} s idle before each run")
    initial64 = cu.initialize_parameters_deep(LAYER_DIMS, seed=SEED, init="xavier")
    flops = flops_per_iteration(LAYER_DIMS, m)
    print(f"matrix-product flops per iteration: {flops / 1e9:.3f} GFLOP")
    print()

    contestants = {}  # (name, dtype) -> zero-argument callable running N_ITER iterations
    for dtype_name, np_dtype in (("float64", np.float64), ("float32", np.float32)):
        X, Y = X64.astype(np_dtype), Y64.astype(np_dtype)
        initial = {k: v.astype(np_dtype) for k, v in initial64.items()}
        contestants[("course_utils", dtype_name)] = (
            lambda X=X, Y=Y, initial=initial: run_course_utils(X, Y, initial))
        if torch is not None:
            t_dtype = torch.float64 if dtype_name == "float64" else torch.float32

            def torch_run(X=X, Y=Y, initial=initial, t_dtype=t_dtype):
                X_t, Y_t, weights = torch_setup(torch, X, Y, initial, t_dtype)
                run_torch(torch, X_t, Y_t, weights)
            contestants[("PyTorch", dtype_name)] = torch_run
        if sklearn is not None:
            from sklearn.neural_network import MLPClassifier
            X_rows, y = np.ascontiguousarray(X.T), Y[0].astype(np.int64)
            contestants[("scikit-learn", dtype_name)] = (
                lambda X_rows=X_rows, y=y: run_sklearn(MLPClassifier, X_rows, y))

    # Correctness first (and it warms every contestant up): PyTorch from the same
    # start must land on the same weights as course_utils.
    if torch is not None:
        for dtype_name, np_dtype, t_dtype in (("float64", np.float64, torch.float64),
                                              ("float32", np.float32, torch.float32)):
            X, Y = X64.astype(np_dtype), Y64.astype(np_dtype)
            initial = {k: v.astype(np_dtype) for k, v in initial64.items()}
            params, _ = cu.L_layer_model(X, Y, LAYER_DIMS, learning_rate=LEARNING_RATE,
                                         num_iterations=N_ITER, initial_parameters=initial,
                                         record_every=N_ITER)
            X_t, Y_t, weights = torch_setup(torch, X, Y, initial, t_dtype)
            run_torch(torch, X_t, Y_t, weights)
            worst = max(float(np.max(np.abs(params[f"W{l}"] - W.detach().numpy())))
                        / float(np.max(np.abs(params[f"W{l}"])))
                        for l, (W, _) in enumerate(weights, start=1))
            print(f"same start, {N_ITER} steps, {dtype_name}: max |W_cu - W_torch| / max |W_cu| = {worst:.2g}")
    for run in contestants.values():
        run()  # warm-up
    print()

    seconds = {key: [] for key in contestants}
    steal_before, wall_before = cpu_steal_seconds(), time.perf_counter()
    for _ in range(ROUNDS):
        for key, run in contestants.items():
            time.sleep(IDLE)
            start = time.perf_counter()
            run()
            seconds[key].append((time.perf_counter() - start) / N_ITER)
    per_iter = {key: median(values) for key, values in seconds.items()}
    if steal_before is not None:
        stolen, wall = cpu_steal_seconds() - steal_before, time.perf_counter() - wall_before
        print(f"CPU time taken by the host (steal) during the timed rounds: {stolen:.1f} s of "
              f"{wall:.1f} s x {n_cores()} cores ({100 * stolen / (wall * n_cores()):.1f} %); "
              f"a few percent or more means the figures below include other load")
        print()

    print("GEMM rates of this machine, GFLOP/s, best of 5: layer 1's two products (nearly all of an")
    print("iteration) in each layout, * marking the one course_utils runs, and a 2048 x 2048 product")
    print(f"{'':42}{'W1 @ X':>9}{'(X.T @ W1.T).T':>16}{'dZ1 @ X.T':>11}{'(X @ dZ1.T).T':>15}{'square':>8}")
    rng = np.random.default_rng(SEED)
    layer1_rate, square_rate = {}, {}
    for dtype_name, np_dtype in (("float64", np.float64), ("float32", np.float32)):
        W = rng.standard_normal((20, n_x)).astype(np_dtype)
        A = rng.standard_normal((n_x, m)).astype(np_dtype)
        S = rng.standard_normal((2048, 2048)).astype(np_dtype)
        dZ = rng.standard_normal((20, m)).astype(np_dtype)
        # course_utils.network computes W1 @ X as written, and picks the layout of
        # dZ1 @ X.T per dtype (_weight_gradient).
        fwd = {"as written": gemm_rate(lambda w, a: w @ a, W, A),
               "transposed": gemm_rate(lambda w, a: (a.T @ w.T).T, W, A)}
        bwd = {"as written": gemm_rate(lambda d, xt: d @ xt, dZ, A.T),  # xt is the view X.T
               "transposed": gemm_rate(lambda d, xt: (xt.T @ d.T).T, dZ, A.T)}
        # The two layouts give bit-identical results here, so which one course_utils
        # runs cannot be read off its output: this restates _weight_gradient's rule.
        chosen_fwd, chosen_bwd = "as written", "transposed" if np_dtype == np.float32 else "as written"
        # both products do the same flops: the pair's rate is the harmonic mean
        layer1_rate[dtype_name] = 2 / (1 / fwd[chosen_fwd] + 1 / bwd[chosen_bwd])
        square_rate[dtype_name] = gemm_rate(np.matmul, S, S, 3)
        cells = [f"{rate:.1f}" + ("*" if layout == chosen else " ")
                 for table, chosen in ((fwd, chosen_fwd), (bwd, chosen_bwd)) for layout, rate in table.items()]
        print(f"{dtype_name:8} {'numpy (' + numpy_blas_name() + ')':33}{cells[0]:>9}{cells[1]:>16}"
              f"{cells[2]:>11}{cells[3]:>15}{square_rate[dtype_name]:7.1f}")
        if torch is not None:
            tW, tA, tS, tdZ = (torch.from_numpy(x) for x in (W, A, S, dZ))
            print(f"{dtype_name:8} {'torch (its own BLAS)':33}"
                  f"{gemm_rate(lambda w, a: w @ a, tW, tA):8.1f}{'':17}"
                  f"{gemm_rate(lambda d, xt: d @ xt, tdZ, tA.t()):10.1f}{'':16}"
                  f"{gemm_rate(torch.matmul, tS, tS, 3):7.1f}")
    print()

    print(f"{'dtype':8} {'library':13} {'ms/iter':>9} {'rounds (ms/iter)':>26} {'cu/peer':>8} {'GFLOP/s':>8}")
    for dtype_name in ("float64", "float32"):
        cu_time = per_iter[("course_utils", dtype_name)]
        for name in ("course_utils", "PyTorch", "scikit-learn"):
            key = (name, dtype_name)
            if key not in per_iter:
                print(f"{dtype_name:8} {name:13} {'skipped (not installed)':>26}")
                continue
            t = per_iter[key]
            rounds = ", ".join(f"{s * 1e3:.1f}" for s in seconds[key])
            ratio = "" if name == "course_utils" else f"{cu_time / t:7.2f}x"
            gflops = f"{flops / t / 1e9:8.1f}"
            print(f"{dtype_name:8} {name:13} {t * 1e3:9.2f} {rounds:>26} {ratio:>8} {gflops}")
        achieved = flops / cu_time / 1e9
        print(f"         course_utils achieves {achieved:.1f} GFLOP/s: {100 * achieved / layer1_rate[dtype_name]:.0f}% "
              f"of numpy's rate on layer 1's two products, {100 * achieved / square_rate[dtype_name]:.0f}% "
              f"of its square-product rate")
    print("(scikit-learn starts from its own random weights; its GFLOP/s use the same flop count.)")
    print()

    if torch is None:
        print(f"Target (course_utils <= {TARGET}x PyTorch's time per iteration): not checked, PyTorch missing.")
        return
    for dtype_name in ("float64", "float32"):
        ratio = per_iter[("course_utils", dtype_name)] / per_iter[("PyTorch", dtype_name)]
        verdict = "MET" if ratio <= TARGET else "NOT MET"
        print(f"Target, {dtype_name}: course_utils <= {TARGET}x PyTorch's time per iteration: "
              f"{ratio:.2f}x -> {verdict}")


if __name__ == "__main__":
    main()
