"""Tests for course_utils.toy_data: shapes, balance, seeding, geometry, errors."""

import numpy as np
import pytest

from course_utils.toy_data import (
    TOY_DATASETS,
    load_planar_dataset,
    make_blobs,
    make_circles,
    make_flower,
    make_gaussian_quantiles,
    make_moons,
    make_toy_dataset,
)

GENERATORS = sorted(TOY_DATASETS.items())
GENERATOR_IDS = [name for name, _ in GENERATORS]


# --------------------------------------------------------------------------
# Layout shared by every generator
# --------------------------------------------------------------------------

def test_registry_names():
    assert set(TOY_DATASETS) == {"flower", "moons", "circles", "blobs", "gaussian_quantiles"}


@pytest.mark.parametrize("name, make", GENERATORS, ids=GENERATOR_IDS)
@pytest.mark.parametrize("m", [1, 2, 7, 400])
def test_shapes_dtypes_and_balance(name, make, m):
    X, Y = make(m=m)
    assert X.shape == (2, m) and X.dtype == np.float64
    assert Y.shape == (1, m) and Y.dtype == np.int64
    assert set(np.unique(Y)) <= {0, 1}
    n1 = int(Y.sum())
    assert abs((m - n1) - n1) <= 1
    assert np.isfinite(X).all()


@pytest.mark.parametrize("name, make", GENERATORS, ids=GENERATOR_IDS)
def test_same_seed_same_data_other_seed_other_data(name, make):
    X1, Y1 = make(seed=3)
    X2, Y2 = make(seed=3)
    X3, _ = make(seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name, make", GENERATORS, ids=GENERATOR_IDS)
def test_generator_is_used_directly(name, make):
    # A generator seeded like the int gives the same data ...
    X_int, Y_int = make(seed=5)
    X_gen, Y_gen = make(seed=np.random.default_rng(5))
    np.testing.assert_array_equal(X_int, X_gen)
    np.testing.assert_array_equal(Y_int, Y_gen)
    # ... and is advanced, not copied: two draws from it differ.
    rng = np.random.default_rng(5)
    first, _ = make(seed=rng)
    second, _ = make(seed=rng)
    assert not np.allclose(first, second)


@pytest.mark.parametrize("name, make", GENERATORS, ids=GENERATOR_IDS)
def test_noise_zero_is_allowed(name, make):
    X, _ = make(m=50, noise=0)
    assert X.shape == (2, 50)


def test_classes_are_shuffled():
    _, Y = make_moons(m=100)
    # In blocks the labels would change once; shuffled they change often.
    assert np.count_nonzero(np.diff(Y[0])) > 10


def test_does_not_touch_global_random_state():
    state = np.random.get_state()[1].copy()
    for make in TOY_DATASETS.values():
        make(m=20)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


# --------------------------------------------------------------------------
# Geometry of each set (noise-free, so exact statements hold)
# --------------------------------------------------------------------------

def _least_squares_accuracy(X, Y):
    """Training accuracy of the best linear classifier by least squares on +-1 targets."""
    A = np.vstack([X, np.ones((1, X.shape[1]))]).T
    w, *_ = np.linalg.lstsq(A, 2.0 * Y[0] - 1.0, rcond=None)
    return np.mean((A @ w > 0) == (Y[0] == 1))


@pytest.mark.parametrize("petals", [1, 2, 3, 4, 5])
def test_flower_petals_are_pure_and_shared_evenly(petals):
    X, Y = make_flower(m=2000, petals=petals, noise=0.0)
    radius = np.hypot(X[0], X[1])
    assert radius.max() <= 4.0 + 1e-9
    # Without noise, every petal (angular sector of width pi / petals) holds one class.
    sector = np.floor(np.mod(np.arctan2(X[1], X[0]), 2 * np.pi) / (np.pi / petals)).astype(int)
    far = radius > 0.5  # leave out the centre, where all petals meet
    owner = {}
    for s in range(2 * petals):
        labels = np.unique(Y[0, far & (sector == s)])
        assert labels.size == 1, f"petal {s} mixes classes"
        owner[s] = int(labels[0])
    assert sum(owner.values()) == petals
    # The opposite petal always belongs to the other class.
    for s in range(petals):
        assert owner[s] != owner[s + petals]


def test_flower_is_not_linearly_separable_but_blobs_are():
    assert _least_squares_accuracy(*make_flower()) < 0.6
    assert _least_squares_accuracy(*make_blobs()) > 0.95


def test_flower_petals_change_the_data():
    X4, _ = make_flower(petals=4)
    X6, _ = make_flower(petals=6)
    assert not np.allclose(X4, X6)


def test_load_planar_dataset_is_the_400_point_flower():
    X, Y = load_planar_dataset()
    X_ref, Y_ref = make_flower(400, seed=1)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(Y, Y_ref)
    X2, _ = load_planar_dataset(seed=2)
    assert not np.allclose(X, X2)


def test_circles_radii():
    X, Y = make_circles(m=200, noise=0.0, factor=0.3)
    radius = np.hypot(X[0], X[1])
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(radius[Y[0] == 1], 0.3, atol=1e-12)


def test_moons_lie_on_their_arcs():
    X, Y = make_moons(m=200, noise=0.0)
    upper, lower = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose(np.hypot(upper[0], upper[1]), 1.0, atol=1e-12)
    assert (upper[1] >= 0).all()
    np.testing.assert_allclose(np.hypot(lower[0] - 1.0, lower[1] - 0.5), 1.0, atol=1e-12)
    assert (lower[1] <= 0.5).all()


@pytest.mark.parametrize("centers", [2, 3, 4])
def test_blobs_centres_and_alternating_labels(centers):
    X, Y = make_blobs(m=60, noise=0.0, centers=centers)
    points, first = np.unique(X.T.round(9), axis=0, return_index=True)
    assert points.shape[0] == centers
    labels = Y[0, first]
    # Going round the circle, neighbouring centres are 5 apart and labelled 0, 1, 0, ...
    order = np.argsort(np.mod(np.arctan2(points[:, 1], points[:, 0]), 2 * np.pi))
    points, labels = points[order], labels[order]
    np.testing.assert_allclose(np.linalg.norm(points[1] - points[0]), 5.0)
    assert labels.tolist() == [i % 2 for i in range(centers)]


@pytest.mark.parametrize("m", [7, 400])
def test_gaussian_quantiles_split_at_the_median_radius(m):
    X, Y = make_gaussian_quantiles(m=m)
    radius = np.hypot(X[0], X[1])
    assert radius[Y[0] == 1].min() > radius[Y[0] == 0].max()
    assert int(Y.sum()) == m // 2


def test_gaussian_quantiles_seed_is_second_positional():
    np.testing.assert_array_equal(make_gaussian_quantiles(50, 3)[0],
                                  make_gaussian_quantiles(m=50, seed=3)[0])


# --------------------------------------------------------------------------
# make_toy_dataset
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(TOY_DATASETS))
def test_make_toy_dataset_uses_generator_defaults(name):
    X, Y = make_toy_dataset(name, m=30, seed=2)
    X_ref, Y_ref = TOY_DATASETS[name](m=30, seed=2)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(Y, Y_ref)


@pytest.mark.parametrize("name", sorted(TOY_DATASETS))
def test_make_toy_dataset_passes_noise(name):
    X, _ = make_toy_dataset(name, m=30, noise=0.05, seed=2)
    X_ref, _ = TOY_DATASETS[name](m=30, noise=0.05, seed=2)
    np.testing.assert_array_equal(X, X_ref)


# --------------------------------------------------------------------------
# Bad input: every message pinned
# --------------------------------------------------------------------------

@pytest.mark.parametrize("make", [make for _, make in GENERATORS], ids=GENERATOR_IDS)
def test_m_must_be_a_positive_whole_number(make):
    with pytest.raises(ValueError, match=r"m must be at least 1, got 0"):
        make(m=0)
    with pytest.raises(ValueError, match=r"m must be at least 1, got -5"):
        make(m=-5)
    with pytest.raises(TypeError, match=r"m must be a whole number, got float 2\.5"):
        make(m=2.5)
    with pytest.raises(TypeError, match=r"m must be a whole number, got bool True"):
        make(m=True)


def test_m_accepts_numpy_integers():
    X, _ = make_moons(m=np.int64(10))
    assert X.shape == (2, 10)


@pytest.mark.parametrize("make", [make for _, make in GENERATORS], ids=GENERATOR_IDS)
def test_negative_noise(make):
    with pytest.raises(ValueError, match=r"noise must be a non-negative finite number \(the standard "
                                         r"deviation of the Gaussian jitter; noise=0 for none\), got -0\.1"):
        make(noise=-0.1)
    with pytest.raises(ValueError, match=r"noise must be a non-negative finite number .* got nan"):
        make(noise=float("nan"))
    with pytest.raises(TypeError, match=r"noise must be a number \(the standard deviation of the Gaussian jitter; noise=0 for none\), got str"):
        make(noise="0.1")


@pytest.mark.parametrize("make", [make for _, make in GENERATORS], ids=GENERATOR_IDS)
def test_bad_seed(make):
    with pytest.raises(TypeError, match=r"seed must be an int or a np\.random\.Generator, "
                                        r"got NoneType None\. Pass a fixed number"):
        make(seed=None)
    with pytest.raises(TypeError, match=r"got RandomState"):
        make(seed=np.random.RandomState(0))
    with pytest.raises(ValueError, match=r"seed must be a non-negative int, got -1"):
        make(seed=-1)


@pytest.mark.parametrize("factor", [0, 1, 1.5, -0.2])
def test_circles_factor_outside_open_interval(factor):
    with pytest.raises(ValueError, match=r"factor must lie strictly between 0 and 1 .* "
                                         rf"got {factor}\. Try factor=0\.5"):
        make_circles(factor=factor)


def test_circles_factor_not_a_number():
    with pytest.raises(TypeError, match=r"factor must be a number, got str"):
        make_circles(factor="half")


def test_flower_needs_at_least_one_petal():
    with pytest.raises(ValueError, match=r"petals must be at least 1, got 0"):
        make_flower(petals=0)
    with pytest.raises(TypeError, match=r"petals must be a whole number, got float 4\.0"):
        make_flower(petals=4.0)


def test_blobs_need_two_centres():
    with pytest.raises(ValueError, match=r"centers must be at least 2, got 1"):
        make_blobs(centers=1)


def test_unknown_dataset_name():
    with pytest.raises(ValueError, match=r"Unknown dataset name 'spiral': expected one of "
                                         r"'flower', 'moons', 'circles', 'blobs', "
                                         r"'gaussian_quantiles'"):
        make_toy_dataset("spiral")
    with pytest.raises(TypeError, match=r"dataset name must be a string"):
        make_toy_dataset(make_moons)


def test_make_toy_dataset_checks_the_generator_arguments():
    with pytest.raises(ValueError, match=r"m must be at least 1"):
        make_toy_dataset("circles", m=0)
    with pytest.raises(ValueError, match=r"noise must be a non-negative"):
        make_toy_dataset("flower", noise=-1)


def test_make_parity():
    from course_utils.toy_data import make_parity

    X, Y = make_parity(5)
    assert X.shape == (5, 32) and Y.shape == (1, 32)
    assert len({tuple(col) for col in X.T}) == 32  # every bit string once
    np.testing.assert_array_equal(Y, X.sum(axis=0, keepdims=True) % 2)
    assert Y.sum() == 16
    with pytest.raises(ValueError, match=r"n_bits must be at most 16"):
        make_parity(17)
    with pytest.raises(ValueError, match=r"n_bits must be at least 1"):
        make_parity(0)
