"""Tests for course_utils.plotting: each function draws on and returns its ax."""

import importlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from course_utils.plotting import (  # noqa: E402
    plot_activation,
    plot_costs,
    plot_decision_boundary,
    plot_images,
    plot_mislabeled,
)

CLASSES = np.array([b"non-cat", b"cat"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def ax():
    _, ax = plt.subplots()
    return ax


@pytest.fixture
def activations():
    """The lead's activations module, or a skip while it does not exist yet."""
    try:
        return importlib.import_module("course_utils.activations")
    except ImportError:
        pytest.skip("course_utils.activations is not written yet")


def legend_texts(ax):
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def pictures(m, h=8, w=8, c=3, seed=0):
    return np.random.default_rng(seed).integers(0, 256, size=(m, h, w, c), dtype=np.uint8)


def planar(m=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = (X[0:1] > 0).astype(np.int64)
    return X, Y


# --------------------------------------------------------------------------
# plot_activation
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_plot_activation_draws_g_and_its_derivative(activations, ax, name):
    assert plot_activation(name, ax=ax) is ax
    assert legend_texts(ax) == ["g(z)", "g'(z)"]
    assert ax.get_title() == name
    forward, backward = activations.ACTIVATIONS[name]
    z = np.linspace(-5, 5, 201)
    curves = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(curves["g(z)"].get_xdata(), z)
    np.testing.assert_allclose(curves["g(z)"].get_ydata(), np.ravel(forward(z[None])))
    np.testing.assert_allclose(curves["g'(z)"].get_ydata(),
                               np.ravel(backward(np.ones((1, 201)), z[None])))


def test_plot_activation_custom_z_and_new_figure(activations):
    ax = plot_activation("tanh", z=[-1.0, 0.0, 1.0])
    line = next(l for l in ax.get_lines() if l.get_label() == "g(z)")
    np.testing.assert_allclose(line.get_ydata(), np.tanh([-1.0, 0.0, 1.0]))


def test_plot_activation_unknown_name(activations):
    with pytest.raises(ValueError, match=r"Unknown activation name 'swish': expected one of "
                                         r".*'sigmoid'"):
        plot_activation("swish")
    with pytest.raises(TypeError, match=r"activation name must be a string"):
        plot_activation(np.tanh)


# --------------------------------------------------------------------------
# plot_costs
# --------------------------------------------------------------------------

def test_plot_costs_single_run(ax):
    assert plot_costs([0.7, 0.5, 0.4], ax=ax, record_every=50) is ax
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 50, 100])
    np.testing.assert_array_equal(line.get_ydata(), [0.7, 0.5, 0.4])
    assert ax.get_legend() is None  # no label, no legend
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "cost"


def test_plot_costs_dict_of_runs(ax):
    runs = {0.01: [0.7, 0.6], 0.001: [0.7, 0.69, 0.68], "0.1": np.array([0.7, 0.2])}
    assert plot_costs(runs, ax=ax) is ax
    assert len(ax.get_lines()) == 3
    assert legend_texts(ax) == ["0.01", "0.001", "0.1"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_xdata(), [0, 100, 200])


def test_plot_costs_twice_on_one_ax_overlays_runs(ax):
    plot_costs([0.7, 0.5], ax=ax, label="lr = 0.01")
    plot_costs([0.7, 0.3], ax=ax, label="lr = 0.1")
    assert len(ax.get_lines()) == 2
    assert legend_texts(ax) == ["lr = 0.01", "lr = 0.1"]


def test_plot_costs_accepts_course_style_costs():
    # The course appends np.squeeze(cost) or (1, 1) arrays; both are one series.
    ax = plot_costs([np.array([[0.7]]), np.array([[0.6]])])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [0.7, 0.6])
    ax = plot_costs(np.array([[0.7, 0.6, 0.5]]))
    assert ax.get_lines()[0].get_ydata().shape == (3,)


def test_plot_costs_stops_a_diverged_run_at_its_last_finite_cost(ax):
    # The course's own pictures with a large rate: log(0) makes the cost inf, then NaN.
    runs = {"lr 0.005": [0.69, 0.5, 0.4], "lr 5": [0.69, 3.2, np.inf, np.nan]}
    plot_costs(runs, ax=ax, record_every=10)
    fine, diverged = ax.get_lines()
    np.testing.assert_array_equal(diverged.get_xdata(), [0, 10])
    np.testing.assert_array_equal(diverged.get_ydata(), [0.69, 3.2])
    assert all(np.isfinite(line.get_ydata()).all() for line in ax.get_lines())
    assert legend_texts(ax) == ["lr 0.005", "lr 5 (cost not finite from iteration 20)"]


def test_plot_costs_run_that_is_never_finite_is_named_not_drawn(ax):
    plot_costs([np.nan, np.nan], ax=ax)
    (line,) = ax.get_lines()
    assert line.get_xdata().size == 0
    assert legend_texts(ax) == ["cost not finite from iteration 0"]


def test_plot_costs_errors():
    with pytest.raises(ValueError, match=r"label names a single run, but costs is a dict"):
        plot_costs({"a": [1.0]}, label="b")
    with pytest.raises(ValueError, match=r"costs is empty: there is nothing to plot"):
        plot_costs([])
    with pytest.raises(ValueError, match=r"costs is an empty dict"):
        plot_costs({})
    with pytest.raises(ValueError, match=r"costs must be a 1-D sequence of numbers, got shape \(2, 2\)"):
        plot_costs(np.ones((2, 2)))
    with pytest.raises(TypeError, match=r"costs\['a'\] must be a sequence of numbers"):
        plot_costs({"a": ["high", "low"]})
    with pytest.raises(ValueError, match=r"record_every must be at least 1, got 0"):
        plot_costs([1.0], record_every=0)
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes"):
        plot_costs([1.0], ax="left")


# --------------------------------------------------------------------------
# plot_decision_boundary
# --------------------------------------------------------------------------

def split_scatter(ax, X):
    """The scatter of ``X`` and the other collections (the filled contours).

    matplotlib >= 3.8 puts one ContourSet in ax.collections, older versions one
    PathCollection per filled level, so the scatter is found by its points.
    """
    scatter = [c for c in ax.collections if np.shape(c.get_offsets()) == X.T.shape]
    assert len(scatter) == 1
    return scatter[0], [c for c in ax.collections if c is not scatter[0]]


def test_plot_decision_boundary_draws_regions_and_points(ax):
    X, Y = planar(m=40)
    seen = []

    def predict(P):
        seen.append(P.shape)
        return (P[0:1] > 0).astype(int)

    assert plot_decision_boundary(predict, X, Y, ax=ax, resolution=30) is ax
    assert seen == [(2, 900)]  # called once, on the grid, examples as columns
    scatter, others = split_scatter(ax, X)
    np.testing.assert_allclose(scatter.get_offsets(), X.T)
    np.testing.assert_array_equal(scatter.get_array(), Y[0])
    assert others, "no filled contours were drawn"
    # The grid covers the data plus the padding.
    assert ax.get_xlim() == pytest.approx((X[0].min() - 0.5, X[0].max() + 0.5))


@pytest.mark.parametrize("predict", [
    lambda P: (P[0] > 0),                       # (k,) booleans
    lambda P: np.zeros((1, P.shape[1])),        # a single class everywhere
    lambda P: 1 / (1 + np.exp(-P[0:1])),        # probabilities: continuous shading
], ids=["flat", "one-class", "scores"])
def test_plot_decision_boundary_other_prediction_forms(ax, predict):
    X, Y = planar()
    plot_decision_boundary(predict, X, Y, ax=ax, resolution=20)
    _, others = split_scatter(ax, X)
    assert others


def test_plot_decision_boundary_predict_of_wrong_shape(ax):
    X, Y = planar()
    with pytest.raises(ValueError, match=r"predict returned shape \(400, 1\) for a grid of 400 "
                                         r"points .* expected \(1, 400\) or \(400,\)"):
        plot_decision_boundary(lambda P: (P[0:1] > 0).T, X, Y, ax=ax, resolution=20)
    with pytest.raises(ValueError, match=r"predict returned shape \(2, 400\)"):
        plot_decision_boundary(lambda P: P > 0, X, Y, ax=ax, resolution=20)


def test_plot_decision_boundary_input_errors():
    X, Y = planar()
    with pytest.raises(ValueError, match=r"X has shape \(40, 2\), which looks like \(m, n_x\).*"
                                         r"pass X\.T"):
        plot_decision_boundary(lambda P: P[0] > 0, X.T, Y)
    with pytest.raises(ValueError, match=r"Y has shape \(40,\): a rank-1 array"):
        plot_decision_boundary(lambda P: P[0] > 0, X, Y[0])
    with pytest.raises(TypeError, match=r"predict must be a function from a \(2, k\) array"):
        plot_decision_boundary("model", X, Y)
    with pytest.raises(ValueError, match=r"padding must be a non-negative finite number \(the margin around the data\), got -1"):
        plot_decision_boundary(lambda P: P[0] > 0, X, Y, padding=-1)
    with pytest.raises(ValueError, match=r"resolution must be at least 2, got 1"):
        plot_decision_boundary(lambda P: P[0] > 0, X, Y, resolution=1)


def test_plot_decision_boundary_leaves_inputs_alone():
    X, Y = planar()
    X0, Y0 = X.copy(), Y.copy()
    plot_decision_boundary(lambda P: P[0] > 0, X, Y, resolution=10)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


# --------------------------------------------------------------------------
# plot_images and plot_mislabeled
# --------------------------------------------------------------------------

def only_image(ax):
    images = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert len(images) == 1
    return images[0]


@pytest.mark.parametrize("m, ncols, max_images, grid", [
    (10, 4, 32, (3, 4)),   # 10 pictures, 4 per row: 3 rows
    (3, 8, 32, (1, 3)),    # fewer pictures than ncols: one short row
    (40, 8, 16, (2, 8)),   # only max_images are shown
])
def test_plot_images_mosaic_size(ax, m, ncols, max_images, grid):
    assert plot_images(pictures(m), ax=ax, ncols=ncols, max_images=max_images) is ax
    nrows, per_row = grid
    gap = 1  # max(1, 8 // 16) for 8 x 8 pictures
    expected = (nrows * 8 + (nrows - 1) * gap, per_row * 8 + (per_row - 1) * gap, 3)
    assert only_image(ax).get_array().shape == expected
    assert not ax.axison


def test_plot_images_places_pictures_with_gaps(ax):
    images = pictures(5, h=32, w=32)
    plot_images(images, ax=ax, ncols=2)
    mosaic = only_image(ax).get_array()
    gap = 2  # 32 // 16
    assert mosaic.shape == (3 * 32 + 2 * gap, 2 * 32 + gap, 3)
    np.testing.assert_allclose(mosaic[:32, :32], images[0] / 255)
    np.testing.assert_allclose(mosaic[32 + gap:64 + gap, 32 + gap:], images[3] / 255)
    np.testing.assert_allclose(mosaic[32:32 + gap], 1.0)  # white gap between rows


def test_plot_images_captions_with_class_names(ax):
    labels = np.array([[0, 1, 1]])
    predictions = np.array([0, 1, 0])
    plot_images(pictures(3), labels=labels, predictions=predictions, classes=CLASSES, ax=ax)
    captions = [t.get_text() for t in ax.texts]
    assert captions == ["non-cat\npred: non-cat", "cat\npred: cat", "cat\npred: non-cat"]
    colours = [t.get_color() for t in ax.texts]
    assert colours == ["black", "black", "red"]


def test_plot_images_labels_only_and_grayscale(ax):
    gray = np.linspace(0, 1, 2 * 6 * 6).reshape(2, 6, 6)
    plot_images(gray, labels=[1, 0], ax=ax)
    assert only_image(ax).get_array().shape == (6, 6 + 1 + 6)
    assert [t.get_text() for t in ax.texts] == ["1", "0"]


def test_plot_images_errors():
    with pytest.raises(ValueError, match=r"images has shape \(192, 5\): 2-D, like flattened "
                                         r"examples .* X\.T\.reshape\(m, h, w, c\)"):
        plot_images(np.zeros((192, 5)))
    with pytest.raises(ValueError, match=r"float images must lie in \[0, 1\], got values from "
                                         r"0\.0 to 255\.0\. For 0\.\.255 values use images / 255"):
        plot_images(pictures(2).astype(float))
    with pytest.raises(ValueError, match=r"the last axis must be the colour channels"):
        plot_images(np.zeros((2, 3, 8, 8)))
    with pytest.raises(ValueError, match=r"labels has 2 entries but there are 3 images"):
        plot_images(pictures(3), labels=[0, 1])
    with pytest.raises(ValueError, match=r"predictions must have shape \(1, m\) or \(m,\), "
                                         r"got \(3, 1\)\. Use predictions\.T"):
        plot_images(pictures(3), predictions=np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"predictions must hold whole class indices .* "
                                         r"\(predictions > 0\.5\)\.astype\(int\)"):
        plot_images(pictures(2), predictions=[0.2, 0.9])
    with pytest.raises(ValueError, match=r"labels holds class index 2, but classes has 2 names"):
        plot_images(pictures(2), labels=[0, 2], classes=CLASSES)
    with pytest.raises(ValueError, match=r"ncols must be at least 1, got 0"):
        plot_images(pictures(2), ncols=0)


def test_plot_mislabeled_shows_only_the_wrong_ones(ax):
    images = pictures(6, h=8, w=8)
    Y = np.array([[1, 0, 1, 0, 1, 1]])
    predictions = np.array([[1, 1, 1, 0, 0, 1]])  # wrong at 1 and 4
    assert plot_mislabeled(images, Y, predictions, classes=CLASSES, ax=ax) is ax
    mosaic = only_image(ax).get_array()
    assert mosaic.shape == (8, 8 + 1 + 8, 3)
    np.testing.assert_allclose(mosaic[:, :8], images[1] / 255)
    np.testing.assert_allclose(mosaic[:, 9:], images[4] / 255)
    assert [t.get_text() for t in ax.texts] == ["non-cat\npred: cat", "cat\npred: non-cat"]
    assert all(t.get_color() == "red" for t in ax.texts)
    assert ax.get_title() == "2 of 6 examples mislabeled"


def test_plot_mislabeled_none_wrong(ax):
    Y = np.array([[1, 0, 1]])
    assert plot_mislabeled(pictures(3), Y, Y.copy(), ax=ax) is ax
    assert [t.get_text() for t in ax.texts] == ["no mislabeled examples"]
    assert not any(isinstance(a, AxesImage) for a in ax.get_children())


def test_plot_mislabeled_mismatched_lengths():
    with pytest.raises(ValueError, match=r"predictions has 2 entries but there are 3 images"):
        plot_mislabeled(pictures(3), [0, 1, 1], [0, 1])


# --------------------------------------------------------------------------
# No global state, new figures on request
# --------------------------------------------------------------------------

def _draw_everything(ax_list):
    X, Y = planar()
    plot_costs({"a": [1.0, 0.5]}, ax=ax_list[0])
    plot_decision_boundary(lambda P: P[0] > 0, X, Y, ax=ax_list[1], resolution=10)
    plot_images(pictures(3), labels=[0, 1, 0], predictions=[0, 1, 1], classes=CLASSES,
                ax=ax_list[2])
    plot_mislabeled(pictures(3), [0, 1, 0], [1, 1, 0], ax=ax_list[3])


def test_rcparams_unchanged():
    before = dict(plt.rcParams)
    _, axes = plt.subplots(1, 4)
    _draw_everything(axes)
    try:
        plot_activation("sigmoid", ax=axes[0])
    except ImportError:
        pass  # activations.py not written yet; the others were still checked
    assert dict(plt.rcParams) == before


def test_ax_none_makes_a_new_figure():
    X, Y = planar()
    axes = [
        plot_costs([1.0, 0.5]),
        plot_decision_boundary(lambda P: P[0] > 0, X, Y, resolution=10),
        plot_images(pictures(2)),
        plot_mislabeled(pictures(2), [0, 1], [1, 1]),
    ]
    figures = {ax.figure for ax in axes}
    assert len(figures) == 4
    assert all(isinstance(ax, matplotlib.axes.Axes) for ax in axes)


def test_plot_network_draws_units_weights_and_labels():
    from course_utils.plotting import plot_network

    fig, ax = plt.subplots()
    assert plot_network([3, 4, 1], ax=ax, input_names=["size", "bedrooms", "zip code"]) is ax
    # 3*4 + 4*1 weights drawn as lines; one scatter of units per layer.
    assert len(ax.get_lines()) == 16
    assert len(ax.collections) == 3
    texts = [t.get_text() for t in ax.texts]
    assert "size" in texts and "layer 1\nn[1]=4" in texts


def test_plot_network_abbreviates_wide_layers():
    from course_utils.plotting import plot_network

    fig, ax = plt.subplots()
    plot_network([3072, 20, 1], ax=ax, max_units=8)
    assert len(ax.get_lines()) == 7 * 7 + 7 * 1
    assert any("3072 units" in t.get_text() for t in ax.texts)


def test_plot_network_bad_input():
    from course_utils.plotting import plot_network

    with pytest.raises(ValueError, match=r"input_names has 1 names but layer_dims\[0\] = 2 inputs"):
        plot_network([2, 1], input_names=["a"])
    with pytest.raises(ValueError, match=r"layer_dims must have at least 2 entries"):
        plot_network([2])
