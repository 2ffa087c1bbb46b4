"""The L-layer engine: pinned forward values, gradient checks, purity, dtypes."""

import numpy as np
import pytest
from conftest import make_problem, random_parameters

from course_utils.activations import ACTIVATIONS, sigmoid
from course_utils.gradcheck import gradient_check, numerical_gradient, rel_error
from course_utils.network import (
    INITIALIZATIONS,
    Caches,
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    predict,
    update_parameters,
)

HIDDEN = sorted(ACTIVATIONS)
SHAPES = [[3, 1], [4, 3, 1], [5, 4, 3, 1], [2, 6, 5, 4, 1]]


# ---------------------------------------------------------------- initialisation

def test_initialize_shapes_course_example():
    parameters = initialize_parameters_deep([2, 3, 5, 4, 2, 1], seed=3)
    shapes = {k: v.shape for k, v in parameters.items()}
    assert shapes == {"W1": (3, 2), "b1": (3, 1), "W2": (5, 3), "b2": (5, 1), "W3": (4, 5),
                      "b3": (4, 1), "W4": (2, 4), "b4": (2, 1), "W5": (1, 2), "b5": (1, 1)}
    assert all(not v.any() for k, v in parameters.items() if k.startswith("b"))


@pytest.mark.parametrize("init, scale", [("small", lambda n: 0.01), ("xavier", lambda n: 1 / np.sqrt(n)),
                                         ("he", lambda n: np.sqrt(2 / n)), ("large", lambda n: 10.0)])
def test_initialize_scales(init, scale):
    # With 400 x 400 standard-normal draws, the sample std is within 2% of the scale.
    W = initialize_parameters_deep([400, 400, 1], seed=0, init=init)["W1"]
    assert abs(W.std() / scale(400) - 1) < 0.02


def test_initialize_zeros_and_seed():
    assert not initialize_parameters_deep([4, 3, 1], init="zeros")["W1"].any()
    a = initialize_parameters_deep([4, 3, 1], seed=7)
    b = initialize_parameters_deep([4, 3, 1], seed=7)
    c = initialize_parameters_deep([4, 3, 1], seed=8)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.array_equal(a["W1"], c["W1"])
    g = initialize_parameters_deep([4, 3, 1], seed=np.random.default_rng(7))
    np.testing.assert_array_equal(a["W1"], g["W1"])


def test_initialize_float32():
    p = initialize_parameters_deep([4, 3, 1], dtype=np.float32)
    assert {v.dtype for v in p.values()} == {np.dtype(np.float32)}


def test_every_init_is_documented_and_listed():
    assert set(INITIALIZATIONS) == {"zeros", "small", "xavier", "he", "large"}


# ---------------------------------------------------------------- forward

def test_linear_forward_pinned():
    A_prev = np.linspace(-1, 1, 6).reshape(3, 2)
    W = np.linspace(0.5, -0.5, 6).reshape(2, 3)
    b = np.array([[0.45], [0.6]])
    Z, cache = linear_forward(A_prev, W, b)
    # Worked by hand: A_prev = [[-1, -.6], [-.2, .2], [.6, 1]], W = [[.5, .3, .1], [-.1, -.3, -.5]];
    # decimal inputs are inexact in binary, so atol 1e-12.
    np.testing.assert_allclose(Z, [[-0.05, 0.31], [0.46, 0.1]], atol=1e-12)
    assert cache.A_prev is A_prev and cache.W is W and cache.b is b
    assert tuple(cache) == (A_prev, W, b)


def test_linear_activation_forward_unpacks_like_the_course():
    A_prev = np.linspace(-1, 1, 6).reshape(3, 2)
    W = np.linspace(0.5, -0.5, 6).reshape(2, 3)
    b = np.array([[0.45], [0.6]])
    A, cache = linear_activation_forward(A_prev, W, b, "sigmoid")
    linear_cache, activation_cache = cache
    np.testing.assert_allclose(activation_cache, [[-0.05, 0.31], [0.46, 0.1]], atol=1e-12)
    np.testing.assert_allclose(A, sigmoid(activation_cache))
    A, _ = linear_activation_forward(A_prev, W, b, "relu")
    np.testing.assert_allclose(A, [[0.0, 0.31], [0.46, 0.1]], atol=1e-12)


def test_L_model_forward_pinned():
    X = np.linspace(-1, 1, 8).reshape(2, 4)
    parameters = {"W1": np.array([[1.0, -1.0], [0.5, 0.5]]), "b1": np.array([[0.0], [0.1]]),
                  "W2": np.array([[2.0, -1.0]]), "b2": np.array([[0.25]])}
    AL, caches = L_model_forward(X, parameters, "relu")
    Z1 = parameters["W1"] @ X + parameters["b1"]
    expected = 1 / (1 + np.exp(-(parameters["W2"] @ np.maximum(Z1, 0) + parameters["b2"])))
    np.testing.assert_allclose(AL, expected, rtol=1e-12)
    # Pinned from a scalar, plain-Python evaluation of the same network (10 digits).
    np.testing.assert_allclose(AL, [[0.5621765009, 0.5621765009, 0.5017857067, 0.4308040441]], rtol=1e-9)
    assert isinstance(caches, Caches) and len(caches) == 2 and caches.hidden_activation == "relu"


@pytest.mark.parametrize("hidden", HIDDEN)
def test_forward_does_not_modify_inputs(hidden, rng):
    X, _ = make_problem(rng)
    parameters = random_parameters(rng, [4, 3, 1])
    before = {k: v.copy() for k, v in parameters.items()}
    X_before = X.copy()
    L_model_forward(X, parameters, hidden)
    np.testing.assert_array_equal(X, X_before)
    for k in parameters:
        np.testing.assert_array_equal(parameters[k], before[k])


# ---------------------------------------------------------------- cost

def test_compute_cost_pinned():
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -np.mean(np.log([0.8, 0.9, 0.6]))
    assert compute_cost(AL, Y) == pytest.approx(expected, rel=1e-12)
    assert compute_cost(AL, Y) == pytest.approx(0.2797765635793422, rel=1e-12)
    assert isinstance(compute_cost(AL, Y), float)


def test_compute_cost_is_finite_at_zero_and_one():
    cost = compute_cost(np.array([[0.0, 1.0, 1.0, 0.0]]), np.array([[1, 0, 1, 0]]))
    assert np.isfinite(cost) and cost > 10  # confidently wrong costs a lot, but finitely
    assert compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]])) < 1e-12


# ---------------------------------------------------------------- backward

def test_linear_backward_pinned():
    A_prev = np.linspace(-1, 1, 6).reshape(3, 2)
    W = np.linspace(0.5, -0.5, 6).reshape(2, 3)
    _, cache = linear_forward(A_prev, W, np.zeros((2, 1)))
    dZ = np.array([[1.0, -1.0], [0.5, 2.0]])
    dA_prev, dW, db = linear_backward(dZ, cache)
    np.testing.assert_allclose(dW, dZ @ A_prev.T / 2)
    np.testing.assert_allclose(db, [[0.0], [1.25]])
    np.testing.assert_allclose(dA_prev, W.T @ dZ)


@pytest.mark.parametrize("activation", HIDDEN)
def test_linear_activation_backward_gradient_check(activation, rng):
    A_prev = rng.standard_normal((3, 5))
    W = rng.standard_normal((2, 3))
    b = rng.standard_normal((2, 1))
    dA = rng.standard_normal((2, 5))
    _, cache = linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)

    def f():  # a scalar whose gradient with respect to A is dA
        return float(np.sum(dA * linear_activation_forward(A_prev, W, b, activation)[0]))

    for analytic, wrt in ((dA_prev, A_prev), (dW * 5, W), (db * 5, b)):
        # linear_backward averages dW and db over the m = 5 examples; f sums.
        assert rel_error(analytic, numerical_gradient(f, wrt)) < 1e-7


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("layer_dims", SHAPES, ids=str)
def test_L_model_backward_gradient_check(hidden, layer_dims, rng):
    X, Y = make_problem(rng, n_x=layer_dims[0], m=5)
    parameters = random_parameters(rng, layer_dims)
    AL, caches = L_model_forward(X, parameters, hidden)
    grads = L_model_backward(AL, Y, caches)
    assert set(grads) == {f"d{k}" for k in parameters}
    assert gradient_check(parameters, X, Y, grads=grads, hidden_activation=hidden) < 1e-7


def test_L_model_backward_equals_course_dAL_route(rng):
    # The fused dZL = AL - Y is the course's dAL pushed through sigmoid_backward.
    X, Y = make_problem(rng)
    parameters = random_parameters(rng, [4, 1])
    AL, caches = L_model_forward(X, parameters)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    _, dW, db = linear_activation_backward(dAL, caches[0], "sigmoid")
    grads = L_model_backward(AL, Y, caches)
    np.testing.assert_allclose(grads["dW1"], dW, rtol=1e-12)
    np.testing.assert_allclose(grads["db1"], db, rtol=1e-12)


def test_L_model_backward_rejects_a_different_activation(rng):
    X, Y = make_problem(rng)
    parameters = random_parameters(rng, [4, 3, 1])
    AL, caches = L_model_forward(X, parameters, "tanh")
    with pytest.raises(ValueError, match="caches were made with hidden_activation='tanh'"):
        L_model_backward(AL, Y, caches, hidden_activation="relu")
    # Left out, the recorded activation is used; it is the right one.
    grads = L_model_backward(AL, Y, caches)
    assert gradient_check(parameters, X, Y, grads=grads, hidden_activation="tanh") < 1e-7


def test_L_model_backward_does_not_modify_inputs(rng):
    X, Y = make_problem(rng)
    parameters = random_parameters(rng, [4, 3, 1])
    AL, caches = L_model_forward(X, parameters)
    AL_before, Y_before = AL.copy(), Y.copy()
    L_model_backward(AL, Y, caches)
    np.testing.assert_array_equal(AL, AL_before)
    np.testing.assert_array_equal(Y, Y_before)


# ---------------------------------------------------------------- update and predict

def test_update_parameters_is_pure():
    parameters = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 3), 2.0), "db1": np.ones((2, 1))}
    new = update_parameters(parameters, grads, 0.1)
    np.testing.assert_allclose(new["W1"], 0.8)
    np.testing.assert_allclose(new["b1"], -0.1)
    np.testing.assert_array_equal(parameters["W1"], 1.0)
    np.testing.assert_array_equal(grads["dW1"], 2.0)


def test_predict_thresholds_at_one_half():
    parameters = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    predictions = predict(np.array([[-1.0, -1e-9, 1e-9, 3.0]]), parameters)
    np.testing.assert_array_equal(predictions, [[0, 0, 1, 1]])
    assert predictions.dtype == np.int64


# ---------------------------------------------------------------- dtypes

@pytest.mark.parametrize("hidden", HIDDEN)
def test_float32_forward_and_backward_stay_float32(hidden, rng):
    X, Y = make_problem(rng)
    parameters = random_parameters(rng, [4, 3, 1], dtype=np.float32)
    AL, caches = L_model_forward(X.astype(np.float32), parameters, hidden)
    grads = L_model_backward(AL, Y, caches)
    assert AL.dtype == np.float32
    assert {g.dtype for g in grads.values()} == {np.dtype(np.float32)}
    assert {p.dtype for p in update_parameters(parameters, grads, 0.1).values()} == {np.dtype(np.float32)}
