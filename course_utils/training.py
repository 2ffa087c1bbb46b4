"""Batch gradient descent for the L-layer network, with an optional Bold Driver.

Taught in week 2 (``optimize`` for logistic regression) and week 4
(``L_layer_model``). One loop serves both: logistic regression is the network
with ``layer_dims = [n_x, 1]``.

The loop runs one forward and one backward pass per iteration. It validates
its inputs once, then works on the checked arrays; it updates the weights in
place, which is safe because it made them itself.
"""

from __future__ import annotations

import numpy as np

from . import _performance
from ._progress import progress_disabled
from ._validation import (
    validate_choice,
    validate_layer_dims,
    validate_parameters,
    validate_positive,
    validate_positive_int,
    validate_X_Y,
)
from .activations import ACTIVATIONS
from .network import INITIALIZATIONS, _backward, _cost, _forward, _step, initialize_parameters_deep

__all__ = ["L_layer_model", "BOLD_DRIVER_UP", "BOLD_DRIVER_DOWN"]

#: Bold Driver: after a step that lowered the cost, grow the rate by this factor...
BOLD_DRIVER_UP = 1.05
#: ...and after a step that raised it, undo the step and shrink the rate by this one.
BOLD_DRIVER_DOWN = 0.5


#: Divergence check 1: a weight or bias beyond this magnitude (or not finite)
#: means the run has blown up. Healthy and merely overshooting runs stay far
#: below it (measured largest |entry|: 0.8 at week 4's rate 0.1, 2.8e27 at its
#: too-large 0.5); logistic regression at learning rate 1e300 reaches 1.2e299
#: after one step.
DIVERGENCE_WEIGHT_LIMIT = 1e150
#: Divergence check 2: the cost counts as "pinned" when it is at least this
#: many times its first value...
DIVERGENCE_COST_FACTOR = 10.0
#: ...and at least this share of the clip ceiling ``-log(eps)`` of the cost
#: (36.04 in float64, 15.94 in float32)...
DIVERGENCE_CEILING_SHARE = 0.2
#: ...for this many iterations in a row: then training has diverged.
DIVERGENCE_PATIENCE = 200


def _diverged(cost, iteration, learning_rate, why=None):
    if why is None:
        why = f"The cost became {cost}"
    return FloatingPointError(
        f"{why}: training diverged at iteration {iteration}; try a smaller "
        f"learning_rate than {learning_rate:g} (for example {learning_rate / 10:g}), "
        f"standardise X, or pass bold_driver=True."
    )


def _largest_parameter(parameters):
    """The largest |entry| of the parameters; NaN or inf if one is not finite."""
    largest = 0.0
    for value in parameters.values():
        m = float(np.max(np.abs(value))) if value.size else 0.0
        if not np.isfinite(m):
            return m
        largest = max(largest, m)
    return largest


class _DivergenceCheck:
    """Decide, once per iteration, whether a run has diverged (see ``L_layer_model``)."""

    def __init__(self, first_cost, dtype):
        ceiling = float(-np.log(np.finfo(dtype).eps))
        self.first_cost = first_cost
        self.level = max(DIVERGENCE_COST_FACTOR * first_cost, DIVERGENCE_CEILING_SHARE * ceiling)
        self.pinned_since = None
        self.pinned_max = 0.0

    def __call__(self, cost, parameters, iteration, rate):
        if not np.isfinite(cost):
            raise _diverged(cost, iteration, rate)
        largest = _largest_parameter(parameters)
        if not largest <= DIVERGENCE_WEIGHT_LIMIT:  # also true for NaN
            raise _diverged(cost, iteration, rate, why=(
                f"The weights became {'non-finite' if not np.isfinite(largest) else f'{largest:.3g}'} "
                f"(beyond {DIVERGENCE_WEIGHT_LIMIT:g})"))
        if cost >= self.level:
            if self.pinned_since is None:
                self.pinned_since, self.pinned_max = iteration, cost
            self.pinned_max = max(self.pinned_max, cost)
            if iteration - self.pinned_since >= DIVERGENCE_PATIENCE:
                raise _diverged(cost, self.pinned_since, rate, why=(
                    f"The cost rose from {self.first_cost:.4g} to {self.pinned_max:.4g} and stayed above "
                    f"{self.level:.4g} for {DIVERGENCE_PATIENCE} iterations"))
        else:
            self.pinned_since = None


def _gradient_descent(X, Y, parameters, hidden_activation, learning_rate, num_iterations,
                      record_every=100, bold_driver=False, progress=False, print_cost=False):
    """Train checked arrays; return ``(parameters, costs, last_grads)``.

    ``parameters`` must belong to the caller's loop: they are updated in place.
    ``costs[j]`` is the cost before iteration ``j * record_every``.
    """
    L = len(parameters) // 2
    rate = learning_rate
    costs = []
    grads = last_grads = None
    iterations = range(num_iterations)
    bar = None
    # tqdm's Jupyter bar ignores TQDM_DISABLE (see _progress.py), so we check it here.
    if progress and not progress_disabled():
        from tqdm.auto import tqdm  # only imported when asked for

        iterations = bar = tqdm(iterations, desc="training", unit="it", leave=False)

    # A diverging run overflows before it turns into NaN; we report that
    # ourselves below, with the iteration, instead of numpy's warnings.
    # tuned() sets numpy's BLAS threads for this call only (restored on the way
    # out, also on an exception or Ctrl-C) and says how to run layer 1's products.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"), \
            _performance.tuned(X, parameters["W1"], num_iterations) as tuner:
        layout = tuner.layout
        AL, caches = _forward(X, parameters, L, hidden_activation, layout)
        cost = _cost(AL, Y)
        check = _DivergenceCheck(cost, AL.dtype)
        tuner.begin()
        for i in iterations:
            check(cost, parameters, i, rate)
            if i % record_every == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {i}: {cost:.6f}")
                if bar is not None:
                    bar.set_postfix(cost=f"{cost:.4f}", refresh=False)
            if grads is None:
                grads = _backward(AL, Y, caches, hidden_activation, layout)
            if bold_driver:
                candidate = _step(parameters, grads, rate, L, in_place=False)
                new_AL, new_caches = _forward(X, candidate, L, hidden_activation, layout)
                new_cost = _cost(new_AL, Y)
                last_grads = grads
                if new_cost <= cost:  # a NaN cost compares False: rejected too
                    parameters, AL, caches, cost = candidate, new_AL, new_caches, new_cost
                    grads = None
                    rate *= BOLD_DRIVER_UP
                else:
                    # Undo: keep the old parameters (and their gradient) and retry
                    # with a smaller step.
                    rate *= BOLD_DRIVER_DOWN
            else:
                last_grads = {k: v.copy() for k, v in grads.items()} if i == num_iterations - 1 else None
                _step(parameters, grads, rate, L, in_place=True)
                grads = None
                AL, caches = _forward(X, parameters, L, hidden_activation, layout)
                cost = _cost(AL, Y)
            layout = tuner.tick()
    if bar is not None:
        bar.close()
    check(cost, parameters, num_iterations, rate)
    return parameters, costs, last_grads


def L_layer_model(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, *,
                  hidden_activation="relu", init="xavier", seed=1, initial_parameters=None,
                  record_every=100, bold_driver=False, progress=False, print_cost=False):
    """Train an L-layer network by full-batch gradient descent.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Training inputs, one example per column. float32 input trains in
        float32; anything else in float64.
    Y : ndarray of shape (1, m)
        Labels, 0 or 1.
    layer_dims : list of int
        ``[n_x, n[1], ..., 1]``. ``[n_x, 1]`` is logistic regression (use
        ``init="zeros"`` for the course's version of it).
    learning_rate : float, default 0.0075
        Step size alpha (the starting one, with ``bold_driver``).
    num_iterations : int, default 3000
        Number of gradient-descent steps.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu", "identity"}, default "relu"
        ``"identity"`` (no non-linearity) is there for week 3's demonstration.
    init : {"xavier", "he", "small", "zeros", "large"}, default "xavier"
        See :func:`initialize_parameters_deep`.
    seed : int or numpy.random.Generator, default 1
        Seed of the initial weights.
    initial_parameters : dict, optional
        Start from these ``W1, b1, ...`` instead (copied, never modified), for
        example a symmetric start; ``init`` and ``seed`` are then unused. Their
        shapes must match ``layer_dims``.
    record_every : int, default 100
        Record the cost before iterations 0, k, 2k, ...
    bold_driver : bool, default False
        Adapt the learning rate: after a step that lowers the cost, multiply
        it by 1.05; after one that raises it, undo the step and halve it.
    progress : bool, default False
        Show a tqdm progress bar (it honours ``TQDM_DISABLE=1``).
    print_cost : bool, default False
        Print the cost each time it is recorded.

    Returns
    -------
    parameters : dict
        Trained ``W1, b1, ..., WL, bL``, in the dtype of ``X``.
    costs : list of float
        ``costs[j]`` is the cost before iteration ``j * record_every``.

    Raises
    ------
    ValueError
        For badly shaped or non-finite ``X``, bad labels, or unknown names.
    FloatingPointError
        If training diverges ("... training diverged at iteration k; try a
        smaller learning_rate ..."). The cost is clipped (it can never exceed
        ``-log(eps)``, 36.04 in float64 and 15.94 in float32), so it rarely
        becomes inf or NaN; a run counts as diverged when

        * the cost is NaN or inf, or a weight or bias is not finite or larger
          in magnitude than ``DIVERGENCE_WEIGHT_LIMIT`` (1e150), named with
          the iteration it was first seen before; or
        * the cost is at least ``DIVERGENCE_COST_FACTOR`` (10) times its
          first value and at least ``DIVERGENCE_CEILING_SHARE`` (0.2) of the
          clip ceiling for ``DIVERGENCE_PATIENCE`` (200) iterations in a
          row, named with the iteration where it first got there.

        Measured on the shipped pictures: logistic regression at rate 1e300
        has weights of 1.2e299 after one step; at rate 1e6 (pixels / 255) its
        cost goes from 0.69 to 17.75 at the first step and never falls below
        15.5 (22x its start) again; ``[n_x, 20, 7, 5, 1]`` at rate 1e3 (ReLU)
        swings between 9.46 and 18.02 from the first step on, and at rate 1e6
        (tanh) sits at 18.02, both with every output saturated and accuracy
        0.5. All three are reported at iteration 1 (after 200 more). Runs that
        only overshoot are left alone: week 2's fixed rate 0.05 peaks at 5x
        its start (3.55), week 3's ``init="large"`` starts at 7.6 and falls,
        and week 4's deliberately too large rate 0.5 (``[n_x, 7, 1]``, 80
        iterations) is above 10x its start for 77 iterations in a row, less
        than the 200 needed, with weights of at most 2.8e27. The same run
        kept going for 200 more iterations would be reported as diverged.

    Notes
    -----
    For speed, a run of at least 20 iterations on inputs large enough to
    matter chooses numpy's BLAS thread count as it goes (fewer threads when
    the machine is busy or the process may use fewer CPUs) and the faster
    layout of layer 1's products over ``X``; the thread count is restored when
    the call returns, also on an error or Ctrl-C. Set ``OPENBLAS_NUM_THREADS``
    (or ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``) before starting Python to
    fix the threads yourself. The choices change only the last bits of the
    results (see ``course_utils/_performance.py``).

    Examples
    --------
    >>> X = np.array([[0., 1., 2., 3.]]); Y = np.array([[0, 0, 1, 1]])
    >>> parameters, costs = L_layer_model(X, Y, [1, 1], learning_rate=0.5, num_iterations=200)
    >>> len(costs), costs[-1] < costs[0]
    (2, True)
    """
    layer_dims = validate_layer_dims(layer_dims)
    X, Y = validate_X_Y(X, Y, n_x=layer_dims[0])
    if layer_dims[-1] != 1:
        raise ValueError(
            f"The output layer must have 1 unit for binary classification, got layer_dims[-1]="
            f"{layer_dims[-1]}. End layer_dims with 1."
        )
    learning_rate = validate_positive(learning_rate, "learning_rate")
    num_iterations = validate_positive_int(num_iterations, "num_iterations", minimum=0)
    record_every = validate_positive_int(record_every, "record_every")
    validate_choice(hidden_activation, "hidden_activation", ACTIVATIONS)
    validate_choice(init, "init", INITIALIZATIONS)
    if initial_parameters is None:
        parameters = initialize_parameters_deep(layer_dims, seed=seed, init=init, dtype=X.dtype)
    else:
        L = validate_parameters(initial_parameters)
        dims = [initial_parameters["W1"].shape[1]] + [initial_parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
        if dims != layer_dims:
            raise ValueError(
                f"initial_parameters describe layer_dims {dims} but layer_dims is {layer_dims}: "
                f"they must agree."
            )
        # Our own copies, in X's dtype: the loop updates them in place.
        parameters = {f"{name}{l}": np.array(initial_parameters[f"{name}{l}"], dtype=X.dtype)
                      for l in range(1, L + 1) for name in ("W", "b")}
    parameters, costs, _ = _gradient_descent(
        X, Y, parameters, hidden_activation, learning_rate, num_iterations,
        record_every=record_every, bold_driver=bold_driver, progress=progress, print_cost=print_cost,
    )
    return parameters, costs
