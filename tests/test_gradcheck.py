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
                      match=r"the gradients here \(norm .*\) are too small to check to 1e-07 with steps of h = 1e-05: "
                            r"the estimated rounding error of the two is .*Check at a point with larger gradients"):
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


# --- cases found by trying gradient_check as a user would (issue 12) --------

@pytest.mark.filterwarnings("ignore::course_utils.gradcheck.GradientCheckWarning")  # allowed; alarms are not
def test_unscaled_inputs_are_not_a_false_alarm():
    # Week 1's house sizes in square feet, after 10 small training steps. With
    # a fixed step in W the h^2 error of the formula grew with |X|^2 and gave
    # 0.04 for this right gradient; the step is now h in ZL.
    X = np.array([[2104.0, 1416.0, 1534.0, 852.0, 3000.0, 1940.0]])
    Y = np.array([[1, 0, 0, 0, 1, 1]])
    for W in (1e-3, 3.0334e-4):
        parameters = {"W1": np.array([[W]]), "b1": np.array([[-2.0 if W == 1e-3 else -1.82323071e-06]])}
        assert gradient_check(parameters, X, Y, hidden_activation="sigmoid") < GRADIENT_CHECK_THRESHOLD
    # A raw pixel of 255 and a confident output.
    parameters = {"W1": np.array([[-5 / 255]]), "b1": np.array([[0.0]])}
    assert gradient_check(parameters, np.array([[255.0]]), np.array([[0]])) < GRADIENT_CHECK_THRESHOLD
    # Inputs near 1e10.
    parameters = {"W1": np.array([[0.5e-10]]), "b1": np.array([[0.0]])}
    assert gradient_check(parameters, np.array([[1e10, -1e10]]), np.array([[0, 1]])) < GRADIENT_CHECK_THRESHOLD


def test_large_hidden_activations_are_not_a_false_alarm():
    rng = np.random.default_rng(429)
    for activation in ("relu", "tanh", "sigmoid"):
        parameters = {f"W{l}": rng.normal(0, 5, (o, i)) for l, (i, o) in enumerate([(4, 8), (8, 4), (4, 1)], 1)}
        parameters.update({f"b{l}": rng.normal(0, 1, (o, 1)) for l, o in enumerate([8, 4, 1], 1)})
        X, Y = rng.normal(0, 3, (4, 2)), np.array([[1, 0]])
        grads = _engine_grads(parameters, X, Y, activation)
        assert gradient_check(parameters, X, Y, grads=grads, hidden_activation=activation) < GRADIENT_CHECK_THRESHOLD


def test_float32_gradients_are_not_a_silent_false_alarm():
    # float32 training gives float32 gradients, whose own rounding is ~1e-7:
    # they are measured against that, and the warning says why.
    f = np.float32
    parameters = {"W1": np.array([[22.892273]], f), "b1": np.array([[13.994824]], f),
                  "W2": np.array([[18.118736]], f), "b2": np.array([[-2.2908068]], f)}
    X, Y = np.array([[-0.5100439]], f), np.array([[1]])
    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = L_model_backward(AL, Y, caches)
    with pytest.warns(cu.gradcheck.GradientCheckWarning, match=r"Your gradients are not float64: their own "
                      r"rounding is about 1e-07 of their size"):
        difference = gradient_check(parameters, X, Y, grads=grads, hidden_activation="tanh")
    assert difference < GRADIENT_CHECK_THRESHOLD


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_gradients_are_an_error_not_nan(bad):
    parameters = cu.initialize_parameters_deep([3, 2, 1], seed=0)
    X, Y = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]]), np.array([[1, 0]])
    grads = _engine_grads(parameters, X, Y, "relu")
    grads["dW1"] = grads["dW1"] * bad
    with pytest.raises(ValueError, match=r"grads\['dW1'\] holds 6 NaN or infinite value\(s\) of 6: a backward "
                                         r"pass that gives them is wrong"):
        gradient_check(parameters, X, Y, grads=grads)


def test_an_overflowing_forward_pass_is_an_error_not_nan():
    parameters = {"W1": np.array([[0.5]]), "b1": np.array([[0.0]]), "W2": np.array([[1e200]]), "b2": np.array([[0.0]])}
    with pytest.raises(ValueError, match=r"the forward pass overflows at these parameters and X .*Scale X"):
        gradient_check(parameters, np.array([[1e160, -1e160]]), np.array([[0, 1]]), hidden_activation="relu")


def test_a_step_too_small_for_the_parameter_is_refused():
    parameters = {"W1": np.array([[1e6]]), "b1": np.array([[0.0]])}
    with pytest.raises(ValueError, match=r"a step of 1e-20 vanishes beside W1\[0, 0\] = 1e\+06 in float64"):
        gradient_check(parameters, np.array([[1e-6]]), np.array([[1]]), h=1e-20)


def test_rel_error_does_not_overflow():
    assert rel_error(np.array([1e200, 1e200]), np.array([1e200, 0.0])) == pytest.approx(1 / (np.sqrt(2) + 1))
    assert rel_error(np.array([1e-300]), np.array([-1e-300])) == 1.0
