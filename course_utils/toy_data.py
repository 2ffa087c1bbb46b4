"""Two-dimensional toy data sets for binary classification.

Week 3 trains a network with one hidden layer on the planar "flower" data
(:func:`make_flower`, also available under the course's name
:func:`load_planar_dataset`): logistic regression does no better than a coin
toss on it, while a handful of tanh units traces the petals. The other sets
(moons, circles, blobs and Gaussian quantiles) are the extra experiments at the
end of week 3, and serve just as well for the logistic regression of week 2 and
the deeper networks of week 4. Pick one by name with :func:`make_toy_dataset`.

Every generator returns ``(X, Y)`` with examples as columns:

- ``X``: float64 array of shape ``(2, m)``, one point per column;
- ``Y``: int64 array of shape ``(1, m)``, labels in {0, 1}, with the two
  classes balanced (their sizes differ by at most one; class 0 gets the extra
  example when ``m`` is odd).

Randomness comes only through ``seed``: an int, or a ``np.random.Generator``,
which is then used (and advanced) directly. The columns are shuffled, so the
two classes are not stored in two blocks.
"""

from __future__ import annotations

from numbers import Real
from typing import Any, Callable

import numpy as np

from ._validation import as_generator, validate_choice, validate_non_negative, validate_positive_int

__all__ = [
    "make_flower",
    "load_planar_dataset",
    "make_moons",
    "make_circles",
    "make_blobs",
    "make_gaussian_quantiles",
    "make_parity",
    "TOY_DATASETS",
    "make_toy_dataset",
]

# Radius of the flower's petals, the ``a`` in r = a * |sin(k t)|.
_FLOWER_RADIUS = 4.0
# Distance between the centres of neighbouring blobs.
_BLOB_SPACING = 5.0


# --------------------------------------------------------------------------
# Shared argument handling
# --------------------------------------------------------------------------

def _check_noise(noise: Any, name: str = "noise") -> float:
    """Check a standard deviation: a finite number, zero allowed."""
    return validate_non_negative(
        noise, name, f" (the standard deviation of the Gaussian jitter; {name}=0 for none)"
    )


def _class_sizes(m: int) -> tuple[int, int]:
    """Sizes of class 0 and class 1 for ``m`` examples: balanced, 0 gets the odd one."""
    return m - m // 2, m // 2


def _assemble(X0: np.ndarray, X1: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Stack the points of class 0 and class 1 and shuffle the columns."""
    X = np.concatenate([X0, X1], axis=1)
    Y = np.concatenate([
        np.zeros(X0.shape[1], dtype=np.int64),
        np.ones(X1.shape[1], dtype=np.int64),
    ]).reshape(1, -1)
    order = rng.permutation(X.shape[1])
    return np.ascontiguousarray(X[:, order], dtype=np.float64), Y[:, order]


# --------------------------------------------------------------------------
# Generators
# --------------------------------------------------------------------------

def make_flower(m: int = 400, petals: int = 4, noise: float = 0.2,
                seed: int | np.random.Generator = 1) -> tuple[np.ndarray, np.ndarray]:
    """Make the planar "flower" data of week 3: two classes on interleaved petals.

    Class 0 follows the rose curve ``r = a * sin(k t)`` in polar coordinates
    (``a = 4``, ``k = petals``) for angles ``t`` in ``[0, pi)``; where ``r`` is
    negative the point lands on the opposite side of the origin. Class 1 is
    the same curve turned by 180 degrees. Together they draw ``2 * petals``
    petals, ``petals`` of each class, and the petal opposite any petal always
    belongs to the other class, as in the course's data set. Going round the
    flower the colours alternate, except that for an even ``petals`` two
    neighbouring petals share a class at two places (a perfect alternation
    would contradict the opposite-petal rule). Gaussian noise is added to the
    angle, which moves a point along the curve, and to the radius, which moves
    it off the curve.

    No straight line separates the classes (logistic regression scores about
    50%), while a network with a few tanh hidden units reaches about 90%.

    Parameters
    ----------
    m : int, default 400
        Number of examples (columns of ``X``).
    petals : int, default 4
        Number of petals per class; the flower has ``2 * petals`` petals.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise on the angle (radians) and on
        the radius of every point. 0 puts the points exactly on the curve.
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
        The points, one per column.
    Y : np.ndarray of shape (1, m), int64
        Their labels, 0 or 1.

    Raises
    ------
    TypeError
        If ``m`` or ``petals`` is not a whole number, ``noise`` not a number,
        or ``seed`` neither an int nor a Generator.
    ValueError
        If ``m`` or ``petals`` is below 1, or ``noise`` is negative.

    Examples
    --------
    >>> X, Y = make_flower(m=400, seed=1)
    >>> X.shape, Y.shape
    ((2, 400), (1, 400))
    >>> int(Y.sum())
    200
    """
    m = validate_positive_int(m, "m")
    petals = validate_positive_int(petals, "petals")
    noise = _check_noise(noise)
    rng = as_generator(seed)

    def one_class(turn: float, n: int) -> np.ndarray:
        # r is computed from the noisy angle, so the angle noise slides a point
        # along the curve and it stays on its own class's petals; a few tanh
        # units then reach about 90%, as in the course. (Noise added to the
        # angle after r would scatter points across petal edges.)
        t = rng.uniform(0.0, np.pi, size=n) + noise * rng.standard_normal(n)
        r = _FLOWER_RADIUS * np.sin(petals * t) + noise * rng.standard_normal(n)
        return turn * np.vstack([r * np.cos(t), r * np.sin(t)])

    n0, n1 = _class_sizes(m)
    X0 = one_class(1.0, n0)
    X1 = one_class(-1.0, n1)  # class 1 is class 0's curve turned by 180 degrees
    return _assemble(X0, X1, rng)


def load_planar_dataset(seed: int | np.random.Generator = 1) -> tuple[np.ndarray, np.ndarray]:
    """Return the course's 400-point flower data set: ``make_flower(400, seed=seed)``.

    Parameters
    ----------
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.

    Returns
    -------
    X : np.ndarray of shape (2, 400), float64
    Y : np.ndarray of shape (1, 400), int64

    Examples
    --------
    >>> X, Y = load_planar_dataset()
    >>> X.shape, Y.shape
    ((2, 400), (1, 400))
    """
    return make_flower(400, seed=seed)


def make_moons(m: int = 400, noise: float = 0.2,
               seed: int | np.random.Generator = 1) -> tuple[np.ndarray, np.ndarray]:
    """Make two interleaving half circles ("moons").

    Class 0 lies on the upper half of the unit circle centred at (0, 0);
    class 1 on the lower half of the unit circle centred at (1, 0.5). The
    positions along each arc are drawn uniformly, then Gaussian noise is added
    to both coordinates.

    Parameters
    ----------
    m : int, default 400
        Number of examples.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
    Y : np.ndarray of shape (1, m), int64

    Raises
    ------
    TypeError, ValueError
        For an ``m`` that is not a positive whole number, a negative ``noise``
        or a ``seed`` that is neither an int nor a Generator.

    Examples
    --------
    >>> X, Y = make_moons(m=100, noise=0.1, seed=0)
    >>> X.shape, Y.shape
    ((2, 100), (1, 100))
    """
    m = validate_positive_int(m, "m")
    noise = _check_noise(noise)
    rng = as_generator(seed)

    n0, n1 = _class_sizes(m)
    t0 = rng.uniform(0.0, np.pi, size=n0)
    t1 = rng.uniform(0.0, np.pi, size=n1)
    X0 = np.vstack([np.cos(t0), np.sin(t0)])
    X1 = np.vstack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X0 = X0 + noise * rng.standard_normal(X0.shape)
    X1 = X1 + noise * rng.standard_normal(X1.shape)
    return _assemble(X0, X1, rng)


def make_circles(m: int = 400, noise: float = 0.1, factor: float = 0.5,
                 seed: int | np.random.Generator = 1) -> tuple[np.ndarray, np.ndarray]:
    """Make two concentric circles: class 0 outside (radius 1), class 1 inside.

    Parameters
    ----------
    m : int, default 400
        Number of examples.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate.
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one, strictly
        between 0 and 1.
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
    Y : np.ndarray of shape (1, m), int64

    Raises
    ------
    TypeError
        If ``factor`` is not a number (and as in :func:`make_moons`).
    ValueError
        If ``factor`` is not strictly between 0 and 1 (and as in
        :func:`make_moons`).

    Examples
    --------
    >>> X, Y = make_circles(m=100, factor=0.3, seed=0)
    >>> X.shape, Y.shape
    ((2, 100), (1, 100))
    """
    m = validate_positive_int(m, "m")
    noise = _check_noise(noise)
    if isinstance(factor, bool) or not isinstance(factor, Real):
        raise TypeError(f"factor must be a number, got {type(factor).__name__} {factor!r}.")
    if not 0 < factor < 1:
        raise ValueError(
            f"factor must lie strictly between 0 and 1 (the inner circle's radius "
            f"relative to the outer one), got {factor!r}. Try factor=0.5."
        )
    rng = as_generator(seed)

    n0, n1 = _class_sizes(m)
    t0 = rng.uniform(0.0, 2 * np.pi, size=n0)
    t1 = rng.uniform(0.0, 2 * np.pi, size=n1)
    X0 = np.vstack([np.cos(t0), np.sin(t0)])
    X1 = float(factor) * np.vstack([np.cos(t1), np.sin(t1)])
    X0 = X0 + noise * rng.standard_normal(X0.shape)
    X1 = X1 + noise * rng.standard_normal(X1.shape)
    return _assemble(X0, X1, rng)


def make_blobs(m: int = 400, noise: float = 1.0, seed: int | np.random.Generator = 1,
               centers: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Make Gaussian blobs around ``centers`` centres, labelled 0, 1, 0, 1, ...

    The centres sit evenly on a circle around the origin, with neighbouring
    centres 5 apart: for two centres, at (2.5, 0) and (-2.5, 0). Going round
    the circle the centres alternate between label 0 and label 1, so with more
    than two centres the classes are no longer linearly separable. Each class's
    points are shared evenly among its centres.

    Parameters
    ----------
    m : int, default 400
        Number of examples.
    noise : float, default 1.0
        Standard deviation of each blob (in both coordinates).
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.
    centers : int, default 2
        Number of blobs, at least 2.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
    Y : np.ndarray of shape (1, m), int64

    Raises
    ------
    TypeError, ValueError
        As in :func:`make_moons`, and when ``centers`` is not a whole number
        of at least 2.

    Examples
    --------
    >>> X, Y = make_blobs(m=100, centers=4, seed=0)
    >>> X.shape, Y.shape
    ((2, 100), (1, 100))
    """
    m = validate_positive_int(m, "m")
    noise = _check_noise(noise)
    centers = validate_positive_int(centers, "centers", minimum=2)
    rng = as_generator(seed)

    # Radius at which neighbouring centres are _BLOB_SPACING apart.
    radius = _BLOB_SPACING / (2 * np.sin(np.pi / centers))
    angles = 2 * np.pi * np.arange(centers) / centers
    centres = radius * np.vstack([np.cos(angles), np.sin(angles)])  # (2, centers)
    centre_label = np.arange(centers) % 2

    def one_class(label: int, n: int) -> np.ndarray:
        own = centres[:, centre_label == label]
        which = np.arange(n) % own.shape[1]
        return own[:, which] + noise * rng.standard_normal((2, n))

    n0, n1 = _class_sizes(m)
    X0 = one_class(0, n0)
    X1 = one_class(1, n1)
    return _assemble(X0, X1, rng)


def make_gaussian_quantiles(m: int = 400, seed: int | np.random.Generator = 1,
                            noise: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Make 2-D standard normal points, labelled 1 when farther out than the median.

    A point gets label 1 when its distance from the origin is above the median
    distance, so the classes are a disc (0) and the ring around it (1), and
    they are balanced by construction.

    Parameters
    ----------
    m : int, default 400
        Number of examples.
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.
    noise : float, default 0.0
        Standard deviation of Gaussian noise added to the points *after* they
        are labelled, which blurs the circular boundary. It comes after
        ``seed`` so that ``make_gaussian_quantiles(m, seed)`` keeps working.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
    Y : np.ndarray of shape (1, m), int64

    Raises
    ------
    TypeError, ValueError
        As in :func:`make_moons`.

    Examples
    --------
    >>> X, Y = make_gaussian_quantiles(m=100, seed=0)
    >>> X.shape, int(Y.sum())
    ((2, 100), 50)
    """
    m = validate_positive_int(m, "m")
    noise = _check_noise(noise)
    rng = as_generator(seed)

    X = rng.standard_normal((2, m))
    radius = np.sqrt((X ** 2).sum(axis=0))
    n0, _ = _class_sizes(m)
    Y = np.zeros((1, m), dtype=np.int64)
    # Ranking by radius (rather than comparing with np.median) keeps the
    # classes balanced even for an odd m.
    Y[0, np.argsort(radius)[n0:]] = 1
    if noise > 0:
        X = X + noise * rng.standard_normal(X.shape)
    return np.ascontiguousarray(X, dtype=np.float64), Y


# --------------------------------------------------------------------------
# Choosing a data set by name
# --------------------------------------------------------------------------

def make_parity(n_bits: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Make every ``n_bits``-bit string, labelled by its parity (XOR of the bits).

    Week 4 uses it for "why deep": parity is a chain of XORs, which a deep,
    narrow network can compute with a few units per layer, while a single
    hidden layer needs a number of units that grows with ``n_bits``.

    Parameters
    ----------
    n_bits : int, default 6
        Number of input bits, from 1 to 16.

    Returns
    -------
    X : np.ndarray of shape (n_bits, 2**n_bits), float64
        Column ``j`` holds the bits of the number ``j``, most significant first.
    Y : np.ndarray of shape (1, 2**n_bits), int64
        1 where the column has an odd number of ones.

    Examples
    --------
    >>> X, Y = make_parity(2)
    >>> X
    array([[0., 0., 1., 1.],
           [0., 1., 0., 1.]])
    >>> Y
    array([[0, 1, 1, 0]])
    """
    n_bits = validate_positive_int(n_bits, "n_bits")
    if n_bits > 16:
        raise ValueError(f"n_bits must be at most 16 (2**16 examples), got {n_bits}.")
    numbers = np.arange(2 ** n_bits)
    shifts = np.arange(n_bits - 1, -1, -1).reshape(-1, 1)
    X = (numbers >> shifts) & 1
    Y = X.sum(axis=0, keepdims=True) % 2
    return X.astype(np.float64), Y.astype(np.int64)


TOY_DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "flower": make_flower,
    "moons": make_moons,
    "circles": make_circles,
    "blobs": make_blobs,
    "gaussian_quantiles": make_gaussian_quantiles,
}
"""The generators of this module by name, for :func:`make_toy_dataset`."""


def make_toy_dataset(name: str, m: int = 400, noise: float | None = None,
                     seed: int | np.random.Generator = 1) -> tuple[np.ndarray, np.ndarray]:
    """Make one of the toy data sets in :data:`TOY_DATASETS` by name.

    Parameters
    ----------
    name : str
        One of ``"flower"``, ``"moons"``, ``"circles"``, ``"blobs"``,
        ``"gaussian_quantiles"``.
    m : int, default 400
        Number of examples.
    noise : float or None, default None
        Noise level passed to the generator; None keeps that generator's own
        default.
    seed : int or np.random.Generator, default 1
        Seed of the random numbers, or a generator to draw them from.

    Returns
    -------
    X : np.ndarray of shape (2, m), float64
    Y : np.ndarray of shape (1, m), int64

    Raises
    ------
    TypeError
        If ``name`` is not a string (and as in the generators).
    ValueError
        If ``name`` is not a known data set (and as in the generators).

    Examples
    --------
    >>> datasets = {name: make_toy_dataset(name, m=200) for name in TOY_DATASETS}
    >>> datasets["moons"][0].shape
    (2, 200)
    """
    validate_choice(name, "dataset name", TOY_DATASETS)
    make = TOY_DATASETS[name]
    if noise is None:
        return make(m=m, seed=seed)
    return make(m=m, noise=noise, seed=seed)
