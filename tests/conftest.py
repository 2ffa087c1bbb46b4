"""Shared fixtures: small deterministic problems for the engine's tests."""

import matplotlib

matplotlib.use("Agg")  # tests never open windows

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)


def make_problem(rng, n_x=4, m=6):
    """A tiny classification problem with both labels present."""
    X = rng.standard_normal((n_x, m))
    Y = (np.arange(m) % 2).reshape(1, m)
    return X, Y


def random_parameters(rng, layer_dims, dtype=np.float64):
    """Parameters with non-zero biases, so no ReLU input sits exactly on its kink at 0.

    Weights are scaled by 1/sqrt(n[l-1]) so that, even with linear hidden
    layers, the output stays away from sigmoid's flat ends, where the
    numerical gradient loses its digits to rounding.
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"W{l}"] = W.astype(dtype)
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)).astype(dtype) * 0.5
    return parameters


# IPython start-up files that the notebook tests copy into a kernel's profile: they run
# inside IPython with their own environment variables, never as modules of this suite.
collect_ignore = ["portability/perturb_startup.py", "course_files/record_figures_startup.py"]
