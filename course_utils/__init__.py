"""course_utils: the engine behind the "Neural Networks and Deep Learning" notebooks.

One small, vectorized numpy implementation of what the course teaches, so the
notebooks can import it instead of pasting it. Logistic regression (week 2) is
the one-layer case of the same network as the shallow (week 3) and deep
(week 4) networks.

The shape convention, used by every function here: **examples are columns.**

==========  ====================  ==========================================
name        shape                 meaning
==========  ====================  ==========================================
``X``       ``(n_x, m)``          inputs, one example per column
``Y``       ``(1, m)``            labels, 0 or 1
``W[l]``    ``(n[l], n[l-1])``    weights of layer l (``W1``, ``W2``, ...)
``b[l]``    ``(n[l], 1)``         biases, broadcast across the m columns
``Z[l]``    ``(n[l], m)``         pre-activations, ``W[l] A[l-1] + b[l]``
``A[l]``    ``(n[l], m)``         activations, ``g(Z[l])``; ``A[0] = X``
==========  ====================  ==========================================

Where things live:

- :mod:`course_utils.activations`: sigmoid, tanh, relu, leaky_relu and their backward steps
- :mod:`course_utils.network`: initialisation, forward/backward building blocks, cost, update, predict
- :mod:`course_utils.training`: ``L_layer_model``, batch gradient descent (with Bold Driver)
- :mod:`course_utils.logistic`: week 2's ``initialize_with_zeros``, ``propagate``, ``optimize``
- :mod:`course_utils.gradcheck`: numerical gradients and ``gradient_check``
- :mod:`course_utils.data`: the shipped cat / non-cat images, ``flatten``, ``standardize``
- :mod:`course_utils.toy_data`: the planar "flower" and other 2-D sets
- :mod:`course_utils.plotting`: activations, cost curves, decision boundaries, image grids
- :mod:`course_utils.widgets`: sliders that retrain a network and redraw (weeks 2, 3 and 4)
"""

from .activations import (
    identity,
    identity_backward,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    tanh,
    tanh_backward,
)
from .data import data_dir_from_env, default_data_dir, load_dataset, load_h5_dataset
from .preprocessing import accuracy, flatten, standardize
from .gradcheck import gradient_check, numerical_gradient, rel_error
from .images import load_picture, sample_picture_path
from .logistic import initialize_with_zeros, optimize, predict_logistic, propagate
from .network import (
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
from .plotting import (
    plot_activation,
    plot_costs,
    plot_decision_boundary,
    plot_images,
    plot_mislabeled,
    plot_network,
)
from .toy_data import (
    load_planar_dataset,
    make_blobs,
    make_circles,
    make_flower,
    make_gaussian_quantiles,
    make_moons,
    make_parity,
    make_toy_dataset,
)
from .selfcheck import self_check
from .training import L_layer_model
from .widgets import explore_deep_network, explore_logistic_regression, explore_shallow_network

__version__ = "0.1.0"

__all__ = [
    # activations
    "sigmoid", "sigmoid_backward", "tanh", "tanh_backward", "relu", "relu_backward",
    "leaky_relu", "leaky_relu_backward", "identity", "identity_backward",
    # network
    "initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
    "compute_cost", "linear_backward", "linear_activation_backward", "L_model_backward",
    "update_parameters", "predict",
    # training
    "L_layer_model",
    # logistic regression (week 2)
    "initialize_with_zeros", "propagate", "optimize", "predict_logistic",
    # gradient checking
    "rel_error", "numerical_gradient", "gradient_check",
    # data
    "load_dataset", "load_h5_dataset", "data_dir_from_env", "default_data_dir", "flatten", "standardize", "accuracy",
    # your own picture (weeks 2 and 4)
    "load_picture", "sample_picture_path",
    "load_planar_dataset", "make_flower", "make_moons", "make_circles", "make_blobs",
    "make_gaussian_quantiles", "make_parity", "make_toy_dataset",
    # plotting
    "plot_activation", "plot_costs", "plot_decision_boundary", "plot_images", "plot_mislabeled",
    "plot_network",
    # self-check questions
    "self_check",
    # interactive explorers (ipywidgets, imported only when one is made)
    "explore_logistic_regression", "explore_shallow_network", "explore_deep_network",
]
