"""Interactive explorers: move a control, the network retrains and the figure redraws.

One explorer per week, each called from its notebook in one line:

- week 2, :func:`explore_logistic_regression`: the learning rate and the
  number of iterations of logistic regression (the network ``[n_x, 1]``),
  with its cost curve and its train and test accuracy;
- week 3, :func:`explore_shallow_network`: a playground on the 2-D toy sets
  (flower, moons, circles, blobs, ...): the number of hidden units, their
  activation, the learning rate and the iterations, with the decision
  boundary, the cost curve and the accuracy;
- week 4, :func:`explore_deep_network`: depth ``L`` and width ``n_h`` on any
  data set, such as 8-bit parity or the cat pictures.

Each function trains once with its starting settings, shows its controls and a
figure, and returns an :class:`Explorer`. When a control changes, the explorer
retrains with :func:`~course_utils.training.L_layer_model`, scores with
:func:`~course_utils.network.predict` and redraws with the plotting helpers;
the new figure replaces the old one in place, through an IPython display
handle. The widget code does nothing else.

Where no widget can run (a notebook executed by nbconvert or nbval, or read
on a site that only renders it) the figure of the starting settings is still
there, as an ordinary picture. Without ipywidgets the functions show that
figure and one line saying how to get the controls; ipywidgets is imported
only when an explorer is made.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Sequence

import numpy as np

from ._validation import (
    validate_choice,
    validate_positive,
    validate_positive_int,
    validate_X_Y,
)
from .activations import ACTIVATIONS
from .preprocessing import accuracy
from .network import INITIALIZATIONS, predict
from .plotting import plot_costs, plot_decision_boundary
from .toy_data import TOY_DATASETS, make_toy_dataset
from .training import L_layer_model

__all__ = [
    "Explorer",
    "explore_logistic_regression",
    "explore_shallow_network",
    "explore_deep_network",
]

#: What the explorers print in place of their controls when ipywidgets is missing.
NO_IPYWIDGETS = (
    "Controls: not shown, because ipywidgets is not installed. Install it with "
    "`pip install ipywidgets` (or use `make lab`) and restart the kernel; the figure "
    "shows the starting settings."
)

# Learning rates a factor of about 3 apart, as the notebooks recommend trying.
_LOGISTIC_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
_SHALLOW_RATES = (0.01, 0.03, 0.1, 0.3, 0.6, 1.2, 2.5, 5.0)
_DEEP_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)

# Cost curves get at most about this many points, whatever the number of iterations.
_COST_POINTS = 100


# --------------------------------------------------------------------------
# Controls, described without ipywidgets so that it is imported only when used
# --------------------------------------------------------------------------

class _Slider(NamedTuple):
    """A whole-number slider from ``low`` to ``high``."""
    name: str
    label: str
    low: int
    high: int
    step: int = 1


class _Steps(NamedTuple):
    """A slider over a fixed list of values (learning rates)."""
    name: str
    label: str
    options: tuple


class _Menu(NamedTuple):
    """A drop-down list of names."""
    name: str
    label: str
    options: tuple


def _import_ipywidgets():
    """ipywidgets, or None when it is not installed."""
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets


def _make_control(widgets, spec, value):
    style = {"description_width": "initial"}
    if isinstance(spec, _Slider):
        # continuous_update=False: retrain when the slider is let go, not while it moves.
        return widgets.IntSlider(value=value, min=min(spec.low, value), max=max(spec.high, value),
                                 step=spec.step, description=spec.label, style=style,
                                 continuous_update=False)
    if isinstance(spec, _Steps):
        return widgets.SelectionSlider(options=_with_value(spec.options, value), value=value,
                                       description=spec.label, style=style,
                                       continuous_update=False)
    return widgets.Dropdown(options=list(spec.options), value=value, description=spec.label,
                            style=style)


def _with_value(options, value):
    """The slider's values, with a starting value that is not among them added in order."""
    return tuple(sorted(set(options) | {value}))


def _set_control(control, spec, value):
    """Show ``value`` on ``control``, widening its range when it lies outside."""
    if isinstance(spec, _Slider):
        control.min, control.max = min(control.min, value), max(control.max, value)
    elif isinstance(spec, _Steps) and value not in control.options:
        control.options = _with_value(control.options, value)
    control.value = value


class _ControlsView:
    """Displays the controls, with a short text for front ends that cannot show widgets."""

    def __init__(self, box, labels):
        self.box = box
        self.labels = labels

    def __repr__(self):
        return (f"Controls: {', '.join(self.labels)} (they need a running Jupyter kernel; "
                f"the figure shows their current values)")

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.box._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = repr(self)  # instead of the widget's long repr
        return bundle


class _FigureView:
    """Displays an explorer's figure as a PNG, with its settings and scores as text."""

    def __init__(self, explorer):
        self.explorer = explorer

    def __repr__(self):
        return self.explorer._summary()

    def _repr_png_(self):
        from io import BytesIO

        buffer = BytesIO()
        self.explorer.figure.savefig(buffer, format="png")
        return buffer.getvalue()


def _display(obj, display_id=False):
    """IPython's ``display``, or ``print`` outside IPython; returns a handle or None."""
    try:
        from IPython.display import display
    except ImportError:
        print(repr(obj))
        return None
    return display(obj, display_id=display_id) if display_id else display(obj)


# --------------------------------------------------------------------------
# The explorer
# --------------------------------------------------------------------------

class Explorer:
    """The settings, latest result, figure and controls of one explorer.

    Made and shown by :func:`explore_logistic_regression`,
    :func:`explore_shallow_network` and :func:`explore_deep_network`; not
    meant to be created directly.

    Attributes
    ----------
    settings : dict
        The current settings, keyed by the names of the function's arguments
        (``"learning_rate"``, ``"num_iterations"``, ...).
    result : dict
        The latest training run: ``"costs"`` (list of float, recorded every
        ``"record_every"`` iterations), ``"parameters"`` (``W1, b1, ...``),
        ``"train_accuracy"`` and ``"test_accuracy"`` (floats; the latter
        None without a test set), and ``"error"``: None, or why training
        stopped early (a run whose cost diverged has no costs, parameters or
        accuracies).
    figure : matplotlib.figure.Figure
        The figure of the latest run, redrawn in place. It is not managed by
        pyplot, so notebooks never show it twice.
    controls : dict of str to ipywidgets widget, or None
        One control per adjustable setting; None without ipywidgets. Setting a
        control's ``.value`` retrains, as moving it does.
    widget : ipywidgets.VBox or None
        The box that holds the controls.
    """

    def __init__(self, title: str, settings: dict, validate: Callable[[dict], dict],
                 train: Callable[[dict], dict], draw: Callable[[Any, dict, dict], None],
                 specs: Sequence, figsize: tuple[float, float]):
        from matplotlib.figure import Figure

        self._title = title
        self._validate = validate
        self._train = train
        self._draw = draw
        self._specs = {spec.name: spec for spec in specs}
        self._handle = None
        self._syncing = False
        self.settings = validate(dict(settings))
        self.figure = Figure(figsize=figsize, layout="constrained")
        self.controls = None
        self.widget = None
        self.result = {}
        self._run()

    def __repr__(self):
        return f"Explorer({self._title}: {self._settings_text()})"

    def update(self, **changes: Any) -> dict:
        """Change some settings, retrain, redraw, and return the new :attr:`result`.

        Controls that show a changed setting move to its new value. This is
        what moving a control does, and what a test or a script can call.

        Raises
        ------
        TypeError, ValueError
            For a name that is not a setting of this explorer, or a value
            the explorer's function would refuse.
        """
        unknown = sorted(set(changes) - set(self.settings))
        if unknown:
            raise TypeError(
                f"update() got unknown setting(s) {', '.join(map(repr, unknown))}; this "
                f"explorer's settings are {', '.join(map(repr, self.settings))}."
            )
        self.settings = self._validate({**self.settings, **changes})
        if self.controls is not None:
            self._syncing = True
            try:
                for name, control in self.controls.items():
                    if control.value != self.settings[name]:
                        _set_control(control, self._specs[name], self.settings[name])
            finally:
                self._syncing = False
        self._run()
        return self.result

    # -- internals ---------------------------------------------------------

    def _run(self):
        self.result = self._train(self.settings)
        self.figure.clear()
        self._draw(self.figure, self.settings, self.result)
        if self._handle is not None:
            self._handle.update(_FigureView(self))

    def _on_change(self, name, change):
        if not self._syncing:
            self.update(**{name: change["new"]})

    def _show(self):
        """Display the controls (or say how to get them), then the figure."""
        widgets = _import_ipywidgets()
        if widgets is None:
            print(NO_IPYWIDGETS)
        else:
            self.controls = {}
            for name, spec in self._specs.items():
                control = _make_control(widgets, spec, self.settings[name])
                control.observe(lambda change, name=name: self._on_change(name, change), names="value")
                self.controls[name] = control
            self.widget = widgets.VBox(list(self.controls.values()))
            _display(_ControlsView(self.widget, [spec.label for spec in self._specs.values()]))
        self._handle = _display(_FigureView(self), display_id=True)
        return self

    def _settings_text(self):
        return ", ".join(f"{name}={value!r}" for name, value in self.settings.items())

    def _summary(self):
        result = self.result
        if result["error"] is not None:
            scores = result["error"]
        else:
            scores = f"train accuracy {100 * result['train_accuracy']:.1f}%"
            if result["test_accuracy"] is not None:
                scores += f", test accuracy {100 * result['test_accuracy']:.1f}%"
            scores += f", last recorded cost {result['costs'][-1]:.4f}"
        return f"Figure: {self._title} with {self._settings_text()}: {scores}"


# --------------------------------------------------------------------------
# Shared pieces: validating, training, drawing
# --------------------------------------------------------------------------

def _validate_data(X_train, Y_train, X_test, Y_test):
    X_train, Y_train = validate_X_Y(X_train, Y_train, names=("X_train", "Y_train"))
    if (X_test is None) != (Y_test is None):
        raise ValueError(
            "Pass X_test and Y_test together, or neither (then only the training accuracy "
            "is shown)."
        )
    if X_test is not None:
        X_test, Y_test = validate_X_Y(X_test, Y_test, n_x=X_train.shape[0], names=("X_test", "Y_test"))
    return X_train, Y_train, X_test, Y_test


def _validate_training(settings):
    """The settings every explorer has: learning rate and number of iterations."""
    settings["learning_rate"] = validate_positive(settings["learning_rate"], "learning_rate")
    settings["num_iterations"] = validate_positive_int(settings["num_iterations"], "num_iterations")
    return settings


def _validate_seed(seed):
    # An int, not a Generator: every retraining must start from the same weights.
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"seed must be an int, got {type(seed).__name__} {seed!r}: the explorer retrains "
            f"from the same start each time, which a Generator could not give it."
        )
    return validate_positive_int(seed, "seed", minimum=0)


def _fit(X_train, Y_train, X_test, Y_test, layer_dims, settings, hidden_activation="relu",
         init="xavier", seed=1):
    """Train with ``L_layer_model`` and score with ``predict``; a diverging run is reported."""
    num_iterations = settings["num_iterations"]
    record_every = max(1, num_iterations // _COST_POINTS)
    result = {"costs": [], "record_every": record_every, "parameters": None,
              "train_accuracy": None, "test_accuracy": None, "error": None,
              "baseline": _majority_share(Y_train if Y_test is None else Y_test)}
    try:
        parameters, costs = L_layer_model(
            X_train, Y_train, layer_dims, settings["learning_rate"], num_iterations,
            hidden_activation=hidden_activation, init=init, seed=seed, record_every=record_every)
    except FloatingPointError:
        result["error"] = ("training diverged (the cost or the weights blew up); "
                           "pick a smaller learning rate")
        return result
    result.update(costs=costs, parameters=parameters,
                  train_accuracy=accuracy(predict(X_train, parameters, hidden_activation), Y_train))
    if X_test is not None:
        result["test_accuracy"] = accuracy(predict(X_test, parameters, hidden_activation), Y_test)
    return result


def _draw_costs(ax, result, title="cost"):
    if result["error"] is not None:
        ax.text(0.5, 0.5, result["error"].replace("; ", ";\n"), transform=ax.transAxes,
                ha="center", va="center", color="C3")
        ax.set_axis_off()
        return
    plot_costs(result["costs"], ax=ax, record_every=result["record_every"])
    ax.set_title(title)


def _majority_share(Y):
    """Accuracy of always answering the more common label of ``Y``."""
    share = float(np.mean(Y))
    return max(share, 1.0 - share)


def _draw_accuracy(ax, result):
    """Bars for the train and test accuracy, against always answering the majority class.

    The baseline comes from the labels scored: the test labels when there are
    any, else the training labels. On balanced data it is 50%; on the course's
    own files, where about two thirds of the test pictures are cats, it is
    higher.
    """
    names, values = ["train"], [result["train_accuracy"]]
    if result["test_accuracy"] is not None:
        names.append("test")
        values.append(result["test_accuracy"])
    if result["error"] is not None:
        values = [0.0] * len(names)
    bars = ax.bar(names, values, color=["C0", "C1"][:len(names)], width=0.6)
    if result["error"] is None:
        ax.bar_label(bars, labels=[f"{100 * v:.1f}%" for v in values], padding=2)
    baseline = result["baseline"]
    ax.axhline(baseline, color="0.4", linestyle="--", linewidth=1)
    ax.text(0.02, baseline, f"majority class {100 * baseline:.0f}%", transform=ax.get_yaxis_transform(),
            ha="left", va="bottom", fontsize=8, color="0.3")
    ax.set_xlim(-0.7, len(names) - 0.3)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("accuracy")
    ax.set_title("accuracy")


def _rate_text(settings):
    return f"learning rate {settings['learning_rate']:g}, {settings['num_iterations']:,} iterations"


# --------------------------------------------------------------------------
# Week 2: logistic regression
# --------------------------------------------------------------------------

def explore_logistic_regression(X_train, Y_train, X_test=None, Y_test=None, *,
                                learning_rate=0.005, num_iterations=200):
    """Sliders for the learning rate and iterations of logistic regression (week 2).

    Trains logistic regression, the network ``[n_x, 1]`` started from zeros,
    with :func:`~course_utils.training.L_layer_model`, and shows its cost
    curve next to its train and test accuracy. Two controls retrain it: a
    slider over learning rates a factor of about 3 apart (from 0.0001 to 0.1)
    and one for the number of iterations (50 to 2,000). Both act when they are
    let go, not while they move.

    Each change trains from scratch, so keep the training set small enough
    for a slider: with 1,000 of the cat pictures (3,072 features) 200
    iterations take a few tenths of a second, and 2,000 iterations a few
    seconds.

    Parameters
    ----------
    X_train : ndarray of shape (n_x, m_train)
        Training inputs, one example per column, already scaled (for the
        pictures, flattened and standardised).
    Y_train : ndarray of shape (1, m_train)
        Their labels, 0 or 1.
    X_test : ndarray of shape (n_x, m_test), optional
        Inputs the model never trains on, scored after each run.
    Y_test : ndarray of shape (1, m_test), optional
        Their labels. Pass both test arrays or neither.
    learning_rate : float, default 0.005
        Starting learning rate (added to the slider if it is not one of its
        values).
    num_iterations : int, default 200
        Starting number of iterations.

    Returns
    -------
    Explorer
        Its ``settings``, ``result`` (costs and accuracies), ``figure`` and
        ``controls`` (``"learning_rate"``, ``"num_iterations"``).

    Raises
    ------
    TypeError, ValueError
        For arrays of the wrong shape or content, only one of ``X_test`` and
        ``Y_test``, a learning rate that is not a positive number, or a
        number of iterations that is not a positive whole number.

    Examples
    --------
    >>> from course_utils.toy_data import make_blobs
    >>> X, Y = make_blobs(m=200, seed=0)
    >>> explorer = explore_logistic_regression(X, Y, learning_rate=0.1, num_iterations=100)
    ... # doctest: +ELLIPSIS
    Controls: ...
    Figure: logistic regression with learning_rate=0.1, num_iterations=100: train accuracy ...
    >>> explorer.result["train_accuracy"] > 0.9
    True
    """
    X_train, Y_train, X_test, Y_test = _validate_data(X_train, Y_train, X_test, Y_test)
    layer_dims = [X_train.shape[0], 1]

    def train(settings):
        return _fit(X_train, Y_train, X_test, Y_test, layer_dims, settings, init="zeros")

    def draw(figure, settings, result):
        ax_cost, ax_accuracy = figure.subplots(1, 2, width_ratios=[2, 1])
        _draw_costs(ax_cost, result, f"logistic regression: {_rate_text(settings)}")
        _draw_accuracy(ax_accuracy, result)

    explorer = Explorer(
        "logistic regression", {"learning_rate": learning_rate, "num_iterations": num_iterations},
        _validate_training, train, draw,
        [_Steps("learning_rate", "learning rate", _LOGISTIC_RATES),
         _Slider("num_iterations", "iterations", 50, 2000, 50)],
        figsize=(9, 3.4),
    )
    return explorer._show()


# --------------------------------------------------------------------------
# Week 3: one hidden layer on the 2-D toy sets
# --------------------------------------------------------------------------

def explore_shallow_network(dataset="flower", *, n_h=4, hidden_activation="tanh",
                            learning_rate=1.2, num_iterations=1000, m=400, init="xavier", seed=1):
    """A playground for the 2-layer network ``[2, n_h, 1]`` on the 2-D toy sets (week 3).

    Draws a training set and, with the next seed, a test set of the same
    shape from :func:`~course_utils.toy_data.make_toy_dataset`, trains the
    network with :func:`~course_utils.training.L_layer_model`, and shows the
    decision boundary over the training points (with both accuracies in its
    title) next to the cost curve. Controls: the data set, ``n_h`` (1 to 50),
    the hidden activation, the learning rate (0.01 to 5) and the number of
    iterations (100 to 5,000). Sliders act when they are let go. On 400
    points a run of 1,000 iterations takes about a tenth of a second.

    Parameters
    ----------
    dataset : str, default "flower"
        One of ``"flower"``, ``"moons"``, ``"circles"``, ``"blobs"``,
        ``"gaussian_quantiles"``.
    n_h : int, default 4
        Number of hidden units.
    hidden_activation : {"tanh", "relu", "sigmoid", "leaky_relu", "identity"}, default "tanh"
        ``"identity"`` shows what a linear hidden layer can do: no more than
        logistic regression.
    learning_rate : float, default 1.2
        Starting learning rate (added to the slider if it is not one of its
        values).
    num_iterations : int, default 1000
        Starting number of iterations.
    m : int, default 400
        Number of points in the training set, and in the test set.
    init : {"xavier", "he", "small", "zeros", "large"}, default "xavier"
        Scale of the initial weights (see
        :func:`~course_utils.network.initialize_parameters_deep`).
    seed : int, default 1
        Seed of the training points and of the initial weights; the test
        points use ``seed + 1``. Every run starts from the same weights.

    Returns
    -------
    Explorer
        With the controls ``"dataset"``, ``"n_h"``, ``"hidden_activation"``,
        ``"learning_rate"`` and ``"num_iterations"``; ``m``, ``init`` and
        ``seed`` can be changed with :meth:`Explorer.update`.

    Raises
    ------
    TypeError, ValueError
        For an unknown data set, activation or initialisation, an ``n_h``,
        ``m`` or number of iterations that is not a positive whole number, a
        learning rate that is not a positive number, or a seed that is not a
        non-negative int.

    Examples
    --------
    >>> explorer = explore_shallow_network("moons", n_h=3, num_iterations=500)  # doctest: +ELLIPSIS
    Controls: ...
    Figure: 2-layer network with dataset='moons', n_h=3, ...
    >>> explorer.result["test_accuracy"] > 0.9
    True
    """
    def validate(settings):
        settings["dataset"] = validate_choice(settings["dataset"], "dataset", TOY_DATASETS)
        settings["n_h"] = validate_positive_int(settings["n_h"], "n_h")
        settings["hidden_activation"] = validate_choice(settings["hidden_activation"],
                                                     "hidden_activation", ACTIVATIONS)
        settings["m"] = validate_positive_int(settings["m"], "m", minimum=2)
        settings["init"] = validate_choice(settings["init"], "init", INITIALIZATIONS)
        settings["seed"] = _validate_seed(settings["seed"])
        return _validate_training(settings)

    def train(settings):
        name, m, seed = settings["dataset"], settings["m"], settings["seed"]
        X, Y = make_toy_dataset(name, m=m, seed=seed)
        X_test, Y_test = make_toy_dataset(name, m=m, seed=seed + 1)
        result = _fit(X, Y, X_test, Y_test, [2, settings["n_h"], 1], settings,
                      hidden_activation=settings["hidden_activation"], init=settings["init"],
                      seed=seed)
        result.update(X=X, Y=Y)
        return result

    def draw(figure, settings, result):
        ax_boundary, ax_cost = figure.subplots(1, 2)
        if result["error"] is None:
            parameters, activation = result["parameters"], settings["hidden_activation"]
            plot_decision_boundary(lambda P: predict(P, parameters, activation),
                                   result["X"], result["Y"], ax=ax_boundary, resolution=150)
            ax_boundary.set_title(
                f"{settings['dataset']}, n_h = {settings['n_h']} {activation} units: "
                f"train {100 * result['train_accuracy']:.1f}%, "
                f"test {100 * result['test_accuracy']:.1f}%", fontsize=10)
            _draw_costs(ax_cost, result, _rate_text(settings))
        else:
            _draw_costs(ax_boundary, result)
            ax_cost.set_axis_off()

    explorer = Explorer(
        "2-layer network",
        {"dataset": dataset, "n_h": n_h, "hidden_activation": hidden_activation,
         "learning_rate": learning_rate, "num_iterations": num_iterations, "m": m,
         "init": init, "seed": seed},
        validate, train, draw,
        [_Menu("dataset", "data set", tuple(TOY_DATASETS)),
         _Slider("n_h", "hidden units n_h", 1, 50),
         _Menu("hidden_activation", "activation", tuple(ACTIVATIONS)),
         _Steps("learning_rate", "learning rate", _SHALLOW_RATES),
         _Slider("num_iterations", "iterations", 100, 5000, 100)],
        figsize=(10, 4.2),
    )
    return explorer._show()


# --------------------------------------------------------------------------
# Week 4: depth and width
# --------------------------------------------------------------------------

def explore_deep_network(X_train, Y_train, X_test=None, Y_test=None, *, L=3, n_h=4,
                         hidden_activation="relu", learning_rate=0.3, num_iterations=1500,
                         init="xavier", seed=1):
    """Sliders for the depth ``L`` and width ``n_h`` of an L-layer network (week 4).

    Trains ``[n_x, n_h, ..., n_h, 1]``, with ``L - 1`` hidden layers of
    ``n_h`` units (``L = 1`` is logistic regression), and shows its cost curve
    next to its train and test accuracy. Controls: ``L`` (1 to 6), ``n_h``
    (1 to 32), the learning rate (0.001 to 1), the number of iterations (100
    to 3,000) and the seed of the initial weights (0 to 9). Sliders act when
    they are let go.

    The defaults suit 8-bit parity (``make_parity(8)``, 256 strings), where a
    run takes a few tenths of a second. For the cat pictures use a subset of
    about 1,000 and fewer, gentler steps, such as ``learning_rate=0.01`` and
    ``num_iterations=150`` (about a second for ``[n_x, 7, 1]``).

    Parameters
    ----------
    X_train : ndarray of shape (n_x, m_train)
        Training inputs, one example per column.
    Y_train : ndarray of shape (1, m_train)
        Their labels, 0 or 1.
    X_test : ndarray of shape (n_x, m_test), optional
        Inputs the model never trains on. Without them only the training
        accuracy is shown (for parity, the training set is every string).
    Y_test : ndarray of shape (1, m_test), optional
        Their labels. Pass both test arrays or neither.
    L : int, default 3
        Number of layers with weights: ``L - 1`` hidden layers and the output.
    n_h : int, default 4
        Units in each hidden layer.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu", "identity"}, default "relu"
    learning_rate : float, default 0.3
    num_iterations : int, default 1500
    init : {"xavier", "he", "small", "zeros", "large"}, default "xavier"
    seed : int, default 1
        Seed of the initial weights; every run with the same settings starts
        from the same weights.

    Returns
    -------
    Explorer
        With the controls ``"L"``, ``"n_h"``, ``"learning_rate"``,
        ``"num_iterations"`` and ``"seed"``; ``hidden_activation`` and
        ``init`` can be changed with :meth:`Explorer.update`.

    Raises
    ------
    TypeError, ValueError
        For arrays of the wrong shape or content, only one of ``X_test`` and
        ``Y_test``, an ``L``, ``n_h`` or number of iterations that is not a
        positive whole number, an unknown activation or initialisation, a
        learning rate that is not a positive number, or a seed that is not a
        non-negative int.

    Examples
    --------
    >>> from course_utils.toy_data import make_parity
    >>> X, Y = make_parity(4)
    >>> explorer = explore_deep_network(2 * X - 1, Y, L=3, n_h=4, num_iterations=300)
    ... # doctest: +ELLIPSIS
    Controls: ...
    Figure: L-layer network with L=3, n_h=4, ...
    >>> [W.shape for name, W in explorer.result["parameters"].items() if name.startswith("W")]
    [(4, 4), (4, 4), (1, 4)]
    """
    X_train, Y_train, X_test, Y_test = _validate_data(X_train, Y_train, X_test, Y_test)
    n_x = X_train.shape[0]

    def validate(settings):
        settings["L"] = validate_positive_int(settings["L"], "L")
        settings["n_h"] = validate_positive_int(settings["n_h"], "n_h")
        settings["hidden_activation"] = validate_choice(settings["hidden_activation"],
                                                     "hidden_activation", ACTIVATIONS)
        settings["init"] = validate_choice(settings["init"], "init", INITIALIZATIONS)
        settings["seed"] = _validate_seed(settings["seed"])
        return _validate_training(settings)

    def train(settings):
        layer_dims = [n_x] + [settings["n_h"]] * (settings["L"] - 1) + [1]
        return _fit(X_train, Y_train, X_test, Y_test, layer_dims, settings,
                    hidden_activation=settings["hidden_activation"], init=settings["init"],
                    seed=settings["seed"])

    def draw(figure, settings, result):
        ax_cost, ax_accuracy = figure.subplots(1, 2, width_ratios=[2, 1])
        hidden = [settings["n_h"]] * (settings["L"] - 1)
        shape = f"[n_x, {', '.join(map(str, hidden + [1]))}]" if n_x > 16 else str([n_x] + hidden + [1])
        _draw_costs(ax_cost, result, f"{shape}: {_rate_text(settings)}, seed {settings['seed']}")
        _draw_accuracy(ax_accuracy, result)

    explorer = Explorer(
        "L-layer network",
        {"L": L, "n_h": n_h, "hidden_activation": hidden_activation, "learning_rate": learning_rate,
         "num_iterations": num_iterations, "init": init, "seed": seed},
        validate, train, draw,
        [_Slider("L", "layers L", 1, 6),
         _Slider("n_h", "units per hidden layer n_h", 1, 32),
         _Steps("learning_rate", "learning rate", _DEEP_RATES),
         _Slider("num_iterations", "iterations", 100, 3000, 100),
         _Slider("seed", "seed", 0, 9)],
        figsize=(9, 3.4),
    )
    return explorer._show()
