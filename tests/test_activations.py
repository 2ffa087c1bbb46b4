"""Activations: pinned forward values, numerical gradient checks, stability."""

import warnings

import numpy as np
import pytest

from course_utils.activations import (
    ACTIVATIONS,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    tanh,
    tanh_backward,
)
from course_utils.gradcheck import numerical_gradient, rel_error

# Deterministic inputs that avoid z = 0 exactly, where ReLU has its kink.
Z = np.linspace(-3, 3, 8).reshape(2, 4)


def test_sigmoid_pinned_values():
    # 1 / (1 + e^-z) at z = -3, -15/7, ..., 3; reference values to 1e-12 absolute.
    expected = 1.0 / (1.0 + np.exp(-np.linspace(-3, 3, 8)))
    np.testing.assert_allclose(sigmoid(Z).ravel(), expected, rtol=0, atol=1e-12)
    assert sigmoid(np.array([[0.0]]))[0, 0] == 0.5
    np.testing.assert_allclose(sigmoid(np.array([[2.0]])), [[0.8807970779778823]], rtol=1e-12)


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail here
        A = sigmoid(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_array_equal(A, [[0.0, 0.5, 1.0]])


def test_other_forward_values():
    z = np.array([[-2.0, -0.5, 0.5, 2.0]])
    np.testing.assert_allclose(tanh(z), [[-0.9640275800758169, -0.46211715726000974,
                                          0.46211715726000974, 0.9640275800758169]], rtol=1e-12)
    np.testing.assert_array_equal(relu(z), [[0.0, 0.0, 0.5, 2.0]])
    np.testing.assert_allclose(leaky_relu(z), [[-0.02, -0.005, 0.5, 2.0]], rtol=1e-12)
    np.testing.assert_allclose(leaky_relu(z, slope=0.2), [[-0.4, -0.1, 0.5, 2.0]], rtol=1e-12)


def test_forward_is_pure_and_returns_an_array():
    z = Z.copy()
    for name, (forward, _) in ACTIVATIONS.items():
        A = forward(z)
        assert isinstance(A, np.ndarray) and A.shape == z.shape, name
    np.testing.assert_array_equal(z, Z)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_backward_matches_numerical_gradient(name, rng):
    forward, backward = ACTIVATIONS[name]
    z = Z.copy()
    dA = rng.standard_normal(z.shape)
    # d/dz of sum(dA * g(z)) is dA * g'(z): exactly what backward returns.
    numeric = numerical_gradient(lambda: float(np.sum(dA * forward(z))), z)
    assert rel_error(backward(dA, z), numeric) < 1e-9


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_float32_stays_float32(name):
    forward, backward = ACTIVATIONS[name]
    z = Z.astype(np.float32)
    assert forward(z).dtype == np.float32
    assert backward(np.ones_like(z), z).dtype == np.float32


def test_derivatives_at_known_points():
    z = np.array([[-1.0, 1.0]])
    ones = np.ones_like(z)
    np.testing.assert_allclose(sigmoid_backward(np.ones((1, 1)), np.zeros((1, 1))), [[0.25]])
    np.testing.assert_allclose(tanh_backward(np.ones((1, 1)), np.zeros((1, 1))), [[1.0]])
    np.testing.assert_array_equal(relu_backward(ones, z), [[0.0, 1.0]])
    np.testing.assert_allclose(leaky_relu_backward(ones, z), [[0.01, 1.0]])
    # At the kink we use the left derivative.
    np.testing.assert_array_equal(relu_backward(np.ones((1, 1)), np.zeros((1, 1))), [[0.0]])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_backward_rejects_mismatched_shapes(name):
    _, backward = ACTIVATIONS[name]
    with pytest.raises(ValueError, match=r"dA has shape \(2, 3\) but Z has shape \(2, 4\)"):
        backward(np.ones((2, 3)), Z)
