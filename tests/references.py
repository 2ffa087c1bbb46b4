"""Reference solutions of the exercises of weeks 2 to 4, written here (not taken from course_utils).

A plain module, not a test module: tests/test_checks.py runs its rules on them, and
the per-week test files and the feedback tests import them from here, so each is
written once.
"""

import inspect
import math

import numpy as np


# ================================================================ correct implementations


def basic_sigmoid(x):
    return 1 / (1 + math.exp(-x))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def L1(yhat, y):
    return np.sum(np.abs(y - yhat))


def L2(yhat, y):
    d = y - yhat
    return np.sum(d * d)


def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def softmax(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def image2vector(image):
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m, "db": float(np.sum(dZ) / m)}, float(cost)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    return (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(int)


def model(X_train, Y_train, X_test, Y_test, num_iterations=500, learning_rate=0.005):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    on_train, on_test = predict(w, b, X_train), predict(w, b, X_test)
    return {"costs": costs, "w": w, "b": b, "Y_prediction_train": on_train, "Y_prediction_test": on_test,
            "train_accuracy": float(np.mean(on_train == Y_train)), "test_accuracy": float(np.mean(on_test == Y_test)),
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def _model_with(X_train, Y_train, X_test, Y_test, num_iterations=500, learning_rate=0.005, **changes):
    """model() with one thing done wrong, named by ``changes``."""
    d = model(X_train, Y_train, X_test, Y_test,
              *(() if changes.get("defaults") else (num_iterations, learning_rate)))
    if changes.get("test_on_train"):
        d["Y_prediction_test"] = predict(d["w"], d["b"], X_train)
    if changes.get("percent"):
        d["train_accuracy"] *= 100
    if changes.get("drop"):
        del d[changes["drop"]]
    if changes.get("defaults"):
        d["num_iterations"], d["learning_rate"] = num_iterations, learning_rate
    return d


def layer_sizes(X, Y):
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y, seed=2):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": np.dot(dZ2, A1.T) / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


def initialize_parameters_deep(layer_dims, seed=3):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A_prev, W, b):
    return np.dot(W, A_prev) + b, (A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else np.maximum(Z, 0)
    return A, (linear_cache, Z)


def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def activation_backward(dA, Z, activation):
    if activation == "relu":
        return np.where(Z > 0, dA, 0.0)
    s = sigmoid(Z)
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward(activation_backward(dA, Z, activation), linear_cache)


def L_model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(params, grads, learning_rate):
    return {key: value - learning_rate * grads[f"d{key}"] for key, value in params.items()}


def reference_source(*names):
    """The source of these reference solutions, to run in a namespace of their own, as notebook cells.

    Exercises call each other by their global names (optimize calls propagate),
    so tests that swap one of them for a learner's version exec this text.
    """
    return "\n\n".join(inspect.getsource(globals()[name]) for name in names)


CORRECT = {
    "basic_sigmoid": basic_sigmoid,
    "sigmoid": sigmoid,
    "sigmoid_derivative": sigmoid_derivative,
    "L1": L1,
    "L2": L2,
    "normalize_rows": normalize_rows,
    "softmax": softmax,
    "image2vector": image2vector,
    "initialize_with_zeros": initialize_with_zeros,
    "propagate": propagate,
    "optimize": optimize,
    "predict": predict,
    "model": model,
    "layer_sizes": layer_sizes,
    "initialize_parameters": initialize_parameters,
    "forward_propagation": forward_propagation,
    "compute_cost": compute_cost,
    "backward_propagation": backward_propagation,
    "initialize_parameters_deep": initialize_parameters_deep,
    "linear_forward": linear_forward,
    "linear_activation_forward": linear_activation_forward,
    "L_model_forward": L_model_forward,
    "linear_backward": linear_backward,
    "linear_activation_backward": linear_activation_backward,
    "L_model_backward": L_model_backward,
    "update_parameters": update_parameters,
}

# ================================================================ mutants: (exercise, wrong function, hint pattern)
