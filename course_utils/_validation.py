"""Argument validators shared by every public entry point.

Each public function calls one of these ``validate_*`` functions at its door
and then works on arrays it can trust; the inner loops never validate again.
(They are not *checks*: in this project a check judges a learner's exercise,
see :mod:`course_utils.checks`.) A failed validation raises
``TypeError`` (the wrong kind of object) or ``ValueError`` (the wrong shape or
content) with a message that names the argument, says what was expected and
what came, and how to fix it, in the spirit of scikit-learn's ``check_array``.
"""

from __future__ import annotations

from numbers import Real
from typing import Any, Mapping

import re

import numpy as np

__all__ = [
    "validate_matrix",
    "validate_X",
    "validate_Y",
    "validate_X_Y",
    "validate_has_examples",
    "validate_probabilities",
    "validate_choice",
    "validate_layer_dims",
    "validate_parameters",
    "validate_positive",
    "validate_positive_int",
    "validate_non_negative",
    "as_generator",
]


_LAYER_KEY = re.compile(r"[Wb][0-9]+")


def _describe(obj: Any) -> str:
    return type(obj).__name__


def validate_matrix(A: Any, name: str, *, finite: bool = True) -> np.ndarray:
    """Return ``A`` as a 2-D numeric array, or raise a helpful error.

    Integer and boolean arrays are converted to float64; float32 and float64
    are kept as they are, so a float32 training run stays float32. Every
    other float (float16, longdouble) is converted to float64 too: half
    precision is too coarse for gradient descent and several times slower
    than float64 on CPUs.
    """
    if not isinstance(A, np.ndarray):
        if isinstance(A, (list, tuple)):
            A = np.asarray(A)
        else:
            raise TypeError(
                f"{name} must be a numpy array, got {_describe(A)}. "
                f"Convert it with np.asarray({name})."
            )
    if A.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold numbers, got dtype {A.dtype}. "
            f"Convert it with {name}.astype(np.float64)."
        )
    if A.ndim == 1:
        raise ValueError(
            f"{name} has shape {A.shape}: a rank-1 array. Examples are columns: "
            f"use {name}.reshape(-1, 1) for one example, or {name}.reshape(1, -1) "
            f"for a row of {A.shape[0]} values."
        )
    if A.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with examples as columns, got {A.ndim}-D shape {A.shape}. "
            f"For images of shape (m, height, width, channels) use flatten({name})."
        )
    if A.dtype != np.float32 and A.dtype != np.float64:
        A = A.astype(np.float64)
    if finite and not np.isfinite(A).all():
        bad = ~np.isfinite(A)
        row, col = np.argwhere(bad)[0]
        what = "NaN" if np.isnan(A).any() else "inf"
        raise ValueError(
            f"{name} contains {what} ({int(bad.sum())} non-finite entries, the first at "
            f"[{row}, {col}]). Remove or impute those values before training."
        )
    return A


def validate_X(X: Any, n_x: int | None = None, name: str = "X") -> np.ndarray:
    """Check an input matrix of shape ``(n_x, m)``; ``n_x`` is checked when given."""
    X = validate_matrix(X, name)
    if n_x is not None and X.shape[0] != n_x:
        if X.shape[1] == n_x:
            raise ValueError(
                f"{name} has shape {X.shape}, which looks like (m, n_x): the network "
                f"expects n_x={n_x} rows. Examples are columns: pass {name}.T."
            )
        raise ValueError(
            f"{name} has {X.shape[0]} rows (features) but the parameters expect "
            f"n_x={n_x}. Check that {name} is (n_x, m) and matches the first layer."
        )
    return X


def validate_Y(Y: Any, m: int | None = None, name: str = "Y") -> np.ndarray:
    """Check labels of shape ``(1, m)`` with values in {0, 1}."""
    if isinstance(Y, (list, tuple)):
        Y = np.asarray(Y)
    if isinstance(Y, np.ndarray) and Y.ndim == 1:
        raise ValueError(
            f"{name} has shape {Y.shape}: a rank-1 array. Labels are a row of shape "
            f"(1, m): use {name}.reshape(1, -1)."
        )
    Y = validate_matrix(Y, name)
    if Y.shape[0] != 1:
        hint = (
            f"use {name}.T" if Y.shape[1] == 1 else
            "binary labels are one row, one column per example"
        )
        raise ValueError(f"{name} must have shape (1, m), got {Y.shape}: {hint}.")
    if m is not None and Y.shape[1] != m:
        raise ValueError(
            f"{name} has {Y.shape[1]} examples (columns) but {m} were expected. "
            f"Pass labels for the same examples as X."
        )
    outside = (Y != 0) & (Y != 1)
    if outside.any():
        values = np.unique(Y[outside])
        # Whole numbers print as ints (2, -1), but not huge ones such as 1e300,
        # whose int() has hundreds of digits.
        shown = [int(v) if v == int(v) and abs(v) < 1e15 else float(v) for v in values[:5]]
        raise ValueError(
            f"{name} must hold labels in {{0, 1}}, got {shown}"
            f"{' and more' if len(values) > 5 else ''}. For classes "
            f"such as {{-1, 1}} or {{1, 2}}, map them first, e.g. ({name} == 1).astype(int)."
        )
    return Y


def validate_X_Y(X: Any, Y: Any, n_x: int | None = None,
              names: tuple[str, str] = ("X", "Y")) -> tuple[np.ndarray, np.ndarray]:
    """Check ``X`` (n_x, m) and ``Y`` (1, m) together, catching a transposed ``X``.

    ``Y`` is returned in ``X``'s floating dtype, so float32 training stays float32.
    ``names`` are what the messages call the two arrays (``("X_test", "Y_test")``).
    """
    x_name, y_name = names
    X = validate_X(X, n_x, name=x_name)
    Y = validate_Y(Y, name=y_name)
    m = Y.shape[1]
    if X.shape[1] != m:
        if X.shape[0] == m and n_x is None:
            raise ValueError(
                f"{x_name} has shape {X.shape} and {y_name} has {m} examples: {x_name} looks like "
                f"(m, n_x). Examples are columns: pass {x_name}.T."
            )
        raise ValueError(
            f"{x_name} has {X.shape[1]} examples (columns) but {y_name} has {m}. "
            f"{x_name} must be (n_x, m) and {y_name} (1, m) for the same m examples."
        )
    validate_has_examples(X, x_name)
    return X, Y.astype(X.dtype, copy=False)


def validate_has_examples(A: np.ndarray, name: str) -> np.ndarray:
    """Refuse a checked 2-D array with no columns (m = 0): costs and gradients average over m."""
    if A.shape[1] == 0:
        raise ValueError(
            f"no examples: {name} has shape {A.shape}, with m = 0 columns, but the cost and "
            f"gradients are averages over the m examples. Pass at least one example (one column)."
        )
    return A


def validate_probabilities(AL: np.ndarray, name: str = "AL") -> np.ndarray:
    """Check that a checked array holds probabilities in [0, 1] (a sigmoid output)."""
    if (AL < 0).any() or (AL > 1).any():
        raise ValueError(
            f"{name} must hold probabilities in [0, 1], got values from {AL.min():.4g} to {AL.max():.4g}. "
            f"Pass the sigmoid output {name}, not the pre-activation ZL."
        )
    return AL


def validate_choice(value: Any, name: str, choices: Mapping[str, Any] | tuple[str, ...]) -> str:
    """Check that ``value`` is one of the allowed names."""
    options = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {options}; got {_describe(value)}.")
    if value not in choices:
        raise ValueError(f"Unknown {name} {value!r}: expected one of {options}.")
    return value


def validate_positive(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {_describe(value)}.")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}.")
    return float(value)


def validate_non_negative(value: Any, name: str, meaning: str = "") -> float:
    """Check a finite number >= 0 (a noise level, a margin); ``meaning`` explains it."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number{meaning}, got {_describe(value)} {value!r}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative finite number{meaning}, got {value!r}.")
    return float(value)


def as_generator(seed: Any) -> np.random.Generator:
    """Turn ``seed`` (a non-negative int, or a Generator used as it is) into a Generator.

    Library code never touches numpy's global random state: randomness always
    comes in through this door.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"seed must be an int or a np.random.Generator, got {_describe(seed)} "
            f"{seed!r}. Pass a fixed number such as seed=1 so results can be "
            f"reproduced, or a generator made with np.random.default_rng(...)."
        )
    if seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed}. Use e.g. seed=1.")
    return np.random.default_rng(int(seed))


def validate_positive_int(value: Any, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {_describe(value)} {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def validate_layer_dims(layer_dims: Any) -> list[int]:
    """Check ``[n_x, n_1, ..., n_L]``: at least an input and an output size."""
    if isinstance(layer_dims, np.ndarray):
        layer_dims = layer_dims.tolist()
    if not isinstance(layer_dims, (list, tuple)):
        raise TypeError(
            f"layer_dims must be a list of layer sizes such as [12288, 20, 7, 1], "
            f"got {_describe(layer_dims)}."
        )
    if len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims must have at least 2 entries, the input size n_x and the output "
            f"size, got {list(layer_dims)}. For logistic regression use [n_x, 1]."
        )
    for i, n in enumerate(layer_dims):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(
                f"layer_dims[{i}] must be a positive whole number of units, got {n!r}."
            )
    return [int(n) for n in layer_dims]


def validate_parameters(parameters: Any, *, binary_output: bool = False) -> int:
    """Check a ``{"W1", "b1", ..., "WL", "bL"}`` dictionary and return ``L``.

    ``W[l]`` must be ``(n[l], n[l-1])`` and ``b[l]`` must be ``(n[l], 1)``, with
    consecutive layers agreeing on their sizes and the layers numbered 1..L
    with no gap. The arrays must be numpy arrays, not lists. With
    ``binary_output``, the output layer ``WL`` must also have 1 unit, as the
    forward pass of this binary classifier needs.
    """
    if not isinstance(parameters, Mapping):
        raise TypeError(
            f"parameters must be a dict such as {{'W1': ..., 'b1': ...}}, got {_describe(parameters)}."
        )
    L = 0
    while f"W{L + 1}" in parameters:
        L += 1
    if L == 0:
        raise ValueError(
            f"parameters has no 'W1'; got keys {sorted(parameters, key=str)}. "
            f"Create them with initialize_parameters_deep(layer_dims)."
        )
    # A "W3" or "b2" past the first missing layer would silently make a
    # shorter network: refuse it. One regular-expression test per key.
    extra = [key for key in parameters
             if isinstance(key, str) and _LAYER_KEY.fullmatch(key)
             and not 1 <= int(key[1:]) <= L]
    if extra:
        why = (f"but no 'W{L + 1}'" if all(int(key[1:]) > L for key in extra)
               else "but layers are numbered from 1")
        raise ValueError(
            f"parameters has {sorted(extra)} {why}: the layers must be numbered "
            f"W1, b1, ..., WL, bL without a gap, got keys {sorted(parameters, key=str)}. "
            f"Add the missing layer or remove {sorted(extra)}."
        )
    n_prev = None
    for l in range(1, L + 1):
        if f"b{l}" not in parameters:
            raise ValueError(f"parameters has 'W{l}' but no 'b{l}'.")
        for key in (f"W{l}", f"b{l}"):
            if not isinstance(parameters[key], np.ndarray):
                raise TypeError(
                    f"parameters[{key!r}] must be a numpy array, got {_describe(parameters[key])}. "
                    f"Convert every parameter first, e.g. "
                    f"{{k: np.asarray(v, dtype=float) for k, v in parameters.items()}}."
                )
        W = validate_matrix(parameters[f"W{l}"], f"W{l}")
        b = parameters[f"b{l}"]
        if isinstance(b, np.ndarray) and b.ndim == 1:
            raise ValueError(
                f"b{l} has shape {b.shape}: a rank-1 array. Biases are columns of shape "
                f"(n[{l}], 1): use b{l}.reshape(-1, 1)."
            )
        b = validate_matrix(b, f"b{l}")
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{l} must have shape (n[{l}], 1) = ({W.shape[0]}, 1) to match W{l} "
                f"{W.shape}, got {b.shape}."
            )
        if n_prev is not None and W.shape[1] != n_prev:
            raise ValueError(
                f"W{l} has shape {W.shape} but layer {l - 1} has {n_prev} units: W{l} must be "
                f"(n[{l}], n[{l - 1}]) = ({W.shape[0]}, {n_prev})."
            )
        n_prev = W.shape[0]
    if binary_output and n_prev != 1:
        raise ValueError(
            f"The output layer must have 1 unit for binary classification, got W{L} of shape "
            f"{parameters[f'W{L}'].shape} ({n_prev} units). W{L} must be (1, n[{L - 1}]): "
            f"end layer_dims with 1."
        )
    return L
