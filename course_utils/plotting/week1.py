"""Figures drawn in week 1's notebook, so that the notebook shows one call, not the drawing code.

Week 1 (notebooks/week1_introduction.ipynb): the one-neuron fit of house prices
(section 1), test and training accuracy against the size of the training set
(section 5), the slopes of sigmoid and ReLU (section 6) and the idea -> code ->
experiment loop (section 7).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..activations import relu_backward, sigmoid_backward
from ._core import _as_series, _get_ax, plot_activation

__all__ = ["plot_house_fit", "plot_accuracy_against_size", "plot_activation_slopes", "plot_idea_loop"]


def _get_axes(axes: Any, count: int, figsize: tuple[float, float], **subplots) -> np.ndarray:
    """``axes`` as an array of ``count`` Axes, or the axes of a new figure when ``axes`` is None."""
    if axes is None:
        _, made = plt.subplots(1, count, figsize=figsize, **subplots)
        return np.atleast_1d(made)
    given = np.ravel(np.asarray(axes, dtype=object)) if isinstance(axes, (list, tuple, np.ndarray)) else None
    if given is None or given.size != count or not all(isinstance(ax, Axes) for ax in given):
        raise TypeError(
            f"axes must be {count} matplotlib Axes, such as the ones from fig, axes = plt.subplots(1, {count}), "
            f"got {type(axes).__name__}{f' of {given.size}' if given is not None else ''}. "
            f"Leave axes=None to draw on a new figure."
        )
    return given


def _row(values: Any, name: str) -> np.ndarray:
    """A (1, m) row or an (m,) array of numbers as a 1-D float array."""
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}.")
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a (1, m) row or an (m,) array with m > 0, got shape {arr.shape}.")
    return arr.astype(np.float64)


def plot_house_fit(sizes: Any, prices: Any, price_of: Callable[[np.ndarray], Any], costs: Sequence[float],
                   axes: Any = None) -> np.ndarray:
    """Draw section 1's fit: the houses with the neuron's bent line, and the cost against the step.

    Parameters
    ----------
    sizes, prices : array_like, shape (1, m) or (m,)
        The houses: one size and one price each.
    price_of : callable
        The fitted neuron: takes a rank-1 array of sizes and returns their
        prices, an array of the same shape (for example
        ``lambda s: neuron_price(s, w, b)``).
    costs : sequence of float
        The cost after each gradient step, drawn on a log scale.
    axes : two matplotlib Axes, optional
        Where to draw; a new figure with two panels when None.

    Returns
    -------
    axes : ndarray of two matplotlib.axes.Axes
        The fit (left) and the cost (right).

    Raises
    ------
    TypeError
        If ``price_of`` is not callable, the data are not numbers, or
        ``axes`` are not two Axes.
    ValueError
        If ``sizes`` and ``prices`` differ in length, or ``price_of``
        returns an array of another shape than the sizes it was given.

    Examples
    --------
    >>> axes = plot_house_fit([0.5, 1.0, 2.0], [0.0, 0.8, 2.8], lambda s: np.maximum(0, 2 * s - 1.2), [0.3, 0.1])
    """
    x, y = _row(sizes, "sizes"), _row(prices, "prices")
    if x.size != y.size:
        raise ValueError(f"sizes has {x.size} houses but prices has {y.size}: give one price per size.")
    if not callable(price_of):
        raise TypeError(f"price_of must be a function of an array of sizes, got {type(price_of).__name__}.")
    series = _as_series(costs, "costs")
    grid = np.linspace(0, x.max() * 1.1, 200)
    line = np.asarray(price_of(grid), dtype=np.float64)
    if line.shape != grid.shape:
        raise ValueError(f"price_of(sizes) must return one price per size, an array of shape {grid.shape}; "
                         f"got shape {line.shape}.")
    axes = _get_axes(axes, 2, (11, 4))
    axes[0].plot(grid, line, label="fitted neuron")
    axes[0].scatter(x, y, color="k", zorder=3, label="houses")
    axes[0].set(xlabel="size (100 m²)", ylabel="price (100,000)", title="One ReLU neuron: a bent line")
    axes[0].legend()
    axes[1].plot(series)
    axes[1].set_yscale("log")
    axes[1].set(xlabel="iteration", ylabel="cost J (log scale)", title="Gradient descent on the squared error")
    return axes


def plot_accuracy_against_size(train_sizes: Sequence[int], test_acc: Mapping[str, Sequence[float]],
                               train_acc: Mapping[str, Sequence[float]], baseline: float | None = None,
                               num_iterations: int | None = None, axes: Any = None) -> np.ndarray:
    """Draw section 5's experiment: test and training accuracy (in %) against the training-set size.

    Parameters
    ----------
    train_sizes : sequence of int
        The training-set sizes m, drawn on a log scale.
    test_acc, train_acc : dict
        Model name -> its accuracies (fractions between 0 and 1), one per
        entry of ``train_sizes``.
    baseline : float, optional
        The accuracy of always answering the more common label, drawn as a
        dotted line on the test panel.
    num_iterations : int, optional
        The number of gradient steps, for the titles.
    axes : two matplotlib Axes, optional
        Where to draw; a new figure with two panels that share the y axis when None.

    Returns
    -------
    axes : ndarray of two matplotlib.axes.Axes
        Test accuracy (left) and training accuracy (right), one line per model.

    Raises
    ------
    TypeError
        If the accuracies are not dicts of numbers, or ``axes`` are not two Axes.
    ValueError
        If the two dicts name different models, or a model has not one
        accuracy per training-set size.
    """
    sizes = _as_series(train_sizes, "train_sizes")
    if not (isinstance(test_acc, Mapping) and isinstance(train_acc, Mapping)):
        raise TypeError("test_acc and train_acc must be dicts: model name -> its accuracies.")
    if list(test_acc) != list(train_acc) or not test_acc:
        raise ValueError(f"test_acc and train_acc must name the same models, got {list(test_acc)} "
                         f"and {list(train_acc)}.")
    for table_name, table in (("test_acc", test_acc), ("train_acc", train_acc)):
        for name, values in table.items():
            if _as_series(values, f"{table_name}[{name!r}]").size != sizes.size:
                raise ValueError(f"{table_name}[{name!r}] has {len(values)} accuracies but there are "
                                 f"{sizes.size} training-set sizes: give one per size.")
    axes = _get_axes(axes, 2, (11, 4), sharey=True)
    for name in test_acc:
        axes[0].plot(sizes, 100 * np.asarray(test_acc[name], dtype=float), marker="o", label=name)
        axes[1].plot(sizes, 100 * np.asarray(train_acc[name], dtype=float), marker="o", label=name)
    steps = f" after {num_iterations} steps" if num_iterations is not None else ""
    for ax, title in zip(axes, ["Test accuracy", "Training accuracy"]):
        ax.set_xscale("log")
        ax.xaxis.set_minor_locator(plt.NullLocator())
        ax.set_xticks(sizes, [f"{m:g}" for m in sizes])
        ax.set(xlabel="training-set size m (log scale)", title=f"{title}{steps}")
        ax.grid(alpha=0.3)
    if baseline is not None:
        axes[0].axhline(100 * baseline, color="0.6", linestyle=":", label="majority class")
    axes[0].set_ylabel("accuracy (%)")
    axes[1].legend(*axes[0].get_legend_handles_labels(), loc="lower left")
    return axes


def plot_activation_slopes(z: Any = None, axes: Any = None) -> np.ndarray:
    """Draw sigmoid and ReLU, then their slopes side by side (section 6).

    The slopes come from the package's backward functions with ``dA = 1``.

    Parameters
    ----------
    z : array_like, shape (n,), optional
        Where to draw them (default: 401 points from -8 to 8).
    axes : three matplotlib Axes, optional
        Where to draw; a new figure with three panels when None.

    Returns
    -------
    axes : ndarray of three matplotlib.axes.Axes
        Sigmoid, ReLU, and the two slopes.

    Raises
    ------
    TypeError
        If ``z`` is not numbers or ``axes`` are not three Axes.
    ValueError
        If ``z`` is not one row of numbers.
    """
    z = np.linspace(-8, 8, 401) if z is None else _row(z, "z")
    axes = _get_axes(axes, 3, (12, 3.5))
    plot_activation("sigmoid", ax=axes[0], z=z)
    plot_activation("relu", ax=axes[1], z=z)
    row, ones = z.reshape(1, -1), np.ones((1, z.size))
    axes[2].plot(z, sigmoid_backward(ones, row)[0], label="sigmoid: g'(z)")
    axes[2].plot(z, relu_backward(ones, row)[0], label="ReLU: g'(z)")
    axes[2].set(xlabel="z", ylabel="slope g'(z)", title="The two slopes side by side")
    axes[2].legend()
    return axes


def plot_idea_loop(ax: Axes | None = None) -> Axes:
    """Draw the idea -> code -> experiment loop of section 7: three boxes joined by curved arrows.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, with the three stages as text boxes and three arrows.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes.
    """
    ax = _get_ax(ax)
    stages = {"Idea": (0.0, 1.0), "Code": (0.87, -0.5), "Experiment": (-0.87, -0.5)}
    for label, (x, y) in stages.items():
        ax.text(x, y, label, ha="center", va="center", fontsize=13,
                bbox={"boxstyle": "round,pad=0.6", "facecolor": "#c7e9c0", "edgecolor": "0.3"})
    order = ["Idea", "Code", "Experiment", "Idea"]
    for start, end in zip(order[:-1], order[1:]):
        (x0, y0), (x1, y1) = stages[start], stages[end]
        # Each arrow covers the middle 40% of the way between two boxes, so it does not run into them.
        ax.annotate("", xy=(0.7 * x1 + 0.3 * x0, 0.7 * y1 + 0.3 * y0),
                    xytext=(0.3 * x1 + 0.7 * x0, 0.3 * y1 + 0.7 * y0),
                    arrowprops={"arrowstyle": "->", "lw": 2, "color": "0.3", "connectionstyle": "arc3,rad=-0.3"})
    ax.text(0, 0.1, "the faster\nthe loop turns,\nthe more ideas\nyou can try", ha="center", va="center",
            fontsize=9, color="0.3")
    ax.set(xlim=(-1.6, 1.6), ylim=(-1.1, 1.5), title="The empirical loop of deep learning")
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax
