"""The explorers of course_utils.widgets, and progress bars in a Jupyter kernel.

An explorer must draw its starting figure with no widget front end at all,
retrain and redraw when a control changes, refuse bad arguments with a clear
message, and still work (figure plus one line of advice) without ipywidgets.
The last tests run a real kernel, where the figure is updated in place through
its display handle and where tqdm's Jupyter bar must obey TQDM_DISABLE.
"""

import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import make_blobs, make_parity  # noqa: E402
from course_utils.widgets import (  # noqa: E402
    NO_IPYWIDGETS,
    explore_deep_network,
    explore_logistic_regression,
    explore_shallow_network,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def ipywidgets():
    return pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def blobs():
    """Two overlapping blobs: a training set of 200 and a test set of 100 points."""
    X, Y = make_blobs(m=200, noise=2.0, seed=0)
    X_test, Y_test = make_blobs(m=100, noise=2.0, seed=1)
    return X, Y, X_test, Y_test


@pytest.fixture(scope="module")
def parity4():
    X, Y = make_parity(4)
    return 2 * X - 1, Y


def cost_line(explorer):
    """The (x, y) data of the cost curve, the first line of the first axes."""
    line = explorer.figure.axes[0].get_lines()[0]
    return line.get_xdata(), line.get_ydata()


# --------------------------------------------------------------------------
# The starting figure, with no front end
# --------------------------------------------------------------------------

def test_the_starting_figure_is_drawn_and_described_without_a_front_end(blobs, capsys):
    explorer = explore_logistic_regression(*blobs, learning_rate=0.1, num_iterations=100)
    result = explorer.result

    # Outside IPython, display() prints what a notebook would show as text/plain.
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (
        f"Figure: logistic regression with learning_rate=0.1, num_iterations=100: "
        f"train accuracy {100 * result['train_accuracy']:.1f}%, "
        f"test accuracy {100 * result['test_accuracy']:.1f}%, "
        f"last recorded cost {result['costs'][-1]:.4f}"
    )
    assert result["error"] is None and 0.5 < result["test_accuracy"] <= 1
    assert result["costs"][-1] < result["costs"][0] == pytest.approx(np.log(2))

    # The figure holds what was trained: the cost curve, and one bar per accuracy.
    figure = explorer.figure
    assert len(figure.axes) == 2
    x, y = cost_line(explorer)
    np.testing.assert_allclose(y, result["costs"])
    np.testing.assert_array_equal(x, np.arange(len(result["costs"])) * result["record_every"])
    heights = [bar.get_height() for bar in figure.axes[1].patches]
    assert heights == [result["train_accuracy"], result["test_accuracy"]]
    assert "learning rate 0.1, 100 iterations" in figure.axes[0].get_title()

    # Not a pyplot figure, so a notebook's inline backend cannot show it a second time.
    assert plt.get_fignums() == []
    from course_utils.widgets import _FigureView

    assert _FigureView(explorer)._repr_png_().startswith(b"\x89PNG")


def test_the_accuracy_baseline_is_the_majority_class_of_the_scored_labels(blobs):
    X, Y, X_test, Y_test = blobs
    # Two thirds of the test labels 1, as in the course's own test file.
    Y_test = (np.arange(Y_test.shape[1]) % 3 != 0).astype(int).reshape(1, -1)
    explorer = explore_logistic_regression(X, Y, X_test, Y_test, num_iterations=50)
    share = max(Y_test.mean(), 1 - Y_test.mean())
    assert explorer.result["baseline"] == pytest.approx(share)
    ax = explorer.figure.axes[1]
    (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert line.get_ydata()[0] == pytest.approx(share)
    assert f"majority class {100 * share:.0f}%" in [text.get_text() for text in ax.texts]
    # Without test labels the training labels set the baseline.
    explorer = explore_logistic_regression(X, Y, num_iterations=50)
    assert explorer.result["baseline"] == pytest.approx(max(Y.mean(), 1 - Y.mean()))


def test_the_controls_describe_themselves_in_text(blobs, capsys, ipywidgets):
    explorer = explore_logistic_regression(*blobs, num_iterations=100)
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Controls: learning rate, iterations (they need a running Jupyter kernel")
    assert isinstance(explorer.widget, ipywidgets.VBox)
    assert list(explorer.widget.children) == list(explorer.controls.values())
    assert all(not getattr(c, "continuous_update", False) for c in explorer.controls.values())


# --------------------------------------------------------------------------
# Changing a control retrains and redraws
# --------------------------------------------------------------------------

def test_week2_learning_rate_and_iterations_sliders_retrain(blobs, ipywidgets):
    explorer = explore_logistic_regression(*blobs, learning_rate=0.1, num_iterations=100)
    before = explorer.result

    explorer.controls["learning_rate"].value = 0.001
    assert explorer.settings["learning_rate"] == 0.001
    after = explorer.result
    assert after is not before
    # A hundred times smaller steps: the cost has hardly left log(2).
    assert before["costs"][-1] < after["costs"][-1] < np.log(2)
    np.testing.assert_allclose(cost_line(explorer)[1], after["costs"])
    assert "learning rate 0.001, 100 iterations" in explorer.figure.axes[0].get_title()

    explorer.controls["num_iterations"].value = 1000
    costs = explorer.result["costs"]
    assert explorer.result["record_every"] == 10 and len(costs) == 100
    assert costs[-1] < after["costs"][-1]
    assert cost_line(explorer)[0][-1] == 990


def test_week3_playground_controls_retrain(ipywidgets):
    explorer = explore_shallow_network("circles", n_h=3, num_iterations=1000)
    assert explorer.result["test_accuracy"] > 0.95
    title = explorer.figure.axes[0].get_title()
    assert title.startswith("circles, n_h = 3 tanh units: train ")

    # A linear hidden layer draws a straight line: no better than a coin on circles.
    explorer.controls["hidden_activation"].value = "identity"
    assert explorer.result["test_accuracy"] < 0.65
    assert explorer.figure.axes[0].get_title().startswith("circles, n_h = 3 identity units")

    explorer.controls["dataset"].value = "moons"
    explorer.controls["hidden_activation"].value = "tanh"
    explorer.controls["n_h"].value = 1
    one_unit = explorer.result["train_accuracy"]
    explorer.controls["n_h"].value = 8
    assert explorer.result["parameters"]["W1"].shape == (8, 2)
    assert explorer.result["train_accuracy"] > one_unit
    assert explorer.settings == {"dataset": "moons", "n_h": 8, "hidden_activation": "tanh",
                                 "learning_rate": 1.2, "num_iterations": 1000, "m": 400,
                                 "init": "xavier", "seed": 1}


def test_week4_depth_and_width_sliders_retrain(parity4, ipywidgets):
    explorer = explore_deep_network(*parity4, L=1, num_iterations=500)
    # L = 1 is logistic regression, which cannot compute parity.
    assert explorer.result["train_accuracy"] < 0.7
    assert list(explorer.result["parameters"]) == ["W1", "b1"]

    explorer.controls["L"].value = 3
    explorer.controls["n_h"].value = 8
    shapes = [p.shape for p in explorer.result["parameters"].values()]
    assert shapes == [(8, 4), (8, 1), (8, 8), (8, 1), (1, 8), (1, 1)]
    assert explorer.result["train_accuracy"] == 1.0
    assert explorer.result["test_accuracy"] is None
    assert [bar.get_height() for bar in explorer.figure.axes[1].patches] == [1.0]
    assert explorer.figure.axes[0].get_title().startswith("[4, 8, 8, 1]: learning rate 0.3")

    costs = explorer.result["costs"]
    explorer.controls["seed"].value = 5
    assert explorer.result["costs"][0] != costs[0]  # another start


def test_update_moves_the_controls_and_trains_once(blobs, ipywidgets):
    explorer = explore_logistic_regression(*blobs, num_iterations=100)
    runs = []
    train = explorer._train
    explorer._train = lambda settings: runs.append(dict(settings)) or train(settings)

    # 0.07 is not one of the slider's values: it is added, in order.
    result = explorer.update(learning_rate=0.07, num_iterations=2500)
    assert runs == [{"learning_rate": 0.07, "num_iterations": 2500}]
    assert result is explorer.result
    slider = explorer.controls["learning_rate"]
    assert slider.value == 0.07 and slider.options[slider.index - 1:slider.index + 2] == (0.03, 0.07, 0.1)
    assert explorer.controls["num_iterations"].value == 2500 == explorer.controls["num_iterations"].max


def test_a_diverging_run_is_shown_not_raised(ipywidgets):
    X, Y = make_parity(8)
    explorer = explore_deep_network(2 * X - 1, Y, L=4, n_h=32, learning_rate=1e4, num_iterations=300)
    result = explorer.result
    assert result["error"].startswith("training diverged") and "smaller learning rate" in result["error"]
    assert result["costs"] == [] and result["parameters"] is None and result["train_accuracy"] is None
    assert "diverged" in explorer.figure.axes[0].texts[0].get_text()
    assert repr(explorer).startswith("Explorer(L-layer network: L=4, n_h=32,")
    # A gentler rate recovers.
    explorer.controls["learning_rate"].value = 0.1
    assert explorer.result["error"] is None and explorer.result["train_accuracy"] > 0.5


# --------------------------------------------------------------------------
# Bad arguments
# --------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X[0], Y), ValueError,
     r"X_train has shape \(200,\): a rank-1 array"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X.T, Y), ValueError,
     r"X_train has shape \(200, 2\) and Y_train has 200 examples: X_train looks like \(m, n_x\)\. "
     r"Examples are columns: pass X_train\.T\."),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y + 1), ValueError,
     r"Y_train must hold labels in \{0, 1\}"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, Xt), ValueError,
     "Pass X_test and Y_test together, or neither"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, np.vstack([Xt, Xt]), Yt), ValueError,
     r"X_test has 4 rows \(features\) but .* n_x=2"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, Xt, Yt[:, :5]), ValueError,
     r"X_test has 100 examples \(columns\) but Y_test has 5\. X_test must be \(n_x, m\) and "
     r"Y_test \(1, m\)"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, learning_rate=0), ValueError,
     "learning_rate must be a positive finite number, got 0"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, learning_rate="fast"), TypeError,
     "learning_rate must be a number, got str"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, num_iterations=0), ValueError,
     "num_iterations must be at least 1, got 0"),
    (lambda X, Y, Xt, Yt: explore_logistic_regression(X, Y, num_iterations=2.5), TypeError,
     "num_iterations must be a whole number"),
    (lambda X, Y, Xt, Yt: explore_shallow_network("spiral"), ValueError,
     "Unknown dataset 'spiral': expected one of 'flower', 'moons'"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(hidden_activation="softmax"), ValueError,
     "Unknown hidden_activation 'softmax'"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(n_h=0), ValueError, "n_h must be at least 1, got 0"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(m=1), ValueError, "m must be at least 2, got 1"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(init="random"), ValueError, "Unknown init 'random'"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(seed=np.random.default_rng(0)), TypeError,
     "seed must be an int, got Generator"),
    (lambda X, Y, Xt, Yt: explore_shallow_network(seed=-1), ValueError, "seed must be at least 0, got -1"),
    (lambda X, Y, Xt, Yt: explore_deep_network(X, Y, L=0), ValueError, "L must be at least 1, got 0"),
    (lambda X, Y, Xt, Yt: explore_deep_network(X, Y, n_h=1.5), TypeError, "n_h must be a whole number"),
], ids=lambda value: "" if callable(value) or isinstance(value, type) else value[:40])
def test_bad_arguments_are_refused_with_a_clear_message(blobs, call, error, message, capsys):
    with pytest.raises(error, match=message):
        call(*blobs)
    assert capsys.readouterr().out == ""  # refused before anything is shown


def test_update_refuses_unknown_and_bad_settings(blobs):
    explorer = explore_logistic_regression(*blobs, num_iterations=100)
    settings, result = dict(explorer.settings), explorer.result
    with pytest.raises(TypeError, match=r"unknown setting\(s\) 'n_h'; this explorer's settings are "
                                        r"'learning_rate', 'num_iterations'"):
        explorer.update(n_h=3)
    with pytest.raises(ValueError, match="learning_rate must be a positive finite number"):
        explorer.update(learning_rate=-1.0)
    assert explorer.settings == settings and explorer.result is result


# --------------------------------------------------------------------------
# Without ipywidgets
# --------------------------------------------------------------------------

def test_without_ipywidgets_the_figure_comes_with_one_line_of_advice(blobs, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # makes `import ipywidgets` fail
    with pytest.raises(ImportError):
        import ipywidgets  # noqa: F401
    explorer = explore_logistic_regression(*blobs, learning_rate=0.1, num_iterations=100)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == NO_IPYWIDGETS
    assert "pip install ipywidgets" in NO_IPYWIDGETS and "make lab" in NO_IPYWIDGETS
    assert out[1].startswith("Figure: logistic regression with learning_rate=0.1")
    assert len(out) == 2
    assert explorer.controls is None and explorer.widget is None
    assert len(explorer.figure.axes) == 2

    # update() still retrains and redraws.
    explorer.update(num_iterations=300)
    assert len(explorer.result["costs"]) == 100
    np.testing.assert_allclose(cost_line(explorer)[1], explorer.result["costs"])


# --------------------------------------------------------------------------
# In a real kernel: the display handle, and progress bars under TQDM_DISABLE
# --------------------------------------------------------------------------

KERNEL_CELLS = [
    # 0: an explorer, as a notebook makes it
    "import os\n"
    "import numpy as np\n"
    "import course_utils as cu\n"
    "X, Y = cu.make_blobs(m=200, noise=2.0, seed=0)\n"
    "explorer = cu.explore_logistic_regression(X, Y, learning_rate=0.1, num_iterations=100)",
    # 1: move a slider from another cell; the figure of cell 0 is replaced in place
    "explorer.controls['learning_rate'].value = 0.001",
    # 2: optimize's bar under TQDM_DISABLE=1, which the kernel inherited
    "print(os.environ['TQDM_DISABLE'])\n"
    "params, grads, costs = cu.optimize(np.zeros((2, 1)), 0.0, X, Y, 50, 0.1, progress=True)",
    # 3: L_layer_model's bar under TQDM_DISABLE=1
    "parameters, costs = cu.L_layer_model(X, Y, [2, 1], 0.1, 50, progress=True)",
    # 4: with TQDM_DISABLE unset, optimize's bar is a widget and nothing reaches stderr
    "del os.environ['TQDM_DISABLE']\n"
    "params, grads, costs = cu.optimize(np.zeros((2, 1)), 0.0, X, Y, 50, 0.1, progress=True)",
]


@pytest.fixture(scope="module")
def kernel_run():
    pytest.importorskip("ipywidgets")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TQDM_DISABLE", "1")  # as under make test; the kernel inherits it
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in KERNEL_CELLS])
        nbclient.NotebookClient(notebook, kernel_name="python3", timeout=120).execute()
    return [cell.outputs for cell in notebook.cells]


def text(output):
    return output.get("text") or output.get("data", {}).get("text/plain", "")


def test_in_a_kernel_the_figure_is_updated_in_place(kernel_run):
    controls, figure = kernel_run[0]
    assert controls.output_type == figure.output_type == "display_data"
    assert "application/vnd.jupyter.widget-view+json" in controls.data
    assert controls.data["text/plain"].startswith("Controls: learning rate, iterations")
    assert figure.data["image/png"]
    # Cell 1 moved the slider: the figure displayed by cell 0 now shows the new rate.
    assert figure.data["text/plain"].startswith(
        "Figure: logistic regression with learning_rate=0.001, num_iterations=100: train accuracy ")
    assert kernel_run[1] == []


def test_optimize_progress_bar_obeys_tqdm_disable_in_jupyter(kernel_run):
    assert [text(o) for o in kernel_run[2]] == ["1\n"]  # no bar, no warning
    shown = kernel_run[4]
    assert len(shown) == 1 and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]
    assert "training" in shown[0]["data"]["text/plain"]
    assert not [o for o in shown if o.get("name") == "stderr"]


def test_L_layer_model_progress_bar_obeys_tqdm_disable_in_jupyter(kernel_run):
    assert kernel_run[3] == []
