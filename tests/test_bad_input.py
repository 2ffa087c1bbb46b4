"""Bad input gets a clear error: what was expected, what came, how to fix it.

One test per case from the issue, each pinning its message. The data-file
cases (missing, not HDF5, Git LFS pointer, missing keys) are in test_data.py.
"""

import numpy as np
import pytest

from course_utils import (
    L_layer_model,
    L_model_backward,
    L_model_forward,
    compute_cost,
    gradient_check,
    initialize_parameters_deep,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    optimize,
    predict,
    predict_logistic,
    propagate,
    update_parameters,
)

n_x, m = 4, 6
X = np.linspace(-1, 1, n_x * m).reshape(n_x, m)
Y = (np.arange(m) % 2).reshape(1, m)
PARAMETERS = initialize_parameters_deep([n_x, 3, 1], seed=0)


# ---------------------------------------------------------------- rank-1 arrays

def test_rank1_X():
    with pytest.raises(ValueError, match=r"X has shape \(4,\): a rank-1 array\. Examples are columns: "
                                         r"use X\.reshape\(-1, 1\) for one example"):
        L_model_forward(X[:, 0], PARAMETERS)


def test_rank1_Y():
    with pytest.raises(ValueError, match=r"Y has shape \(6,\): a rank-1 array\. Labels are a row of "
                                         r"shape \(1, m\): use Y\.reshape\(1, -1\)"):
        L_layer_model(X, Y.ravel(), [n_x, 1], 0.1, 1)


def test_rank1_b():
    with pytest.raises(ValueError, match=r"b has shape \(3,\): a rank-1 array\. Use b\.reshape\(-1, 1\)"):
        linear_forward(X, np.ones((3, n_x)), np.zeros(3))
    bad = dict(PARAMETERS, b1=np.zeros(3))
    with pytest.raises(ValueError, match=r"b1 has shape \(3,\): a rank-1 array"):
        L_model_forward(X, bad)


def test_rank1_w():
    with pytest.raises(ValueError, match=r"w has shape \(4,\): a rank-1 array.*w\.reshape\(-1, 1\)"):
        propagate(np.zeros(n_x), 0.0, X, Y)


# ---------------------------------------------------------------- (m, n_x) instead of (n_x, m)

def test_transposed_X_with_parameters():
    with pytest.raises(ValueError, match=r"X has shape \(6, 4\), which looks like \(m, n_x\): the network "
                                         r"expects n_x=4 rows\. Examples are columns: pass X\.T"):
        predict(X.T, PARAMETERS)


def test_transposed_X_when_training():
    with pytest.raises(ValueError, match=r"X has shape \(6, 4\), which looks like \(m, n_x\).*pass X\.T"):
        L_layer_model(X.T, Y, [n_x, 3, 1], 0.1, 1)
    with pytest.raises(ValueError, match=r"X has shape \(6, 4\), which looks like \(m, n_x\).*pass X\.T"):
        propagate(np.zeros((n_x, 1)), 0.0, X.T, Y)


def test_X_with_the_wrong_number_of_features():
    with pytest.raises(ValueError, match=r"X has 5 rows \(features\) but the parameters expect n_x=4"):
        L_model_forward(np.ones((5, m)), PARAMETERS)


def test_transposed_W_in_linear_forward():
    with pytest.raises(ValueError, match=r"A_prev has shape \(4, 6\).*expects n_x=3 rows|"
                                         r"A_prev has 4 rows \(features\) but the parameters expect n_x=3"):
        linear_forward(X, np.ones((4, 3)), np.zeros((4, 1)))


# ---------------------------------------------------------------- X and Y disagree on m

def test_X_and_Y_different_m():
    with pytest.raises(ValueError, match=r"X has 6 examples \(columns\) but Y has 5\. X must be \(n_x, m\) "
                                         r"and Y \(1, m\)"):
        L_layer_model(X, Y[:, :5], [n_x, 1], 0.1, 1)
    with pytest.raises(ValueError, match=r"X has 6 examples \(columns\) but Y has 5"):
        propagate(np.zeros((n_x, 1)), 0.0, X, Y[:, :5])


def test_AL_and_Y_different_m():
    with pytest.raises(ValueError, match=r"Y has 5 examples \(columns\) but 6 were expected"):
        compute_cost(np.full((1, 6), 0.5), Y[:, :5])


# ---------------------------------------------------------------- Y itself

def test_Y_not_one_row():
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\), got \(6, 1\): use Y\.T"):
        L_layer_model(X, Y.T, [n_x, 1], 0.1, 1)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\), got \(2, 3\)"):
        compute_cost(np.full((1, 6), 0.5), Y.reshape(2, 3))


def test_Y_outside_0_1():
    with pytest.raises(ValueError, match=r"Y must hold labels in \{0, 1\}, got \[-1\]\. For classes such as "
                                         r"\{-1, 1\} or \{1, 2\}, map them first"):
        L_layer_model(X, 2 * Y - 1, [n_x, 1], 0.1, 1)
    with pytest.raises(ValueError, match=r"Y must hold labels in \{0, 1\}, got \[2\]"):
        compute_cost(np.full((1, 6), 0.5), Y + 1)


def test_AL_not_probabilities():
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\].*not the pre-activation ZL"):
        compute_cost(np.full((1, 6), 2.0), Y)


# ---------------------------------------------------------------- NaN and inf

@pytest.mark.parametrize("value, word", [(np.nan, "NaN"), (np.inf, "inf")])
def test_nonfinite_X(value, word):
    bad = X.copy()
    bad[2, 3] = value
    with pytest.raises(ValueError, match=rf"X contains {word} \(1 non-finite entries, the first at \[2, 3\]\)"):
        L_layer_model(bad, Y, [n_x, 1], 0.1, 1)
    with pytest.raises(ValueError, match=rf"X contains {word}"):
        predict(bad, PARAMETERS)
    assert np.isnan(bad[2, 3]) or np.isinf(bad[2, 3]), "the caller's array is left as it was"


def test_nonfinite_parameters():
    bad = {k: v.copy() for k, v in PARAMETERS.items()}
    bad["W2"][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"W2 contains NaN"):
        L_model_forward(X, bad)


# ---------------------------------------------------------------- names

def test_unknown_activation():
    with pytest.raises(ValueError, match=r"Unknown hidden_activation 'rleu': expected one of 'sigmoid', "
                                         r"'tanh', 'relu', 'leaky_relu', 'identity'"):
        L_layer_model(X, Y, [n_x, 3, 1], 0.1, 1, hidden_activation="rleu")
    with pytest.raises(ValueError, match=r"Unknown activation 'softmax'"):
        linear_activation_forward(X, np.ones((3, n_x)), np.zeros((3, 1)), "softmax")


def test_unknown_init():
    with pytest.raises(ValueError, match=r"Unknown init 'random': expected one of 'zeros', 'small', "
                                         r"'xavier', 'he', 'large'"):
        initialize_parameters_deep([n_x, 3, 1], init="random")


def test_activation_must_be_a_string():
    with pytest.raises(TypeError, match=r"hidden_activation must be a string"):
        L_model_forward(X, PARAMETERS, hidden_activation=None)


# ---------------------------------------------------------------- layer_dims

@pytest.mark.parametrize("layer_dims", [[], [4]])
def test_layer_dims_too_short(layer_dims):
    with pytest.raises(ValueError, match=r"layer_dims must have at least 2 entries, the input size n_x and "
                                         r"the output size.*For logistic regression use \[n_x, 1\]"):
        initialize_parameters_deep(layer_dims)


def test_layer_dims_not_a_list():
    with pytest.raises(TypeError, match=r"layer_dims must be a list of layer sizes"):
        initialize_parameters_deep(5)


def test_layer_dims_bad_size():
    with pytest.raises(ValueError, match=r"layer_dims\[1\] must be a positive whole number of units, got 0"):
        initialize_parameters_deep([4, 0, 1])


def test_output_layer_must_have_one_unit():
    with pytest.raises(ValueError, match=r"The output layer must have 1 unit.*got layer_dims\[-1\]=2"):
        L_layer_model(X, Y, [n_x, 2], 0.1, 1)


# ---------------------------------------------------------------- other arguments

def test_X_not_an_array():
    with pytest.raises(TypeError, match=r"X must be a numpy array, got dict\. Convert it with np\.asarray\(X\)"):
        L_model_forward({"a": 1}, PARAMETERS)


def test_X_of_strings():
    with pytest.raises(TypeError, match=r"X must hold numbers, got dtype <U1"):
        predict(np.array([["a"] * m] * n_x), PARAMETERS)


def test_parameters_with_mismatched_layers():
    bad = dict(PARAMETERS, W2=np.ones((1, 5)))
    with pytest.raises(ValueError, match=r"W2 has shape \(1, 5\) but layer 1 has 3 units: W2 must be "
                                         r"\(n\[2\], n\[1\]\) = \(1, 3\)"):
        L_model_forward(X, bad)


def test_parameters_missing():
    with pytest.raises(ValueError, match=r"parameters has no 'W1'.*initialize_parameters_deep"):
        L_model_forward(X, {})


@pytest.mark.parametrize("rate", [0, -0.1, float("nan")])
def test_learning_rate_must_be_positive(rate):
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number"):
        L_layer_model(X, Y, [n_x, 1], rate, 1)


def test_num_iterations_must_be_whole():
    with pytest.raises(TypeError, match=r"num_iterations must be a whole number, got float 10\.5"):
        optimize(np.zeros((n_x, 1)), 0.0, X, Y, num_iterations=10.5)


def test_update_parameters_shape_mismatch():
    grads = {"dW1": np.ones((3, 5)), "db1": np.ones((3, 1)), "dW2": np.ones((1, 3)), "db2": np.ones((1, 1))}
    with pytest.raises(ValueError, match=r"dW1 has shape \(3, 5\) but W1 has shape \(3, 4\)"):
        update_parameters(PARAMETERS, grads, 0.1)


def test_update_parameters_missing_gradient():
    with pytest.raises(ValueError, match=r"grads has no 'dW1' for parameter 'W1'"):
        update_parameters(PARAMETERS, {}, 0.1)


def test_linear_backward_wrong_dZ():
    _, cache = linear_forward(X, np.ones((3, n_x)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"dZ must have the shape of Z, \(n\[l\], m\) = \(3, 6\), got \(6, 3\)"):
        linear_backward(np.ones((6, 3)), cache)


def test_linear_backward_wrong_cache():
    with pytest.raises(TypeError, match=r"cache must be the \(A_prev, W, b\) linear cache"):
        linear_backward(np.ones((3, m)), {"A_prev": X})


def test_L_model_backward_wrong_caches():
    with pytest.raises(TypeError, match=r"caches must be the non-empty list returned by L_model_forward"):
        L_model_backward(np.full((1, m), 0.5), Y, caches=None)


def test_b_not_a_number():
    with pytest.raises(TypeError, match=r"b must be a number \(a float\), got str"):
        predict_logistic(np.zeros((n_x, 1)), "0", X)


def test_gradient_check_transposed_X():
    with pytest.raises(ValueError, match=r"X has shape \(6, 4\), which looks like \(m, n_x\)"):
        gradient_check(PARAMETERS, X.T, Y)
