"""Hostile inputs to the numpy engine (issue 12): each one gets a clear error, not a wrong answer."""

import re
import warnings

import numpy as np
import pytest

import course_utils as cu
from course_utils._validation import validate_matrix, validate_parameters
from course_utils.gradcheck import gradient_check, numerical_gradient
from course_utils.logistic import optimize, propagate
from course_utils.network import (
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
from course_utils.training import L_layer_model


@pytest.fixture
def net():
    """A [3, 2, 1] network, 4 examples, and the forward pass on them."""
    parameters = initialize_parameters_deep([3, 2, 1], seed=0)
    X = np.random.default_rng(0).standard_normal((3, 4))
    Y = np.array([[0, 1, 1, 0]])
    AL, caches = L_model_forward(X, parameters)
    return parameters, X, Y, AL, caches


# ---------------------------------------------------------------- 1. gaps and wide outputs

def test_missing_W2_with_b2_is_refused(net):
    parameters, X, *_ = net
    del parameters["W2"]
    with pytest.raises(ValueError, match=re.escape("parameters has ['b2'] but no 'W2': the layers must be "
                                                   "numbered W1, b1, ..., WL, bL without a gap")):
        L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=re.escape("parameters has ['b2'] but no 'W2'")):
        predict(X, parameters)


def test_W1_then_W3_is_refused(net):
    parameters, X, *_ = net
    gap = {"W1": parameters["W1"], "b1": parameters["b1"], "W3": parameters["W2"], "b3": parameters["b2"]}
    with pytest.raises(ValueError, match=re.escape("parameters has ['W3', 'b3'] but no 'W2'")):
        L_model_forward(X, gap)
    with pytest.raises(ValueError, match=re.escape("Add the missing layer or remove ['W3', 'b3'].")):
        predict(X, gap)


def test_layer_zero_is_refused(net):
    parameters, X, *_ = net
    with pytest.raises(ValueError, match=re.escape("parameters has ['W0'] but layers are numbered from 1: the "
                                                   "layers must be numbered W1, b1, ..., WL, bL without a gap")):
        L_model_forward(X, dict(parameters, W0=np.ones((3, 3))))


def test_two_unit_output_is_refused_by_forward_predict_and_gradient_check():
    parameters = initialize_parameters_deep([3, 2, 2], seed=0)
    X, Y = np.ones((3, 4)), np.array([[0, 1, 1, 0]])
    message = re.escape("The output layer must have 1 unit for binary classification, got W2 of shape "
                        "(2, 2) (2 units). W2 must be (1, n[1]): end layer_dims with 1.")
    for call in (lambda: L_model_forward(X, parameters), lambda: predict(X, parameters),
                 lambda: gradient_check(parameters, X, Y)):
        with pytest.raises(ValueError, match=message):
            call()


def test_update_parameters_still_accepts_any_output_width():
    # Updating is plain arithmetic; only the forward pass needs one output unit.
    parameters = initialize_parameters_deep([3, 2], seed=0)
    grads = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    new = update_parameters(parameters, grads, 0.5)
    np.testing.assert_array_equal(new["W1"], parameters["W1"] - 0.5)


# ---------------------------------------------------------------- 2. no examples

def _no_examples(name, shape):
    return re.escape(f"no examples: {name} has shape {shape}, with m = 0 columns") + r".*at least one example"


def test_compute_cost_refuses_m_zero():
    with pytest.raises(ValueError, match=_no_examples("AL", (1, 0))):
        compute_cost(np.ones((1, 0)), np.ones((1, 0)))


def test_propagate_and_optimize_refuse_m_zero():
    X, Y = np.ones((3, 0)), np.ones((1, 0))
    with pytest.raises(ValueError, match=_no_examples("X", (3, 0))):
        propagate(np.zeros((3, 1)), 0.0, X, Y)
    with pytest.raises(ValueError, match=_no_examples("X", (3, 0))):
        optimize(np.zeros((3, 1)), 0.0, X, Y)


def test_L_model_backward_refuses_m_zero(net):
    parameters, *_ = net
    AL, caches = L_model_forward(np.ones((3, 0)), parameters)  # the forward pass itself averages nothing
    assert AL.shape == (1, 0)
    with pytest.raises(ValueError, match=_no_examples("AL", (1, 0))):
        L_model_backward(AL, np.ones((1, 0)), caches)


def test_linear_backward_refuses_m_zero():
    _, cache = linear_forward(np.ones((3, 0)), np.ones((1, 3)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match=_no_examples("A_prev in cache", (3, 0))):
        linear_backward(np.ones((1, 0)), cache)
    _, layer_cache = linear_activation_forward(np.ones((3, 0)), np.ones((1, 3)), np.zeros((1, 1)), "relu")
    with pytest.raises(ValueError, match=_no_examples("A_prev in linear_cache", (3, 0))):
        linear_activation_backward(np.ones((1, 0)), layer_cache, "relu")


def test_training_refuses_m_zero_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Mean of empty slice" leaks out
        with pytest.raises(ValueError, match=_no_examples("X", (3, 0))):
            L_layer_model(np.ones((3, 0)), np.ones((1, 0)), [3, 1], num_iterations=5)


def test_gradient_check_refuses_m_zero(net):
    parameters, *_ = net
    with pytest.raises(ValueError, match=_no_examples("X", (3, 0))):
        gradient_check(parameters, np.ones((3, 0)), np.ones((1, 0)))


# ---------------------------------------------------------------- 3. lists, AL outside [0, 1], caches

def test_list_parameters_are_refused_with_a_type_error(net):
    parameters, X, *_ = net
    as_lists = {k: v.tolist() for k, v in parameters.items()}
    message = re.escape("parameters['W1'] must be a numpy array, got list. Convert every parameter first")
    with pytest.raises(TypeError, match=message):
        L_model_forward(X, as_lists)
    with pytest.raises(TypeError, match=message):
        predict(X, as_lists)
    as_lists_b = dict(parameters, b2=parameters["b2"].tolist())
    with pytest.raises(TypeError, match=re.escape("parameters['b2'] must be a numpy array, got list.")):
        validate_parameters(as_lists_b)


def test_list_gradients_are_refused_with_a_type_error(net):
    parameters, *_ = net
    grads = {f"d{k}": np.ones_like(v) for k, v in parameters.items()}
    grads["dW2"] = grads["dW2"].tolist()
    with pytest.raises(TypeError, match=re.escape("grads['dW2'] must be a numpy array, got list. "
                                                  "Convert every gradient first")):
        update_parameters(parameters, grads, 0.1)


def test_L_model_backward_refuses_AL_outside_0_1(net):
    _, _, Y, AL, caches = net
    with pytest.raises(ValueError, match=re.escape("AL must hold probabilities in [0, 1], got values from")
                       + r".*Pass the sigmoid output AL, not the pre-activation ZL\."):
        L_model_backward(AL * 3, Y, caches)
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\]"):
        L_model_backward(AL - 1, Y, caches)


def test_L_model_backward_refuses_too_few_caches(net):
    _, _, Y, AL, caches = net
    with pytest.raises(ValueError, match=re.escape("AL has shape (1, 4) but the last cache's Z has shape (2, 4): "
                                                   "the caches come from another network or batch.")):
        L_model_backward(AL, Y, caches[:1])


def test_L_model_backward_refuses_shuffled_caches(net):
    _, _, Y, AL, caches = net
    with pytest.raises(ValueError, match=re.escape("caches[1] holds A_prev of shape (3, 4) but layer 1 output Z "
                                                   "of shape (1, 4): the caches do not come from one network.")):
        L_model_backward(AL, Y, list(reversed(caches)))


def test_L_model_backward_refuses_caches_of_another_batch(net):
    parameters, _, Y, AL, _ = net
    _, other = L_model_forward(np.ones((3, 5)), parameters)
    with pytest.raises(ValueError, match=re.escape("AL has shape (1, 4) but the last cache's Z has shape (1, 5)")):
        L_model_backward(AL, Y, other)


def test_L_model_backward_refuses_same_shaped_caches_of_another_network(net):
    _, X, Y, AL, _ = net
    _, other = L_model_forward(X, initialize_parameters_deep([3, 5, 1], seed=7))
    with pytest.raises(ValueError, match=re.escape("AL is not sigmoid(Z) of the last cache: the caches come "
                                                   "from another network or batch than AL.")):
        L_model_backward(AL, Y, other)


def test_L_model_backward_refuses_malformed_caches(net):
    _, _, Y, AL, caches = net
    with pytest.raises(ValueError, match=re.escape("caches[1] must be the (linear_cache, Z) pair of layer 2 "
                                                   "returned by L_model_forward, got tuple of length 1.")):
        L_model_backward(AL, Y, [caches[0], (caches[1][0],)])
    with pytest.raises(ValueError, match=re.escape("caches[0].linear_cache must be the (A_prev, W, b) linear "
                                                   "cache returned by linear_forward, got tuple.")):
        L_model_backward(AL, Y, [((1, 2, 3), caches[0][1]), caches[1]])
    A_prev, W, b = caches[0].linear_cache
    swapped = [((A_prev, W.T, b), caches[0][1]), caches[1]]
    with pytest.raises(ValueError, match=re.escape("caches[0].linear_cache does not hold the arrays of one layer: "
                                                   "A_prev (3, 4), W (3, 2) and b (2, 1)")):
        L_model_backward(AL, Y, swapped)


def test_linear_backward_refuses_a_mismatched_cache():
    with pytest.raises(ValueError, match=re.escape("cache does not hold the arrays of one layer: A_prev (3, 2), "
                                                   "W (1, 4) and b (1, 1)")):
        linear_backward(np.ones((1, 2)), (np.ones((3, 2)), np.ones((1, 4)), np.zeros((1, 1))))


def test_valid_backward_is_unchanged(net):
    # The new checks change no number: the same gradients as the private loop's.
    from course_utils.network import _backward

    _, _, Y, AL, caches = net
    grads = L_model_backward(AL, Y, caches)
    expected = _backward(AL, Y.astype(float), caches, "relu")
    for key in expected:
        np.testing.assert_array_equal(grads[key], expected[key])


# ---------------------------------------------------------------- 4. numerical_gradient, float16

def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    calls = []

    def f():
        calls.append(x.copy())
        if len(calls) == 2:
            raise RuntimeError("boom")
        return float(np.sum(x ** 2))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    assert calls[1][0] != 1.0  # f did see the perturbed entry


def test_float16_is_computed_in_float64():
    assert validate_matrix(np.ones((2, 3), dtype=np.float16), "X").dtype == np.float64
    assert validate_matrix(np.ones((2, 3), dtype=np.float32), "X").dtype == np.float32
    X16 = np.array([[0., 1., 2., 3.]], dtype=np.float16)
    Y = np.array([[0, 0, 1, 1]])
    parameters, costs = L_layer_model(X16, Y, [1, 1], learning_rate=0.5, num_iterations=50)
    assert parameters["W1"].dtype == np.float64 and parameters["b1"].dtype == np.float64
    expected, expected_costs = L_layer_model(X16.astype(np.float64), Y, [1, 1], learning_rate=0.5,
                                             num_iterations=50)
    np.testing.assert_array_equal(parameters["W1"], expected["W1"])
    assert costs == expected_costs
    grads, _ = propagate(np.zeros((1, 1)), 0.0, X16, Y)
    assert grads["dw"].dtype == np.float64


# ---------------------------------------------------------------- 5. message nits

def test_rank1_list_Y_gets_the_label_hint():
    with pytest.raises(ValueError, match=re.escape("Y has shape (3,): a rank-1 array. Labels are a row of shape "
                                                   "(1, m): use Y.reshape(1, -1).")):
        compute_cost(np.array([[0.5, 0.5, 0.5]]), [1, 0, 1])


def test_huge_label_is_printed_short():
    with pytest.raises(ValueError, match=re.escape("Y must hold labels in {0, 1}, got [1e+300].")) as info:
        compute_cost(np.array([[0.5]]), np.array([[1e300]]))
    assert len(str(info.value)) < 200
    with pytest.raises(ValueError, match=re.escape("got [-1, 2]")):
        compute_cost(np.array([[0.5, 0.5]]), np.array([[-1, 2]]))


def test_perfect_cost_is_positive_zero():
    cost = compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]]))
    assert cost == 0.0 and np.copysign(1.0, cost) == 1.0
    _, cost = propagate(np.zeros((1, 1)), 1e6, np.ones((1, 2)), np.array([[1, 1]]))
    assert np.copysign(1.0, cost) == 1.0


# Found by trying the library as a user would (issue 12): a copy of the caches
# as a plain list used to fall back to ReLU's derivative, silently wrong for a
# tanh or sigmoid network.
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu", "relu"])
def test_plain_list_caches_keep_their_activation(activation):
    rng = np.random.default_rng(5)
    parameters = cu.initialize_parameters_deep([3, 4, 2, 1], seed=2)
    X, Y = rng.normal(size=(3, 5)), np.array([[1, 0, 1, 1, 0]])
    AL, caches = cu.L_model_forward(X, parameters, activation)
    expected = cu.L_model_backward(AL, Y, caches)
    for plain in (caches[:], caches[:1] + caches[1:], [tuple(c) for c in caches]):
        got = cu.L_model_backward(AL, Y, plain)
        for key in expected:
            np.testing.assert_array_equal(got[key], expected[key])


def test_plain_list_caches_that_fit_no_activation_are_refused():
    parameters = cu.initialize_parameters_deep([3, 4, 1], seed=2)
    X, Y = np.ones((3, 2)), np.array([[1, 0]])
    AL, caches = cu.L_model_forward(X, parameters, "tanh")
    (A_prev, W, b), Z = caches[1]
    plain = [caches[0], ((A_prev * 3.0, W, b), Z)]  # the A's are no activation of the Z's
    with pytest.raises(ValueError, match=r"caches is a plain list, which does not record the hidden activation, "
                                         r"and its A's are not any of"):
        cu.L_model_backward(AL, Y, plain)
