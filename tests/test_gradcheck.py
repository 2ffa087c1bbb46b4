"""Gradient checking catches wrong gradients and leaves its inputs alone."""

import numpy as np
import pytest
from conftest import make_problem, random_parameters

import course_utils as cu
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


# --- issue 12, item 8: no false alarm on right gradients -------------------
# benchmarks/gradcheck.py measures the rule on 750 points; these are cases of
# our own, each asserting the claim rather than a machine's digits.

def _engine_grads(parameters, X, Y, activation):
    AL, caches = L_model_forward(X, parameters, activation)
    return {k: v for k, v in L_model_backward(AL, Y, caches).items() if not k.startswith("dA")}


def test_issue_12_reproducer_is_not_a_false_alarm():
    # A confident, right answer: AL = sigmoid(11.5) rounds to within 1e-5 of 1.
    # Differencing log(AL) gave 1.007e-6 on the filer's machine and 1.9e-7 here.
    parameters = {"W1": np.array([[2.8863]]), "b1": np.array([[0.2430]])}
    X, Y = np.array([[3.9019]]), np.array([[1]])
    assert gradient_check(parameters, X, Y, hidden_activation="sigmoid") < GRADIENT_CHECK_THRESHOLD / 10


def _point(rng, spread):
    L = int(rng.integers(1, 4))
    dims = [int(rng.integers(1, 6)) for _ in range(L)] + [1]
    m = int(rng.integers(2, 8))
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(0, spread, (dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    X = rng.normal(0, spread, (dims[0], m))
    Y = rng.integers(0, 2, (1, m))
    return parameters, X, Y, str(rng.choice(["relu", "tanh", "sigmoid"]))


@pytest.mark.parametrize("spread", [0.5, 2.5])  # 2.5: outputs confidently right or wrong, units saturated
def test_right_gradients_pass_and_wrong_ones_fail_at_random_points(spread):
    rng = np.random.default_rng(2012)
    for _ in range(40):
        parameters, X, Y, activation = _point(rng, spread)
        grads = _engine_grads(parameters, X, Y, activation)
        m = X.shape[1]
        right = gradient_check(parameters, X, Y, grads=grads, hidden_activation=activation)
        assert right < GRADIENT_CHECK_THRESHOLD, (right, activation, X.shape)
        # Leaving out the 1/m multiplies every gradient by m: a relative
        # difference of (m - 1)/(m + 1) at least a third, wherever it is measurable.
        if np.linalg.norm(np.concatenate([g.ravel() for g in grads.values()])) > 1e-3:
            wrong = gradient_check(parameters, X, Y, grads={k: m * v for k, v in grads.items()},
                                   hidden_activation=activation)
            assert wrong > 0.3, (wrong, activation, X.shape)


def test_a_flat_point_warns_and_keeps_a_right_gradient_below_the_threshold():
    # AL = sigmoid(50) is exactly 1.0 in float64, so the engine's AL - Y is
    # exactly 0 while the true gradient is about 2e-22: no relative error can
    # be measured, and gradient_check says so instead of reporting 1.0.
    parameters = {"W1": np.array([[10.0]]), "b1": np.array([[0.0]])}
    X, Y = np.array([[5.0]]), np.array([[1]])
    with pytest.warns(cu.gradcheck.GradientCheckWarning,
                      match=r"the gradients here are too small to check to 1e-07 \(norm .*\): the estimated "
                            r"rounding error of the two is .*Check at a point with larger gradients"):
        difference = gradient_check(parameters, X, Y, hidden_activation="sigmoid")
    assert difference < GRADIENT_CHECK_THRESHOLD


def test_steps_across_a_relu_kink_are_left_out_with_a_warning():
    # b1[0] = 0 and X = 0 in the first example put Z1[0, 0] exactly on the kink:
    # any step of W1[0, :] or b1[0] moves it across 0 (ReLU's slope there is 0
    # on one side and 1 on the other).
    parameters = {"W1": np.array([[1.0, -0.5], [0.3, 0.8]]), "b1": np.array([[0.0], [0.2]]),
                  "W2": np.array([[0.7, -1.1]]), "b2": np.array([[0.1]])}
    X = np.array([[0.0, 1.0, -2.0], [0.0, 0.5, 1.5]])
    Y = np.array([[1, 0, 1]])
    with pytest.warns(cu.gradcheck.GradientCheckWarning,
                      match=r"gradient_check left out 1 of 9 entries: their step of h = 1e-05 moved a hidden Z "
                            r"across 0, where relu has a kink"):
        difference = gradient_check(parameters, X, Y, hidden_activation="relu")
    assert difference < GRADIENT_CHECK_THRESHOLD
