"""Week 4's own figure: the L-layer network as forward and backward blocks that pass caches."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

import course_utils as cu  # noqa: E402
from course_utils.plotting import week4  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _texts(ax):
    return [text.get_text() for text in ax.texts]


def test_it_is_offered_by_the_plotting_package():
    assert week4.__all__ == ["plot_forward_backward_blocks"]
    assert cu.plotting.plot_forward_backward_blocks is week4.plot_forward_backward_blocks


def test_it_draws_on_the_given_axes_and_returns_them():
    fig, ax = plt.subplots()
    assert week4.plot_forward_backward_blocks(ax=ax) is ax
    assert ax.get_title() == "An L-layer network as forward and backward blocks that pass caches"
    assert not ax.axison
    assert fig.axes == [ax]


def test_without_axes_it_makes_a_figure():
    ax = week4.plot_forward_backward_blocks()
    assert ax.figure is not None and plt.get_fignums()


def test_it_draws_three_layers_each_a_forward_and_a_backward_block_and_the_cost():
    ax = week4.plot_forward_backward_blocks()
    boxes = [patch for patch in ax.patches if isinstance(patch, FancyBboxPatch)]
    arrows = [patch for patch in ax.patches if isinstance(patch, FancyArrowPatch)]
    assert len(boxes) == 2 * 3 + 1
    # Per layer a dashed cache arrow and a dW, db arrow; four arrows forward and four backward.
    assert len(arrows) == 3 * 2 + 4 + 4
    texts = _texts(ax)
    for l in ("1", "l", "L"):
        assert f"forward\nlayer ${l}$" in texts and f"backward\nlayer ${l}$" in texts
        assert f"$dW^{{[{l}]}}, db^{{[{l}]}}$" in texts
    assert "cost\n$J$" in texts and "$A^{[0]} = X$" in texts and "$dA^{[0]}$ (unused)" in texts
    # Each layer's cache holds its Z, the A of the layer below, and its W and b.
    caches = [text for text in texts if text.startswith("cache:")]
    assert caches == [r"cache: $Z^{[1]}$," + "\n" + r"$A^{[0]}, W^{[1]}, b^{[1]}$",
                      r"cache: $Z^{[l]}$," + "\n" + r"$A^{[l-1]}, W^{[l]}, b^{[l]}$",
                      r"cache: $Z^{[L]}$," + "\n" + r"$A^{[L-1]}, W^{[L]}, b^{[L]}$"]


def test_it_leaves_matplotlibs_settings_alone():
    before = dict(matplotlib.rcParams)
    week4.plot_forward_backward_blocks()
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("bad", ["ax", 3, plt])
def test_anything_but_axes_is_a_clear_type_error(bad):
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes, such as the one from fig, ax = plt.subplots"):
        week4.plot_forward_backward_blocks(ax=bad)
