"""The training loop: cost history, Bold Driver, divergence, dtypes, progress bar."""

import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import make_problem

from course_utils import L_layer_model, initialize_parameters_deep, make_flower, predict
from course_utils.network import L_model_backward, L_model_forward, compute_cost, update_parameters
from course_utils.training import BOLD_DRIVER_DOWN, BOLD_DRIVER_UP, _gradient_descent


def test_matches_a_loop_of_the_public_building_blocks(rng):
    # The fast loop (in-place updates, validation once) must give exactly what
    # a learner's loop over the public functions gives.
    X, Y = make_problem(rng, n_x=3, m=8)
    parameters, costs = L_layer_model(X, Y, [3, 4, 1], 0.1, 25, hidden_activation="tanh",
                                      seed=5, record_every=5)
    reference = initialize_parameters_deep([3, 4, 1], seed=5)
    expected_costs = []
    for i in range(25):
        AL, caches = L_model_forward(X, reference, "tanh")
        if i % 5 == 0:
            expected_costs.append(compute_cost(AL, Y))
        reference = update_parameters(reference, L_model_backward(AL, Y, caches), 0.1)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-12)
    for key in reference:
        np.testing.assert_allclose(parameters[key], reference[key], rtol=1e-12)


def test_records_every_k_iterations_and_learns():
    X, Y = make_flower(200, seed=0)
    parameters, costs = L_layer_model(X, Y, [2, 4, 1], 1.2, 1000, hidden_activation="tanh",
                                      seed=2, record_every=100)
    assert len(costs) == 10
    assert costs[-1] < 0.5 * costs[0]
    # A 4-unit tanh network fits the flower far better than chance.
    assert np.mean(predict(X, parameters, "tanh") == Y) > 0.85


def test_record_every_one_records_each_iteration(rng):
    X, Y = make_problem(rng)
    _, costs = L_layer_model(X, Y, [4, 1], 0.1, 7, record_every=1)
    assert len(costs) == 7


def test_does_not_modify_inputs(rng):
    X, Y = make_problem(rng)
    X_before, Y_before = X.copy(), Y.copy()
    L_layer_model(X, Y, [4, 3, 1], 0.1, 20)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


def test_float32_in_float32_out(rng):
    X, Y = make_problem(rng)
    parameters, costs = L_layer_model(X.astype(np.float32), Y, [4, 3, 1], 0.1, 20)
    assert {p.dtype for p in parameters.values()} == {np.dtype(np.float32)}
    assert all(isinstance(c, float) for c in costs)


def test_divergence_names_the_iteration():
    # Leaky ReLU has no dead units to stop the blow-up: with a rate of 10 the
    # weights grow geometrically until they overflow.
    X = np.array([[1.0, -1.0, 2.0, -2.0]])
    Y = np.array([[1, 0, 0, 1]])
    with pytest.raises(FloatingPointError, match=r"nan: training diverged at iteration 15; try a smaller learning_rate"):
        L_layer_model(X, Y, [1, 8, 8, 1], 10.0, 200, hidden_activation="leaky_relu", init="he")
    # Bold Driver backs off instead of diverging.
    _, costs = L_layer_model(X, Y, [1, 8, 8, 1], 10.0, 200, hidden_activation="leaky_relu",
                             init="he", bold_driver=True)
    assert np.isfinite(costs).all() and costs[-1] <= costs[0]


def test_bold_driver_rates_and_undo(rng):
    # Track the rate through a run whose first step is far too large.
    X, Y = make_flower(100, seed=1)
    parameters = initialize_parameters_deep([2, 4, 1], seed=3)
    start = {k: v.copy() for k, v in parameters.items()}
    trained, costs, _ = _gradient_descent(X, Y.astype(float), parameters, "tanh", 50.0, 60,
                                          record_every=1, bold_driver=True)
    # Accepted steps never raise the cost: the recorded history is non-increasing.
    assert all(b <= a for a, b in zip(costs, costs[1:]))
    assert costs[-1] < costs[0]
    # With a rate of 50 the first step overshoots: it is undone, so the
    # recorded cost stays put while the rate halves.
    assert costs[1] == costs[0]
    fixed = L_layer_model(X, Y, [2, 4, 1], 50.0, 60, hidden_activation="tanh", seed=3, record_every=1)[1]
    assert max(fixed) > costs[0] or fixed[-1] > costs[-1]
    # The start is the same for both, and training did not touch the caller's copy.
    for key in start:
        np.testing.assert_array_equal(initialize_parameters_deep([2, 4, 1], seed=3)[key], start[key])


def test_bold_driver_factors_are_the_documented_ones():
    assert (BOLD_DRIVER_UP, BOLD_DRIVER_DOWN) == (1.05, 0.5)


def test_bold_driver_speeds_up_a_timid_rate():
    X, Y = make_flower(200, seed=0)
    fixed = L_layer_model(X, Y, [2, 4, 1], 0.01, 300, hidden_activation="tanh", seed=2)[1]
    bold = L_layer_model(X, Y, [2, 4, 1], 0.01, 300, hidden_activation="tanh", seed=2,
                         bold_driver=True)[1]
    assert bold[-1] < fixed[-1]


def test_progress_bar_only_when_asked(rng, capsys, monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    X, Y = make_problem(rng)
    L_layer_model(X, Y, [4, 1], 0.1, 5)
    assert capsys.readouterr().err == ""
    L_layer_model(X, Y, [4, 1], 0.1, 5, progress=True)
    assert "training" in capsys.readouterr().err


@pytest.mark.parametrize("disable", ["1", None])
def test_progress_bar_honours_tqdm_disable(disable):
    # tqdm reads TQDM_DISABLE when it is imported, so try it in a fresh process.
    code = ("import numpy as np; from course_utils import L_layer_model; "
            "L_layer_model(np.ones((2, 4)), np.array([[0, 1, 0, 1]]), [2, 1], 0.1, 5, progress=True)")
    env = {k: v for k, v in os.environ.items() if k != "TQDM_DISABLE"}
    if disable:
        env["TQDM_DISABLE"] = disable
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert ("training" in result.stderr) == (disable is None)


def test_print_cost_is_opt_in(rng, capsys):
    X, Y = make_problem(rng)
    L_layer_model(X, Y, [4, 1], 0.1, 201)
    assert capsys.readouterr().out == ""
    L_layer_model(X, Y, [4, 1], 0.1, 201, print_cost=True)
    assert capsys.readouterr().out.splitlines()[-1].startswith("Cost after iteration 200:")


def test_initial_parameters_are_used_and_left_alone(rng):
    X, Y = make_problem(rng)
    start = {"W1": np.full((3, 4), 0.1), "b1": np.zeros((3, 1)), "W2": np.full((1, 3), 0.2), "b2": np.zeros((1, 1))}
    before = {k: v.copy() for k, v in start.items()}
    parameters, _ = L_layer_model(X, Y, [4, 3, 1], 0.5, 50, hidden_activation="tanh", initial_parameters=start)
    for key in start:
        np.testing.assert_array_equal(start[key], before[key])
    # A symmetric start stays symmetric: every hidden unit learns the same thing.
    assert np.ptp(parameters["W1"], axis=0).max() == 0
    with pytest.raises(ValueError, match=r"initial_parameters describe layer_dims \[4, 3, 1\] but layer_dims is \[4, 2, 1\]"):
        L_layer_model(X, Y, [4, 2, 1], 0.5, 5, initial_parameters=start)


def test_optimize_record_every(rng):
    from course_utils import optimize

    X, Y = make_problem(rng)
    _, _, costs = optimize(np.zeros((4, 1)), 0.0, X, Y, num_iterations=50, learning_rate=0.1, record_every=10)
    assert len(costs) == 5
