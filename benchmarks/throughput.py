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
rounds. The script prints how much CPU time the host took (steal) and the load
average meanwhile. It also measures this machine's GEMM rates and the GFLOP/s
that course_utils achieves, so a slow figure can be told apart from a slow
machine.

course_utils chooses its BLAS threads and the layout of layer 1's products at
run time (issue 16, ``course_utils/_performance.py``); the script reports what
it chose, and also times "course_utils before", the same training with those
choices switched off (numpy's own thread count, the default layout), which is
what course_utils ran before issue 16.

Targets (issue 16): course_utils takes at most 1.0x PyTorch's time per
iteration in float64 and at most 0.9x in float32; and at most 1.05x the time
of "course_utils before".

Run from the repository root:  python benchmarks/throughput.py
"""

from __future__ import annotations

import time
import warnings

import numpy as np

import course_utils as cu
from course_utils import _performance as perf
from _common import (SEED, best_of, blas_summary, cpu_steal_seconds, load_average, machine_tag, median,
                     n_cores, numpy_blas_name, print_header, shipped_data)

LAYER_DIMS = [3072, 20, 7, 5, 1]
LEARNING_RATE = 0.0075
N_ITER = 30
ROUNDS = 5
TARGETS = {"float64": 1.0, "float32": 0.9}  # course_utils time / PyTorch time, at most
TARGET_BEFORE = 1.05  # course_utils time / course_utils-before time, at most
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

CHOSEN = {}  # dtype name -> list of (layout, {threads: iterations}) of each timed course_utils run


def run_course_utils(X, Y, initial):
    cu.L_layer_model(X, Y, LAYER_DIMS, learning_rate=LEARNING_RATE, num_iterations=N_ITER,
                     initial_parameters=initial, record_every=N_ITER)
    tuner = perf.last_tuner
    CHOSEN.setdefault(X.dtype.name, []).append((tuner.layout, dict(tuner.iterations_at)))


def run_course_utils_before(X, Y, initial):
    """The same training with issue 16's choices off: numpy's thread count, the default layout."""
    with perf.forced():
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
        contestants[("cu before", dtype_name)] = (
            lambda X=X, Y=Y, initial=initial: run_course_utils_before(X, Y, initial))
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
        run()  # warm-up (course_utils times its layouts here, once per thread count)
    CHOSEN.clear()
    print()

    tag = machine_tag()
    seconds = {key: [] for key in contestants}
    load_before = load_average()
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
    if load_before is not None:
        print(f"load average (1 min) before and after the timed rounds: {load_before:.2f}, {load_average():.2f} "
              f"on {n_cores()} CPUs; above the CPU count, other processes were running")
    print()

    print("What course_utils chose in the timed runs (issue 16): layer 1's layout, and iterations per")
    print("BLAS thread count, summed over the rounds")
    for dtype_name in ("float64", "float32"):
        runs = CHOSEN.get(dtype_name, [])
        layouts = [layout for layout, _ in runs]
        threads = {}
        for _, counts in runs:
            for t, n in counts.items():
                threads[t] = threads.get(t, 0) + n
        layout_text = ", ".join(f"{layout.describe()} ({layouts.count(layout)} runs)" for layout in set(layouts))
        thread_text = ", ".join(f"{t} thread{'s' if t != 1 else ''}: {n}" for t, n in sorted(threads.items()))
        print(f"  {dtype_name}: {layout_text}; {thread_text}   {tag}")
    cached = ", ".join(f"{shape[0]}x{shape[1]} {dtype} {threads} thr -> {layout.describe()}"
                       for (shape, dtype, threads), layout in sorted(perf._layout_cache.items()))
    print(f"  layout cache of the process: {cached or 'empty'}")
    print()

    print("GEMM rates of this machine, GFLOP/s, best of 5, at numpy's default thread count: layer 1's two")
    print("products (nearly all of an iteration) in each layout, * marking the one course_utils chose at that")
    print(f"thread count (timed once, in the warm-up), and a 2048 x 2048 product   {tag}")
    print(f"{'':42}{'W1 @ X':>9}{'(X.T @ W1.T).T':>16}{'dZ1 @ X.T':>11}{'(X @ dZ1.T).T':>15}{'square':>8}")
    rng = np.random.default_rng(SEED)
    controller = perf._blas_controller()
    default_threads = perf._blas_threads(controller) if controller is not None else 0
    layer1_rate, square_rate = {}, {}
    for dtype_name, np_dtype in (("float64", np.float64), ("float32", np.float32)):
        W = rng.standard_normal((20, n_x)).astype(np_dtype)
        A = rng.standard_normal((n_x, m)).astype(np_dtype)
        S = rng.standard_normal((2048, 2048)).astype(np_dtype)
        dZ = rng.standard_normal((20, m)).astype(np_dtype)
        fwd = {False: gemm_rate(lambda w, a: w @ a, W, A),
               True: gemm_rate(lambda w, a: (a.T @ w.T).T, W, A)}
        bwd = {False: gemm_rate(lambda d, xt: d @ xt, dZ, A.T),  # xt is the view X.T
               True: gemm_rate(lambda d, xt: (xt.T @ d.T).T, dZ, A.T)}
        # The layout course_utils chose for numpy's default thread count (the one this table runs at).
        layout = perf._layout_cache.get(((n_x, m), dtype_name, default_threads), perf.default_layout(np_dtype))
        chosen_fwd, chosen_bwd = layout.forward_transposed, layout.backward_transposed
        # both products do the same flops: the pair's rate is the harmonic mean
        layer1_rate[dtype_name] = 2 / (1 / fwd[chosen_fwd] + 1 / bwd[chosen_bwd])
        square_rate[dtype_name] = gemm_rate(np.matmul, S, S, 3)
        cells = [f"{rate:.1f}" + ("*" if transposed == chosen else " ")
                 for table, chosen in ((fwd, chosen_fwd), (bwd, chosen_bwd)) for transposed, rate in table.items()]
        print(f"{dtype_name:8} {'numpy (' + numpy_blas_name() + ')':33}{cells[0]:>9}{cells[1]:>16}"
              f"{cells[2]:>11}{cells[3]:>15}{square_rate[dtype_name]:7.1f}")
        if torch is not None:
            tW, tA, tS, tdZ = (torch.from_numpy(x) for x in (W, A, S, dZ))
            print(f"{dtype_name:8} {'torch (its own BLAS)':33}"
                  f"{gemm_rate(lambda w, a: w @ a, tW, tA):8.1f}{'':17}"
                  f"{gemm_rate(lambda d, xt: d @ xt, tdZ, tA.t()):10.1f}{'':16}"
                  f"{gemm_rate(torch.matmul, tS, tS, 3):7.1f}")
    print()

    print(f"{'dtype':8} {'library':13} {'ms/iter':>9} {'rounds (ms/iter)':>32} {'cu/peer':>8} {'GFLOP/s':>8}")
    for dtype_name in ("float64", "float32"):
        cu_time = per_iter[("course_utils", dtype_name)]
        for name in ("course_utils", "cu before", "PyTorch", "scikit-learn"):
            key = (name, dtype_name)
            if key not in per_iter:
                print(f"{dtype_name:8} {name:13} {'skipped (not installed)':>32}")
                continue
            t = per_iter[key]
            rounds = ", ".join(f"{s * 1e3:.1f}" for s in seconds[key])
            ratio = "" if name == "course_utils" else f"{cu_time / t:7.2f}x"
            gflops = f"{flops / t / 1e9:8.1f}"
            print(f"{dtype_name:8} {name:13} {t * 1e3:9.2f} {rounds:>32} {ratio:>8} {gflops}   {tag}")
        achieved = flops / cu_time / 1e9
        print(f"         course_utils achieves {achieved:.1f} GFLOP/s: {100 * achieved / layer1_rate[dtype_name]:.0f}% "
              f"of numpy's rate on layer 1's two products, {100 * achieved / square_rate[dtype_name]:.0f}% "
              f"of its square-product rate")
    print("(\"cu before\" is course_utils with issue 16's choices off; scikit-learn starts from its own")
    print("random weights; its GFLOP/s use the same flop count.)")
    print()

    load_after = load_average()
    if load_before is not None and max(load_before, load_after) > n_cores() + 0.5:
        print(f"NOTE: the load average was {load_before:.1f} / {load_after:.1f} on {n_cores()} CPUs: other "
              f"processes were running, so these verdicts are for a busy machine; the targets are for an "
              f"idle one. Rerun on an idle machine.")
    for dtype_name in ("float64", "float32"):
        ratio = per_iter[("course_utils", dtype_name)] / per_iter[("cu before", dtype_name)]
        verdict = "MET" if ratio <= TARGET_BEFORE else "NOT MET"
        print(f"Target, {dtype_name}: course_utils <= {TARGET_BEFORE}x its time before issue 16: "
              f"{ratio:.2f}x -> {verdict}   {tag}")
    if torch is None:
        print("Targets against PyTorch: not checked, PyTorch missing.")
        return
    for dtype_name in ("float64", "float32"):
        ratio = per_iter[("course_utils", dtype_name)] / per_iter[("PyTorch", dtype_name)]
        verdict = "MET" if ratio <= TARGETS[dtype_name] else "NOT MET"
        print(f"Target, {dtype_name}: course_utils <= {TARGETS[dtype_name]}x PyTorch's time per iteration: "
              f"{ratio:.2f}x -> {verdict}   {tag}")


if __name__ == "__main__":
    main()
