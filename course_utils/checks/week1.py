"""Checks of week 1's exercises, and its self-check questions.

Week 1 (notebooks/week1_introduction.ipynb) has two small exercises: the
one-neuron "bent line" of section 1, ``neuron_price``, and the hidden layer of
ReLU units of section 2, ``hidden_layer``. The contract every check keeps is
written once, in :mod:`course_utils.checks`.
"""

from __future__ import annotations


import numpy as np

from ..selfcheck import Question
from ._core import _Case, _kind, _maybe, _Part, _passed, _shape

__all__ = ["check_neuron_price", "check_hidden_layer"]


def _relu(z):
    return np.maximum(0, z)


# ---------------------------------------------------------------- section 1: one neuron


def _neuron_price(size, w, b):
    return np.maximum(0, w * size + b)


def _floor_variants(answer, z, formula):
    """Wrong floors: the learner's answer is z where z > 0 but another number than 0 below the bend."""
    if isinstance(answer, (bool, np.bool_)):
        return []
    got = np.asarray(answer) if isinstance(answer, (np.ndarray, float, int, np.number)) else None
    if got is None or got.shape != np.shape(z) or got.dtype.kind not in "iuf":
        return []
    below = np.asarray(z) <= 0
    if not below.any():
        return []
    floor = float(got[below].flat[0])
    if floor == 0 or not np.isfinite(floor):
        return []
    hint = (f"where {formula} is below zero the neuron outputs 0, but yours gives {floor:.6g}: "
            f"the floor of the ReLU is 0, np.maximum(0, {formula})")
    return [(hint, np.where(z > 0, z, floor)), (hint, np.maximum(floor, z))]


def _neuron_variants(size, w, b):
    z = w * np.asarray(size, dtype=np.float64) + b
    formula = "w * size + b"
    return [
        (f"that is the straight line {formula}, negative left of the bend; the neuron outputs "
         f"np.maximum(0, {formula})", z),
        ("w multiplies the size and b is added: did you swap w and b?", _relu(b * np.asarray(size) + w)),
        (f"np.minimum keeps the smaller of 0 and z; the ReLU keeps the larger, np.maximum(0, {formula})",
         np.minimum(0, z)),
        (f"np.max(z, 0) is the largest entry along axis 0, not the larger of 0 and each entry; "
         f"use np.maximum(0, {formula})", _maybe(np.max, z, axis=0) if z.ndim else None),
        ("the neuron's output is max(0, w * size + b), not max(0, w * size) (b is missing)",
         _relu(w * np.asarray(size))),
    ]


def check_neuron_price(fn):
    """Check ``neuron_price(size, w, b)``: one ReLU neuron, ``np.maximum(0, w * size + b)``.

    Called with three settings of ``(w, b)``: on a (1, 10) row of sizes, on
    plain numbers on both sides of the bend, a (2, 5) array and a rank-1 array of
    shape (4,). A number gives a number; an array gives an array of its
    shape, with 0 wherever ``w * size + b`` is below zero.

    Examples
    --------
    >>> check_neuron_price(lambda size, w, b: np.maximum(0, w * size + b))
    neuron_price: all checks passed
    """
    __tracebackhide__ = True
    ex = "neuron_price"
    cases = [
        # Sizes, weights and biases are sums of powers of 2, so that w * size + b is exactly 0 at the
        # bend and a right answer never shows as 2.2e-16 in a message.
        (np.linspace(0.125, 2.375, 10).reshape(1, 10), 2.0, -1.25),
        (1.5, 2.0, -1.25),                                  # above the bend: a number
        (0.375, 2.0, -1.25),                                # below the bend: 0
        (np.linspace(0.0, 2.25, 10).reshape(2, 5), 1.5, -0.75),
        (np.array([0.25, 0.8, 1.1, 1.9]), 0.8, -0.3),
    ]
    copy_hint = "z = w * size + b makes a new array; size *= w changes the caller's"
    for size, w, b in cases:
        number = np.ndim(size) == 0
        where = f"size={size}, w={w}, b={b}" if number else f"size of {_shape(size)}, w={w}, b={b}"
        # The probe moves the sizes to the right, where the answer changes even for a size below the bend.
        case = _Case(ex, fn, {"size": size, "w": w, "b": b}, where, probe=("size", size + 1.0),
                     reference=lambda i: _neuron_price(i["size"], i["w"], i["b"]), copy_hint=copy_hint)
        expected = _neuron_price(size, w, b)
        z = w * np.asarray(size, dtype=np.float64) + b
        variants = _neuron_variants(size, w, b) + _floor_variants(case.answer, z, "w * size + b")
        if number:
            variants = [(h, float(v)) for h, v in variants if v is not None and np.ndim(v) == 0]
            part = _Part("neuron_price(size, w, b)", case.answer, float(expected), "number", arg="size",
                         variants=variants, hint="the neuron's output is np.maximum(0, w * size + b)",
                         type_hint="for a number size, np.maximum(0, w * size + b) is already a number; "
                                   "return it as it is")
        else:
            part = _Part("neuron_price(size, w, b)", case.answer, expected, variants=variants,
                         hint="the neuron's output is np.maximum(0, w * size + b)",
                         type_hint=("return a numpy array of the shape of size: np.maximum(0, w * size + b) "
                                    "works on the whole array at once"
                                    if isinstance(case.answer, (list, tuple)) else None),
                         rank1_hint="return the shape of size; do not flatten it",
                         transpose_hint="return the shape of size; do not transpose it")
        case.verify([part])
    _passed(ex)


# ---------------------------------------------------------------- section 2: a hidden layer


def _hidden_layer(X, W1, b1):
    return np.maximum(0, np.dot(W1, X) + b1)


def _hidden_cases():
    """(X, W1, b1): (n_x, m) inputs and a layer of n1 units, with n1, n_x and m all different."""
    rng = np.random.default_rng(1)
    cases = []
    for n_x, n1, m in ((4, 5, 3), (3, 2, 6)):
        X = rng.standard_normal((n_x, m))
        W1 = rng.standard_normal((n1, n_x))
        b1 = 0.5 * rng.standard_normal((n1, 1))
        cases.append((X, W1, b1))
    return cases


def check_hidden_layer(fn):
    """Check ``hidden_layer(X, W1, b1)``: a layer of ReLU units, ``np.maximum(0, np.dot(W1, X) + b1)``.

    Called on ``X`` of shapes (4, 3) and (3, 6) with layers of 5 and 2 units
    (``W1`` of shape (n1, n_x), ``b1`` of shape (n1, 1)); the answer ``A1``
    has shape (n1, m), one column per example, and some of its entries are 0.

    Examples
    --------
    >>> check_hidden_layer(lambda X, W1, b1: np.maximum(0, np.dot(W1, X) + b1))
    hidden_layer: all checks passed
    """
    __tracebackhide__ = True
    ex = "hidden_layer"
    formula = "np.dot(W1, X) + b1"
    for X, W1, b1 in _hidden_cases():
        case = _Case(ex, fn, {"X": X, "W1": W1, "b1": b1}, f"X of {_shape(X)}, W1 of {_shape(W1)}",
                     probe=("X", X + 1.0), reference=lambda i: _hidden_layer(i["X"], i["W1"], i["b1"]),
                     copy_hint="Z1 = np.dot(W1, X) + b1 makes a new array; X += ... changes the caller's")
        Z1 = np.dot(W1, X) + b1
        answer = case.answer
        if isinstance(answer, tuple) and len(answer) == 2:
            case.fail(f"hidden_layer(X, W1, b1) should be one array A1, got {_kind(answer)} of 2 items",
                      "return only A1 = np.maximum(0, Z1), not (A1, Z1) or a cache")
        variants = [
            (f"that is Z1 = {formula} itself; the hidden units pass it through the ReLU, np.maximum(0, Z1)", Z1),
            ("did you forget to add b1?", _relu(np.dot(W1, X))),
            ("add b1 before taking the max: A1 = np.maximum(0, np.dot(W1, X) + b1)", _relu(np.dot(W1, X)) + b1),
            ("the hidden units here are ReLU units, np.maximum(0, Z1), not sigmoid ones",
             1 / (1 + np.exp(-Z1))),
            ("np.max(Z1, 0) is the largest entry of each column, not the larger of 0 and each entry; "
             "use np.maximum(0, Z1)", np.max(Z1, axis=0)),
            ("np.maximum(0, Z1) keeps the larger of 0 and each entry; np.minimum keeps the smaller",
             np.minimum(0, Z1)),
        ] + _floor_variants(answer, Z1, formula)
        part = _Part("A1", answer, _hidden_layer(X, W1, b1), variants=variants,
                     hint=f"A1 = np.maximum(0, {formula})",
                     type_hint=("return a numpy array: np.maximum(0, np.dot(W1, X) + b1) works on the whole "
                                "matrix at once" if isinstance(answer, (list, tuple)) else None),
                     transpose_hint="A1 has one row per hidden unit and one column per example: (n1, m); "
                                    "did you transpose something?")
        case.verify([part])
    _passed(ex)


#: Exercise name -> its check, in the notebook's order.
EXERCISES: dict = {
    "neuron_price": check_neuron_price,
    "hidden_layer": check_hidden_layer,
}


# ---------------------------------------------------------------- self-check questions

#: Self-check questions of the week 1 notebook: key -> Question.
QUESTIONS: dict = {
    "below_the_bend": Question(
        "number", 0.0,
        "w * size + b = 2 * 0.5 - 1.2 = -0.2 is below zero, so the ReLU outputs max(0, -0.2) = 0: the "
        "house is left of the bend, on the flat part, where the neuron predicts a price of 0.",
        mistakes={-0.2: "that is the straight line w * size + b; the neuron then takes max(0, ...)",
                  0.2: "w * size + b is 1.0 - 1.2, which is negative; the ReLU does not flip the sign, "
                       "it replaces a negative value by 0",
                  -0.7: "multiply the size by w before adding b: 2 * 0.5 - 1.2"},
    ),
    "x_and_y": Question(
        "choice", "b",
        "In supervised learning x is what we know when we ask for a prediction (the X-ray) and y is the "
        "answer we want (pneumonia or not, 1 or 0); the training set holds both for every example. The "
        "weights are what training learns, neither x nor y.",
        choices=("a", "b", "c"),
        mistakes={"a": "that is the wrong way round: x is the input the network reads, y the output it "
                       "should give",
                  "c": "the weights are learned from the (x, y) pairs; they are neither the input nor the "
                       "label"},
    ),
    "structured": Question(
        "choice", "c",
        "A table whose columns have a meaning of their own (income, debts, years employed) is structured "
        "data. Pictures, sound and text are unstructured: one pixel, one sample or one letter means little "
        "on its own.",
        choices=("a", "b", "c", "d"),
        mistakes={"a": "a photo is a grid of pixels, and no single pixel means much on its own: unstructured",
                  "b": "a sound wave is a long list of samples, none of them meaningful alone: unstructured",
                  "d": "text is a sequence of words or letters, not a table of features: unstructured"},
    ),
    "gap_with_more_data": Question(
        "choice", "b",
        "With a few hundred pictures a network can get nearly all of its training pictures right by "
        "memorising them, while it does much worse on new ones. With more pictures memorising is harder "
        "and what it learns carries over better, so the two accuracies come closer. Section 5's training "
        "cell asserts, with the shipped data, that the gap at least halves for every model.",
        choices=("a", "b", "c"),
        mistakes={"a": "more data makes memorising harder, not easier: the training accuracy tends to "
                       "fall and the test accuracy to rise",
                  "c": "the gap does depend on m: think of what a network with thousands of weights can do "
                       "with only a few hundred pictures"},
    ),
}
