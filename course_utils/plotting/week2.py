"""Figures drawn in week 2's notebook, so that the notebook shows one call, not the drawing code.

Week 2 (logistic regression as a neural network) draws a few figures of its own:

- :func:`plot_costs_of_w`: costs of a one-weight model against the weight, one
  panel per cost (section 3, cross-entropy against squared error);
- :func:`plot_descent_paths`: gradient-descent paths on a one-weight cost
  curve, one panel per learning rate (section 4);
- :func:`plot_tangents`: functions with their tangent lines at one point
  (section 5, derivatives as slopes);
- :func:`plot_computation_graph`: the graph of ``J = 3(a + bc)`` with its
  forward values and backward derivatives (section 6);
- :func:`plot_value_histograms`: histograms of feature values, one panel per
  scaling (section 13);
- :func:`plot_rate_comparison`: recorded costs of several runs beside the
  costs of their first steps (section 15, choosing the learning rate).

Like the rest of :mod:`course_utils.plotting`, each function draws on the axes
it is given (or on a new figure), returns them, and leaves matplotlib's global
state alone.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ._core import _as_series, _get_ax, plot_costs

__all__ = [
    "plot_costs_of_w",
    "plot_descent_paths",
    "plot_tangents",
    "plot_computation_graph",
    "plot_value_histograms",
    "plot_rate_comparison",
]


def _get_axes(axes: Any, n: int, figsize: tuple[float, float], **subplots: Any) -> list[Axes]:
    """``axes`` as a list of ``n`` Axes, or the panels of a new figure of one row when None."""
    if axes is None:
        _, made = plt.subplots(1, n, figsize=figsize, squeeze=False, **subplots)
        return list(made[0])
    axes = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(axes) != n:
        raise ValueError(f"axes must hold {n} Axes, one per panel, got {len(axes)}. "
                         f"Leave axes=None to draw on a new figure.")
    return [_get_ax(ax) for ax in axes]


def _non_empty_mapping(value: Any, name: str, example: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict, such as {example}, got {type(value).__name__}.")
    if not value:
        raise ValueError(f"{name} is an empty dict: there is nothing to plot.")
    return value


def plot_costs_of_w(w: Any, costs: Mapping[str, Any], axes: Any = None,
                    notes: Mapping[str, Sequence[tuple[float, str]]] | None = None) -> list[Axes]:
    """Plot costs of a one-weight model against the weight, one panel each, with the minimum marked.

    Parameters
    ----------
    w : array_like of shape (k,)
        The weights at which the costs were computed (``b`` held fixed at 0).
    costs : dict
        ``{name: J}``, with ``J`` of shape (k,): the cost at each ``w``.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per cost; a new figure of one row is made when None.
    notes : dict, optional
        ``{name: [(w_at, text), ...]}``: arrows pointing at the curve ``name``
        at ``w_at``, with ``text`` above them.

    Returns
    -------
    axes : list of matplotlib.axes.Axes
        One panel per cost: its curve, a red dot at its minimum (labelled
        with the ``w`` there), axis labels and the title "<name> cost".

    Raises
    ------
    TypeError
        If ``costs`` is not a dict, or the values are not numbers.
    ValueError
        If a cost's length differs from ``w``'s, a note names an unknown cost,
        or ``axes`` does not hold one Axes per cost.

    Examples
    --------
    >>> w = np.linspace(-2, 2, 5)
    >>> axes = plot_costs_of_w(w, {"square": w ** 2})
    >>> axes[0].get_title()
    'square cost'
    """
    w = _as_series(w, "w")
    costs = _non_empty_mapping(costs, "costs", '{"cross-entropy": J}')
    series = {}
    for name, J in costs.items():
        series[name] = _as_series(J, f"costs[{name!r}]")
        if series[name].shape != w.shape:
            raise ValueError(f"costs[{name!r}] has {series[name].size} values but w has {w.size}: "
                             f"give one cost per weight.")
    notes = dict(notes or {})
    unknown = [name for name in notes if name not in series]
    if unknown:
        raise ValueError(f"notes name {unknown}, which are not among the costs {list(series)}.")
    axes = _get_axes(axes, len(series), (5.5 * len(series), 3.8))
    for ax, (name, J) in zip(axes, series.items()):
        ax.plot(w, J)
        best = int(np.argmin(J))
        ax.plot(w[best], J[best], "o", color="C3", label=f"minimum at w = {w[best]:.2f}")
        for w_at, text in notes.get(name, ()):
            y_at = float(np.interp(w_at, w, J))
            # The text goes below a point in the upper half of the curve's range, above one in the lower half.
            # Near either end of the w axis, the text starts (or ends) at the arrow, so it stays inside.
            below = y_at > (np.nanmin(J) + np.nanmax(J)) / 2
            where = (w_at - w.min()) / (w.max() - w.min()) if w.max() > w.min() else 0.5
            ha = "left" if where < 0.25 else "right" if where > 0.75 else "center"
            ax.annotate(text, xy=(w_at, y_at), xytext=(0, -40 if below else 40), textcoords="offset points",
                        ha=ha, va="top" if below else "bottom", arrowprops={"arrowstyle": "->"})
        ax.set_xlabel("w  (b = 0)")
        ax.set_ylabel("J(w)")
        ax.set_title(f"{name} cost")
        ax.legend()
    return axes


def plot_descent_paths(cost: Callable[[float], float], paths: Mapping[str, Sequence[float]], w_curve: Any,
                       w_bottom: float | None = None, axes: Any = None) -> list[Axes]:
    """Plot gradient-descent paths on a one-weight cost curve, one panel per path.

    Parameters
    ----------
    cost : callable
        ``cost(w)``: the cost at one weight, a number.
    paths : dict
        ``{title: [w_0, w_1, ..., w_k]}``: the weights visited, starting point first.
    w_curve : array_like of shape (n,)
        The weights at which the cost curve is drawn (in grey).
    w_bottom : float, optional
        Where the minimum is: drawn as a dotted vertical line.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per path; a new figure of one row, sharing the y axis, when None.

    Returns
    -------
    axes : list of matplotlib.axes.Axes
        One panel per path, titled with its key: the grey curve, the path as
        red dots joined by lines, and a black square at the start.

    Raises
    ------
    TypeError
        If ``paths`` is not a dict or ``cost`` is not callable.
    ValueError
        If a path is empty or ``axes`` does not hold one Axes per path.

    Examples
    --------
    >>> axes = plot_descent_paths(lambda w: w ** 2, {"alpha = 0.5": [2.0, 1.0, 0.5]}, np.linspace(-3, 3, 50))
    >>> axes[0].get_title()
    'alpha = 0.5'
    """
    if not callable(cost):
        raise TypeError(f"cost must be a function of one weight, such as tiny_cost, got {type(cost).__name__}.")
    paths = {title: _as_series(path, f"paths[{title!r}]")
             for title, path in _non_empty_mapping(paths, "paths", '{"alpha = 1": [w_0, w_1]}').items()}
    w_curve = _as_series(w_curve, "w_curve")
    J_curve = [cost(w) for w in w_curve]
    axes = _get_axes(axes, len(paths), (4 * len(paths), 3.6), sharey=True)
    for ax, (title, path) in zip(axes, paths.items()):
        ax.plot(w_curve, J_curve, color="0.6")
        if w_bottom is not None:
            ax.axvline(w_bottom, color="0.6", linestyle=":", linewidth=1)
        ax.plot(path, [cost(w) for w in path], "o-", color="C3", markersize=4, linewidth=1)
        ax.plot(path[0], cost(path[0]), "s", color="k", label="start")
        ax.set_title(title)
        ax.set_xlabel("w")
        ax.legend(loc="upper right")
    axes[0].set_ylabel("J(w)")
    return axes


def plot_tangents(functions: Mapping[str, tuple[Callable, Callable]], a0: float, a: Any,
                  axes: Any = None) -> list[Axes]:
    """Plot functions with their tangent lines at ``a0``, one panel each.

    Parameters
    ----------
    functions : dict
        ``{name: (f, f_prime)}``: a function and its derivative, each taking an
        array (``f_prime`` may return a number).
    a0 : float
        Where the tangents touch.
    a : array_like of shape (k,)
        The points at which the curves are drawn.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per function; a new figure of one row when None.

    Returns
    -------
    axes : list of matplotlib.axes.Axes
        One panel per function, titled "f(a) = <name>": the curve, the dashed
        tangent (labelled with its slope) and a dot at ``a0``.

    Raises
    ------
    TypeError
        If ``functions`` is not a dict of pairs of functions.
    ValueError
        If ``axes`` does not hold one Axes per function.

    Examples
    --------
    >>> axes = plot_tangents({"a^2": (lambda a: a ** 2, lambda a: 2 * a)}, 1.0, np.linspace(0, 2, 20))
    >>> axes[0].get_title()
    'f(a) = a^2'
    """
    functions = _non_empty_mapping(functions, "functions", '{"a^2": (f, f_prime)}')
    for name, pair in functions.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(callable(g) for g in pair)):
            raise TypeError(f"functions[{name!r}] must be a pair (f, f_prime) of functions, got {pair!r}.")
    a = _as_series(a, "a")
    axes = _get_axes(axes, len(functions), (3 * len(functions), 3))
    for ax, (name, (f, f_prime)) in zip(axes, functions.items()):
        slope = float(f_prime(a0))
        ax.plot(a, f(a), label="f(a)")
        ax.plot(a, f(a0) + slope * (a - a0), "--", label=f"slope {slope:.3g}")
        ax.plot(a0, f(a0), "o", color="C3")
        ax.set_title(f"f(a) = {name}")
        ax.set_xlabel("a")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("f(a)")
    return axes


# Where the nodes of J = 3(a + bc) sit, and half the width of their boxes (in x units), so that
# the arrows end at the edges of the boxes.
_GRAPH_POSITIONS = {"a": (0, 2), "b": (0, 1), "c": (0, 0), "u": (2.2, 0.5), "v": (4.4, 1.25), "J": (6.6, 1.25)}
_GRAPH_HALF_WIDTHS = {"a": 0.38, "b": 0.38, "c": 0.38, "u": 0.42, "v": 0.58, "J": 0.4}
_GRAPH_EDGES = [("b", "u"), ("c", "u"), ("a", "v"), ("u", "v"), ("v", "J")]
_GRAPH_FORMULAS = {"u": "u = bc\n", "v": "v = a + u\n", "J": "J = 3v\n"}


def plot_computation_graph(values: Mapping[str, float], derivatives: Mapping[str, float],
                           ax: Axes | None = None) -> Axes:
    """Draw the computation graph of ``J = 3(a + bc)``: values forward, derivatives backward.

    Parameters
    ----------
    values : dict
        The forward values of the nodes ``"a"``, ``"b"``, ``"c"``, ``"u"``, ``"v"``, ``"J"``.
    derivatives : dict
        ``dJ/d<node>`` for the nodes ``"a"``, ``"b"``, ``"c"``, ``"u"``, ``"v"``
        (``dJ/dJ`` is 1 and is drawn without being given).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes: six boxes (inputs blue, computed nodes orange) with their
        values, five arrows, each node's derivative in red under it, and a title.

    Raises
    ------
    ValueError
        If a node's value or derivative is missing.

    Examples
    --------
    >>> ax = plot_computation_graph({"a": 5, "b": 3, "c": 2, "u": 6, "v": 11, "J": 33},
    ...                             {"a": 3, "b": 6, "c": 9, "u": 3, "v": 3})
    >>> ax.get_title()
    'The computation graph of J = 3(a + bc)'
    """
    for given, name, needed in ((values, "values", _GRAPH_POSITIONS), (derivatives, "derivatives", "abcuv")):
        missing = [node for node in needed if node not in given]
        if missing:
            raise ValueError(f"{name} has no entry for the node(s) {', '.join(missing)}: "
                             f"give one number for each of {', '.join(needed)}.")
    ax = _get_ax(ax)
    for start, end in _GRAPH_EDGES:
        (x0, y0), (x1, y1) = _GRAPH_POSITIONS[start], _GRAPH_POSITIONS[end]
        ax.annotate("", xy=(x1 - _GRAPH_HALF_WIDTHS[end], y1), xytext=(x0 + _GRAPH_HALF_WIDTHS[start], y0),
                    arrowprops={"arrowstyle": "-|>", "color": "0.3", "shrinkA": 0, "shrinkB": 0})
    for node, (x, y) in _GRAPH_POSITIONS.items():
        text = f"{_GRAPH_FORMULAS[node]}= {values[node]:g}" if node in _GRAPH_FORMULAS else f"{node} = {values[node]:g}"
        ax.text(x, y, text, ha="center", va="center", fontsize=11,
                bbox={"boxstyle": "round,pad=0.5", "facecolor": "#c6dbef" if node in "abc" else "#fdd0a2",
                      "edgecolor": "0.3"})
        slope = "1" if node == "J" else f"{derivatives[node]:g}"
        ax.text(x, y - 0.45, f"dJ/d{node} = {slope}", ha="center", va="center", fontsize=10, color="C3")
    ax.text(3.3, 2.55, "forward pass: values, left to right", ha="center", color="C0")
    ax.text(3.3, -0.65, "backward pass: derivatives (red), right to left", ha="center", color="C3")
    ax.set_xlim(-0.8, 7.4)
    ax.set_ylim(-0.9, 2.8)
    ax.set_axis_off()
    ax.set_title("The computation graph of J = 3(a + bc)")
    return ax


def plot_value_histograms(values: Mapping[str, tuple[Any, Any]], axes: Any = None) -> list[Axes]:
    """Plot histograms of feature values, one panel per version of the data (raw, scaled, ...).

    Parameters
    ----------
    values : dict
        ``{title: (X, bins)}``: an array of any shape (all its entries are
        counted) and the bins, as ``ax.hist`` takes them (a number or the edges).
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per entry; a new figure of one row when None.

    Returns
    -------
    axes : list of matplotlib.axes.Axes
        One histogram per entry, titled with its key, x label "feature value".

    Raises
    ------
    TypeError
        If ``values`` is not a dict of pairs, or an array does not hold numbers.
    ValueError
        If ``axes`` does not hold one Axes per entry.

    Examples
    --------
    >>> axes = plot_value_histograms({"raw": (np.arange(10), 5), "/9": (np.arange(10) / 9, 5)})
    >>> [ax.get_title() for ax in axes]
    ['raw', '/9']
    """
    values = _non_empty_mapping(values, "values", '{"raw pixels": (X, 32)}')
    for title, pair in values.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise TypeError(f"values[{title!r}] must be a pair (X, bins), got {type(pair).__name__}.")
    axes = _get_axes(axes, len(values), (4 * len(values), 3.2))
    for ax, (title, (X, bins)) in zip(axes, values.items()):
        ax.hist(_as_series(np.ravel(X), f"values[{title!r}]"), bins=bins, color="C0")
        ax.set_title(title)
        ax.set_xlabel("feature value")
    axes[0].set_ylabel("count")
    return axes


def plot_rate_comparison(recorded: Mapping[str, Any], first_steps: Mapping[str, Any], record_every: int = 100,
                         axes: Any = None) -> list[Axes]:
    """Plot several runs' recorded costs beside the costs of their first steps.

    Parameters
    ----------
    recorded : dict
        ``{label: costs}``: each run's costs, recorded every ``record_every``
        iterations (a run whose cost stops being finite is drawn up to there,
        as :func:`plot_costs` does).
    first_steps : dict
        ``{label: costs}``: the cost before each of the first steps of the same
        runs (same labels, so the same colours), recorded at every step.
    record_every : int, default 100
        Iterations between two recorded costs of ``recorded``.
    axes : sequence of two matplotlib.axes.Axes, optional
        The left and right panels; a new figure when None.

    Returns
    -------
    axes : list of two matplotlib.axes.Axes
        Left: the recorded costs, a dot at each record, with the legend.
        Right: the first steps, in the same colours, without a legend.

    Raises
    ------
    ValueError
        If the two dicts do not have the same labels in the same order.

    Examples
    --------
    >>> axes = plot_rate_comparison({"0.1": [0.69, 0.5]}, {"0.1": [0.69, 0.68, 0.66]})
    >>> len(axes[0].get_lines()), len(axes[1].get_lines())
    (1, 1)
    """
    recorded = _non_empty_mapping(recorded, "recorded", '{"learning rate 0.005": costs}')
    first_steps = _non_empty_mapping(first_steps, "first_steps", '{"learning rate 0.005": costs}')
    if list(recorded) != list(first_steps):
        raise ValueError(f"recorded and first_steps must have the same labels in the same order, so that each run "
                         f"keeps its colour; got {list(recorded)} and {list(first_steps)}.")
    ax_runs, ax_first = _get_axes(axes, 2, (11, 3.8))
    plot_costs(dict(recorded), ax=ax_runs, record_every=record_every)
    for line in ax_runs.get_lines():
        line.set_marker("o")
    ax_runs.legend()
    ax_runs.set_title(f"cost every {record_every} iterations")
    plot_costs(dict(first_steps), ax=ax_first, record_every=1)
    ax_first.get_legend().remove()
    ax_first.set_title(f"the first {max(len(c) for c in first_steps.values()) - 1} steps, cost at every step")
    return [ax_runs, ax_first]
