"""Week 3's own figure: the computation graph of the 2-layer network with its backward derivatives."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import course_utils as cu  # noqa: E402
from course_utils.plotting import week3  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _texts(ax):
    return [text.get_text() for text in ax.texts]


def test_it_is_offered_by_the_plotting_package():
    assert "plot_backprop_graph" in week3.__all__
    assert cu.plotting.plot_backprop_graph is week3.plot_backprop_graph


def test_it_draws_on_the_given_axes_and_returns_them():
    fig, ax = plt.subplots()
    assert week3.plot_backprop_graph(ax=ax) is ax
    assert ax.get_title() == "The 2-layer network for one example: forward (grey) and backward (red)"
    assert not ax.axison


def test_without_axes_it_makes_a_figure():
    ax = week3.plot_backprop_graph()
    assert ax.figure is not None and plt.get_fignums()


def test_it_labels_every_quantity_and_every_backward_step():
    texts = _texts(week3.plot_backprop_graph())
    for name in ("$x$", "$W^{[1]}$", "$b^{[1]}$", "$z^{[1]}$", "$a^{[1]}$", "$W^{[2]}$", "$b^{[2]}$", "$z^{[2]}$",
                 "$a^{[2]}$", "$y$"):
        assert name in texts, name
    derivatives = [t for t in texts if "=" in t]
    assert derivatives == [
        r"$dz^{[2]} = a^{[2]} - y$",
        r"$dW^{[2]} = dz^{[2]}\,a^{[1]\top}$",
        r"$db^{[2]} = dz^{[2]}$",
        r"$da^{[1]} = W^{[2]\top} dz^{[2]}$",
        r"$dz^{[1]} = da^{[1]} \ast (1 - (a^{[1]})^2)$",
        r"$dW^{[1]} = dz^{[1]}\,x^\top$",
        r"$db^{[1]} = dz^{[1]}$",
    ]
    # one grey arrow per forward edge and one red per backward step
    arrows = [child for child in plt.gca().get_children() if type(child).__name__ == "Annotation"
              and child.arrow_patch is not None]
    assert len(arrows) == 10 + 7


@pytest.mark.parametrize("activation, slope", [("sigmoid", r"a^{[1]}(1 - a^{[1]})"), ("relu", r"1\{z^{[1]} > 0\}")])
def test_the_hidden_slope_follows_the_activation(activation, slope):
    texts = _texts(week3.plot_backprop_graph(hidden_activation=activation))
    assert r"$dz^{[1]} = da^{[1]} \ast (" + slope + ")$" in texts


def test_every_label_is_valid_mathtext():
    fig, ax = plt.subplots()
    for activation in ("tanh", "sigmoid", "relu"):
        week3.plot_backprop_graph(ax=ax, hidden_activation=activation)
    fig.canvas.draw()  # raises if a label does not parse


def test_an_unknown_activation_is_a_value_error_naming_the_choices():
    with pytest.raises(ValueError, match=r"hidden_activation must be one of 'tanh', 'sigmoid', 'relu', got 'leaky'"):
        week3.plot_backprop_graph(hidden_activation="leaky")


def test_bad_arguments_are_type_errors():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        week3.plot_backprop_graph(ax="left")
    with pytest.raises(TypeError, match="hidden_activation must be a string"):
        week3.plot_backprop_graph(hidden_activation=None)
