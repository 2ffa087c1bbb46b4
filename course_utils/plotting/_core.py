"""Figures for the course notebooks, each drawn on one matplotlib ``Axes``.

- Week 2 (logistic regression on cat pictures) and week 4 (deep networks on
  the same pictures): :func:`plot_images` shows a grid of pictures with their
  labels and predictions, :func:`plot_mislabeled` shows only the ones a model
  gets wrong, and :func:`plot_costs` draws learning curves, one run or several
  (say, one per learning rate) on the same axes.
- Week 3 (one hidden layer on planar data): :func:`plot_activation` draws an
  activation function with its derivative, and
  :func:`plot_decision_boundary` shades the regions a classifier assigns to
  each class under the data points.

Every function takes an optional ``ax``, draws on it and returns it, so
figures compose: ``fig, axes = plt.subplots(1, 3)`` and pass ``ax=axes[i]``.
With ``ax=None`` a new figure is made with ``plt.subplots()``. Nothing here
touches matplotlib's global state (no ``rcParams``, no styles) or calls
``plt.show()``: the notebook decides how figures look and when they appear.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from .._validation import validate_choice, validate_layer_dims, validate_non_negative, validate_positive_int, validate_X_Y

__all__ = [
    "plot_activation",
    "plot_costs",
    "plot_decision_boundary",
    "plot_images",
    "plot_mislabeled",
    "plot_network",
]

# Two-colour map shared by the decision regions and the points: class 0 is
# blue, class 1 red.
_CLASS_CMAP = "coolwarm"


# --------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------

def _get_ax(ax: Any) -> Axes:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is None:
        _, ax = plt.subplots()
        return ax
    if not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes, such as the one from fig, ax = plt.subplots(), "
            f"got {type(ax).__name__}. Leave ax=None to draw on a new figure."
        )
    return ax


def _as_series(values: Any, name: str) -> np.ndarray:
    """Return ``values`` as a non-empty 1-D float array (NaN and inf allowed)."""
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be a sequence of numbers, got {type(values).__name__} "
            f"with dtype {arr.dtype}."
        )
    # A list of (1, 1) costs, or a (1, n) row, is still one series.
    if arr.ndim > 1 and arr.size == max(arr.shape):
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D sequence of numbers, got shape {arr.shape}. "
            f"Pass one value per recorded iteration."
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty: there is nothing to plot.")
    return arr.astype(np.float64)


def _as_labels(values: Any, name: str, m: int | None) -> np.ndarray:
    """Return class indices given as ``(1, m)`` or ``(m,)`` as an int64 ``(m,)`` array."""
    arr = np.asarray(values)
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1:
        hint = f" Use {name}.T." if arr.ndim == 2 and arr.shape[1] == 1 else ""
        raise ValueError(f"{name} must have shape (1, m) or (m,), got {arr.shape}.{hint}")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold class indices (numbers), got dtype {arr.dtype}.")
    if m is not None and arr.size != m:
        raise ValueError(
            f"{name} has {arr.size} entries but there are {m} images: pass one "
            f"entry per image, in the same order."
        )
    if arr.dtype.kind == "f" and not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
        raise ValueError(
            f"{name} must hold whole class indices such as 0 and 1. If these are "
            f"probabilities, threshold them first, e.g. ({name} > 0.5).astype(int)."
        )
    return arr.astype(np.int64)


def _as_images(images: Any) -> np.ndarray:
    """Return images as floats in [0, 1], shape ``(m, h, w)`` or ``(m, h, w, c)``."""
    if isinstance(images, (list, tuple)):
        images = np.asarray(images)
    if not isinstance(images, np.ndarray):
        raise TypeError(
            f"images must be a numpy array of shape (m, h, w, c) or (m, h, w), "
            f"got {type(images).__name__}."
        )
    if images.dtype.kind not in "biuf":
        raise TypeError(
            f"images must hold numbers, got dtype {images.dtype}. Use uint8 values "
            f"in 0..255 or floats in [0, 1]."
        )
    if images.ndim == 2:
        raise ValueError(
            f"images has shape {images.shape}: 2-D, like flattened examples as "
            f"columns. plot_images needs the pictures themselves, shape (m, h, w, c); "
            f"for flattened X of shape (h*w*c, m) use X.T.reshape(m, h, w, c), "
            f"or pass the original train_set_x_orig."
        )
    if images.ndim not in (3, 4):
        raise ValueError(
            f"images must have shape (m, h, w, c) or (m, h, w), got {images.ndim}-D "
            f"shape {images.shape}. For a single picture use images[np.newaxis]."
        )
    if images.ndim == 4 and images.shape[-1] not in (1, 3, 4):
        raise ValueError(
            f"images has shape {images.shape}: the last axis must be the colour "
            f"channels (1, 3 or 4). For channels-first pictures use "
            f"np.moveaxis(images, 1, -1)."
        )
    if images.shape[0] == 0:
        raise ValueError("images is empty (m = 0): there is nothing to show.")
    lo, hi = images.min(), images.max()
    if images.dtype.kind in "iu":
        if lo < 0 or hi > 255:
            raise ValueError(
                f"integer images must lie in 0..255, got values from {lo} to {hi}."
            )
        pictures = images.astype(np.float64) / 255.0
    else:
        if not np.isfinite(images).all() or lo < 0 or hi > 1:
            raise ValueError(
                f"float images must lie in [0, 1], got values from {lo} to {hi}. "
                f"For 0..255 values use images / 255, or images.astype(np.uint8)."
            )
        pictures = images.astype(np.float64)
    if pictures.ndim == 4 and pictures.shape[-1] == 1:
        pictures = pictures[..., 0]
    return pictures


def _class_name(index: int, classes: Sequence[Any] | None) -> str:
    """Name of class ``index``: from ``classes`` (str or bytes) or the number itself."""
    if classes is None:
        return str(index)
    name = classes[index]
    if isinstance(name, bytes):  # the course's HDF5 files store b'cat'
        name = name.decode("utf-8", errors="replace")
    return str(name)


def _check_class_indices(indices: np.ndarray, name: str, classes: Sequence[Any] | None) -> None:
    if classes is None or indices.size == 0:
        return
    bad = indices[(indices < 0) | (indices >= len(classes))]
    if bad.size:
        raise ValueError(
            f"{name} holds class index {int(bad[0])}, but classes has {len(classes)} "
            f"names (indices 0 to {len(classes) - 1})."
        )


# --------------------------------------------------------------------------
# Week 3: activations and decision boundaries
# --------------------------------------------------------------------------

def plot_activation(name: str, ax: Axes | None = None, z: Any = None) -> Axes:
    """Plot an activation function ``g(z)`` and its derivative ``g'(z)``.

    The derivative is what the backward step gives for an upstream gradient
    of ones, ``backward(np.ones_like(Z), Z)``, so the plot shows exactly what
    backpropagation uses.

    Parameters
    ----------
    name : str
        A key of ``course_utils.activations.ACTIVATIONS``: ``"sigmoid"``,
        ``"tanh"``, ``"relu"`` or ``"leaky_relu"``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None.
    z : array_like of shape (k,), optional
        Points at which to evaluate ``g``; default ``np.linspace(-5, 5, 201)``.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes drawn on, with two labelled lines, a legend and a title.

    Raises
    ------
    TypeError
        If ``name`` is not a string or ``z`` does not hold numbers.
    ValueError
        If ``name`` is not a known activation or ``z`` is not 1-D.

    Examples
    --------
    >>> fig, axes = plt.subplots(1, 4, figsize=(12, 3))
    >>> for ax, name in zip(axes, ["sigmoid", "tanh", "relu", "leaky_relu"]):
    ...     _ = plot_activation(name, ax=ax)
    """
    # Imported here so that this module imports even without activations.py.
    from ..activations import ACTIVATIONS

    validate_choice(name, "activation name", ACTIVATIONS)
    z = np.linspace(-5.0, 5.0, 201) if z is None else _as_series(z, "z")
    ax = _get_ax(ax)

    forward, backward = ACTIVATIONS[name]
    Z = z.reshape(1, -1)  # one row: the activations expect (n, m) arrays
    A = np.asarray(forward(Z), dtype=np.float64).ravel()
    dZ = np.asarray(backward(np.ones_like(Z), Z), dtype=np.float64).ravel()

    ax.axhline(0.0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0.0, color="0.8", linewidth=0.8, zorder=0)
    ax.plot(z, A, label="g(z)")
    ax.plot(z, dZ, linestyle="--", label="g'(z)")
    ax.set_xlabel("z")
    ax.set_title(name)
    ax.legend()
    return ax


def plot_decision_boundary(predict: Callable[[np.ndarray], Any], X: Any, Y: Any,
                           ax: Axes | None = None, resolution: int = 200,
                           padding: float = 0.5) -> Axes:
    """Shade the class a classifier predicts over the plane, under the data points.

    ``predict`` is called once, on a ``resolution x resolution`` grid of
    points that covers ``X`` plus ``padding`` on every side.

    Parameters
    ----------
    predict : callable
        Maps an array of shape (2, k), one point per column, to ``k``
        predictions of shape (1, k) or (k,), usually class labels 0 and 1,
        e.g. ``lambda X: predict(parameters, X)``. Scores other than 0 and 1
        (such as probabilities) are shaded on a continuous scale.
    X : np.ndarray of shape (2, m)
        The data points, one per column.
    Y : np.ndarray of shape (1, m)
        Their labels, 0 or 1, which colour the points.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None.
    resolution : int, default 200
        Grid points along each axis (at least 2).
    padding : float, default 0.5
        Margin around the data, in the units of ``X``.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, with filled contours of the predictions and a scatter of
        ``X`` coloured by ``Y``.

    Raises
    ------
    TypeError
        If ``predict`` is not callable or returns something other than numbers.
    ValueError
        If ``X`` is not (2, m) (an (m, 2) array gets a "pass X.T" hint), ``Y``
        is not (1, m) with labels in {0, 1}, or ``predict`` does not return
        one finite prediction per grid point.

    Examples
    --------
    >>> from course_utils.toy_data import make_flower
    >>> X, Y = make_flower()
    >>> ax = plot_decision_boundary(lambda P: (P[0:1] > 0).astype(int), X, Y)
    """
    if not callable(predict):
        raise TypeError(
            f"predict must be a function from a (2, k) array to k predictions, such as "
            f"lambda X: predict(parameters, X); got {type(predict).__name__}."
        )
    X, Y = validate_X_Y(X, Y, n_x=2)
    resolution = validate_positive_int(resolution, "resolution", minimum=2)
    padding = validate_non_negative(padding, "padding", " (the margin around the data)")

    x1 = np.linspace(X[0].min() - padding, X[0].max() + padding, resolution)
    x2 = np.linspace(X[1].min() - padding, X[1].max() + padding, resolution)
    grid1, grid2 = np.meshgrid(x1, x2)
    grid = np.vstack([grid1.ravel(), grid2.ravel()])  # (2, k), points as columns
    k = grid.shape[1]

    predictions = np.asarray(predict(grid))
    if predictions.shape not in ((1, k), (k,)):
        raise ValueError(
            f"predict returned shape {predictions.shape} for a grid of {k} points given "
            f"as a (2, {k}) array; expected (1, {k}) or ({k},), one prediction per "
            f"column. Check that predict treats examples as columns."
        )
    if predictions.dtype.kind not in "biuf":
        raise TypeError(f"predict must return numbers, got dtype {predictions.dtype}.")
    field = predictions.astype(np.float64).reshape(grid1.shape)
    if not np.isfinite(field).all():
        raise ValueError("predict returned NaN or inf for some grid points.")

    ax = _get_ax(ax)
    if np.isin(field, (0.0, 1.0)).all():
        # One band per class; fixed levels also work when only one class is predicted.
        ax.contourf(grid1, grid2, field, levels=[-0.5, 0.5, 1.5], cmap=_CLASS_CMAP,
                    vmin=0.0, vmax=1.0, alpha=0.35)
    else:
        ax.contourf(grid1, grid2, field, levels=10, cmap=_CLASS_CMAP, alpha=0.35)
    ax.scatter(X[0], X[1], c=Y.ravel(), cmap=_CLASS_CMAP, vmin=0.0, vmax=1.0,
               s=16, edgecolors="k", linewidths=0.4)
    ax.set_xlim(x1[0], x1[-1])
    ax.set_ylim(x2[0], x2[-1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


# --------------------------------------------------------------------------
# Weeks 2 and 4: learning curves and pictures
# --------------------------------------------------------------------------

def plot_costs(costs: Sequence[float] | Mapping[Any, Sequence[float]], ax: Axes | None = None,
               record_every: int = 100, label: str | None = None) -> Axes:
    """Plot learning curves: the cost against the iteration number.

    Parameters
    ----------
    costs : sequence of float, or dict
        The costs of one run, recorded every ``record_every`` iterations
        (``costs[i]`` at iteration ``i * record_every``), or a dict
        ``{label: costs}`` of several runs drawn on the same axes, e.g. one
        per learning rate.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None. Calling again with
        the same ``ax`` adds more runs to it.
    record_every : int, default 100
        Number of iterations between two recorded costs.
    label : str, optional
        Legend label of a single run. With a dict, the keys are the labels.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, with one line per run and a legend when the lines have labels.
        A run whose cost becomes inf or NaN is drawn up to its last finite
        value, and its legend entry says from which iteration the cost is not
        finite.

    Raises
    ------
    TypeError
        If the costs are not numbers or ``record_every`` is not a whole number.
    ValueError
        If a run is empty or not 1-D, ``record_every`` is below 1, or
        ``label`` is given together with a dict.

    Examples
    --------
    >>> ax = plot_costs({"0.01": [0.69, 0.5, 0.4], "0.001": [0.69, 0.65, 0.6]})
    >>> ax = plot_costs([0.69, 0.3, 0.2], ax=ax, label="0.1")
    """
    record_every = validate_positive_int(record_every, "record_every")
    if isinstance(costs, Mapping):
        if label is not None:
            raise ValueError(
                "label names a single run, but costs is a dict whose keys are already "
                "the labels. Drop label=..., or pass one sequence of costs."
            )
        if not costs:
            raise ValueError("costs is an empty dict: there is nothing to plot.")
        runs = [(str(key), _as_series(value, f"costs[{key!r}]")) for key, value in costs.items()]
    else:
        runs = [(label, _as_series(costs, "costs"))]

    ax = _get_ax(ax)
    for run_label, series in runs:
        iterations = np.arange(series.size) * record_every
        finite = np.isfinite(series)
        if not finite.all():
            # A diverged run (an inf or NaN cost) is drawn up to its last finite
            # cost, and its legend entry says where it stopped, so the legend
            # never names a curve that is not there.
            first_bad = int(np.argmin(finite))
            series, iterations = series[:first_bad], iterations[:first_bad]
            note = f"cost not finite from iteration {first_bad * record_every}"
            run_label = f"{run_label} ({note})" if run_label is not None else note
        ax.plot(iterations, series, label=run_label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    # Labels of earlier calls on this ax count too, so runs can be added one by one.
    if ax.get_legend_handles_labels()[1]:
        ax.legend()
    return ax


def plot_images(images: Any, labels: Any = None, predictions: Any = None,
                classes: Sequence[Any] | None = None, ax: Axes | None = None,
                ncols: int = 8, max_images: int = 32) -> Axes:
    """Show pictures as one mosaic, each captioned with its label and prediction.

    The first ``min(m, max_images)`` pictures are laid out row by row,
    ``min(ncols, n)`` per row, with a white gap of ``max(1, min(h, w) // 16)``
    pixels between tiles, and drawn with a single ``imshow``. For pictures of
    size ``h x w`` in ``nrows`` rows and ``ncols`` columns the mosaic has
    ``nrows * h + (nrows - 1) * gap`` rows and ``ncols * w + (ncols - 1) * gap``
    columns of pixels. A caption at the top of each tile gives the label (its
    class name when ``classes`` is given) and, when ``predictions`` is given,
    ``"pred: ..."``; it is red when the prediction differs from the label.

    Parameters
    ----------
    images : np.ndarray of shape (m, h, w, c) or (m, h, w)
        The pictures: uint8 values in 0..255 or floats in [0, 1]; ``c`` is 1,
        3 or 4, and 3-D arrays are shown in grey.
    labels : array_like of shape (1, m) or (m,), optional
        True class indices.
    predictions : array_like of shape (1, m) or (m,), optional
        Predicted class indices.
    classes : sequence of str or bytes, optional
        Class names by index, e.g. ``[b'non-cat', b'cat']`` as stored in the
        course's HDF5 files.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None.
    ncols : int, default 8
        Tiles per row.
    max_images : int, default 32
        Largest number of pictures shown.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, holding one image (the mosaic) and one text per caption,
        with its axis and ticks turned off.

    Raises
    ------
    TypeError
        If ``images``, ``labels`` or ``predictions`` do not hold numbers.
    ValueError
        If ``images`` has the wrong shape or range (a 2-D, flattened ``X``
        gets a reshape hint), ``labels`` or ``predictions`` do not have one
        whole class index per picture, or an index has no name in ``classes``.

    Examples
    --------
    >>> pictures = np.zeros((4, 32, 32, 3), dtype=np.uint8)
    >>> ax = plot_images(pictures, labels=[0, 1, 1, 0], predictions=[0, 1, 0, 0],
    ...                  classes=[b"non-cat", b"cat"], ncols=2)
    """
    pictures = _as_images(images)
    m = pictures.shape[0]
    ncols = validate_positive_int(ncols, "ncols")
    max_images = validate_positive_int(max_images, "max_images")
    if labels is not None:
        labels = _as_labels(labels, "labels", m)
        _check_class_indices(labels, "labels", classes)
    if predictions is not None:
        predictions = _as_labels(predictions, "predictions", m)
        _check_class_indices(predictions, "predictions", classes)

    n = min(m, max_images)
    h, w = pictures.shape[1:3]
    per_row = min(ncols, n)
    nrows = -(-n // per_row)
    gap = max(1, min(h, w) // 16)
    mosaic = np.ones((nrows * h + (nrows - 1) * gap, per_row * w + (per_row - 1) * gap)
                     + pictures.shape[3:])
    corners = []
    for i in range(n):
        row, col = divmod(i, per_row)
        top, left = row * (h + gap), col * (w + gap)
        mosaic[top:top + h, left:left + w] = pictures[i]
        corners.append((top, left))

    ax = _get_ax(ax)
    grey = {"cmap": "gray", "vmin": 0.0, "vmax": 1.0} if mosaic.ndim == 2 else {}
    ax.imshow(mosaic, interpolation="nearest", **grey)

    if labels is not None or predictions is not None:
        for i, (top, left) in enumerate(corners):
            parts = []
            if labels is not None:
                parts.append(_class_name(labels[i], classes))
            if predictions is not None:
                parts.append("pred: " + _class_name(predictions[i], classes))
            wrong = (labels is not None and predictions is not None
                     and labels[i] != predictions[i])
            ax.text(left + (w - 1) / 2, top, "\n".join(parts),
                    ha="center", va="top", fontsize=7,
                    color="red" if wrong else "black",
                    bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1})
    ax.set_axis_off()
    return ax


def plot_mislabeled(images: Any, Y: Any, predictions: Any,
                    classes: Sequence[Any] | None = None, ax: Axes | None = None,
                    max_images: int = 16) -> Axes:
    """Show the pictures whose prediction differs from the label.

    Selects the examples (columns of ``Y``) where ``predictions != Y`` and
    passes them to :func:`plot_images`, with a title saying how many there
    are. When every prediction is right, the axes only say
    "no mislabeled examples".

    Parameters
    ----------
    images : np.ndarray of shape (m, h, w, c) or (m, h, w)
        The pictures, uint8 in 0..255 or floats in [0, 1].
    Y : array_like of shape (1, m) or (m,)
        True class indices.
    predictions : array_like of shape (1, m) or (m,)
        Predicted class indices, e.g. the output of ``predict``.
    classes : sequence of str or bytes, optional
        Class names by index.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None.
    max_images : int, default 16
        Largest number of pictures shown.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        As in :func:`plot_images`, with ``Y`` in the place of ``labels``.

    Examples
    --------
    >>> pictures = np.zeros((3, 32, 32, 3), dtype=np.uint8)
    >>> ax = plot_mislabeled(pictures, np.array([[1, 0, 1]]), np.array([[1, 1, 1]]),
    ...                      classes=[b"non-cat", b"cat"])
    """
    pictures = _as_images(images)
    m = pictures.shape[0]
    Y = _as_labels(Y, "Y", m)
    predictions = _as_labels(predictions, "predictions", m)
    max_images = validate_positive_int(max_images, "max_images")
    wrong = np.flatnonzero(predictions != Y)

    ax = _get_ax(ax)
    if wrong.size == 0:
        ax.text(0.5, 0.5, "no mislabeled examples", transform=ax.transAxes,
                ha="center", va="center")
        ax.set_axis_off()
        return ax
    plot_images(pictures[wrong], labels=Y[wrong], predictions=predictions[wrong],
                classes=classes, ax=ax, max_images=max_images)
    shown = "" if wrong.size <= max_images else f", first {max_images} shown"
    ax.set_title(f"{wrong.size} of {m} examples mislabeled{shown}")
    return ax


# --------------------------------------------------------------------------
# Network diagrams
# --------------------------------------------------------------------------

def plot_network(layer_dims: Sequence[int], ax: Axes | None = None,
                 input_names: Sequence[str] | None = None, output_name: str = "ŷ",
                 max_units: int = 8) -> Axes:
    """Draw a fully connected network as circles (units) joined by lines (weights).

    Weeks 1, 3 and 4 use it to show what ``layer_dims`` means.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_x, n[1], ..., n[L]]``, as for :func:`initialize_parameters_deep`.
    ax : matplotlib Axes, optional
    input_names : sequence of str, optional
        Labels of the ``n_x`` inputs (for example ``["size", "bedrooms"]``).
    output_name : str, default "ŷ"
        Label of the output unit(s).
    max_units : int, default 8
        Layers with more units are drawn with ``max_units - 1`` circles, a
        "⋮" and their size, so a 3072-input layer still fits.

    Returns
    -------
    ax : matplotlib Axes

    Examples
    --------
    >>> ax = plot_network([3, 4, 1], input_names=["size", "bedrooms", "zip code"])
    >>> ax.get_title()
    'layer_dims = [3, 4, 1]'
    """
    layer_dims = validate_layer_dims(layer_dims)
    max_units = validate_positive_int(max_units, "max_units", minimum=2)
    if input_names is not None and len(input_names) != layer_dims[0]:
        raise ValueError(
            f"input_names has {len(input_names)} names but layer_dims[0] = {layer_dims[0]} inputs; "
            f"give one name per input."
        )
    ax = _get_ax(ax)
    L = len(layer_dims) - 1
    positions = []  # per layer: the y of each drawn unit
    for l, n in enumerate(layer_dims):
        shown = n if n <= max_units else max_units - 1
        ys = np.linspace(-(shown - 1) / 2, (shown - 1) / 2, shown)[::-1] if shown > 1 else np.zeros(1)
        positions.append(ys)
    top = max(len(p) for p in positions) / 2
    for l in range(L):  # weights first, so the units sit on top of them
        for y0 in positions[l]:
            for y1 in positions[l + 1]:
                ax.plot([l, l + 1], [y0, y1], color="0.75", lw=0.6, zorder=1)
    for l, (n, ys) in enumerate(zip(layer_dims, positions)):
        colour = "#9ecae1" if l == 0 else ("#fc9272" if l == L else "#c7e9c0")
        ax.scatter(np.full(len(ys), l), ys, s=420, color=colour, edgecolor="0.2", zorder=2)
        if n > max_units:
            ax.text(l, ys[-1] - 0.75, f"⋮\n{n} units", ha="center", va="top", fontsize=9)
        name = "input" if l == 0 else ("output" if l == L else f"layer {l}")
        ax.text(l, top + 0.6, f"{name}\nn[{l}]={n}", ha="center", va="bottom", fontsize=8)
    if input_names is not None and layer_dims[0] <= max_units:
        for y, label in zip(positions[0], input_names):
            ax.text(-0.15, y, label, ha="right", va="center", fontsize=9)
    for y in positions[L]:
        ax.text(L + 0.18, y, output_name, ha="left", va="center", fontsize=11)
    ax.set_xlim(-1.2, L + 0.8)
    ax.set_ylim(-top - 1.5, top + 1.9)
    ax.set_axis_off()
    ax.set_title(f"layer_dims = {list(layer_dims)}")
    return ax
