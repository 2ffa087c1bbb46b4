"""Checks of week 2's numpy basics (sections 2 to 13 of the notebook).

The contract every check keeps is written once, in :mod:`course_utils.checks`.
The self-check questions of these sections are in :data:`QUESTIONS`, at the end.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..activations import sigmoid
from ..selfcheck import Question
from ._core import (
    _Case,
    _kind,
    _maybe,
    _Part,
    _passed,
    _shape,
)

__all__ = ["check_basic_sigmoid", "check_sigmoid", "check_sigmoid_derivative", "check_L1", "check_L2", "check_normalize_rows", "check_softmax", "check_image2vector"]


def _basic_sigmoid(x):
    return 1 / (1 + math.exp(-x))


def check_basic_sigmoid(fn):
    """Check ``basic_sigmoid(x)``: the sigmoid of one number, ``1 / (1 + math.exp(-x))``.

    Called on the numbers 1.2, -2.5, 0.0 and 4.0. The answer must be one number,
    a Python or numpy float: not an array (not even a 0-d one), not a list.

    Examples
    --------
    >>> import math
    >>> check_basic_sigmoid(lambda x: 1 / (1 + math.exp(-x)))
    basic_sigmoid: all checks passed
    """
    __tracebackhide__ = True
    ex = "basic_sigmoid"
    formula = "basic_sigmoid(x) is 1 / (1 + math.exp(-x))"
    type_hint = ("x is one number, so return one number: 1 / (1 + math.exp(-x)) is a float; "
                 "do not put it in a list or an array")
    for x in (1.2, -2.5, 0.0, 4.0):
        case = _Case(ex, fn, {"x": x}, f"x={x}", probe=("x", x + 0.5), reference=lambda i: _basic_sigmoid(i["x"]))
        if isinstance(case.answer, np.ndarray):
            case.fail(f"basic_sigmoid(x) should be a number (x was a number), got {_kind(case.answer)}", type_hint)
        variants = [
            (f"{formula}; you returned math.exp(-x), without the 1 / (1 + ...)", math.exp(-x)),
            (f"{formula}; take 1 divided by (1 + math.exp(-x))", 1 + math.exp(-x)),
            (f"{formula}; check the sign of x", _basic_sigmoid(-x)),
            (f"{formula}; check the sign: 1 + math.exp(-x)", 1 / (1 - math.exp(-x)) if x != 0 else None),
        ]
        part = _Part("basic_sigmoid(x)", case.answer, _basic_sigmoid(x), "number", arg="x", variants=variants,
                     type_hint=type_hint, hint=formula)
        case.verify([part])
    _passed(ex)


def check_sigmoid(fn):
    """Check ``sigmoid(z)``: the logistic function, element by element.

    Called on a (1, 3) row, a (2, 4) array and a plain number; compared with
    :func:`course_utils.sigmoid`.

    Examples
    --------
    >>> check_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    sigmoid: all checks passed
    """
    __tracebackhide__ = True
    ex = "sigmoid"
    for z in (np.linspace(-3.0, 2.0, 3).reshape(1, 3), np.linspace(-4.0, 4.0, 8).reshape(2, 4), 0.7):
        case = _Case(ex, fn, {"z": z}, f"z={z}" if np.ndim(z) == 0 else f"z of {_shape(z)}",
                     probe=("z", z + 0.5), reference=lambda i: sigmoid(i["z"]),
                     copy_hint="compute a new array, e.g. s = 1 / (1 + np.exp(-z))")
        variants = [("sigmoid is 1 / (1 + np.exp(-z)); check the sign of z", 1 / (1 + np.exp(z))),
                    ("sigmoid is 1 / (1 + np.exp(-z)), not np.exp(-z)", np.exp(-np.asarray(z)))]
        if np.ndim(z) == 0:
            part = _Part("sigmoid(z)", case.answer, float(sigmoid(z)), "number", variants=variants)
        else:
            part = _Part("sigmoid(z)", case.answer, sigmoid(z), variants=variants,
                         rank1_hint="return the shape of z; do not flatten it",
                         transpose_hint="return the shape of z; do not transpose it")
        case.verify([part])
    _passed(ex)


def _sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def check_sigmoid_derivative(fn):
    """Check ``sigmoid_derivative(x)``: the slope of the sigmoid, ``s * (1 - s)`` with ``s = sigmoid(x)``.

    Called on a rank-1 array of shape (3,), arrays of shapes (2, 4) and (3, 2),
    and a plain number; the answer has the shape of ``x`` (a number for a
    number).

    Examples
    --------
    >>> def sigmoid_derivative(x):
    ...     s = 1 / (1 + np.exp(-x))
    ...     return s * (1 - s)
    >>> check_sigmoid_derivative(sigmoid_derivative)
    sigmoid_derivative: all checks passed
    """
    __tracebackhide__ = True
    ex = "sigmoid_derivative"
    inputs = (np.linspace(-2.0, 3.0, 3), np.linspace(-3.0, 2.5, 8).reshape(2, 4),
              np.linspace(-1.5, 1.0, 6).reshape(3, 2), -0.8)
    for x in inputs:
        number = np.ndim(x) == 0
        case = _Case(ex, fn, {"x": x}, f"x={x}" if number else f"x of {_shape(x)}", probe=("x", x + 0.5),
                     reference=lambda i: _sigmoid_derivative(i["x"]),
                     copy_hint="s = 1 / (1 + np.exp(-x)) makes a new array; x *= ... changes the caller's")
        s, e = sigmoid(x), np.exp(-np.asarray(x, dtype=np.float64))
        variants = [
            ("that is s = sigmoid(x) itself; the derivative is s * (1 - s)", s),
            ("the derivative is s * (1 - s); check the sign", s * (1 + s)),
            ("x * (1 - x) uses x where s belongs: first s = 1 / (1 + np.exp(-x)), then s * (1 - s)",
             x * (1 - np.asarray(x))),
            ("multiply by s too: the derivative is s * (1 - s)", 1 - s),
            ("s is sigmoid(x) = 1 / (1 + np.exp(-x)), not np.exp(-x)", e * (1 - e)),
        ]
        expected = _sigmoid_derivative(x)
        if number:
            part = _Part("sigmoid_derivative(x)", case.answer, float(expected), "number", arg="x",
                         variants=[(h, float(v)) for h, v in variants], hint="s = sigmoid(x), then s * (1 - s)",
                         type_hint="for a number x, s * (1 - s) with s = 1 / (1 + np.exp(-x)) is already a "
                                   "number; return it as it is")
        else:
            part = _Part("sigmoid_derivative(x)", case.answer, expected, variants=variants,
                         rank1_hint="return the shape of x; do not flatten it",
                         transpose_hint="return the shape of x; do not transpose it",
                         hint="s = sigmoid(x), then s * (1 - s)")
        case.verify([part])
    _passed(ex)


def _loss_cases(seed):
    """(yhat, y): rank-1 arrays of 5 and 8 entries, then a (1, 6) row; y holds both labels."""
    rng = np.random.default_rng(seed)
    cases = []
    for shape in ((5,), (8,), (1, 6)):
        yhat = rng.uniform(0.05, 0.95, size=shape)
        y = (rng.random(shape) < 0.5).astype(np.int64)
        y.flat[:2] = (1, 0)
        cases.append((yhat, y))
    return cases


def _l1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def _l2(yhat, y):
    return float(np.sum((y - yhat) ** 2))


def check_L1(fn):
    """Check ``L1(yhat, y)``: the L1 loss, ``np.sum(np.abs(y - yhat))``, as one number.

    Called on rank-1 arrays of 5 and 8 entries (as the course passes them) and
    on (1, 6) rows. The loss must be a number: a Python or numpy float, or a
    0-d array; not an array with axes.

    Examples
    --------
    >>> check_L1(lambda yhat, y: np.sum(np.abs(y - yhat)))
    L1: all checks passed
    """
    __tracebackhide__ = True
    ex = "L1"
    formula = "L1 = np.sum(np.abs(y - yhat))"
    for yhat, y in _loss_cases(seed=53):
        case = _Case(ex, fn, {"yhat": yhat, "y": y}, f"yhat of {_shape(yhat)}", probe=("yhat", yhat + 0.5),
                     reference=lambda i: _l1(*i.values()))
        d = y - yhat
        # abs(np.sum(d)) is one of the first two, so the hint covers it too.
        absolute = f"take the absolute value of each difference, before adding them: {formula}"
        variants = [
            (absolute, np.sum(d)),
            (absolute, np.sum(-d)),
            (f"add the absolute differences with np.sum, do not average them with np.mean: {formula}",
             np.mean(np.abs(d))),
            (f"L1 adds absolute values; squares belong to L2: {formula}", np.sum(d ** 2)),
        ]
        part = _Part("L1", case.answer, _l1(yhat, y), "float", variants=variants, hint=formula,
                     type_hint=f"np.sum with no axis adds every entry into one number: {formula}",
                     many_hint=f"that is an array of differences, one per example; add their absolute values "
                               f"into one number: {formula}")
        case.verify([part])
    _passed(ex)


def check_L2(fn):
    """Check ``L2(yhat, y)``: the L2 loss, ``np.sum((y - yhat) ** 2)``, as one number.

    Called on rank-1 arrays of 5 and 8 entries (as the course passes them) and
    on (1, 6) rows, where ``np.dot(d, d)`` fails and ``np.dot(d, d.T)`` is a
    (1, 1) array: the answer must be a number (a Python or numpy float, or a
    0-d array), and ``np.sum((y - yhat) ** 2)`` gives one for both.

    Examples
    --------
    >>> check_L2(lambda yhat, y: np.sum((y - yhat) ** 2))
    L2: all checks passed
    """
    __tracebackhide__ = True
    ex = "L2"
    formula = "L2 = np.sum((y - yhat) ** 2)"
    for yhat, y in _loss_cases(seed=54):
        case = _Case(ex, fn, {"yhat": yhat, "y": y}, f"yhat of {_shape(yhat)}", probe=("yhat", yhat + 0.5),
                     reference=lambda i: _l2(*i.values()))
        d = y - yhat
        variants = [
            (f"that is the Euclidean norm, with a square root; the L2 loss is the sum of squares itself, "
             f"no np.sqrt: {formula}", np.sqrt(np.sum(d ** 2))),
            (f"add the squared differences with np.sum, do not average them with np.mean: {formula}",
             np.mean(d ** 2)),
            (f"square each difference: {formula}", np.sum(d)),
            (f"square each difference: {formula}", np.sum(-d)),
            (f"square each difference (absolute values give L1): {formula}", np.sum(np.abs(d))),
            (f"square each difference before adding them, not the sum: {formula}", np.sum(d) ** 2),
        ]
        part = _Part("L2", case.answer, _l2(yhat, y), "float", variants=variants, hint=formula,
                     type_hint=f"a one-entry array, such as the (1, 1) one np.dot(d, d.T) gives for a (1, m) row, "
                               f"is not a number; {formula} gives one number for rank-1 arrays and (1, m) rows "
                               f"alike",
                     many_hint=f"the loss is one number, the sum of the squared differences; {formula} gives one "
                               f"for rank-1 arrays and (1, m) rows alike")
        case.verify([part])
    _passed(ex)


def _normalized_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def check_normalize_rows(fn):
    """Check ``normalize_rows(x)``: each row of ``x`` divided by its Euclidean norm.

    Called on ``x`` of shapes (2, 3), (3, 3) and (4, 2), whose rows are not
    zero; compared with ``x / np.linalg.norm(x, axis=1, keepdims=True)``.
    ``x`` must not change: return a new array.

    Examples
    --------
    >>> check_normalize_rows(lambda x: x / np.linalg.norm(x, axis=1, keepdims=True))
    normalize_rows: all checks passed
    """
    __tracebackhide__ = True
    ex = "normalize_rows"
    rng = np.random.default_rng(55)
    formula = "x_norm = np.linalg.norm(x, axis=1, keepdims=True), then x / x_norm"
    for shape in ((2, 3), (3, 3), (4, 2)):
        x = rng.uniform(0.5, 4.0, size=shape) * np.where(rng.random(shape) < 0.3, -1.0, 1.0)
        case = _Case(ex, fn, {"x": x}, f"x of {_shape(x)}", probe=("x", x + 0.5),
                     reference=lambda i: _normalized_rows(i["x"]),
                     copy_hint="x = x / x_norm makes a new array; x /= x_norm changes the caller's")
        row_norms = np.linalg.norm(x, axis=1)
        variants = [
            ("that divides each column by its norm (axis=0); divide each row by its norm: "
             "np.linalg.norm(x, axis=1, keepdims=True)", x / np.linalg.norm(x, axis=0, keepdims=True)),
            ("without keepdims=True the row norms have shape (n,), and numpy divides the columns by them; "
             "keep them a column: np.linalg.norm(x, axis=1, keepdims=True)", _maybe(lambda: x / row_norms)),
            ("divide by the norm, the square root of the sum of squares, not by the sum of squares itself",
             x / np.sum(x ** 2, axis=1, keepdims=True)),
            ("divide by the Euclidean norm, np.linalg.norm(x, axis=1, keepdims=True), not by the row's sum",
             _maybe(lambda: x / np.sum(x, axis=1, keepdims=True))),
            ("divide by the Euclidean norm, np.linalg.norm(x, axis=1, keepdims=True), not by the row's sum",
             x / np.sum(np.abs(x), axis=1, keepdims=True)),
            ("np.linalg.norm(x) with no axis is the norm of the whole matrix; axis=1, keepdims=True gives "
             "each row's", x / np.linalg.norm(x)),
            (f"divide by the norms, do not multiply: {formula}", x * row_norms[:, None]),
        ]
        part = _Part("normalize_rows(x)", case.answer, _normalized_rows(x), variants=variants, hint=formula,
                     transpose_hint="return the shape of x; do not transpose it")
        case.verify([part])
    _passed(ex)


def _softmax_rows(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def check_softmax(fn):
    """Check ``softmax(x)``: each row of ``x`` becomes ``np.exp(row) / np.sum(np.exp(row))``.

    Called on ``x`` of shapes (2, 5), (3, 3) and (4, 2) (so each row of the
    answer sums to 1); compared with a softmax over axis 1. Subtracting each
    row's maximum first, for numerical stability, gives the same answer and
    passes too.

    Examples
    --------
    >>> check_softmax(lambda x: np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True))
    softmax: all checks passed
    """
    __tracebackhide__ = True
    ex = "softmax"
    rng = np.random.default_rng(56)
    formula = "x_exp = np.exp(x), then x_exp / np.sum(x_exp, axis=1, keepdims=True)"
    for shape in ((2, 5), (3, 3), (4, 2)):
        x = rng.uniform(-2.0, 3.0, size=shape)
        # Adding a number to every entry would not change a softmax, and scaling x would not change
        # x / np.sum(x, ...): the probe does both, so that neither right nor wrong answers stay the same.
        case = _Case(ex, fn, {"x": x}, f"x of {_shape(x)}", probe=("x", 2 * x + 0.5),
                     reference=lambda i: _softmax_rows(i["x"]),
                     copy_hint="x_exp = np.exp(x) makes a new array; x -= ... changes the caller's")
        e = np.exp(x)
        variants = [
            ("each row should sum to 1: sum each row, np.sum(x_exp, axis=1, keepdims=True); axis=0 sums the columns",
             e / np.sum(e, axis=0, keepdims=True)),
            ("divide by each row's sum, np.sum(x_exp, axis=1, keepdims=True), not by the sum of the whole matrix",
             e / np.sum(e)),
            ("without keepdims=True the row sums have shape (m,), and numpy divides the columns by them; "
             "keep them a column: np.sum(x_exp, axis=1, keepdims=True)", _maybe(lambda: e / np.sum(e, axis=1))),
            (f"exponentiate first: {formula}", _maybe(lambda: x / np.sum(x, axis=1, keepdims=True))),
            (f"divide x_exp by its row sums, so that each row sums to 1: {formula}", e),
        ]
        part = _Part("softmax(x)", case.answer, _softmax_rows(x), variants=variants, hint=formula,
                     transpose_hint="return the shape of x; do not transpose it")
        case.verify([part])
    _passed(ex)


def check_image2vector(fn):
    """Check ``image2vector(image)``: an image of shape (length, height, depth) as one column.

    Called on images of shapes (2, 3, 4), (4, 2, 3) and (3, 3, 2); the answer
    must be ``image.reshape(length * height * depth, 1)``: shape
    (length * height * depth, 1), entries in numpy's default (C) order.

    Examples
    --------
    >>> check_image2vector(lambda image: image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1))
    image2vector: all checks passed
    """
    __tracebackhide__ = True
    ex = "image2vector"
    rng = np.random.default_rng(57)
    formula = "v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)"
    for shape in ((2, 3, 4), (4, 2, 3), (3, 3, 2)):
        image = rng.uniform(0.0, 1.0, size=shape)
        n = image.size
        case = _Case(ex, fn, {"image": image}, f"image of {_shape(image)}", probe=("image", image + 0.5),
                     reference=lambda i: i["image"].reshape(-1, 1),
                     copy_hint="image.reshape(...) returns a new array; image.shape = ... changes the caller's")
        answer = case.answer
        shape_hints = {}
        if isinstance(answer, np.ndarray) and answer.size != n:
            shape_hints[answer.shape] = (f"the column holds every entry of the image, length * height * depth = "
                                         f"{n} of them, but yours has {answer.size}: {formula}")
        order = (f"the entries are in another order; reshape in numpy's default order, with no order='F' and "
                 f"no transpose: {formula}")
        variants = [(order, image.transpose(axes).reshape(-1, 1))
                    for axes in itertools.permutations(range(3)) if axes != (0, 1, 2)]
        variants.append((order, image.reshape(-1, 1, order="F")))
        part = _Part("image2vector(image)", answer, image.reshape(-1, 1), variants=variants, hint=formula,
                     shape_hints=shape_hints,
                     rank1_hint=f"that is a rank-1 array; the exercise asks for a column of shape ({n}, 1): "
                                f"{formula}",
                     transpose_hint=f"that is a row; the exercise asks for a column of shape ({n}, 1): {formula}")
        case.verify([part])
    _passed(ex)


#: Exercise name -> its check, in the notebook's order.
EXERCISES = {
    "basic_sigmoid": check_basic_sigmoid,
    "sigmoid": check_sigmoid,
    "sigmoid_derivative": check_sigmoid_derivative,
    "L1": check_L1,
    "L2": check_L2,
    "normalize_rows": check_normalize_rows,
    "softmax": check_softmax,
    "image2vector": check_image2vector,
}


#: Self-check questions of the numpy basics (keys become "week2.<key>"; see :mod:`course_utils.selfcheck`).
QUESTIONS = {
    "broadcast_shape": Question(
        "shape", (3, 4),
        "Shapes are lined up from the right, and every axis of length 1 is stretched to the other array's "
        "length: the (3, 1) column is repeated across 4 columns and the (1, 4) row down 3 rows, so the "
        "result is (3, 4).",
        mistakes={
            (3, 1): "that is the first shape unchanged; the (1, 4) row has 4 columns, and broadcasting "
                    "stretches the column across all of them",
            (1, 4): "that is the second shape unchanged; the (3, 1) column has 3 rows, and broadcasting "
                    "stretches the row down all of them",
            (1, 1): "broadcasting never shrinks an axis: a length-1 axis is stretched to the other length",
            (4, 3): "the axes stay in their order: rows first (3 of them), then columns (4)",
        }),
    "rank1_trap": Question(
        "shape", (5, 5),
        "A rank-1 y of shape (5,) is lined up with the last axis: it acts as a (1, 5) row. A (5, 1) "
        "column minus a (1, 5) row broadcasts to (5, 5), 25 differences instead of 5, and numpy raises "
        "no error. y.reshape(5, 1) (or keeping labels as (1, m) rows, with A a row too) avoids it.",
        mistakes={
            (5, 1): "that is what was meant, but a rank-1 array counts as a row, (1, 5), when it meets a "
                    "2-D array; what does a column minus a row give?",
            (5,): "a rank-1 array meeting a 2-D one is treated as a row, (1, 5), and the result is 2-D",
            (1, 5): "the column (5, 1) is stretched too: both arrays have a length-1 axis",
        }),
}


#: Exercise name -> the reference its check compares with, for a notebook's "expected" line.
REFERENCES = {
    "basic_sigmoid": _basic_sigmoid,
    "sigmoid": sigmoid,
    "sigmoid_derivative": _sigmoid_derivative,
    "L1": _l1,
    "L2": _l2,
    "normalize_rows": _normalized_rows,
    "softmax": _softmax_rows,
}
