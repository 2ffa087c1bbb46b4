"""Tests for course_utils.plotting.week2: the figures only week 2's notebook draws.

Each function draws on the axes it is given (or on a new figure) and returns them; the tests
check what is drawn (titles, labels, lines, texts) and that bad input gets a clear error.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import plotting  # noqa: E402
from course_utils.plotting import (  # noqa: E402
    plot_computation_graph,
    plot_costs_of_w,
    plot_descent_paths,
    plot_rate_comparison,
    plot_tangents,
    plot_value_histograms,
)

VALUES = {"a": 5, "b": 3, "c": 2, "u": 6, "v": 11, "J": 33}
DERIVATIVES = {"a": 3, "b": 6, "c": 9, "u": 3, "v": 3}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_function_is_exported_from_plotting():
    for name in ("plot_costs_of_w", "plot_descent_paths", "plot_tangents", "plot_computation_graph",
                 "plot_value_histograms", "plot_rate_comparison"):
        assert name in plotting.__all__ and callable(getattr(plotting, name))


# ------------------------------------------------------------------ plot_costs_of_w

def test_costs_of_w_draws_one_panel_per_cost_with_its_minimum():
    w = np.linspace(-2, 2, 41)
    axes = plot_costs_of_w(w, {"square": (w - 1) ** 2, "shifted": (w + 0.5) ** 2 + 1},
                           notes={"square": [(-1.5, "steep")]})
    assert [ax.get_title() for ax in axes] == ["square cost", "shifted cost"]
    assert axes[0].figure is axes[1].figure
    curve, minimum = axes[0].get_lines()
    np.testing.assert_allclose(curve.get_xdata(), w)
    assert minimum.get_xdata()[0] == pytest.approx(1.0) and minimum.get_ydata()[0] == pytest.approx(0.0)
    assert axes[1].get_lines()[1].get_xdata()[0] == pytest.approx(-0.5)
    assert axes[0].get_legend().get_texts()[0].get_text() == "minimum at w = 1.00"
    assert [t.get_text() for t in axes[0].texts] == ["steep"] and not axes[1].texts
    assert axes[0].get_xlabel() == "w  (b = 0)" and axes[0].get_ylabel() == "J(w)"


def test_costs_of_w_draws_on_the_axes_it_is_given():
    _, given = plt.subplots(1, 1, squeeze=False)
    axes = plot_costs_of_w([0.0, 1.0, 2.0], {"line": [2.0, 1.0, 3.0]}, axes=given)
    assert axes[0] is given[0, 0]


@pytest.mark.parametrize("costs, kwargs, error, match", [
    ({"a": [1.0, 2.0]}, {}, ValueError, "costs\\['a'\\] has 2 values but w has 3"),
    ({}, {}, ValueError, "empty dict"),
    ([1.0, 2.0, 3.0], {}, TypeError, "costs must be a dict"),
    ({"a": [1.0, 2.0, 3.0]}, {"notes": {"b": [(0.0, "x")]}}, ValueError, "notes name \\['b'\\]"),
    ({"a": [1.0, 2.0, 3.0]}, {"axes": []}, ValueError, "axes must hold 1 Axes"),
])
def test_costs_of_w_refuses_bad_input(costs, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_costs_of_w([0.0, 1.0, 2.0], costs, **kwargs)


# ------------------------------------------------------------------ plot_descent_paths

def test_descent_paths_draw_curve_path_start_and_bottom():
    axes = plot_descent_paths(lambda w: w ** 2, {"slow": [2.0, 1.5, 1.1], "fast": [2.0, -1.0]},
                              np.linspace(-3, 3, 61), w_bottom=0.0)
    assert [ax.get_title() for ax in axes] == ["slow", "fast"]
    curve, bottom, path, start = axes[0].get_lines()
    assert len(curve.get_xdata()) == 61
    assert list(bottom.get_xdata()) == [0.0, 0.0]
    np.testing.assert_allclose(path.get_ydata(), [4.0, 2.25, 1.21])
    assert start.get_marker() == "s" and start.get_xdata()[0] == 2.0
    assert axes[0].get_ylabel() == "J(w)" and axes[1].get_ylabel() == ""
    assert axes[0].get_shared_y_axes().joined(axes[0], axes[1])


def test_descent_paths_without_a_bottom_draw_no_vertical_line():
    (ax,) = plot_descent_paths(lambda w: w ** 2, {"one": [1.0, 0.5]}, np.linspace(-1, 1, 5))
    assert len(ax.get_lines()) == 3


@pytest.mark.parametrize("cost, paths, error, match", [
    (3.0, {"a": [1.0]}, TypeError, "cost must be a function"),
    (abs, [1.0, 2.0], TypeError, "paths must be a dict"),
    (abs, {"a": []}, ValueError, "paths\\['a'\\] is empty"),
])
def test_descent_paths_refuse_bad_input(cost, paths, error, match):
    with pytest.raises(error, match=match):
        plot_descent_paths(cost, paths, np.linspace(-1, 1, 5))


# ------------------------------------------------------------------ plot_tangents

def test_tangents_touch_at_a0_with_the_given_slope():
    a = np.linspace(0.5, 3.5, 31)
    axes = plot_tangents({"a^2": (lambda x: x ** 2, lambda x: 2 * x), "3a": (lambda x: 3 * x, lambda x: 3.0)},
                         2.0, a)
    assert [ax.get_title() for ax in axes] == ["f(a) = a^2", "f(a) = 3a"]
    curve, tangent, point = axes[0].get_lines()
    np.testing.assert_allclose(tangent.get_ydata(), 4 + 4 * (a - 2))
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (2.0, 4.0)
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["f(a)", "slope 4"]
    assert axes[0].get_ylabel() == "f(a)"


def test_tangents_refuse_a_function_without_its_derivative():
    with pytest.raises(TypeError, match="must be a pair \\(f, f_prime\\)"):
        plot_tangents({"a^2": lambda x: x ** 2}, 1.0, [0.0, 1.0])


# ------------------------------------------------------------------ plot_computation_graph

def test_computation_graph_shows_every_value_and_derivative():
    ax = plot_computation_graph(VALUES, DERIVATIVES)
    texts = [t.get_text() for t in ax.texts]
    for expected in ("a = 5", "b = 3", "c = 2", "u = bc\n= 6", "v = a + u\n= 11", "J = 3v\n= 33",
                     "dJ/da = 3", "dJ/db = 6", "dJ/dc = 9", "dJ/du = 3", "dJ/dv = 3", "dJ/dJ = 1"):
        assert expected in texts
    arrows = [child for child in ax.texts if child.get_text() == "" and getattr(child, "arrow_patch", None)]
    assert len(arrows) == 5
    assert ax.get_title() == "The computation graph of J = 3(a + bc)"
    assert not ax.axison


def test_computation_graph_names_the_missing_node():
    with pytest.raises(ValueError, match="derivatives has no entry for the node\\(s\\) u"):
        plot_computation_graph(VALUES, {k: v for k, v in DERIVATIVES.items() if k != "u"})
    with pytest.raises(ValueError, match="values has no entry for the node\\(s\\) J"):
        plot_computation_graph({k: v for k, v in VALUES.items() if k != "J"}, DERIVATIVES)


def test_computation_graph_refuses_what_is_not_an_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_computation_graph(VALUES, DERIVATIVES, ax="left")


# ------------------------------------------------------------------ plot_value_histograms

def test_value_histograms_count_every_entry():
    X = np.arange(12.0).reshape(3, 4)
    axes = plot_value_histograms({"raw": (X, 4), "/11": (X / 11, np.linspace(0, 1, 3))})
    assert [ax.get_title() for ax in axes] == ["raw", "/11"]
    assert sum(patch.get_height() for patch in axes[0].patches) == 12
    assert len(axes[1].patches) == 2
    assert axes[0].get_ylabel() == "count" and axes[1].get_xlabel() == "feature value"


@pytest.mark.parametrize("values, error, match", [
    ({"raw": np.arange(3)}, TypeError, "must be a pair \\(X, bins\\)"),
    ({"raw": (np.array(["a", "b"]), 2)}, TypeError, "must be a sequence of numbers"),
    ({}, ValueError, "empty dict"),
])
def test_value_histograms_refuse_bad_input(values, error, match):
    with pytest.raises(error, match=match):
        plot_value_histograms(values)


# ------------------------------------------------------------------ plot_rate_comparison

def test_rate_comparison_draws_records_and_first_steps_in_the_same_colours():
    recorded = {"rate 0.1": [0.69, 0.5, 0.4], "rate 1": [0.69, 0.9, float("inf")]}
    first = {"rate 0.1": [0.69, 0.68, 0.67, 0.66], "rate 1": [0.69, 1.2, 0.8, 1.1]}
    ax_runs, ax_first = plot_rate_comparison(recorded, first)
    assert [line.get_marker() for line in ax_runs.get_lines()] == ["o", "o"]
    np.testing.assert_allclose(ax_runs.get_lines()[0].get_xdata(), [0, 100, 200])
    assert len(ax_runs.get_lines()[1].get_xdata()) == 2   # drawn up to the last finite cost
    labels = [t.get_text() for t in ax_runs.get_legend().get_texts()]
    assert labels == ["rate 0.1", "rate 1 (cost not finite from iteration 200)"]
    np.testing.assert_allclose(ax_first.get_lines()[1].get_xdata(), [0, 1, 2, 3])
    assert ax_first.get_legend() is None
    assert [line.get_color() for line in ax_runs.get_lines()] == [line.get_color() for line in ax_first.get_lines()]
    assert ax_runs.get_title() == "cost every 100 iterations"
    assert ax_first.get_title() == "the first 3 steps, cost at every step"


def test_rate_comparison_wants_the_same_runs_on_both_sides():
    with pytest.raises(ValueError, match="the same labels in the same order"):
        plot_rate_comparison({"a": [1.0], "b": [1.0]}, {"b": [1.0], "a": [1.0]})
