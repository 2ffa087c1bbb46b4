"""Figures drawn in week 4's notebook, so that the notebook shows one call, not the drawing code."""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ._core import _get_ax

__all__: list[str] = ["plot_forward_backward_blocks"]

_FORWARD_COLOUR, _BACKWARD_COLOUR, _COST_COLOUR = "#c7e9c0", "#fdd0a2", "#deebf7"


def plot_forward_backward_blocks(ax=None):
    """Draw an L-layer network as forward and backward blocks that hand each other caches.

    Three layers are drawn, 1, l and L; the dots in the labels stand for the
    rest. Solid arrows carry the activations forwards (``A[0] = X`` to
    ``A[L]``) and the gradients backwards (``dA[L]`` to ``dA[0]``); a dashed
    arrow hands each layer's cache (``Z[l]``, ``A[l-1]``, ``W[l]``, ``b[l]``)
    from its forward block to its backward block, which gives out ``dW[l]``
    and ``db[l]``. Week 4, section 4.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes.
    """
    ax = _get_ax(ax)
    box_w, box_h, top, bottom = 1.7, 0.8, 3.3, 1.1
    xs = {"1": 2.2, "l": 5.4, "L": 8.6}
    below = {"1": "0", "l": "l-1", "L": "L-1"}

    def box(x, y, text, colour):
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.05", fc=colour, ec="0.3"))
        ax.text(x, y, text, ha="center", va="center", fontsize=10)

    def arrow(start, end, text="", colour="0.2", dy=0.18, **kwargs):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=colour, **kwargs))
        if text:
            ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + dy, text, ha="center", fontsize=10)

    for l, x in xs.items():
        box(x, top, f"forward\nlayer ${l}$", _FORWARD_COLOUR)
        box(x, bottom, f"backward\nlayer ${l}$", _BACKWARD_COLOUR)
        arrow((x, top - box_h / 2 - 0.05), (x, bottom + box_h / 2 + 0.05), colour="0.45", linestyle="--")
        ax.text(x + 0.08, (top + bottom) / 2,
                f"cache: $Z^{{[{l}]}}$,\n$A^{{[{below[l]}]}}, W^{{[{l}]}}, b^{{[{l}]}}$",
                fontsize=8.5, va="center", color="0.3")
        arrow((x, bottom - box_h / 2 - 0.05), (x, bottom - 1.0), f"$dW^{{[{l}]}}, db^{{[{l}]}}$", dy=-0.62)

    # The forward chain, left to right, into the cost.
    left, right = {k: x - box_w / 2 - 0.05 for k, x in xs.items()}, {k: x + box_w / 2 + 0.05 for k, x in xs.items()}
    arrow((0.2, top), (left["1"], top), "$A^{[0]} = X$")
    arrow((right["1"], top), (left["l"], top), r"$A^{[1]} \cdots A^{[l-1]}$")
    arrow((right["l"], top), (left["L"], top), r"$A^{[l]} \cdots A^{[L-1]}$")
    arrow((right["L"], top), (10.25, top), r"$A^{[L]} = \hat{Y}$")
    ax.add_patch(FancyBboxPatch((10.3, bottom - box_h / 2), 0.8, top - bottom + box_h,
                                boxstyle="round,pad=0.05", fc=_COST_COLOUR, ec="0.3"))
    ax.text(10.7, (top + bottom) / 2, "cost\n$J$", ha="center", va="center", fontsize=10)

    # The backward chain, right to left.
    arrow((10.25, bottom), (right["L"], bottom), "$dA^{[L]}$")
    arrow((left["L"], bottom), (right["l"], bottom), r"$dA^{[L-1]} \cdots dA^{[l]}$")
    arrow((left["l"], bottom), (right["1"], bottom), r"$dA^{[l-1]} \cdots dA^{[1]}$")
    arrow((left["1"], bottom), (0.0, bottom), "$dA^{[0]}$ (unused)", dy=0.25)

    ax.set_xlim(-0.1, 11.3)
    ax.set_ylim(-0.2, 4.1)
    ax.set_title("An L-layer network as forward and backward blocks that pass caches")
    ax.set_axis_off()
    return ax
