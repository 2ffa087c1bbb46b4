"""The surviving mutants that the exercise checks are allowed to accept, each with its reason.

``scripts/check_strength.py`` mutates every exercise's reference solution one change at a
time and runs each mutant through the exercise's check; ``tests/test_check_strength.py``
requires each check to catch at least 97 % of the mutants that are not listed here.

An entry names the exercise (``week``, ``exercise``) and the mutant by its identifier as the
script prints it, ``"<mutation> | <line of the solution, stripped>"``: it stays the same
when other lines of the solution change, and stops matching when this one does. ``kind`` is

- ``"equivalent"``: the mutant computes the same answer as the reference for every input the
  exercise allows (the test also requires the script's redraws, which compare with a
  relative tolerance of 1e-9, not to show a difference);
- ``"accepted"``: the mutant's answer differs, but only in a way the checks' contract allows
  (for example a form of the answer that the contract in ``course_utils.checks`` accepts) or
  only on inputs outside the exercise's stated ones.

The test fails when an entry's mutant is no longer produced, or is now caught, so the list
stays honest: delete the entry then. A survivor that should be caught belongs in the check,
not here.
"""

from __future__ import annotations

from typing import NamedTuple


class Equivalent(NamedTuple):
    week: int
    exercise: str
    mutant: str  # "<mutation> | <line>", as scripts/check_strength.py prints it
    kind: str  # "equivalent" or "accepted"
    reason: str


_NEG_ZERO = "np.zeros negated is -0.0, which equals 0.0 in every comparison and sum; an initial value only"
_SHAPE_LAST = "the exercise's inputs are 2-D, (n, m), so shape[-1] is shape[1]"
_MAX_SYMMETRIC = "np.maximum is symmetric: np.maximum(x, 0) is np.maximum(0, x), entry by entry"
_UNKNOWN_ACTIVATION = ("only an activation other than 'sigmoid' and 'relu' reaches the deleted raise, and it "
                       "still fails ({var} is never assigned: UnboundLocalError); the check's docstring says "
                       "other activation names are not tried")
_FLOAT_COST = ("the cost computed with np.sum(...) / m is already an np.float64, a subclass of float; "
               "float() changes nothing")

EQUIVALENTS: list[Equivalent] = [
    # ---------------------------------------------------------------- week 1
    Equivalent(1, "neuron_price",
               "arguments swapped in np.maximum(0, w * size + b) | price = np.maximum(0, w * size + b)",
               "equivalent", _MAX_SYMMETRIC),
    Equivalent(1, "hidden_layer",
               "arguments swapped in np.maximum(0, Z1) | A1 = np.maximum(0, Z1)",
               "equivalent", _MAX_SYMMETRIC),
    # ---------------------------------------------------------------- week 2
    Equivalent(2, "softmax",
               "unary minus added: x_exp = -(np.exp(x)) | x_exp = np.exp(x)",
               "equivalent",
               "x_exp / x_sum: the sign cancels, because x_sum is the row sum of the same negated x_exp"),
    Equivalent(2, "image2vector",
               "1 -> -1 in argument 1 of image.reshape(image.shape[0] * image.shape[1] *... (col 72)"
               " | v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)",
               "equivalent",
               "reshape(n, -1) with n the full size lets numpy infer the last dimension, which is 1"),
    Equivalent(2, "initialize_with_zeros",
               "unary minus added: w = -(np.zeros((dim, 1))) | w = np.zeros((dim, 1))",
               "equivalent", _NEG_ZERO),
    Equivalent(2, "propagate",
               "1 -> -1 in X.shape[1] (col 16) | m = X.shape[1]",
               "equivalent", _SHAPE_LAST),
    Equivalent(2, "propagate",
               "float(x) -> x in float(cost) | return grads, float(cost)",
               "equivalent", _FLOAT_COST),
    Equivalent(2, "predict",
               ".astype(...) removed in (A > 0.5).astype(int) | Y_prediction = (A > 0.5).astype(int)",
               "accepted",
               "a boolean array of the right labels: check_predict's contract accepts integers, floats "
               "or booleans equal to 0 and 1"),
    Equivalent(2, "model",
               "arguments swapped in cu.accuracy(Y_prediction_train, Y_train)"
               ' | "train_accuracy": cu.accuracy(Y_prediction_train, Y_train),',
               "equivalent",
               "accuracy is the fraction of equal entries, symmetric in its two arguments"),
    Equivalent(2, "model",
               "arguments swapped in cu.accuracy(Y_prediction_test, Y_test)"
               ' | "test_accuracy": cu.accuracy(Y_prediction_test, Y_test),',
               "equivalent",
               "accuracy is the fraction of equal entries, symmetric in its two arguments"),
    # ---------------------------------------------------------------- week 3
    Equivalent(3, "initialize_parameters",
               "unary minus added: b1 = -(np.zeros((n_h, 1))) | b1 = np.zeros((n_h, 1))",
               "equivalent", _NEG_ZERO),
    Equivalent(3, "initialize_parameters",
               "unary minus added: b2 = -(np.zeros((n_y, 1))) | b2 = np.zeros((n_y, 1))",
               "equivalent", _NEG_ZERO),
    Equivalent(3, "compute_cost",
               "1 -> -1 in Y.shape[1] (col 16) | m = Y.shape[1]",
               "equivalent", _SHAPE_LAST),
    Equivalent(3, "compute_cost",
               "float(x) -> x in float(cost) | return float(cost)",
               "equivalent", _FLOAT_COST),
    Equivalent(3, "backward_propagation",
               "1 -> -1 in X.shape[1] (col 16) | m = X.shape[1]",
               "equivalent", _SHAPE_LAST),
    Equivalent(3, "predict",
               ".astype(...) removed in (A2 > 0.5).astype(int) | predictions = (A2 > 0.5).astype(int)",
               "accepted",
               "a boolean array of the right labels: check_predict_2layer's contract accepts integers, floats or "
               "booleans equal to 0 and 1"),
    # ---------------------------------------------------------------- week 4
    Equivalent(4, "initialize_parameters_deep",
               'unary minus added: parameters["b" + ... = -(np.zeros((layer_dims[l], 1)))'
               ' | parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))',
               "equivalent", _NEG_ZERO),
    Equivalent(4, "linear_activation_forward",
               "statement deleted: raise ValueError(f\"activation must be 'sigmoid'..."
               " | raise ValueError(f\"activation must be 'sigmoid' or 'relu', got {activation!r}\")",
               "accepted", _UNKNOWN_ACTIVATION.format(var="A")),
    Equivalent(4, "compute_cost",
               "1 -> -1 in Y.shape[1] (col 16) | m = Y.shape[1]",
               "equivalent", _SHAPE_LAST),
    Equivalent(4, "compute_cost",
               "float(x) -> x in float(cost) | return float(cost)",
               "equivalent", _FLOAT_COST),
    Equivalent(4, "linear_backward",
               "1 -> -1 in A_prev.shape[1] (col 21) | m = A_prev.shape[1]",
               "equivalent", _SHAPE_LAST),
    Equivalent(4, "linear_activation_backward",
               "statement deleted: raise ValueError(f\"activation must be 'sigmoid'..."
               " | raise ValueError(f\"activation must be 'sigmoid' or 'relu', got {activation!r}\")",
               "accepted", _UNKNOWN_ACTIVATION.format(var="dZ")),
]
