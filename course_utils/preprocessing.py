"""Prepare the inputs of a classifier and score its answers: flatten, standardize, accuracy.

:func:`flatten` turns a stack of images ``(m, height, width, channels)`` into
the matrix ``X`` of shape ``(n_x, m)``, one example per column;
:func:`standardize` scales the pixel values so gradient descent behaves;
:func:`accuracy` scores 0/1 predictions ``(1, m)`` against labels ``Y``
``(1, m)``. Loading the pictures is :mod:`course_utils.data`'s job.
"""

from __future__ import annotations


import numpy as np

from ._validation import validate_choice, validate_matrix, validate_Y

__all__ = ["flatten", "standardize", "accuracy"]


# ---------------------------------------------------------------------------
# Preparing the inputs
# ---------------------------------------------------------------------------

def flatten(images: np.ndarray) -> np.ndarray:
    """Turn a stack of examples into a matrix with one example per column.

    Parameters
    ----------
    images : ndarray of shape (m, height, width, channels)
        ``m`` examples along the first axis; any shape ``(m, ...)`` with at
        least 2 dimensions works. Note that a 2-D ``(m, n_x)`` input is simply
        transposed, so do not flatten an ``X`` that is already ``(n_x, m)``.

    Returns
    -------
    X : ndarray of shape (n_x, m)
        ``X[:, i]`` is ``images[i].ravel()``, with
        ``n_x = height * width * channels``. Same dtype as ``images``, and a
        view of it (no copy) when ``images`` is contiguous, as loaded data is.

    Raises
    ------
    TypeError
        If ``images`` is not a numpy array.
    ValueError
        If ``images`` has fewer than 2 dimensions.

    Examples
    --------
    >>> images = np.zeros((5, 32, 32, 3), dtype=np.uint8)
    >>> flatten(images).shape
    (3072, 5)
    """
    if not isinstance(images, np.ndarray):
        raise TypeError(
            f"images must be a numpy array of shape (m, height, width, channels), "
            f"got {type(images).__name__}. Convert it with np.asarray(images)."
        )
    if images.ndim < 2:
        raise ValueError(
            f"images has shape {images.shape}: a rank-{images.ndim} array, but "
            f"flatten expects a stack of m examples, shape (m, height, width, "
            f"channels). For a single image add the example axis: "
            f"images[np.newaxis]; a vector that is already one flat example is "
            f"x.reshape(-1, 1)."
        )
    m = images.shape[0]
    # Spelled out rather than reshape(m, -1), which numpy refuses when m == 0.
    n_x = int(np.prod(images.shape[1:]))
    return images.reshape(m, n_x).T


_METHODS = ("255", "meanstd")


def standardize(
    X: np.ndarray, method: str = "255", reference: np.ndarray | None = None
) -> np.ndarray:
    """Scale the features of ``X`` to a range where gradient descent behaves.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Features, one example per column, e.g. ``flatten(train_x_orig)``.
        Not modified.
    method : {"255", "meanstd"}, default="255"
        ``"255"`` divides by 255, mapping pixel values to [0, 1], the usual
        choice for images. ``"meanstd"`` subtracts each feature's (row's)
        mean and divides by its standard deviation, both computed over the
        examples of ``reference``; a feature whose standard deviation is 0
        is divided by 1 instead, so it stays finite.
    reference : ndarray of shape (n_x, m_ref), optional
        Examples to take the mean and standard deviation from, used only by
        ``"meanstd"``. Defaults to ``X``. Pass the training set here when
        standardizing the test set, so both get the same transformation.

    Returns
    -------
    X_scaled : ndarray of shape (n_x, m)
        A new array; float32 if ``X`` is float32, float64 otherwise.

    Raises
    ------
    TypeError
        If ``X`` or ``reference`` is not a numeric array, or ``method`` is
        not a string.
    ValueError
        If ``X`` or ``reference`` is not 2-D (for example rank-1) or holds
        NaN or inf, ``method`` is unknown, ``reference`` has a different
        number of rows than ``X``, or has no examples.

    Examples
    --------
    >>> train_flat = np.array([[0, 255], [10, 30]], dtype=np.uint8)
    >>> standardize(train_flat)
    array([[0.        , 1.        ],
           [0.03921569, 0.11764706]])
    >>> standardize(train_flat, "meanstd")
    array([[-1.,  1.],
           [-1.,  1.]])
    >>> test_flat = np.array([[51], [20]], dtype=np.uint8)
    >>> standardize(test_flat, "meanstd", reference=train_flat)
    array([[-0.6],
           [ 0. ]])
    """
    X = validate_matrix(X, "X")
    method = validate_choice(method, "method", _METHODS)
    if X.dtype not in (np.float32, np.float64):
        X = X.astype(np.float64)  # float16 and the like: compute in float64
    if method == "255":
        return X / X.dtype.type(255)

    if reference is None:
        reference = X
    else:
        reference = validate_matrix(reference, "reference")
        if reference.shape[0] != X.shape[0]:
            raise ValueError(
                f"reference has {reference.shape[0]} rows (features) but X has "
                f"{X.shape[0]}: the statistics must come from examples with the "
                f"same n_x features. Pass the training matrix (n_x, m_train) that "
                f"X was prepared like."
            )
    if reference.shape[1] == 0:
        raise ValueError(
            f"reference has shape {reference.shape}: no examples to compute a mean "
            f"and standard deviation from. Pass at least one example (column)."
        )
    # Statistics in float64 whatever the input, then cast to X's dtype.
    mean = reference.mean(axis=1, keepdims=True, dtype=np.float64)
    std = reference.std(axis=1, keepdims=True, dtype=np.float64)
    std[std == 0] = 1.0  # a constant feature carries no signal; keep it finite
    return (X - mean.astype(X.dtype)) / std.astype(X.dtype)


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------

def accuracy(predictions: np.ndarray, Y: np.ndarray) -> float:
    """Return the fraction of examples whose predicted label equals the true one.

    Parameters
    ----------
    predictions : ndarray of shape (1, m)
        Predicted labels in {0, 1}, e.g. ``(AL > 0.5).astype(int)``.
    Y : ndarray of shape (1, m)
        True labels in {0, 1}.

    Returns
    -------
    accuracy : float
        Between 0 and 1; multiply by 100 for a percentage.

    Raises
    ------
    TypeError
        If an argument is not a numeric array.
    ValueError
        If an argument is rank-1 or not of shape (1, m), the shapes differ,
        ``m`` is 0, or a value is not 0 or 1 (with a hint when
        ``predictions`` look like probabilities that were not thresholded).

    Examples
    --------
    >>> accuracy(np.array([[1, 0, 1, 1]]), np.array([[1, 0, 0, 1]]))
    0.75
    """
    Y = validate_Y(Y)
    if isinstance(predictions, np.ndarray) and predictions.ndim == 1:
        raise ValueError(
            f"predictions has shape {predictions.shape}: a rank-1 array. Predictions "
            f"are a row of shape (1, m) like Y: use predictions.reshape(1, -1)."
        )
    predictions = validate_matrix(predictions, "predictions")
    if predictions.shape != Y.shape:
        hint = (
            "pass predictions.T" if predictions.shape == Y.shape[::-1] else
            "predict on the same examples as Y"
        )
        raise ValueError(
            f"predictions has shape {predictions.shape} but Y has shape {Y.shape}: "
            f"both must be (1, m) for the same m examples; {hint}."
        )
    if Y.shape[1] == 0:
        raise ValueError("Y has no examples (shape (1, 0)): accuracy needs at least one.")
    outside = (predictions != 0) & (predictions != 1)
    if outside.any():
        values = np.unique(predictions[outside])[:5].tolist()
        if ((predictions >= 0) & (predictions <= 1)).all():
            hint = (
                "They look like probabilities: turn them into labels first, "
                "e.g. predictions = (AL > 0.5).astype(int)."
            )
        else:
            hint = "Map them to 0/1 labels first."
        raise ValueError(
            f"predictions must hold labels in {{0, 1}}, got {values}. {hint}"
        )
    return float(np.mean(predictions == Y))
