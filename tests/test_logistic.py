"""Week 2's logistic regression is the one-layer network."""

import numpy as np
import pytest
from conftest import make_problem

from course_utils import (
    L_layer_model,
    L_model_backward,
    L_model_forward,
    initialize_with_zeros,
    optimize,
    predict_logistic,
    propagate,
)


def test_initialize_with_zeros():
    w, b = initialize_with_zeros(4)
    assert w.shape == (4, 1) and not w.any()
    assert isinstance(b, float) and b == 0.0


def test_propagate_pinned():
    # Worked by hand: A = sigmoid(w.T X + b) = sigmoid([[0, 1.5]]) ...
    w = np.array([[1.0], [-0.5]])
    b = 0.5
    X = np.array([[1.0, 2.0], [3.0, 1.0]])
    Y = np.array([[1, 0]])
    grads, cost = propagate(w, b, X, Y)
    A = 1 / (1 + np.exp(-np.array([[0.0, 2.0]])))  # w.T X + b = [[1 - 1.5 + .5, 2 - .5 + .5]]
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / 2, rtol=1e-12)
    assert grads["db"] == pytest.approx(float(np.mean(A - Y)), rel=1e-12)
    assert cost == pytest.approx(-(np.log(0.5) + np.log(1 - A[0, 1])) / 2, rel=1e-12)
    assert grads["dw"].shape == (2, 1) and isinstance(grads["db"], float) and isinstance(cost, float)


def test_propagate_gradients_equal_the_one_layer_network(rng):
    X, Y = make_problem(rng, n_x=5, m=9)
    w = rng.standard_normal((5, 1))
    b = 0.3
    grads, cost = propagate(w, b, X, Y)
    AL, caches = L_model_forward(X, {"W1": w.T, "b1": np.array([[b]])})
    network_grads = L_model_backward(AL, Y, caches)
    np.testing.assert_allclose(grads["dw"], network_grads["dW1"].T, rtol=1e-12)
    assert grads["db"] == pytest.approx(network_grads["db1"][0, 0], rel=1e-12)
    # And both equal the textbook formulas, written out independently here.
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / 9, rtol=1e-10)
    assert cost == pytest.approx(float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))), rel=1e-12)


def test_optimize_equals_L_layer_model_with_zero_init(rng):
    X, Y = make_problem(rng, n_x=3, m=10)
    w, b = initialize_with_zeros(3)
    params, grads, costs = optimize(w, b, X, Y, num_iterations=300, learning_rate=0.05)
    network, network_costs = L_layer_model(X, Y, [3, 1], 0.05, 300, init="zeros")
    np.testing.assert_allclose(params["w"], network["W1"].T, rtol=1e-12)
    assert params["b"] == pytest.approx(network["b1"][0, 0], rel=1e-12)
    np.testing.assert_allclose(costs, network_costs, rtol=1e-12)
    assert len(costs) == 3 and costs[-1] < costs[0]
    assert not w.any(), "optimize must not modify the w it was given"
    assert set(grads) == {"dw", "db"} and grads["dw"].shape == (3, 1)


def test_optimize_returns_the_gradient_of_the_last_step(rng):
    X, Y = make_problem(rng, n_x=3, m=10)
    w, b = initialize_with_zeros(3)
    params, grads, _ = optimize(w, b, X, Y, num_iterations=2, learning_rate=0.1)
    one, _, _ = optimize(w, b, X, Y, num_iterations=1, learning_rate=0.1)
    expected, _ = propagate(one["w"], one["b"], X, Y)
    np.testing.assert_allclose(grads["dw"], expected["dw"], rtol=1e-12)
    assert grads["db"] == pytest.approx(expected["db"], rel=1e-12)


def test_optimize_progress_bar_only_when_asked_and_not_under_tqdm_disable(rng, capsys, monkeypatch):
    X, Y = make_problem(rng, n_x=3, m=10)
    w, b = initialize_with_zeros(3)
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    quiet = optimize(w, b, X, Y, num_iterations=5, learning_rate=0.1)
    assert capsys.readouterr().err == ""
    shown = optimize(w, b, X, Y, num_iterations=5, learning_rate=0.1, progress=True)
    assert "training" in capsys.readouterr().err
    # Read when optimize runs, not when tqdm was imported: in Jupyter, tqdm's own
    # reading of TQDM_DISABLE is overridden (tests/test_widgets.py runs a kernel).
    monkeypatch.setenv("TQDM_DISABLE", "1")
    optimize(w, b, X, Y, num_iterations=5, learning_rate=0.1, progress=True)
    assert capsys.readouterr().err == ""
    np.testing.assert_array_equal(quiet[0]["w"], shown[0]["w"])  # the bar changes nothing else
    assert quiet[2] == shown[2]


def test_predict_logistic():
    w = np.array([[1.0], [-1.0]])
    predictions = predict_logistic(w, 0.0, np.array([[2.0, 0.0, 1.0], [0.0, 2.0, 0.5]]))
    np.testing.assert_array_equal(predictions, [[1, 0, 1]])
    assert predictions.dtype == np.int64


def test_b_may_be_a_one_element_array():
    w = np.array([[1.0]])
    grads_float, _ = propagate(w, 0.5, np.array([[1.0]]), np.array([[1]]))
    grads_array, _ = propagate(w, np.array([[0.5]]), np.array([[1.0]]), np.array([[1]]))
    assert grads_float["db"] == grads_array["db"]
