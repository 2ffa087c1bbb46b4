"""Figures drawn in week 3's notebook, so that the notebook shows one call, not the drawing code."""

from __future__ import annotations

from matplotlib.axes import Axes

from ._core import _get_ax

__all__: list[str] = ["plot_backprop_graph"]

#: The slope g'(z[1]) of each hidden activation the figure knows, written with a[1] where it can be.
_SLOPES = {
    "tanh": r"1 - (a^{[1]})^2",
    "sigmoid": r"a^{[1]}(1 - a^{[1]})",
    "relu": r"1\{z^{[1]} > 0\}",
}

# Where each quantity sits, (x, y): the chain on one line, the parameters (green) and y above it.
_NODES = {
    "x": (0.0, 0.0), "z1": (2.4, 0.0), "a1": (4.8, 0.0), "z2": (7.2, 0.0), "a2": (9.6, 0.0), "L": (12.0, 0.0),
    "W1": (1.3, 1.8), "b1": (3.1, 1.8), "W2": (6.1, 1.8), "b2": (7.9, 1.8), "y": (10.9, 1.8),
}
_NAMES = {
    "x": r"$x$", "W1": r"$W^{[1]}$", "b1": r"$b^{[1]}$", "z1": r"$z^{[1]}$", "a1": r"$a^{[1]}$",
    "W2": r"$W^{[2]}$", "b2": r"$b^{[2]}$", "z2": r"$z^{[2]}$", "a2": r"$a^{[2]}$", "y": r"$y$",
    "L": r"$\mathcal{L}(a^{[2]}, y)$",
}
# The forward edges: what each quantity is computed from.
_FORWARD = [("x", "z1"), ("W1", "z1"), ("b1", "z1"), ("z1", "a1"), ("a1", "z2"), ("W2", "z2"), ("b2", "z2"),
            ("z2", "a2"), ("a2", "L"), ("y", "L")]


def _backward_edges(slope):
    """(from, to, label, label position, curvature) of each backward step, in the order backprop takes them."""
    return [
        ("L", "z2", r"$dz^{[2]} = a^{[2]} - y$", (9.6, -1.35), -0.3),
        ("z2", "W2", r"$dW^{[2]} = dz^{[2]}\,a^{[1]\top}$", (5.6, 2.4), -0.25),
        ("z2", "b2", r"$db^{[2]} = dz^{[2]}$", (8.5, 2.4), 0.25),
        ("z2", "a1", r"$da^{[1]} = W^{[2]\top} dz^{[2]}$", (6.1, -1.0), -0.4),
        ("a1", "z1", r"$dz^{[1]} = da^{[1]} \ast (" + slope + r")$", (3.6, -1.25), -0.4),
        ("z1", "W1", r"$dW^{[1]} = dz^{[1]}\,x^\top$", (0.8, 2.4), -0.25),
        ("z1", "b1", r"$db^{[1]} = dz^{[1]}$", (3.6, 2.4), 0.25),
    ]


def plot_backprop_graph(ax: Axes | None = None, hidden_activation: str = "tanh") -> Axes:
    """Draw the computation graph of the 2-layer network, with the derivative of each backward step.

    Week 3, section 5: for one example, grey arrows run forward from ``x``,
    ``W[1]``, ``b[1]`` through ``z[1]``, ``a[1]``, ``z[2]`` and ``a[2]`` to the
    loss; red arrows run back, each labelled with the derivative it computes,
    from ``dz[2] = a[2] - y`` down to ``db[1] = dz[1]`` (the formulas of the
    course's lecture "Backpropagation intuition", written for one example; for
    ``m`` examples the ``dW`` and ``db`` are averaged over the columns).

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Where to draw; a new figure's axes if None.
    hidden_activation : {"tanh", "sigmoid", "relu"}, default "tanh"
        The hidden layer's activation, whose slope ``g'(z[1])`` appears in
        ``dz[1]``.

    Returns
    -------
    ax : matplotlib Axes

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes, or ``hidden_activation`` not a string.
    ValueError
        If ``hidden_activation`` is not one of the names above.

    Examples
    --------
    >>> ax = plot_backprop_graph()
    >>> ax.get_title()
    'The 2-layer network for one example: forward (grey) and backward (red)'
    """
    if not isinstance(hidden_activation, str):
        raise TypeError(f"hidden_activation must be a string such as 'tanh', got {type(hidden_activation).__name__}.")
    if hidden_activation not in _SLOPES:
        raise ValueError(f"hidden_activation must be one of {', '.join(repr(k) for k in _SLOPES)}, "
                         f"got {hidden_activation!r}.")
    ax = _get_ax(ax)
    box = dict(boxstyle="round,pad=0.35", facecolor="#f0f0f0", edgecolor="0.3")
    for key, (x, y) in _NODES.items():
        parameter = key[0] in "Wb"
        ax.text(x, y, _NAMES[key], ha="center", va="center", fontsize=12, zorder=3,
                bbox=dict(box, facecolor="#c7e9c0" if parameter else "#f0f0f0"))
    for start, end in _FORWARD:
        ax.annotate("", xy=_NODES[end], xytext=_NODES[start], zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color="0.55", lw=1.2, shrinkA=16, shrinkB=16))
    for start, end, label, (x, y), rad in _backward_edges(_SLOPES[hidden_activation]):
        ax.annotate("", xy=_NODES[end], xytext=_NODES[start], zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color="tab:red", lw=1.4, shrinkA=16, shrinkB=16,
                                    connectionstyle=f"arc3,rad={rad}"))
        ax.text(x, y, label, color="tab:red", ha="center", va="center", fontsize=10, zorder=4)
    ax.set_xlim(-0.6, 13.0)
    ax.set_ylim(-1.7, 2.8)
    ax.set_axis_off()
    ax.set_title("The 2-layer network for one example: forward (grey) and backward (red)")
    return ax
