"""Checks of week 4's last two exercises: the training loops of the cat classifier.

``two_layer_model`` and ``L_layer_model`` put the learner's building blocks
together (section 9 of the week 4 notebook). Each check first runs the checks
of the exercises the function calls, so that a broken building block is named
rather than its consequences.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
"""

from __future__ import annotations

import contextlib
import io

import numpy as np

from ..network import initialize_parameters_deep
from ..training import L_layer_model
from ._core import _call, _callees_pass, _Case, _COST_TYPE_HINT, _fail, _labels, _maybe, _Part, _passed

__all__ = ["check_two_layer_model", "check_L_layer_model"]

#: The defaults of the exercises' signatures, which a learner may use by mistake instead of the arguments.
_DEFAULT_RATE, _DEFAULT_ITERATIONS, _DEFAULT_RECORD_EVERY = 0.0075, 3000, 100
#: Seeds a learner may use instead of the argument: initialize_parameters_deep's default and the exercises'.
_DEFAULT_SEEDS = (3, 1)


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


_FORWARD = {"relu": lambda Z: np.maximum(Z, 0), "sigmoid": _sigmoid}
_BACKWARD = {"relu": lambda dA, Z: dA * (Z > 0), "sigmoid": lambda dA, Z: dA * _sigmoid(Z) * (1 - _sigmoid(Z))}


def _train(X, Y, layers_dims, learning_rate, num_iterations, seed, record_every, *, hidden="relu",
           output="sigmoid", back_hidden=None, back_output=None, sign=-1.0, record_after=False, first=0,
           keep_initial=False, dZ_as_dA=False):
    """Batch gradient descent in plain numpy, with switches that reproduce the known mistakes.

    With no switch set it is :func:`course_utils.L_layer_model` (which the checks
    use for the expected answer); ``first=1`` runs ``range(1, num_iterations + 1)``.
    """
    parameters = initialize_parameters_deep(layers_dims, seed=seed, init="xavier")
    L = len(layers_dims) - 1
    back = {"hidden": back_hidden or hidden, "output": back_output or output}
    costs = []

    def forward(params):
        A, caches = X, []
        for l in range(1, L + 1):
            Z = params[f"W{l}"] @ A + params[f"b{l}"]
            caches.append((A, Z))
            A = _FORWARD[output if l == L else hidden](Z)
        return A, caches

    def cost_of(AL):
        return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))

    with np.errstate(all="ignore"):
        for i in range(first, num_iterations + first):
            AL, caches = forward(parameters)
            dA = AL - Y if dZ_as_dA else -(Y / AL - (1 - Y) / (1 - AL))
            grads = {}
            for l in range(L, 0, -1):
                A_prev, Z = caches[l - 1]
                dZ = _BACKWARD[back["output" if l == L else "hidden"]](dA, Z)
                grads[f"dW{l}"] = dZ @ A_prev.T / X.shape[1]
                grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / X.shape[1]
                dA = parameters[f"W{l}"].T @ dZ
            new = {k: v + sign * learning_rate * grads[f"d{k}"] for k, v in parameters.items()}
            if i % record_every == 0:
                costs.append(cost_of(forward(new)[0]) if record_after else cost_of(AL))
            if not keep_initial:
                parameters = new
    return parameters, costs


def _model_cases(seed, shapes):
    """(X, Y, layers_dims) for each (layers_dims, m)."""
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal((dims[0], m)), _labels(rng, m), dims) for dims, m in shapes]


def _check_model(ex, fn, cases, layer_hints):
    """The check both training loops share; ``layer_hints`` adds the mistakes only one of them can make."""
    __tracebackhide__ = True
    for (X, Y, dims), (learning_rate, num_iterations, seed, record_every) in cases:
        inputs = {"X": X, "Y": Y, "layers_dims": dims, "learning_rate": learning_rate,
                  "num_iterations": num_iterations, "seed": seed, "record_every": record_every}
        settings = dict(learning_rate=learning_rate, num_iterations=num_iterations, seed=seed,
                        record_every=record_every)

        def reference(i):
            return L_layer_model(i["X"], i["Y"], i["layers_dims"], i["learning_rate"], i["num_iterations"],
                                 seed=i["seed"], record_every=i["record_every"])

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a wrong activation takes log(0)
            case = _Case(ex, fn, inputs, f"layers_dims={dims}, learning_rate={learning_rate}, "
                                         f"num_iterations={num_iterations}, seed={seed}, record_every={record_every}",
                         probe=("X", X + 0.5), reference=reference,
                         keywords=("learning_rate", "num_iterations", "seed", "record_every"),
                         copy_hint="X = X / 255 makes a new array; X /= 255 changes the caller's")
        parameters, costs = case.need_values(("parameters", "costs"))
        keys = tuple(f"{name}{l}" for l in range(1, len(dims)) for name in "Wb")
        case.need_dict("parameters", parameters, keys, exact=True)
        expected_parameters, expected_costs = reference(inputs)

        def train(**changes):
            return _maybe(_train, X, Y, dims, **{**settings, **changes})

        variants = [
            ("use the argument learning_rate, not a fixed number",
             train(learning_rate=_DEFAULT_RATE) if learning_rate != _DEFAULT_RATE else None),
            *[("pass the argument seed on, initialize_parameters_deep(layers_dims, seed=seed)", train(seed=other))
              for other in _DEFAULT_SEEDS if other != seed],
            ("the parameters moved uphill: gradient descent subtracts, W = W - learning_rate * dW, and the "
             "gradient starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)); check both signs", train(sign=1.0)),
            ("update_parameters returns the new parameters: write parameters = update_parameters(parameters, "
             "grads, learning_rate), or training never moves", train(keep_initial=True)),
            ("record the cost of this iteration's forward pass, before the update",
             train(record_after=True)),
            ("run exactly num_iterations steps, for i in range(num_iterations)",
             train(num_iterations=num_iterations + 1)),
            ("run exactly num_iterations steps, for i in range(num_iterations)",
             train(num_iterations=num_iterations - 1)),
            ("count the iterations from 0, for i in range(num_iterations), so that the first cost is the one "
             "before any update", train(first=1)),
            ("record the cost every record_every iterations, when i % record_every == 0 (and return after the "
             "for loop, not inside it)",
             train(record_every=_DEFAULT_RECORD_EVERY) if record_every != _DEFAULT_RECORD_EVERY else None),
            *[(hint, train(**changes)) for hint, changes in layer_hints],
        ]
        recorded = len(expected_costs)
        shape_hints = {
            num_iterations: "record the cost only every record_every iterations, when i % record_every == 0",
            recorded + 1: "record the cost only when i % record_every == 0, not also after the last iteration",
            1: "costs has one entry: is the return inside the for loop (one indent too far), so that training "
               "stops after the first iteration?",
            len(range(0, _DEFAULT_ITERATIONS, record_every)): "use the argument num_iterations, not a fixed number",
        }
        # A cost of nan or inf would be the same for any X, so the probe for a global variable would blame X;
        # say what it means instead.
        non_finite = [j for j, c in enumerate(costs) if isinstance(c, (float, np.floating)) and not np.isfinite(c)] \
            if isinstance(costs, (list, tuple)) else []
        if non_finite:
            _fail(case.prefix, f"costs[{non_finite[0]}] is {costs[non_finite[0]]} but should be "
                               f"{expected_costs[non_finite[0]]:.6g}",
                  "a cost of nan or inf means log(0) or the log of a negative number: the output layer must be "
                  "'sigmoid', so that AL lies between 0 and 1, and the hidden layers 'relu'")
        parts = [_Part("costs", costs, expected_costs, "floats", variants=[(h, v[1]) for h, v in variants if v],
                       shape_hints=shape_hints, type_hint=_COST_TYPE_HINT,
                       hint="costs[j] is the cost of the forward pass of iteration j * record_every, before its update")]
        for key in keys:
            parts.append(_Part(f"parameters[{key!r}]", parameters[key], expected_parameters[key],
                               variants=[(h, v[0][key]) for h, v in variants if v],
                               hint="start from initialize_parameters_deep(layers_dims, seed=seed), then each "
                                    "iteration: forward, cost, backward, parameters = update_parameters(...)"))
        case.verify(parts)
    _check_print_cost(ex, fn, inputs, len(expected_costs))
    _passed(ex)


def _check_print_cost(ex, fn, inputs, recorded):
    """With ``print_cost=True`` the function prints a line for each recorded cost (at least)."""
    __tracebackhide__ = True
    prefix = f"{ex} (print_cost=True)"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        _call(ex, prefix, fn, {**inputs, "print_cost": True},
              keywords=("learning_rate", "num_iterations", "print_cost", "seed", "record_every"))
    lines = [line for line in printed.getvalue().splitlines() if line.strip()]
    if len(lines) < recorded:
        _fail(prefix, f"it printed {len(lines)} lines but should print each of the {recorded} recorded costs",
              "when i % record_every == 0, append the cost and, if print_cost: print it, for example "
              "print(f\"Cost after iteration {i}: {cost}\")")


def check_two_layer_model(fn):
    """Check ``two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every)``.

    ``layers_dims`` is ``(n_x, n_h, n_y)``: LINEAR -> RELU -> LINEAR -> SIGMOID,
    trained by batch gradient descent from
    ``initialize_parameters_deep(layers_dims, seed=seed)``. First the checks of
    the exercises it calls must pass. Then it is called on ``layers_dims``
    (4, 3, 1) and (5, 2, 1), with (learning_rate, num_iterations, seed,
    record_every) = (0.1, 12, 2, 4) and (0.5, 10, 0, 3), and compared with
    :func:`course_utils.L_layer_model` on the same settings: the parameters after
    training, and ``costs``, the cost before iterations 0, record_every, ...
    Called once more with ``print_cost=True``, it must print (at least) a line
    for each recorded cost.

    Examples
    --------
    >>> def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
    ...               record_every=100):
    ...     parameters, costs = _train(X, Y, layers_dims, learning_rate, num_iterations, seed, record_every)
    ...     for i, cost in enumerate(costs):
    ...         if print_cost:
    ...             print(f"Cost after iteration {i * record_every}: {cost:.6f}")
    ...     return parameters, costs
    >>> check_two_layer_model(two_layer_model)
    two_layer_model: all checks passed
    """
    __tracebackhide__ = True
    ex = "two_layer_model"
    _callees_pass(ex, fn, week=4)
    cases = zip(_model_cases(51, (((4, 3, 1), 6), ((5, 2, 1), 7))), ((0.1, 12, 2, 4), (0.5, 10, 0, 3)))
    _check_model(ex, fn, cases, layer_hints=[
        ("layer 1 (hidden) uses 'relu' and layer 2 (output) 'sigmoid'", {"hidden": "sigmoid"}),
        ("layer 1 (hidden) uses 'relu' and layer 2 (output) 'sigmoid', in both directions",
         {"hidden": "sigmoid", "output": "relu"}),
        ("the backward step of each layer uses the activation of its forward step: 'relu' for layer 1",
         {"back_hidden": "sigmoid"}),
        ("the backward step of each layer uses the activation of its forward step: 'sigmoid' for layer 2",
         {"back_output": "relu"}),
        ("AL - Y is already dZ2; give linear_activation_backward dA2 = -(Y / A2 - (1 - Y) / (1 - A2)) "
         "with 'sigmoid'", {"dZ_as_dA": True}),
    ])


def check_L_layer_model(fn):
    """Check ``L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, seed, record_every)``.

    Batch gradient descent on [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID
    from ``initialize_parameters_deep(layers_dims, seed=seed)``. First the
    checks of the exercises it calls must pass. Then it is called on
    ``layers_dims`` [4, 3, 2, 1] and [3, 4, 3, 2, 1], with (learning_rate,
    num_iterations, seed, record_every) = (0.1, 12, 2, 4) and (0.3, 10, 0, 3),
    and compared with :func:`course_utils.L_layer_model` on the same settings:
    the parameters after training, and ``costs``, the cost before iterations
    0, record_every, ... Called once more with ``print_cost=True``, it must
    print (at least) a line for each recorded cost.

    Examples
    --------
    >>> def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
    ...               record_every=100):
    ...     parameters, costs = _train(X, Y, layers_dims, learning_rate, num_iterations, seed, record_every)
    ...     for i, cost in enumerate(costs):
    ...         if print_cost:
    ...             print(f"Cost after iteration {i * record_every}: {cost:.6f}")
    ...     return parameters, costs
    >>> check_L_layer_model(L_layer_model)
    L_layer_model: all checks passed
    """
    __tracebackhide__ = True
    ex = "L_layer_model"
    _callees_pass(ex, fn, week=4)
    cases = zip(_model_cases(52, (([4, 3, 2, 1], 6), ([3, 4, 3, 2, 1], 7))), ((0.1, 12, 2, 4), (0.3, 10, 0, 3)))
    _check_model(ex, fn, cases, layer_hints=[])


#: Exercise name -> its check, in the notebook's order (after week 4's building blocks).
EXERCISES = {
    "two_layer_model": check_two_layer_model,
    "L_layer_model": check_L_layer_model,
}
