"""The figures of week 1's notebook (course_utils.plotting.week1): what each draws, and clear errors."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from course_utils import plotting  # noqa: E402
from course_utils.plotting import week1  # noqa: E402

SIZES = np.array([[0.4, 0.8, 1.2, 2.0]])
PRICES = np.array([[0.0, 0.4, 1.2, 2.8]])


def price_of(sizes):
    return np.maximum(0, 2.0 * sizes - 1.2)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_the_week_1_figures_are_offered_by_course_utils_plotting():
    assert set(week1.__all__) == {"plot_house_fit", "plot_accuracy_against_size", "plot_activation_slopes",
                                  "plot_idea_loop"}
    for name in week1.__all__:
        assert name in plotting.__all__ and getattr(plotting, name) is getattr(week1, name)


# ================================================================ plot_house_fit


def test_plot_house_fit_draws_the_houses_the_bent_line_and_the_costs():
    axes = plotting.plot_house_fit(SIZES, PRICES, price_of, [0.5, 0.1, 0.01])
    assert len(axes) == 2 and all(isinstance(ax, Axes) for ax in axes)
    fit, cost = axes
    (line,) = fit.get_lines()
    x, y = line.get_data()
    assert x[0] == 0 and np.isclose(x[-1], 2.2)
    np.testing.assert_allclose(y, price_of(x))  # flat at 0 left of the bend at 0.6, then rising
    assert y[x < 0.6].max() == 0 and y[-1] > 3
    np.testing.assert_allclose(fit.collections[0].get_offsets(), np.column_stack([SIZES[0], PRICES[0]]))
    assert [t.get_text() for t in fit.get_legend().get_texts()] == ["fitted neuron", "houses"]
    assert cost.get_yscale() == "log"
    np.testing.assert_allclose(cost.get_lines()[0].get_ydata(), [0.5, 0.1, 0.01])


def test_plot_house_fit_draws_on_the_axes_given():
    fig, given = plt.subplots(1, 2)
    axes = plotting.plot_house_fit(SIZES[0], PRICES[0], price_of, [0.3], axes=given)
    assert list(axes) == list(given) and len(fig.axes) == 2


def test_plot_house_fit_errors():
    with pytest.raises(ValueError, match="sizes has 4 houses but prices has 3: give one price per size"):
        plotting.plot_house_fit(SIZES, PRICES[:, :3], price_of, [0.1])
    with pytest.raises(TypeError, match="price_of must be a function of an array of sizes, got float"):
        plotting.plot_house_fit(SIZES, PRICES, 2.0, [0.1])
    with pytest.raises(ValueError, match=r"price_of\(sizes\) must return one price per size, an array of shape "
                                         r"\(200,\); got shape \(1, 200\)"):
        plotting.plot_house_fit(SIZES, PRICES, lambda s: price_of(s).reshape(1, -1), [0.1])
    with pytest.raises(TypeError, match="axes must be 2 matplotlib Axes"):
        plotting.plot_house_fit(SIZES, PRICES, price_of, [0.1], axes=plt.subplots()[1])
    with pytest.raises(TypeError, match="sizes must hold numbers"):
        plotting.plot_house_fit(["small", "big"], [0, 1], price_of, [0.1])


# ================================================================ plot_accuracy_against_size

TEST_ACC = {"logistic": [0.6, 0.65, 0.66], "net": [0.62, 0.66, 0.7]}
TRAIN_ACC = {"logistic": [0.8, 0.7, 0.69], "net": [0.97, 0.78, 0.73]}


def test_plot_accuracy_against_size_draws_one_line_per_model_in_percent():
    axes = plotting.plot_accuracy_against_size([250, 1000, 4000], TEST_ACC, TRAIN_ACC, baseline=0.5,
                                               num_iterations=60)
    test, train = axes
    lines = [line for line in test.get_lines() if line.get_linestyle() != ":"]
    np.testing.assert_allclose(lines[1].get_ydata(), [62, 66, 70])
    np.testing.assert_allclose(train.get_lines()[0].get_ydata(), [80, 70, 69])
    assert [line.get_ydata()[0] for line in test.get_lines() if line.get_linestyle() == ":"] == [50]
    assert test.get_xscale() == "log" and [t.get_text() for t in test.get_xticklabels()] == ["250", "1000", "4000"]
    assert test.get_title() == "Test accuracy after 60 steps"
    assert train.get_title() == "Training accuracy after 60 steps"
    assert [t.get_text() for t in train.get_legend().get_texts()] == ["logistic", "net", "majority class"]


def test_plot_accuracy_against_size_errors():
    with pytest.raises(ValueError, match=r"test_acc\['net'\] has 2 accuracies but there are 3 training-set sizes"):
        plotting.plot_accuracy_against_size([250, 1000, 4000], {**TEST_ACC, "net": [0.6, 0.7]}, TRAIN_ACC)
    with pytest.raises(ValueError, match="must name the same models"):
        plotting.plot_accuracy_against_size([250, 1000, 4000], TEST_ACC, {"net": TRAIN_ACC["net"]})
    with pytest.raises(TypeError, match="must be dicts: model name -> its accuracies"):
        plotting.plot_accuracy_against_size([250, 1000, 4000], [0.6, 0.65, 0.66], TRAIN_ACC)


# ================================================================ plot_activation_slopes


def test_plot_activation_slopes_draws_both_activations_and_their_slopes():
    axes = plotting.plot_activation_slopes()
    assert len(axes) == 3
    slopes = axes[2]
    (sigmoid_line, relu_line) = slopes.get_lines()
    z, s = sigmoid_line.get_data()
    assert z[0] == -8 and z[-1] == 8 and np.isclose(s.max(), 0.25)
    np.testing.assert_array_equal(relu_line.get_ydata(), (z > 0).astype(float))
    assert "sigmoid" in axes[0].get_title().lower() and "relu" in axes[1].get_title().lower()


def test_plot_activation_slopes_errors():
    with pytest.raises(ValueError, match=r"z must be a \(1, m\) row or an \(m,\) array"):
        plotting.plot_activation_slopes(z=np.zeros((2, 3)))
    with pytest.raises(TypeError, match="axes must be 3 matplotlib Axes"):
        plotting.plot_activation_slopes(axes=plt.subplots(1, 2)[1])


# ================================================================ plot_idea_loop


def test_plot_idea_loop_draws_three_stages_and_three_arrows():
    ax = plotting.plot_idea_loop()
    texts = [t.get_text() for t in ax.texts if not isinstance(t, Annotation)]
    assert {"Idea", "Code", "Experiment"} <= set(texts)
    assert len([t for t in ax.texts if isinstance(t, Annotation)]) == 3
    assert not ax.axison and ax.get_title() == "The empirical loop of deep learning"


def test_plot_idea_loop_errors():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plotting.plot_idea_loop(ax="the axes")
