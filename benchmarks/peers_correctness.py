"""Do course_utils' answers agree with scikit-learn's and PyTorch's?

(a) Logistic regression trained to convergence by course_utils' gradient
    descent (``cu.optimize``, zero start, as in week 2) against scikit-learn's
    ``LogisticRegression`` with no penalty, on the same standardised data.
    Target: test accuracies within 1 percentage point.

    On the 3072 standardised pixels the unpenalised problem has no answer to
    converge to: the 4000 training images are linearly separable (scikit-learn
    fits them perfectly), so the cost keeps falling as the weights grow without
    bound, and each solver's weights, and test accuracy, depend on where it
    stops. The comparison is therefore made where the unpenalised optimum
    exists and is unique: on the shipped images projected onto their first
    ``PCA_COMPONENTS`` principal components and whitened (unit variance; the
    projection is fitted on the training set only). The classes overlap there,
    gradient descent converges (the gradient's norm falls below
    ``GRAD_TOL``), and both solvers can be checked against the same optimum.
    The raw-pixel run is still printed, as context, with its stopping points.
(b) The two-layer network ``[n_x, 7, 1]`` (ReLU) against PyTorch in float64,
    from the same initial weights: the cost before each of the first 100
    iterations. Target: largest relative difference at most 1e-6.

Run from the repository root:  python benchmarks/peers_correctness.py
"""

from __future__ import annotations

import time
import warnings

import numpy as np

import course_utils as cu
from _common import SEED, n_cores, print_header, shipped_data

LR_ITERATIONS = 3000  # raw pixels: where course_utils stops (no finite optimum)
LR_RATE = 0.01
LR_TARGET_POINTS = 1.0
PCA_COMPONENTS = 128
PCA_RATE = 2.0  # whitened inputs: the cost's curvature is at most 1/4, so rates below 8 are stable
GRAD_TOL = 1e-10
PCA_MAX_ITERATIONS = 20_000

TWO_LAYER = [3072, 7, 1]
TWO_LAYER_RATE = 0.0075
TWO_LAYER_ITERATIONS = 100
TWO_LAYER_TARGET = 1e-6


def whiten(X, X_test, k):
    """Project onto the training set's first ``k`` principal components, scaled to unit variance.

    ``X`` is already centred (meanstd), so ``X = U S Vt`` gives the components
    as the columns of ``U``, with variances ``S**2 / m``.
    """
    U, S, _ = np.linalg.svd(X, full_matrices=False)
    P = U[:, :k] / (S[:k] / np.sqrt(X.shape[1]))
    return P.T @ X, P.T @ X_test


def part_a_converged(sklearn, X, Y, X_test, Y_test):
    Z, Z_test = whiten(X, X_test, PCA_COMPONENTS)
    print(f"(a) logistic regression trained to convergence, on the shipped images' first "
          f"{PCA_COMPONENTS} principal components, whitened: X {Z.shape}")
    start = time.perf_counter()
    w, b = cu.initialize_with_zeros(Z.shape[0])
    done, grad_norm = 0, np.inf
    while grad_norm > GRAD_TOL and done < PCA_MAX_ITERATIONS:
        params, grads, _ = cu.optimize(w, b, Z, Y, num_iterations=100, learning_rate=PCA_RATE)
        w, b, done = params["w"], params["b"], done + 100
        grads, _ = cu.propagate(w, b, Z, Y)
        grad_norm = float(np.sqrt(np.sum(grads["dw"] ** 2) + grads["db"] ** 2))
    t_cu = time.perf_counter() - start
    acc_cu = cu.accuracy(cu.predict_logistic(w, b, Z_test), Y_test)
    train_cu = cu.accuracy(cu.predict_logistic(w, b, Z), Y)
    print(f"    course_utils: {done} iterations at learning_rate {PCA_RATE} ({t_cu:.1f} s); "
          f"gradient norm {grad_norm:.1e} ({'below' if grad_norm <= GRAD_TOL else 'NOT below'} {GRAD_TOL:g})")
    print(f"    course_utils: train accuracy {train_cu:.4f}, test accuracy {acc_cu:.4f}")
    if sklearn is None:
        return
    clf, train_sk, acc_sk = _fit_sklearn(sklearn, Z, Y, Z_test, Y_test, tol=1e-12)
    print(f"    scikit-learn: train accuracy {train_sk:.4f} (below 1: the classes overlap), "
          f"test accuracy {acc_sk:.4f}")
    w_gap = float(np.max(np.abs(clf.coef_[0] - w[:, 0])) / np.max(np.abs(clf.coef_)))
    print(f"    weights: max |w_cu - w_sklearn| / max |w_sklearn| = {w_gap:.1e}; "
          f"b: course_utils {float(b):.6f}, scikit-learn {float(clf.intercept_[0]):.6f}")
    gap = 100 * abs(acc_cu - acc_sk)
    print(f"    difference in test accuracy: {gap:.1f} percentage points "
          f"-> target (<= {LR_TARGET_POINTS:g}) {'MET' if gap <= LR_TARGET_POINTS else 'NOT MET'}")
    print()


def _no_penalty(sklearn):
    # scikit-learn 1.8 deprecated penalty=None in favour of C=inf: the same model.
    major, minor = (int(p) for p in sklearn.__version__.split(".")[:2])
    return {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}


def _fit_sklearn(sklearn, X, Y, X_test, Y_test, **options):
    """Unpenalised ``LogisticRegression`` on examples as columns; print its run, return scores.

    Returns ``(clf, train_accuracy, test_accuracy)``.
    """
    from sklearn.linear_model import LogisticRegression

    no_penalty = _no_penalty(sklearn)
    clf = LogisticRegression(max_iter=10_000, **no_penalty, **options)
    start = time.perf_counter()
    clf.fit(X.T, Y[0].astype(np.int64))
    seconds = time.perf_counter() - start
    described = ", ".join(f"{k}={v}" for k, v in no_penalty.items())
    print(f"    scikit-learn: LogisticRegression({described}, solver={clf.solver}), "
          f"{int(clf.n_iter_[0])} iterations ({seconds:.2f} s)")
    return (clf, clf.score(X.T, Y[0].astype(np.int64)),
            clf.score(X_test.T, Y_test[0].astype(np.int64)))


def part_a_raw(sklearn, X, Y, X_test, Y_test):
    print(f"(a, context) logistic regression on the raw standardised pixels, X {X.shape}: "
          f"no finite optimum, so no target")
    start = time.perf_counter()
    parameters, costs = cu.L_layer_model(X, Y, [X.shape[0], 1], learning_rate=LR_RATE,
                                         num_iterations=LR_ITERATIONS, init="zeros", record_every=100)
    t_cu = time.perf_counter() - start
    acc_cu = cu.accuracy(cu.predict(X_test, parameters), Y_test)
    train_cu = cu.accuracy(cu.predict(X, parameters), Y)
    change = costs[-1] - costs[-2]
    print(f"    course_utils: {LR_ITERATIONS} iterations at learning_rate {LR_RATE} ({t_cu:.1f} s); "
          f"cost {costs[-1]:.5f}, change over the last 100 iterations {change:+.2e} "
          f"({'below' if abs(change) < 1e-4 else 'NOT below'} 1e-4)")
    print(f"    course_utils: train accuracy {train_cu:.4f}, test accuracy {acc_cu:.4f}")
    if sklearn is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lbfgs stops at max_iter: there is no optimum to reach
        _, train_sk, acc_sk = _fit_sklearn(sklearn, X, Y, X_test, Y_test)
    print(f"    scikit-learn: train accuracy {train_sk:.4f}, test accuracy {acc_sk:.4f}")
    print(f"    difference in test accuracy: {100 * abs(acc_cu - acc_sk):.1f} percentage points "
          f"(each depends on where its solver stopped)")
    if train_sk == 1.0:
        print("    note: scikit-learn fits the training set perfectly, so the classes are linearly "
              "separable and the unpenalised cost has no finite minimum; each solver's answer "
              "depends on where it stops.")
    print()


def part_b(torch, X, Y):
    print(f"(b) {TWO_LAYER} relu network, float64, same initial weights, "
          f"cost before each of the first {TWO_LAYER_ITERATIONS} iterations")
    initial = cu.initialize_parameters_deep(TWO_LAYER, seed=SEED, init="xavier")
    _, costs_cu = cu.L_layer_model(X, Y, TWO_LAYER, learning_rate=TWO_LAYER_RATE,
                                   num_iterations=TWO_LAYER_ITERATIONS, initial_parameters=initial,
                                   record_every=1)
    if torch is None:
        return
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    X_t, Y_t = torch.from_numpy(X), torch.from_numpy(Y)
    W1, b1, W2, b2 = (torch.tensor(initial[k], dtype=torch.float64, requires_grad=True)
                      for k in ("W1", "b1", "W2", "b2"))
    costs_torch = []
    for _ in range(TWO_LAYER_ITERATIONS):
        ZL = torch.addmm(b2, W2, torch.relu(torch.addmm(b1, W1, X_t)))
        cost = bce(ZL, Y_t)
        costs_torch.append(cost.item())
        cost.backward()
        with torch.no_grad():
            for p in (W1, b1, W2, b2):
                p -= TWO_LAYER_RATE * p.grad
                p.grad = None
    costs_cu, costs_torch = np.array(costs_cu), np.array(costs_torch)
    rel = np.abs(costs_cu - costs_torch) / np.abs(costs_torch)
    worst = float(rel.max())
    print(f"    cost at iteration 0: course_utils {costs_cu[0]:.10f}, PyTorch {costs_torch[0]:.10f}")
    print(f"    cost at iteration {TWO_LAYER_ITERATIONS - 1}: course_utils {costs_cu[-1]:.10f}, "
          f"PyTorch {costs_torch[-1]:.10f}")
    print(f"    max relative difference over {len(rel)} costs: {worst:.2e} (at iteration {int(rel.argmax())}) "
          f"-> target (<= {TWO_LAYER_TARGET:g}) {'MET' if worst <= TWO_LAYER_TARGET else 'NOT MET'}")


if __name__ == "__main__":
    peers = print_header("peers_correctness: course_utils against scikit-learn and PyTorch",
                         peers=("torch", "sklearn"))
    torch = peers["torch"]
    if torch is not None:
        torch.manual_seed(SEED)
        torch.set_num_threads(n_cores())
    X, Y, X_test, Y_test = shipped_data("meanstd")
    part_a_converged(peers["sklearn"], X, Y, X_test, Y_test)
    part_b(torch, X, Y)
    print()
    part_a_raw(peers["sklearn"], X, Y, X_test, Y_test)
