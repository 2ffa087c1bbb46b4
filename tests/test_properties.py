"""Property-based tests of the L-layer engine, with Hypothesis.

Each test states a property that must hold for *every* small network: random
layer sizes (L = 1..4 layers, hidden layers of 1..6 units, n_x = 1..6), every
hidden activation in ``HIDDEN_ACTIVATIONS``, m = 1..8 examples and, where the
docstrings promise it, float32 as well as float64.

Arrays are drawn from a Hypothesis-chosen seed through the helpers of
``conftest.py`` (``random_parameters``: weights scaled by 1/sqrt(n[l-1]) and
non-zero biases), so a failure shrinks to small sizes and a small seed that
``print_blob`` lets you replay.

Run time: the "ci" profile (the default) keeps the whole file well under a
minute on two cores and is derandomized, so CI sees the same examples every
run. ``HYPOTHESIS_PROFILE=dev`` runs many more examples with fresh randomness::

    HYPOTHESIS_PROFILE=dev python -m pytest -q tests/test_properties.py
"""

import copy
import os

import numpy as np
import pytest
from conftest import random_parameters
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import course_utils as cu
from course_utils.network import HIDDEN_ACTIVATIONS, INITIALIZATIONS

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,  # the first example pays numpy's warm-up; timing is not the property
    derandomize=True,  # the same examples on every run: CI failures reproduce
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=500,
    deadline=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DTYPES = [np.float64, np.float32]

# ---------------------------------------------------------------- strategies

seeds = st.integers(min_value=0, max_value=2**32 - 1)
activations = st.sampled_from(sorted(HIDDEN_ACTIVATIONS))
examples = st.integers(min_value=1, max_value=8)


@st.composite
def layer_dims(draw):
    """``[n_x, n[1], ..., n[L-1], 1]``: L = 1..4 layers, hidden ones of 1..6 units."""
    n_x = draw(st.integers(1, 6))
    hidden = draw(st.lists(st.integers(1, 6), min_size=0, max_size=3))
    return [n_x, *hidden, 1]


@st.composite
def problems(draw, dtype=np.float64, weight_scale=None):
    """A network and a batch: ``(parameters, X, Y, hidden_activation)``.

    ``weight_scale`` multiplies the conftest weights (for "large weights").
    """
    dims = draw(layer_dims())
    m = draw(examples)
    activation = draw(activations)
    rng = np.random.default_rng(draw(seeds))
    parameters = random_parameters(rng, dims, dtype=np.float64)
    if weight_scale is not None:
        scale = draw(weight_scale)
        parameters = {k: v * scale if k.startswith("W") else v for k, v in parameters.items()}
    parameters = {k: v.astype(dtype) for k, v in parameters.items()}
    X = rng.standard_normal((dims[0], m)).astype(dtype)
    Y = rng.integers(0, 2, size=(1, m))  # int labels, as a student would pass them
    return parameters, X, Y, activation


def _snapshot(obj):
    return copy.deepcopy(obj)


def _assert_same(before, after):
    """``after`` holds the very values (and dtypes) of ``before``: dicts, lists, tuples or arrays."""
    if isinstance(before, dict):
        assert before.keys() == after.keys()
        for key in before:
            _assert_same(before[key], after[key])
    elif isinstance(before, (list, tuple)):
        assert len(before) == len(after)
        for b, a in zip(before, after):
            _assert_same(b, a)
    else:
        assert isinstance(after, np.ndarray)
        assert after.dtype == before.dtype and after.shape == before.shape
        np.testing.assert_array_equal(after, before)


# ---------------------------------------------------------------- 1. backprop == centred differences

# Why these numbers. The numerical gradient (J(w+h) - J(w-h)) / 2h has a
# truncation error of about h^2 |J'''| / 6 ~ 1e-12 here (J is an O(1)
# cross-entropy of a network with 1/sqrt(n)-scaled weights) and a rounding
# error of about eps |J| / h ~ 2e-16 / 1e-6 = 2e-10 per entry. So an absolute
# tolerance of 1e-7 per entry is ~500x above the noise, and still ~1000x below
# a wrong gradient (which is off by O(|dJ/dw|) ~ 1e-2..1e-1 here). We compare
# entry by entry rather than with rel_error over the whole vector: when every
# gradient is tiny (dead ReLUs, AL close to Y), rel_error divides noise by
# noise and fails honestly correct gradients.
#
# Kinks: ReLU and leaky ReLU are not differentiable at Z = 0, and backprop
# uses the left derivative. A centred difference straddling the kink averages
# both sides, so it disagrees with backprop for reasons that are not bugs.
# Perturbing one parameter by h moves any Z by at most h * max(1, |A_prev|)
# times the product of the weights downstream of it, far below 1e-3 here; so
# examples where some hidden |Z| < KINK_MARGIN are rejected with assume().
# The conftest biases (non-zero, scale 0.5) make those rare: a handful of
# rejections in a run, not a filter that hides failures.
H = 1e-6
ATOL = 1e-7
RTOL = 1e-6
KINK_MARGIN = 1e-3


@given(problems())
def test_backprop_matches_centred_differences(problem):
    parameters, X, Y, activation = problem
    AL, caches = cu.L_model_forward(X, parameters, activation)
    if activation in ("relu", "leaky_relu"):
        hidden_Z = [Z for _, Z in caches[:-1]]
        assume(all(np.abs(Z).min() > KINK_MARGIN for Z in hidden_Z))
    grads = cu.L_model_backward(AL, Y, caches)

    # The numerical side uses only the public forward pass and cost.
    theta = {k: v.copy() for k, v in parameters.items()}

    def cost():
        return cu.compute_cost(cu.L_model_forward(X, theta, activation)[0], Y)

    L = len(parameters) // 2
    for l in range(1, L + 1):
        for name in ("W", "b"):
            key = f"{name}{l}"
            numeric = cu.numerical_gradient(cost, theta[key], h=H)
            assert grads[f"d{key}"].shape == parameters[key].shape
            np.testing.assert_allclose(grads[f"d{key}"], numeric, rtol=RTOL, atol=ATOL, err_msg=f"d{key}")
    # numerical_gradient puts every entry back.
    _assert_same(parameters, theta)


@given(problems())
def test_gradient_check_agrees_with_backprop(problem):
    """gradient_check's own verdict, where its rel_error is meaningful (gradient not tiny)."""
    parameters, X, Y, activation = problem
    AL, caches = cu.L_model_forward(X, parameters, activation)
    if activation in ("relu", "leaky_relu"):
        assume(all(np.abs(Z).min() > KINK_MARGIN for _, Z in caches[:-1]))
    grads = cu.L_model_backward(AL, Y, caches)
    norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))
    # rel_error = ||noise|| / (2 ||g||): with noise ~1e-9 per entry and at most
    # ~100 entries, a gradient norm above 1e-2 keeps it below the 1e-7 threshold
    # the module documents. Smaller gradients are covered entry by entry above.
    assume(norm > 1e-2)
    difference = cu.gradient_check(parameters, X, Y, grads=grads, hidden_activation=activation)
    assert difference < cu.gradcheck.GRADIENT_CHECK_THRESHOLD


# ---------------------------------------------------------------- 2. AL is a probability

@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_forward_output_is_a_finite_probability_even_with_large_weights(dtype, data):
    # Weights up to 1000x the 1/sqrt(n) scale saturate every sigmoid and tanh;
    # with |X| ~ 3 and at most 3 hidden layers, ReLU/identity pre-activations
    # stay below ~1e17, far from float32's 3e38, so overflow is not in play.
    scale = st.sampled_from([1.0, 10.0, 100.0, 1000.0]) | st.floats(0.0, 1000.0)
    parameters, X, Y, activation = data.draw(problems(dtype=dtype, weight_scale=scale))
    AL, caches = cu.L_model_forward(X, parameters, activation)
    assert AL.shape == (1, X.shape[1])
    assert np.isfinite(AL).all()
    assert ((AL >= 0) & (AL <= 1)).all()
    assert len(caches) == len(parameters) // 2


# ---------------------------------------------------------------- 3. cost is finite at 0 and 1

@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_cost_is_finite_when_AL_holds_exact_zeros_and_ones(dtype, data):
    m = data.draw(examples)
    Y = np.array([data.draw(st.lists(st.sampled_from([0, 1]), min_size=m, max_size=m))])
    # Exact 0s and 1s, mixed with ordinary probabilities: each 0/1 either
    # agrees with its label (cost 0) or contradicts it (the worst case).
    values = st.sampled_from([0.0, 1.0]) | st.floats(0.0, 1.0)
    AL = np.array([data.draw(st.lists(values, min_size=m, max_size=m))], dtype=dtype)
    assume(np.isin(AL, (0.0, 1.0)).any())
    cost = cu.compute_cost(AL, Y)
    assert isinstance(cost, float)
    assert np.isfinite(cost)
    # Every term is -log of a probability clipped to [eps, 1].
    assert 0.0 <= cost <= -np.log(np.finfo(dtype).eps) * (1 + 1e-6)
    if np.array_equal(AL, Y):  # a perfect, certain prediction costs nothing
        assert cost == 0.0


@pytest.mark.parametrize("dtype", DTYPES)
@given(m=examples, agree=st.booleans())
def test_cost_of_certain_predictions(dtype, m, agree):
    Y = (np.arange(m) % 2).reshape(1, m)
    AL = (Y if agree else 1 - Y).astype(dtype)
    cost = cu.compute_cost(AL, Y)
    assert np.isfinite(cost)
    if agree:
        assert cost == 0.0
    else:
        # Every example contributes -log(eps): large, finite and the same for all m.
        assert cost == pytest.approx(-np.log(np.finfo(dtype).eps), rel=1e-5)


# ---------------------------------------------------------------- 4. predict

@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_predict_returns_0_1_ints_of_shape_1_m(dtype, data):
    parameters, X, Y, activation = data.draw(problems(dtype=dtype))
    predictions = cu.predict(X, parameters, activation)
    assert predictions.shape == (1, X.shape[1])
    assert predictions.dtype == np.int64  # the docstring's promise
    assert set(np.unique(predictions)) <= {0, 1}
    AL, _ = cu.L_model_forward(X, parameters, activation)
    np.testing.assert_array_equal(predictions, (AL > 0.5).astype(np.int64))


# ---------------------------------------------------------------- 5. seeding

def _global_state_equal(a, b):
    return a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2:] == b[2:]


@given(dims=layer_dims(), seed=seeds, init=st.sampled_from(sorted(INITIALIZATIONS)),
       dtype=st.sampled_from(DTYPES))
def test_same_seed_same_parameters_and_global_random_state_untouched(dims, seed, init, dtype):
    before = np.random.get_state()
    first = cu.initialize_parameters_deep(dims, seed=seed, init=init, dtype=dtype)
    second = cu.initialize_parameters_deep(dims, seed=seed, init=init, dtype=dtype)
    from_generator = cu.initialize_parameters_deep(dims, seed=np.random.default_rng(seed), init=init, dtype=dtype)
    after = np.random.get_state()
    assert _global_state_equal(before, after)
    assert sorted(first) == sorted(f"{n}{l}" for l in range(1, len(dims)) for n in "Wb")
    _assert_same(first, second)
    _assert_same(first, from_generator)
    for l in range(1, len(dims)):
        assert first[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert first[f"b{l}"].shape == (dims[l], 1)
        assert not first[f"b{l}"].any()  # biases always start at zero


@given(dims=layer_dims(), seed=seeds)
def test_initialization_does_not_consume_global_random_numbers(dims, seed):
    np.random.seed(seed % 2**32)
    expected = np.random.random(5)
    np.random.seed(seed % 2**32)
    cu.initialize_parameters_deep(dims, seed=seed)
    np.testing.assert_array_equal(np.random.random(5), expected)


# ---------------------------------------------------------------- 6. float32 stays float32

# Promised by the docstrings: activations return "same shape and dtype as Z";
# validate_matrix keeps float32 ("so a float32 training run stays float32");
# L_layer_model: "float32 input trains in float32; anything else in float64",
# returning parameters "in the dtype of X".

@given(problems(dtype=np.float32))
def test_float32_stays_float32_through_forward_backward_and_update(problem):
    parameters, X, Y, activation = problem
    AL, caches = cu.L_model_forward(X, parameters, activation)
    assert AL.dtype == np.float32
    for (A_prev, W, b), Z in caches:
        assert A_prev.dtype == W.dtype == b.dtype == Z.dtype == np.float32
    grads = cu.L_model_backward(AL, Y, caches)
    assert {k: v.dtype for k, v in grads.items()} == {f"d{k}": np.dtype(np.float32) for k in parameters}
    updated = cu.update_parameters(parameters, grads, 0.1)
    assert {k: v.dtype for k, v in updated.items()} == {k: np.dtype(np.float32) for k in parameters}
    assert isinstance(cu.compute_cost(AL, Y), float)


@given(problems(dtype=np.float32), st.booleans())
def test_float32_L_layer_model_step_stays_float32(problem, bold_driver):
    parameters, X, Y, activation = problem
    dims = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
    trained, costs = cu.L_layer_model(
        X, Y, dims, learning_rate=0.01, num_iterations=1, hidden_activation=activation,
        initial_parameters=parameters, bold_driver=bold_driver,
    )
    assert {k: v.dtype for k, v in trained.items()} == {k: np.dtype(np.float32) for k in parameters}
    assert len(costs) == 1 and isinstance(costs[0], float) and np.isfinite(costs[0])
    # Trained from a seed too (initialize_parameters_deep in X's dtype).
    seeded, _ = cu.L_layer_model(X, Y, dims, learning_rate=0.01, num_iterations=1, hidden_activation=activation)
    assert all(v.dtype == np.float32 for v in seeded.values())


@given(problems(dtype=np.float64))
def test_float64_X_trains_in_float64_whatever_the_initial_parameters(problem):
    parameters, X, Y, activation = problem
    dims = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
    start32 = {k: v.astype(np.float32) for k, v in parameters.items()}
    trained, _ = cu.L_layer_model(X, Y, dims, learning_rate=0.01, num_iterations=1,
                                  hidden_activation=activation, initial_parameters=start32)
    assert all(v.dtype == np.float64 for v in trained.values())


# ---------------------------------------------------------------- 7. no input is modified

@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_no_function_modifies_its_inputs(dtype, data):
    parameters, X, Y, activation = data.draw(problems(dtype=dtype))
    X0, Y0, parameters0 = _snapshot(X), _snapshot(Y), _snapshot(parameters)

    AL, caches = cu.L_model_forward(X, parameters, activation)
    _assert_same(X0, X)
    _assert_same(parameters0, parameters)

    AL0, caches0 = _snapshot(AL), _snapshot(list(caches))
    cost = cu.compute_cost(AL, Y)
    assert np.isfinite(cost)
    _assert_same(AL0, AL)
    _assert_same(Y0, Y)

    grads = cu.L_model_backward(AL, Y, caches)
    _assert_same(AL0, AL)
    _assert_same(Y0, Y)
    _assert_same(caches0, list(caches))

    grads0 = _snapshot(grads)
    updated = cu.update_parameters(parameters, grads, 0.5)
    _assert_same(parameters0, parameters)
    _assert_same(grads0, grads)
    assert all(updated[k] is not parameters[k] for k in parameters)

    predictions = cu.predict(X, parameters, activation)
    assert predictions.shape == (1, X.shape[1])
    _assert_same(X0, X)
    _assert_same(parameters0, parameters)


@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_L_layer_model_modifies_neither_data_nor_initial_parameters(dtype, data):
    parameters, X, Y, activation = data.draw(problems(dtype=dtype))
    bold_driver = data.draw(st.booleans())
    dims = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
    X0, Y0, parameters0 = _snapshot(X), _snapshot(Y), _snapshot(parameters)
    trained, costs = cu.L_layer_model(
        X, Y, dims, learning_rate=0.05, num_iterations=3, hidden_activation=activation,
        initial_parameters=parameters, bold_driver=bold_driver,
    )
    _assert_same(X0, X)
    _assert_same(Y0, Y)
    _assert_same(parameters0, parameters)
    assert all(trained[k] is not parameters[k] for k in parameters)
    assert np.isfinite(costs).all()
