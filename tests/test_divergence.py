"""Divergence is reported even though the clipped cost never becomes inf (issue 12, item 1).

The cost is clipped at -log(eps) (36.04 in float64), so a diverging run used to
end quietly at a cost of about 18 and accuracy 0.5. ``L_layer_model`` now
raises FloatingPointError when the weights pass 1e150 (or stop being finite),
or when the cost stays at 10x its start (and at least 0.2 of the ceiling) for
200 iterations in a row; a run that merely overshoots, like week 4's learning
rate 0.5 over 80 iterations, is left alone.
"""

import re
import subprocess
import sys

import numpy as np
import pytest

import course_utils as cu
from course_utils.logistic import optimize
from course_utils.training import DIVERGENCE_PATIENCE


@pytest.fixture(scope="module")
def shipped():
    train_x_orig, train_y, *_ = cu.load_dataset()
    return cu.flatten(train_x_orig), train_y


def test_logistic_regression_at_1e300_names_iteration_1(shipped):
    flat, y = shipped
    X = cu.standardize(flat, "meanstd")
    with pytest.raises(FloatingPointError,
                       match=r"^The weights became [0-9.]+e\+299 \(beyond 1e\+150\): training diverged "
                             r"at iteration 1; try a smaller learning_rate than 1e\+300 \(for example 1e\+299\)"):
        cu.L_layer_model(X[:, :1000], y[:, :1000], [X.shape[0], 1], 1e300, 30, init="zeros")
    # The course's own optimize shares the loop, so it reports it too.
    with pytest.raises(FloatingPointError, match=r"training diverged at iteration 1;"):
        optimize(np.zeros((X.shape[0], 1)), 0.0, X[:, :1000], y[:, :1000], 30, 1e300)


def test_cli_logistic_regression_at_1e6_exits_1(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "course_utils", "train", "--layers", "", "--learning-rate", "1e6"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(
        r"train: The cost rose from 0\.6931 to 1\d\.\d+ and stayed above 7\.209 for 200 iterations: "
        r"training diverged at iteration 1; try a smaller learning_rate than 1e\+06", lines[0]), lines[0]


def test_relu_network_at_1e3_on_the_shipped_data(shipped):
    flat, y = shipped
    X = cu.standardize(flat, "255")
    with pytest.raises(FloatingPointError,
                       match=r"^The cost rose from 0\.69\d+ to 18\.02 and stayed above 7\.209 for 200 "
                             r"iterations: training diverged at iteration 1; try a smaller learning_rate than 1000"):
        cu.L_layer_model(X, y, [X.shape[0], 20, 7, 5, 1], 1e3, 2500)


def pixels(n=20, m=400, seed=0):
    """Random pictures in [0, 1] with random labels: nothing to learn, like noise."""
    rng = np.random.default_rng(seed)
    return rng.random((n, m)), rng.integers(0, 2, (1, m))


def test_tanh_network_at_1e6():
    X, Y = pixels()
    with pytest.raises(FloatingPointError,
                       match=r"^The cost rose from 0\.70\d* to (19|20)[0-9.]* and stayed above 7\.209 for 200 "
                             r"iterations: training diverged at iteration 1; try a smaller learning_rate than 1e\+06"):
        cu.L_layer_model(X, Y, [X.shape[0], 20, 7, 5, 1], 1e6, 2500, hidden_activation="tanh")


def test_logistic_regression_at_1e6_on_small_data():
    X, Y = pixels()
    with pytest.raises(FloatingPointError, match=r"stayed above 7\.209 for 200 iterations: training diverged "
                                                 r"at iteration 1;"):
        cu.L_layer_model(X, Y, [X.shape[0], 1], 1e6, 1000, init="zeros")


def correlated_pictures(n=300, m=100, seed=0):
    """Standardised features sharing one strong common factor, like the pixels of a picture."""
    rng = np.random.default_rng(seed)
    Y = rng.integers(0, 2, (1, m))
    X = rng.standard_normal((1, m)) + 0.3 * rng.standard_normal((n, m))
    return (X - X.mean(1, keepdims=True)) / X.std(1, keepdims=True), Y


def test_overshooting_run_like_week_4_is_not_flagged():
    # Week 4's sweep: [n_x, 7, 1] at a too-large rate for 80 iterations; the cost
    # jumps to over 10x its start and stays there, with huge but finite weights.
    X, Y = correlated_pictures()
    parameters, costs = cu.L_layer_model(X, Y, [X.shape[0], 7, 1], learning_rate=1.0,
                                         num_iterations=80, seed=1, record_every=1)
    costs = np.array(costs)
    assert np.all(costs[2:] > 10 * costs[0])      # far above its start, and it stays there
    largest = max(np.abs(v).max() for v in parameters.values())
    assert 1e30 < largest < 1e150                 # overshot, but finite
    # The same run kept going long enough is reported, at the iteration it got there.
    with pytest.raises(FloatingPointError, match=rf"for {DIVERGENCE_PATIENCE} iterations: training "
                                                 r"diverged at iteration 2;"):
        cu.L_layer_model(X, Y, [X.shape[0], 7, 1], learning_rate=1.0, num_iterations=400, seed=1)


def test_a_high_first_cost_that_falls_is_not_flagged():
    # Week 3's init="large" starts far above log 2 and then falls.
    X, Y = correlated_pictures(n=2, m=400)
    _, costs = cu.L_layer_model(X, Y, [2, 4, 1], learning_rate=1.2, num_iterations=1000,
                                hidden_activation="tanh", init="large", seed=2)
    assert costs[0] > 2 and costs[-1] < costs[0]
