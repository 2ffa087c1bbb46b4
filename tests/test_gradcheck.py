"""Gradient checking catches wrong gradients and leaves its inputs alone."""

import numpy as np
import pytest
from conftest import make_problem, random_parameters

from course_utils import L_model_backward, L_model_forward, gradient_check, numerical_gradient, rel_error
from course_utils.gradcheck import GRADIENT_CHECK_THRESHOLD


def test_rel_error():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == 1.0
    assert rel_error(np.array([1.0, 0.0]), np.array([1.0, 1e-9])) == pytest.approx(1e-9 / 2)  # ||a - b|| / (||a|| + ||b||)
    with pytest.raises(ValueError, match=r"same shape, got \(2,\) and \(3,\)"):
        rel_error(np.zeros(2), np.zeros(3))


def test_numerical_gradient_restores_each_entry():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    original = x.copy()
    seen = []

    def f():
        seen.append(x.copy())
        return float(np.sum(x ** 3))

    grad = numerical_gradient(f, x)
    np.testing.assert_allclose(grad, 3 * original ** 2, rtol=1e-8)
    np.testing.assert_array_equal(x, original)
    # Only one entry is ever perturbed at a time.
    assert all(np.count_nonzero(s != original) == 1 for s in seen)


def test_numerical_gradient_wants_float64():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda: 0.0, np.zeros(2, dtype=np.float32))


def test_gradient_check_accepts_the_engine_and_rejects_a_bug(rng):
    X, Y = make_problem(rng, n_x=3, m=4)
    parameters = random_parameters(rng, [3, 4, 2, 1])
    before = {k: v.copy() for k, v in parameters.items()}
    assert gradient_check(parameters, X, Y, hidden_activation="tanh") < GRADIENT_CHECK_THRESHOLD
    for key in parameters:
        np.testing.assert_array_equal(parameters[key], before[key])

    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = L_model_backward(AL, Y, caches)
    wrong = dict(grads, db2=grads["db2"] * 2)  # the forgotten-1/m kind of bug
    assert gradient_check(parameters, X, Y, grads=wrong, hidden_activation="tanh") > 1e-3


def test_gradient_check_works_on_float32_parameters(rng):
    X, Y = make_problem(rng, n_x=3, m=4)
    parameters = random_parameters(rng, [3, 2, 1], dtype=np.float32)
    assert gradient_check(parameters, X.astype(np.float32), Y, hidden_activation="sigmoid") < 1e-7


def test_gradient_check_names_a_missing_gradient(rng):
    X, Y = make_problem(rng, n_x=3, m=4)
    parameters = random_parameters(rng, [3, 1])
    with pytest.raises(ValueError, match="grads has no 'db1'"):
        gradient_check(parameters, X, Y, grads={"dW1": np.zeros((1, 3))})
