"""Checks of week 2's logistic regression exercises.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
The self-check questions of this part are in :data:`QUESTIONS`, at the end.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from ..activations import sigmoid
from ..preprocessing import accuracy
from ..logistic import initialize_with_zeros, optimize, predict_logistic, propagate
from ..selfcheck import Question
from ._core import (
    _callees_pass,
    _Case,
    _COST_TYPE_HINT,
    _labels,
    _loop_note,
    _Part,
    _passed,
    _shape,
    WEEK2_TRAINING,
)

__all__ = ["check_initialize_with_zeros", "check_propagate", "check_optimize", "check_predict", "check_model"]


def check_initialize_with_zeros(fn):
    """Check ``initialize_with_zeros(dim)``: ``w`` zeros of shape (dim, 1) and ``b = 0.0`` (or ``b = 0``).

    Called with ``dim`` 3 and 5; compared with
    :func:`course_utils.initialize_with_zeros`.

    Examples
    --------
    >>> check_initialize_with_zeros(lambda dim: (np.zeros((dim, 1)), 0.0))
    initialize_with_zeros: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_with_zeros"
    for dim in (3, 5):
        case = _Case(ex, fn, {"dim": dim}, f"dim={dim}", probe=("dim", dim + 1),
                     reference=lambda i: initialize_with_zeros(i["dim"]))
        w, b = case.need_values(("w", "b"))
        w_expected, b_expected = initialize_with_zeros(dim)
        parts = [
            _Part("w", w, w_expected, float_dtype=True, type_hint="np.zeros((dim, 1)) holds floats",
                  rank1_hint="w is a column, np.zeros((dim, 1)), not np.zeros(dim)",
                  transpose_hint="w is a column, np.zeros((dim, 1))", hint="w starts at zero"),
            _Part("b", b, b_expected, "float", type_hint="write b = 0.0 (b = 0 works too)", hint="b starts at 0.0"),
        ]
        case.verify(parts)
    _passed(ex)


#: Why a one-entry cost, such as the (1, 1) array np.dot gives, is refused, and how to fix it (the
#: notebooks print costs with f"{cost:.4f}", which fails for an array with axes).


def _logistic_cases(seed):
    """(w, b, X, Y) for two shapes; m differs from n_x so a wrong m shows."""
    rng = np.random.default_rng(seed)
    cases = []
    for n_x, m, b in ((3, 5, 0.4), (4, 7, -0.3)):
        w = 0.5 * rng.standard_normal((n_x, 1))
        X = rng.standard_normal((n_x, m))
        cases.append((w, b, X, _labels(rng, m)))
    return cases


def _scaled(answer, factor):
    grads, cost = answer
    return {"dw": grads["dw"] * factor, "db": grads["db"] * factor}, cost * factor


def check_propagate(fn):
    """Check ``propagate(w, b, X, Y)``: the cost of logistic regression and its gradients.

    Called on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.propagate`.

    Examples
    --------
    >>> check_propagate(propagate)
    propagate: all checks passed
    """
    __tracebackhide__ = True
    ex = "propagate"
    for w, b, X, Y in _logistic_cases(seed=21):
        n_x, m = X.shape
        case = _Case(ex, fn, {"w": w, "b": b, "X": X, "Y": Y}, f"X of {_shape(X)}", probe=("X", X + 0.5),
                     reference=lambda i: propagate(*i.values()),
                     copy_hint="A = A - Y makes a new array; A -= Y changes the caller's")
        grads, cost = case.need_values(("grads", "cost"))
        case.need_dict("grads", grads, ("dw", "db"))
        expected = propagate(w, b, X, Y)
        (grads_expected, cost_expected) = expected
        A = sigmoid(w.T @ X + b)
        variants = [
            ("did you forget to add b? A = sigmoid(np.dot(w.T, X) + b)", propagate(w, 0.0, X, Y)),
            ("did you forget to divide by m?", _scaled(expected, m)),
            ("divide by m = X.shape[1], the number of examples, not X.shape[0]", _scaled(expected, m / n_x)),
            ("the cost is minus the mean of Y log(A) + (1 - Y) log(1 - A); check the sign",
             (grads_expected, -cost_expected)),
            ("dZ = A - Y, not Y - A", (_scaled(expected, -1)[0], cost_expected)),
        ]
        dw_variants = [(h, v[0]["dw"]) for h, v in variants] + [
            ("use np.dot(X, (A - Y).T), a matrix product that sums over the m examples, not * "
             "(element by element)", (X * (A - Y)) / m)]
        parts = [
            _Part("cost", cost, cost_expected, "float", variants=[(h, v[1]) for h, v in variants],
                  type_hint=_COST_TYPE_HINT,
                  hint="cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m"),
            _Part("dw", grads["dw"], grads_expected["dw"], variants=dw_variants,
                  transpose_hint="did you transpose X? dw = np.dot(X, (A - Y).T) / m has the shape of w",
                  hint="dw = np.dot(X, (A - Y).T) / m"),
            _Part("db", grads["db"], grads_expected["db"], "float", variants=[(h, v[0]["db"]) for h, v in variants],
                  type_hint="np.sum(A - Y) / m, with no axis, adds up every entry into one number",
                  hint="db = np.sum(A - Y) / m"),
        ]
        case.verify(parts)
    _passed(ex)
    rng = np.random.default_rng(25)
    w, X = 0.1 * rng.standard_normal((50, 1)), rng.standard_normal((50, 500))
    n_x, m = WEEK2_TRAINING["X_shape"]
    projection = (f"section {WEEK2_TRAINING['section']}'s training ({WEEK2_TRAINING['iterations']} iterations on X "
                  f"of ({n_x}, {m}))", n_x * m / X.size, WEEK2_TRAINING["iterations"])
    _loop_note(ex, fn, propagate, {"w": w, "b": 0.1, "X": X, "Y": _labels(rng, 500)}, f"X of {_shape(X)}",
               projection)


def _descend(w, b, X, Y, num_iterations, learning_rate, sign=-1.0, update_b=True, record_after=False):
    """Week 2's gradient descent, with switches that reproduce common mistakes."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + sign * learning_rate * grads["dw"]
        if update_b:
            b = b + sign * learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(propagate(w, b, X, Y)[1] if record_after else cost)
    return {"w": w, "b": b}, grads, costs


def check_optimize(fn):
    """Check ``optimize(w, b, X, Y, num_iterations, learning_rate)``: gradient descent.

    Called with (num_iterations, learning_rate) = (150, 0.1) and (201, 0.5),
    on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.optimize`. ``costs`` holds the cost before iterations
    0, 100, 200, ...

    Examples
    --------
    >>> check_optimize(optimize)
    optimize: all checks passed
    """
    __tracebackhide__ = True
    ex = "optimize"
    settings = ((150, 0.1), (201, 0.5))
    for (w, b, X, Y), (num_iterations, learning_rate) in zip(_logistic_cases(seed=22), settings):
        inputs = {"w": w, "b": b, "X": X, "Y": Y, "num_iterations": num_iterations, "learning_rate": learning_rate}
        case = _Case(ex, fn, inputs, f"num_iterations={num_iterations}, learning_rate={learning_rate}",
                     probe=("X", X + 0.5), reference=lambda i: optimize(*i.values()),
                     copy_hint="w = w - learning_rate * dw makes a new array; "
                               "w -= learning_rate * dw changes the caller's")
        params, grads, costs = case.need_values(("params", "grads", "costs"))
        case.need_dict("params", params, ("w", "b"))
        case.need_dict("grads", grads, ("dw", "db"))
        params_expected, grads_expected, costs_expected = optimize(w, b, X, Y, num_iterations, learning_rate)
        variants = [
            ("use the argument learning_rate, not a fixed number", _descend(w, b, X, Y, num_iterations, 0.009)),
            ("use the argument num_iterations, not a fixed number", _descend(w, b, X, Y, 100, learning_rate)),
            ("gradient descent subtracts, w = w - learning_rate * dw",
             _descend(w, b, X, Y, num_iterations, learning_rate, sign=1.0)),
            ("did you forget to update b? b = b - learning_rate * db",
             _descend(w, b, X, Y, num_iterations, learning_rate, update_b=False)),
            ("record the cost before the update, when i % 100 == 0",
             _descend(w, b, X, Y, num_iterations, learning_rate, record_after=True)),
        ]
        parts = [
            _Part("costs", costs, costs_expected, "floats", variants=[(h, v[2]) for h, v in variants],
                  shape_hints={num_iterations: "record the cost only every 100 iterations, when i % 100 == 0"},
                  type_hint="make propagate return the cost as a number, cost = np.squeeze(cost)"),
            _Part("params['w']", params["w"], params_expected["w"], variants=[(h, v[0]["w"]) for h, v in variants],
                  hint="w = w - learning_rate * dw at each iteration"),
            _Part("params['b']", params["b"], params_expected["b"], "float",
                  variants=[(h, v[0]["b"]) for h, v in variants],
                  type_hint="b should stay a number; make propagate return db = np.sum(A - Y) / m, with no axis",
                  hint="b = b - learning_rate * db at each iteration"),
            _Part("grads['dw']", grads["dw"], grads_expected["dw"], hint="return the grads of the last iteration"),
            _Part("grads['db']", grads["db"], grads_expected["db"], "float",
                  hint="return the grads of the last iteration"),
        ]
        case.verify(parts)
    _passed(ex)


def check_predict(fn):
    """Check week 2's ``predict(w, b, X)``: labels 1 where ``sigmoid(w.T X + b) > 0.5``, else 0.

    Called on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.predict_logistic`. Integers, floats or booleans equal
    to 0 and 1 are all accepted.

    Examples
    --------
    >>> check_predict(predict_logistic)
    predict: all checks passed
    """
    __tracebackhide__ = True
    ex = "predict"
    cases = [(w, 3 * b, X) for w, b, X, _ in _logistic_cases(seed=23)]  # a bias large enough to matter
    # w = 0 and b = 0 put every A at exactly 0.5, the boundary: the label there is 0, since 1 means A > 0.5.
    cases.append((np.zeros((3, 1)), 0.0, cases[0][2]))
    for w, b, X in cases:
        where = f"X of {_shape(X)}" + (", w = 0 and b = 0" if not w.any() and b == 0 else "")
        case = _Case(ex, fn, {"w": w, "b": b, "X": X}, where, probe=("X", -X),
                     reference=lambda i: predict_logistic(*i.values()))
        A = sigmoid(w.T @ X + b)
        variants = [
            ("every A is exactly 0.5 here: the label is 1 only where A > 0.5, strictly",
             (A >= 0.5).astype(int)),
            ("did you forget to add b? A = sigmoid(np.dot(w.T, X) + b)", predict_logistic(w, 0.0, X)),
            ("1 where A > 0.5 and 0 elsewhere; the comparison is the wrong way round", (A <= 0.5).astype(int)),
            ("compare the probability A = sigmoid(np.dot(w.T, X) + b) with 0.5, not Z",
             (w.T @ X + b > 0.5).astype(int)),
        ]
        part = _Part("Y_prediction", case.answer, predict_logistic(w, b, X), "labels", variants=variants,
                     rank1_hint="predictions are a row of shape (1, m); keep the shape of A",
                     transpose_hint="predictions are a row of shape (1, m), one column per example",
                     hint="1 where sigmoid(np.dot(w.T, X) + b) > 0.5, else 0")
        case.verify([part])
    _passed(ex)


def _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, train_on=None, predict_on=None):
    """Week 2's ``model`` from the package's own pieces; the two keywords build known mistakes."""
    X_fit, Y_fit = train_on or (X_train, Y_train)
    w, b = initialize_with_zeros(X_fit.shape[0])
    params, _, costs = optimize(w, b, X_fit, Y_fit, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict_logistic(w, b, X_train)
    Y_prediction_test = predict_logistic(w, b, predict_on if predict_on is not None else X_test)
    return {
        "costs": costs, "w": w, "b": b,
        "Y_prediction_train": Y_prediction_train, "Y_prediction_test": Y_prediction_test,
        "train_accuracy": accuracy(Y_prediction_train, Y_train),
        "test_accuracy": accuracy(Y_prediction_test, Y_test) if Y_prediction_test.shape == Y_test.shape else None,
        "learning_rate": learning_rate, "num_iterations": num_iterations,
    }


#: The keys of week 2's ``model`` result, in the order the notebook builds them.
MODEL_KEYS = ("costs", "w", "b", "Y_prediction_train", "Y_prediction_test", "train_accuracy", "test_accuracy",
              "learning_rate", "num_iterations")


def check_model(fn):
    """Check week 2's ``model``: your functions put together, trained and scored.

    Called with (num_iterations, learning_rate) = (150, 0.1) and (201, 0.5),
    on training sets of shapes (3, 5) and (4, 7) and test sets of 4 and 6
    examples; compared with the package's own pieces put together the same
    way: zeros to start, :func:`course_utils.optimize`,
    :func:`course_utils.predict_logistic` on both sets, and
    :func:`course_utils.accuracy`.

    Examples
    --------
    >>> def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
    ...     return _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    >>> check_model(model)
    model: all checks passed
    """
    __tracebackhide__ = True
    ex = "model"
    _callees_pass(ex, fn, week=2)
    settings = ((150, 0.1), (201, 0.5))
    rng = np.random.default_rng(24)
    for (_, _, X, Y), (num_iterations, learning_rate), m_test in zip(_logistic_cases(seed=24), settings, (4, 6)):
        X_test = rng.standard_normal((X.shape[0], m_test))
        Y_test = _labels(rng, m_test)
        inputs = {"X_train": X, "Y_train": Y, "X_test": X_test, "Y_test": Y_test,
                  "num_iterations": num_iterations, "learning_rate": learning_rate}
        case = _Case(ex, fn, inputs, f"X_train of {_shape(X)}, num_iterations={num_iterations}",
                     probe=("X_train", X + 0.5), reference=lambda i: _model(*i.values()))
        d = case.answer
        # A dict missing keys is that, whatever the probe says: its first cost, log 2 at w = 0,
        # is the same for any X_train.
        case.need_dict("d", d, MODEL_KEYS, probe=False,
                       missing_hint="return the dict with the keys " + ", ".join(repr(k) for k in MODEL_KEYS))
        expected = _model(*inputs.values())
        variants = [
            ("pass num_iterations and learning_rate on to optimize, not the defaults",
             _model(X, Y, X_test, Y_test, 100, 0.009)),
            ("train on X_train and Y_train; the test set is only for scoring",
             _model(X, Y, X_test, Y_test, num_iterations, learning_rate,
                    train_on=(X_test, Y_test)) if X_test.shape[0] == X.shape[0] else None),
        ]
        variants = [(hint, v) for hint, v in variants if v is not None]
        parts = [
            _Part("d['costs']", d["costs"], expected["costs"], "floats", variants=[(h, v["costs"]) for h, v in variants],
                  shape_hints=dict.fromkeys((1, 5), "pass num_iterations and learning_rate on to optimize, "
                                                    "not the defaults"),
                  type_hint="make propagate return the cost as a number, cost = np.squeeze(cost)"),
            _Part("d['w']", d["w"], expected["w"], variants=[(h, v["w"]) for h, v in variants],
                  hint="w and b are the ones optimize returns in params"),
            _Part("d['b']", d["b"], expected["b"], "float", variants=[(h, v["b"]) for h, v in variants],
                  hint="w and b are the ones optimize returns in params"),
            _Part("d['Y_prediction_train']", d["Y_prediction_train"], expected["Y_prediction_train"], "labels",
                  hint="predict with the trained w and b on X_train"),
            _Part("d['Y_prediction_test']", d["Y_prediction_test"], expected["Y_prediction_test"], "labels",
                  shape_hints={(1, X.shape[1]): "predict on X_test for the test predictions, not on X_train"},
                  hint="predict with the trained w and b on X_test"),
            _Part("d['train_accuracy']", d["train_accuracy"], expected["train_accuracy"], "float",
                  variants=[("the accuracy is a fraction between 0 and 1, not a percentage",
                             100 * expected["train_accuracy"])],
                  hint="cu.accuracy(Y_prediction_train, Y_train): the fraction of training labels predicted right"),
            _Part("d['test_accuracy']", d["test_accuracy"], expected["test_accuracy"], "float",
                  variants=[("the accuracy is a fraction between 0 and 1, not a percentage",
                             100 * expected["test_accuracy"])],
                  hint="cu.accuracy(Y_prediction_test, Y_test): the fraction of test labels predicted right"),
        ]
        case.verify(parts)
        for key, value in (("learning_rate", learning_rate), ("num_iterations", num_iterations)):
            if not (isinstance(d[key], Real) and d[key] == value):
                case.fail(f"d[{key!r}] is {d[key]!r} but should be {value!r}", f"store the {key} the model was called with")
    _passed(ex)


#: Exercise name -> its check, in the notebook's order.
EXERCISES = {
    "initialize_with_zeros": check_initialize_with_zeros,
    "propagate": check_propagate,
    "optimize": check_optimize,
    "predict": check_predict,
    "model": check_model,
}


#: Self-check questions of the logistic-regression part (keys become "week2.<key>"; see
#: :mod:`course_utils.selfcheck`).
QUESTIONS = {
    "w_shape": Question(
        "shape", (3072, 1),
        "There is one weight per input feature, and a 32 x 32 picture with 3 colour values per pixel has "
        "32 * 32 * 3 = 3072 features; the course keeps w a column, so w.T @ X is (1, n_x) times (n_x, m).",
        mistakes={
            (1, 3072): "that is w.T, a row; the course stores w as a column of shape (n_x, 1)",
            (3072,): "that is a rank-1 array, the trap of section 11; w is a column, (n_x, 1)",
            (1024, 1): "each pixel has 3 colour values, and each of them is a feature: n_x = 32 * 32 * 3",
            (32, 32, 3): "that is the shape of one picture; w has one weight per entry of the flattened "
                         "column, shape (n_x, 1)",
        }),
    "X_shape": Question(
        "shape", (3072, 4000),
        "Examples are columns: X has one row per feature (32 * 32 * 3 = 3072) and one column per "
        "picture (4000), so X.shape is (n_x, m).",
        mistakes={
            (4000, 3072): "that is one picture per row; the course puts the examples in columns, (n_x, m)",
            (4000, 32, 32, 3): "that is the stack of pictures as loaded (train_x_orig); X is the flattened "
                               "(n_x, m) matrix",
            (3072, 1): "that is one picture, or w; X holds all m = 4000 pictures side by side",
        }),
    "large_rate": Question(
        "choice", "c",
        "A step that is too long crosses the bottom of the valley and lands higher up on the other side, "
        "as with alpha = 5 in section 4, so the cost rises above its starting value log 2 and jumps up and "
        "down instead of falling. The next cell records every one of the first steps and shows it.",
        choices=("a", "b", "c", "d"),
        mistakes={
            "a": "larger steps are faster only while each step stays inside the bowl; compare the alpha = 5 "
                 "panel of section 4",
            "b": "that is what a well-chosen rate does; ten times 0.005 takes steps long enough to overshoot",
            "d": "the cost stays put only when the gradient is zero or the rate is 0; at the start (w = 0) "
                 "the gradient is not zero",
        }),
}
