"""Learner-facing checks: one function per notebook exercise.

Weeks 2 to 4 of the course ask you to write the functions that this package
already holds (``sigmoid``, ``propagate``, ``L_model_forward``, ...). Right
after each exercise a notebook cell checks your version against ours::

    from course_utils import checks
    checks.check_sigmoid(sigmoid)

The checks
----------
- Week 2, numpy basics: :func:`check_basic_sigmoid`, :func:`check_sigmoid`,
  :func:`check_sigmoid_derivative`, :func:`check_L1`, :func:`check_L2`,
  :func:`check_normalize_rows`, :func:`check_softmax`,
  :func:`check_image2vector`.
- Week 2, logistic regression: :func:`check_initialize_with_zeros`,
  :func:`check_propagate`, :func:`check_optimize`, :func:`check_predict`.
- Week 3, one hidden layer: :func:`check_layer_sizes`,
  :func:`check_initialize_parameters`, :func:`check_forward_propagation`,
  :func:`check_compute_cost`, :func:`check_backward_propagation`.
- Week 4, a deep network: :func:`check_initialize_parameters_deep`,
  :func:`check_linear_forward`, :func:`check_linear_activation_forward`,
  :func:`check_L_model_forward`, :func:`check_compute_cost` again,
  :func:`check_linear_backward`, :func:`check_linear_activation_backward`,
  :func:`check_L_model_backward`, :func:`check_update_parameters`.

What a check does
-----------------
- It calls your function on at least two inputs of different shapes, and for
  exercises with a setting (a learning rate, a number of iterations, a seed,
  an activation) with at least two settings, so that an answer typed in for
  one case cannot pass. The inputs are fixed: they come from
  ``np.random.default_rng`` with seeds written here, or from ``np.linspace``.
- It passes your function deep copies of its inputs, and fails if your
  function changed them (``W -= ...`` changes the caller's array; write
  ``W = W - ...``).
- It compares each part of your answer with the reference implementation in
  this package, in this order: the type (an array? a float? a dict with the
  right keys?), then the shape, then the values, with
  ``np.allclose(yours, ours, rtol=RTOL, atol=ATOL)``: a relative tolerance of
  1e-6 and an absolute one of 1e-10 for entries near zero.
- On success it prints one line, ``sigmoid: all checks passed``, and returns
  ``None``.

When something is wrong
-----------------------
A check raises :class:`CheckFailed`, an ``AssertionError``, with one short
message: what came against what was expected and, where a known mistake
explains it, a hint. To find the hint, the check computes the answers of
deliberately wrong versions of the exercise (the "fingerprints" of common
mistakes) and looks for yours among them, and it reasons about shapes. Before
it reports the first problem, it calls your function once more with one
argument changed: if the right answer changes but yours does not, your function
is not reading that argument, and the message says so. The hints it knows:

- forgetting to add ``b``;
- ``*`` (element by element) where a matrix product, ``np.dot``, was meant;
- a wrong transpose: a reversed shape, or the values of the transposed formula;
- a rank-1 array, shape ``(n,)``: "use keepdims=True or reshape(-1, 1)";
- dividing by the wrong ``m``, or not by ``m`` at all;
- a global variable used instead of the argument: the same answer for two
  different inputs whose right answers differ;
- a cost that is a (1, 1) array, not a number: "cost = np.squeeze(cost)" (a
  Python or numpy float, or the 0-d array np.squeeze gives, all pass);
- an input changed in place: "work on a copy";
- and some mistakes particular to one exercise: a wrong sign, the wrong
  activation, ``1 - Z1**2`` for the tanh slope, ``np.random.seed`` instead of
  ``np.random.default_rng``, a cost recorded after the update, ...

If your function still raises ``NotImplementedError`` (the stub you start
from), the check raises :class:`NotImplementedYet` with the one line
``sigmoid: not implemented yet``.

Any other exception raised by your code comes through as itself (same type and
message), but Jupyter shows it as one line: your line of code, what went wrong
and, when a common mistake explains it, a hint. For example::

    propagate (X of shape (3, 5)): your propagate raised ValueError at line 3 of its cell,
    "A = sigmoid(w.T * X + b)": operands could not be broadcast together with shapes (1,3) (3,5).
    Hint: w.T * X multiplies element by element; the course's z = w^T X + b is a matrix
    product, np.dot(w.T, X) (or w.T @ X)

(on one line). The mistakes it knows: ``math.exp`` on an array; ``float()`` of
a (1, 1) array; ``*`` where a matrix product was meant; ``L = len(parameters)``
without ``// 2``; ``A, cache = cu.sigmoid(Z)`` (course_utils' activations
return only ``A``); ``X`` given to every layer of ``L_model_forward``; a wrong
cache index in ``L_model_backward``; row norms or row sums without
``keepdims=True`` in ``normalize_rows`` and ``softmax``; ``np.dot(d, d)`` on
(1, m) rows in ``L2``; a reshape to the wrong size in ``image2vector``; ``s``
used before it is computed in ``sigmoid_derivative``. Plain Python prints the
same line as a note under the traceback.

A correct ``propagate`` or ``compute_cost`` written with Python loops passes,
with a note after the pass line: how many times slower than the vectorized
reference it was, measured on a larger input, and the section of week 2 that
shows how to vectorize it.

The check functions and their helpers set ``__tracebackhide__``, so IPython and
pytest skip their frames (IPython still shows the one line that raises), and
they raise ``from None`` so that no chained traceback is printed.

For graders
-----------
:data:`CHECKS` maps each exercise name to its check, and :func:`check` looks
one up: ``check("sigmoid", sigmoid)``. A check cell passes when it runs without
raising. ``compute_cost`` is the same exercise in weeks 3 and 4, and
``predict`` is week 2's ``predict(w, b, X)``.

Examples
--------
>>> import numpy as np
>>> from course_utils import checks
>>> def sigmoid(z):
...     return 1 / (1 + np.exp(-z))
>>> checks.check_sigmoid(sigmoid)
sigmoid: all checks passed
>>> def sigmoid(z):
...     return 1 / (1 + np.exp(z))
>>> checks.check_sigmoid(sigmoid)
Traceback (most recent call last):
...
course_utils.checks.CheckFailed: sigmoid (z of shape (1, 3)): sigmoid(z)[0, 0] is 0.952574 but should be 0.0474259 (3 of 3 entries are wrong): sigmoid is 1 / (1 + np.exp(-z)); check the sign of z
"""

from __future__ import annotations

import ast
import contextlib
import copy
import dis
import inspect
import io
import itertools
import linecache
import math
import os
import re
import sysconfig
import textwrap
import time
import types
from numbers import Real
from typing import Callable, Mapping

import numpy as np

from .activations import relu, relu_backward, sigmoid, sigmoid_backward, tanh, tanh_backward
from .data import accuracy
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
    update_parameters,
)

__all__ = [
    "CheckFailed",
    "NotImplementedYet",
    "Skipped",
    "needs",
    "RTOL",
    "ATOL",
    "CHECKS",
    "check",
    # week 2
    "check_basic_sigmoid",
    "check_sigmoid",
    "check_sigmoid_derivative",
    "check_L1",
    "check_L2",
    "check_normalize_rows",
    "check_softmax",
    "check_image2vector",
    "check_initialize_with_zeros",
    "check_propagate",
    "check_optimize",
    "check_predict",
    "check_model",
    # week 3
    "check_layer_sizes",
    "check_initialize_parameters",
    "check_forward_propagation",
    "check_compute_cost",
    "check_backward_propagation",
    # week 4
    "check_initialize_parameters_deep",
    "check_linear_forward",
    "check_linear_activation_forward",
    "check_L_model_forward",
    "check_linear_backward",
    "check_linear_activation_backward",
    "check_L_model_backward",
    "check_update_parameters",
]

#: Relative tolerance of every value comparison.
RTOL = 1e-6
#: Absolute tolerance, for entries that should be (close to) zero.
ATOL = 1e-10


class _ShortMessage(AssertionError):
    """An error whose message is the whole story: IPython shows it as one line.

    IPython asks an exception for ``_render_traceback_()`` before building a
    traceback, so Jupyter shows only ``CheckFailed: <message>`` instead of the
    checker's internals. The cell still ends in an error, so nbgrader and our
    grader still count it as failed. The learner's own exceptions are not of
    this kind: they keep their type and message, and :func:`_call` gives them a
    one-line ``_render_traceback_`` of their own.
    """

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


class CheckFailed(_ShortMessage):
    """Your function ran, but its answer is wrong; the message says how."""


class NotImplementedYet(_ShortMessage):
    """Your function still raises ``NotImplementedError``: write it first."""


# ================================================================ machinery

_COPY_HINT = "x = x * 2 makes a new array; x *= 2 changes the caller's"


def _fail(ex, message, hint=None):
    __tracebackhide__ = True
    text = f"{ex}: {message}"
    if hint:
        text += f": {hint}"
    raise CheckFailed(text) from None


def _stub_message(ex, fn, error):
    """Name the function that is still a stub: ``fn`` itself, or one it calls."""
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    own = getattr(fn, "__code__", None)
    if own is None or code is own or code.co_name == getattr(fn, "__name__", None):
        return f"{ex}: not implemented yet"
    return f"{ex}: {code.co_name}, which it calls, is not implemented yet"


def _not_implemented(ex, fn, error):
    __tracebackhide__ = True
    raise NotImplementedYet(_stub_message(ex, fn, error)) from None


def _call(ex, prefix, fn, inputs, keywords=(), copy_hint=_COPY_HINT):
    """Call ``fn`` on deep copies of ``inputs`` (name -> value, in order) and return its answer.

    Names in ``keywords`` are passed by keyword, the others by position.
    ``NotImplementedError`` becomes :class:`NotImplementedYet`. Any other
    ``Exception`` the learner's code raises goes up as itself (same type,
    message and traceback, so graders and ``except`` clauses still see it),
    with a one-line ``_render_traceback_`` added by :func:`_explain`.
    ``KeyboardInterrupt`` and ``SystemExit`` are not touched. ``prefix``
    starts the message if an input was changed.
    """
    __tracebackhide__ = True
    given = copy.deepcopy(inputs)
    args = [value for name, value in given.items() if name not in keywords]
    kwargs = {name: value for name, value in given.items() if name in keywords}
    try:
        answer = fn(*args, **kwargs)
    except NotImplementedError as error:
        _not_implemented(ex, fn, error)
    except _ShortMessage:
        raise  # already one line (a check the learner's code called itself)
    except Exception as error:
        _explain(ex, prefix, error, fn, list(given))
        raise
    for name, value in inputs.items():
        if not _identical(given[name], value):
            _fail(prefix, f"your function changed its input {name}; work on a copy ({copy_hint})")
    return answer


# ---------------------------------------------------------------- the learner's own exceptions

_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))
# Code in these folders is not the learner's: course_utils, numpy, the standard library, installed packages.
_LIBRARY_DIRS = tuple(sorted({
    os.path.join(os.path.realpath(path), "")
    for path in (_PACKAGE_DIR, os.path.dirname(np.__file__),
                 *(sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")))
    if path
}))
_NOTEBOOK_CELL = re.compile(r"^<ipython-input-|ipykernel_\d+[/\\]")
_SCALAR_ONLY = re.compile(r"only (?:length-1|size-1|0-dimensional) arrays can be converted")
_SHAPE_ERROR = re.compile(r"not aligned|could not be broadcast|mismatch in its core dimension|but Z has shape")
_STAR = re.compile(r"(?<![*])\*(?![*=])")  # one *, not ** or *=


def _is_learners(filename):
    """Whether code from ``filename`` is the learner's: a notebook cell, a script or a test, not a library."""
    if filename.startswith("<"):
        return not filename.startswith("<frozen")
    return not os.path.join(os.path.realpath(filename), "").startswith(_LIBRARY_DIRS)


class _Line:
    """One line of the learner's code in a traceback: which function, where, and its text."""

    def __init__(self, frame, lineno):
        code = frame.f_code
        self.frame, self.name, self.lineno = frame, code.co_name, lineno
        lines = linecache.getlines(code.co_filename, frame.f_globals)
        self.text = lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""
        # The function's lines up to this one, where a mistake such as L = len(parameters) would be.
        self.before = "".join(lines[max(code.co_firstlineno - 1, 0):lineno])
        filename = code.co_filename
        self.where = (f"line {lineno} of its cell" if _NOTEBOOK_CELL.search(filename)
                      else f"line {lineno} of {os.path.basename(filename) or filename}")

    def quoted(self):
        return f', "{self.text}"' if self.text else ""


def _learners_lines(error):
    """The traceback's lines that are the learner's code, outermost first."""
    lines = []
    tb = error.__traceback__
    while tb is not None:
        if _is_learners(tb.tb_frame.f_code.co_filename):
            lines.append(_Line(tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    return lines


def _known_mistake(ex, error, lines):
    """A hint for an exception raised by the learner's code, when a common mistake explains it; else None."""
    message, inner, outer = str(error), lines[-1].text, lines[0].text
    if isinstance(error, TypeError) and _SCALAR_ONLY.search(message):
        math_call = re.search(r"\bmath\.(\w+)\(", inner)
        if math_call:
            name = math_call.group(1)
            instead = f"np.{name}" if hasattr(np, name) else "numpy's version"
            return f"math.{name} takes one number, not an array; {instead} works on whole arrays, element by element"
        if re.search(r"\b(?:float|int)\(", inner):
            return ("float() takes only a 0-d array (one number, no axes); a one-entry array such as a (1, 1) "
                    "cost becomes a number with np.squeeze(cost) or cost.item(), and an array of several "
                    "entries needs np.sum first")
    if isinstance(error, ValueError) and "values to unpack" in message:
        activation = re.search(r",.*=\s*((?:[A-Za-z_]\w*\.)*(?:sigmoid|relu|tanh))\(", inner)
        if activation:
            call = activation.group(1)
            return (f"{call} returns only A, not (A, cache): write A = {call}(Z), and keep Z yourself "
                    f"for the cache, cache = (linear_cache, Z)")
    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        layer = re.fullmatch(r"d?[WbA](\d+)", error.args[0])
        if layer:
            if any(re.search(r"\blen\(\s*params?|\blen\(\s*parameters", line.before)
                   and not re.search(r"\blen\(\s*(?:params?|parameters)\s*\)\s*//\s*2", line.before)
                   for line in lines):
                return ("parameters holds a W and a b for each layer, so len(parameters) is twice the number "
                        "of layers: L = len(parameters) // 2")
            return (f"there is no layer {layer.group(1)}: the layers are 1 to L = len(parameters) // 2, "
                    f"so loop over range(1, L + 1)")
    if ex == "L_model_forward" and isinstance(error, ValueError) and re.search(r"\(\s*X\s*,", outer) \
            and lines[0].frame.f_locals.get("l") != 1:  # X given to a layer after the first
        return ("each layer takes the previous layer's activations, not X: only layer 1 gets A_prev = X, "
                "then layer l gets the A that layer l - 1 returned")
    if ex == "L_model_backward" and (isinstance(error, IndexError) or
                                     (isinstance(error, ValueError) and _SHAPE_ERROR.search(message))):
        return ("layer l's backward step takes layer l's cache, caches[l - 1] (caches[0] is layer 1's), and "
                "layer l's dA; check the indices you pass to linear_activation_backward")
    if ex in _ROW_SCALE and isinstance(error, ValueError) and "could not be broadcast" in message:
        return _ROW_SCALE[ex]
    if ex == "L2" and isinstance(error, ValueError) and _SHAPE_ERROR.search(message) \
            and re.search(r"\bdot\(|@", inner):
        return ("np.dot(d, d) multiplies two rank-1 arrays; for (1, m) rows it raises this error (and "
                "np.dot(d, d.T) gives a (1, 1) array). np.sum((y - yhat) ** 2) works for both")
    if ex == "image2vector" and isinstance(error, ValueError) and "cannot reshape" in message:
        return ("the column holds every entry of the image: image.shape[0] * image.shape[1] * image.shape[2] "
                "rows (or -1, which lets numpy count them), and 1 column")
    if ex == "sigmoid_derivative" and isinstance(error, NameError) and getattr(error, "name", None) == "s":
        return "compute s = 1 / (1 + np.exp(-x)) (or s = sigmoid(x)) inside sigmoid_derivative, before using it"
    if isinstance(error, ValueError) and "could not be broadcast" in message and _STAR.search(inner):
        if re.search(r"\bw\.T\s*\*", inner):
            return ("w.T * X multiplies element by element; the course's z = w^T X + b is a matrix product, "
                    "np.dot(w.T, X) (or w.T @ X)")
        return ("* multiplies element by element, so the two shapes must match; "
                "a matrix product is np.dot(W, A) (or W @ A)")
    return None


#: Why a row-by-row division fails to broadcast: the per-row numbers lost their second axis.
_ROW_SCALE = {
    "normalize_rows": ("np.linalg.norm(x, axis=1) has shape (n,), and numpy lines such an array up with the "
                       "columns of x, not its rows; keepdims=True keeps the norms a column of shape (n, 1): "
                       "x / np.linalg.norm(x, axis=1, keepdims=True)"),
    "softmax": ("np.sum(x_exp, axis=1) has shape (m,), and numpy lines such an array up with the columns of "
                "x_exp, not its rows; keepdims=True keeps the sums a column of shape (m, 1): "
                "x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
}


class _OneLine:
    """A ``_render_traceback_`` for the learner's exception: the one line IPython shows instead of a traceback."""

    def __init__(self, text):
        self.text = text

    def __call__(self):
        return [self.text]


def _explain(ex, prefix, error, fn, names):
    """Give the learner's exception a one-line ``_render_traceback_``: their line, the error, a hint.

    IPython calls ``_render_traceback_`` instead of printing the traceback, so
    Jupyter shows this line and no frame of course_utils or numpy. The same
    line is added as a note, which plain Python prints under the traceback.
    The exception's type, message and traceback do not change. ``names`` are
    the exercise's arguments, for a function that cannot take them.
    """
    if hasattr(error, "_render_traceback_"):
        return
    lines = _learners_lines(error)
    detail = f"there is no key {error.args[0]!r}" if isinstance(error, KeyError) and error.args else str(error)
    detail = detail.strip()
    if lines:
        inner, outer = lines[-1], lines[0]
        text = f"{prefix}: your {inner.name} raised {type(error).__name__} at {inner.where}{inner.quoted()}"
        if outer.frame is not inner.frame and outer.name != inner.name:
            text += f", called from your {outer.name} at line {outer.lineno}{outer.quoted()}"
        hint = _known_mistake(ex, error, lines)
    elif isinstance(error, TypeError) and error.__traceback__ is not None and error.__traceback__.tb_next is None:
        # Raised by the call itself: the function does not take the exercise's arguments, or is not a function.
        text = f"{prefix}: calling your {getattr(fn, '__name__', ex)} raised TypeError"
        hint = (f"the exercise's function is {ex}({', '.join(names)})" if callable(fn)
                else f"give the check your function itself, as in checks.check_{ex}({ex})")
    else:
        return  # not the learner's code (a course_utils function given as the answer, say)
    if detail:
        text += f": {detail}"
    if hint:
        text = text.rstrip(" .") + f". Hint: {hint}"
    try:
        error._render_traceback_ = _OneLine(text)
        error.add_note(text)
    except (AttributeError, TypeError):  # an exception that takes no attributes: leave it as it is
        pass


def _identical(a, b):
    """Exact equality of nested answers: arrays, dicts, lists, tuples and numbers."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
            return False
        if a.dtype.kind in "biuf" and b.dtype.kind in "biuf":
            return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == b.dtype.kind == "f"))
        return a is b
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return (isinstance(a, Mapping) and isinstance(b, Mapping) and set(a) == set(b)
                and all(_identical(a[k], b[k]) for k in a))
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_identical(x, y) for x, y in zip(a, b)))
    if isinstance(a, Real) and isinstance(b, Real):
        return a == b or (a != a and b != b)  # NaN equals NaN here
    if a is None or isinstance(a, str):
        return type(a) is type(b) and a == b
    return a is b


def _informative(answer):
    """Whether ``answer`` holds any number or array (None, or a tuple of Nones, does not)."""
    if isinstance(answer, Mapping):
        return any(_informative(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return any(_informative(v) for v in answer)
    return isinstance(answer, (np.ndarray, Real))


class _Case:
    """One call of the learner's function on one input, and the checks of its answer.

    Every failure message starts with the exercise and the case
    (``"propagate (X of shape (3, 5)): ..."``). Before the first failure is
    reported, the case calls the function again with the input ``probe[0]``
    changed to ``probe[1]``: if the right answer changes (``reference`` says
    so) but the learner's does not, the function is not reading that argument,
    and that is the message.
    """

    def __init__(self, ex, fn, inputs, where, *, probe, reference, keywords=(), copy_hint=_COPY_HINT):
        __tracebackhide__ = True
        self.ex, self.fn, self.inputs, self.keywords = ex, fn, inputs, keywords
        self.prefix = f"{ex} ({where})"
        self.probe, self.reference = probe, reference
        self.answer = _call(ex, self.prefix, fn, inputs, keywords, copy_hint)

    def fail(self, message, hint=None):
        """Report the first problem found, unless the probe explains it better."""
        __tracebackhide__ = True
        if _informative(self.answer):
            self._probe()
        _fail(self.prefix, message, hint)

    def _probe(self):
        __tracebackhide__ = True
        name, new_value = self.probe
        changed = dict(self.inputs)
        changed[name] = new_value
        if _identical(self.reference(changed), self.reference(self.inputs)):
            return
        if _identical(_call(self.ex, self.prefix, self.fn, changed, self.keywords), self.answer):
            _fail(self.prefix, f"it gave the same answer for two different values of {name}",
                  f"are you using a global variable (or a fixed answer) instead of the argument {name}?")

    def need_values(self, names):
        """The function must return ``len(names)`` values, e.g. ``(grads, cost)``; return them."""
        __tracebackhide__ = True
        shown = f"({', '.join(names)})"
        answer = self.answer
        if answer is None:
            self.fail(f"your function returned None but should return {shown}", "did you forget a return statement?")
        if not isinstance(answer, (tuple, list)):
            self.fail(f"your function should return {shown}, got {_kind(answer)}")
        if len(answer) != len(names):
            self.fail(f"your function should return {len(names)} values {shown}, got {len(answer)}")
        return answer

    def need_sequence(self, what, got, length, shown, hint=None):
        """``got`` must be a tuple or list of ``length`` items, described as ``shown``."""
        __tracebackhide__ = True
        if not isinstance(got, (tuple, list)):
            self.fail(f"{what} should be {shown}, got {_kind(got)}", hint)
        if len(got) != length:
            self.fail(f"{what} should be {shown}, got {_count(len(got), 'item', 'items')}", hint)

    def need_dict(self, what, got, keys, exact=False, missing_hint=None):
        """``got`` must be a dict holding ``keys`` (and nothing else when ``exact``)."""
        __tracebackhide__ = True
        if got is None:
            self.fail(f"{what} is None", "did you forget a return statement?")
        if not isinstance(got, Mapping):
            self.fail(f"{what} should be a dict, got {_kind(got)}")
        have = ", ".join(repr(k) for k in got) or "none"
        missing = [k for k in keys if k not in got]
        if missing:
            self.fail(f"{what} has no key {missing[0]!r} (its keys: {have})", missing_hint)
        extra = [k for k in got if k not in keys]
        if exact and extra:
            self.fail(f"{what} has the unexpected key {extra[0]!r}; it should hold only "
                      f"{', '.join(repr(k) for k in keys)}")

    def verify(self, parts):
        """Check every part's type, then every part's shape, then every part's values."""
        __tracebackhide__ = True
        for stage in ("type_problem", "shape_problem", "value_problem"):
            for part in parts:
                problem = getattr(part, stage)()
                if problem:
                    self.fail(*problem)


def _kind(obj):
    if obj is None:
        return "None"
    if isinstance(obj, np.ndarray):
        return f"an array of shape {obj.shape}"
    name = type(obj).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _num(x):
    return f"{float(x):.6g}"


def _count(n, one, many):
    return f"{n} {one if n == 1 else many}"


def _close(got, expected):
    g = np.asarray(got, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(g, e, rtol=RTOL, atol=ATOL))


def _difference(what, got, expected):
    """'what[i, j] is 1.2 but should be 3.4 (2 of 6 entries are wrong)' for the worst entry."""
    g = np.asarray(got, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if e.ndim == 0:
        return f"{what} is {_num(g)} but should be {_num(e)}"
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(g, e, rtol=RTOL, atol=ATOL)
        size = np.abs(g - e)
    size = np.where(np.isnan(size), np.inf, size)
    where = np.unravel_index(int(np.argmax(np.where(wrong, size, -1.0))), e.shape)
    index = ", ".join(str(int(i)) for i in where)
    problem = f"{what}[{index}] is {_num(g[where])} but should be {_num(e[where])}"
    if wrong.sum() > 1:
        problem += f" ({int(wrong.sum())} of {wrong.size} entries are wrong)"
    return problem


class _Part:
    """One part of a learner's answer, what it should be, and the hints that explain a difference.

    ``kind`` is "array" (a numeric ndarray), "labels" (an ndarray of 0 and 1),
    "float" (a number: a Python or numpy float or int, or a 0-d array such as
    ``np.squeeze(cost)``; not a bool, not an array with axes), "number" (the
    same, for sigmoid of a number; ``arg`` names that number in the message),
    "int" (a whole number) or "floats" (a list of "float"s). ``many_hint``
    explains a "float" that came as an array of several entries (default:
    ``hint``). ``variants`` are
    ``(hint, wrong_answer)`` pairs: a learner's value equal to ``wrong_answer``
    earns ``hint``. ``shape_hints`` maps a wrong shape (or, for "floats", a
    wrong length) to a hint.
    """

    def __init__(self, what, got, expected, kind="array", *, hint=None, variants=(),
                 shape_hints=None, rank1_hint=None, transpose_hint=None, type_hint=None,
                 float_dtype=False, many_hint=None, arg="z"):
        self.what, self.got, self.expected, self.kind = what, got, expected, kind
        self.hint, self.many_hint, self.arg = hint, many_hint, arg
        self.variants = [(h, v) for h, v in variants if v is not None]
        self.shape_hints = shape_hints or {}
        self.rank1_hint, self.transpose_hint = rank1_hint, transpose_hint
        self.type_hint, self.float_dtype = type_hint, float_dtype

    # -- type
    def type_problem(self):
        what, got, kind = self.what, self.got, self.kind
        if got is None:
            return f"{what} is None", "did you forget a return statement?"
        if kind in ("array", "labels"):
            if not isinstance(got, np.ndarray):
                hint = self.type_hint or ("convert it with np.array(...)" if isinstance(got, (list, tuple)) else None)
                return f"{what} should be a numpy array of shape {self.expected.shape}, got {_kind(got)}", hint
            if got.dtype.kind not in "biuf":
                return f"{what} should hold numbers, got dtype {got.dtype}", None
            if self.float_dtype and got.dtype.kind != "f":
                return f"{what} has dtype {got.dtype} but should hold floats", self.type_hint
            return None
        if kind == "floats":
            if not isinstance(got, (list, tuple)):
                return (f"{what} should be a list of floats, got {_kind(got)}",
                        "start with costs = [] and append each cost")
            for i, item in enumerate(got):
                problem = _float_problem(f"{what}[{i}]", item, self.type_hint, self.hint)
                if problem:
                    return problem
            return None
        if kind == "float":
            return _float_problem(what, got, self.type_hint, self.many_hint or self.hint)
        if kind == "number":
            if isinstance(got, np.ndarray):
                if got.ndim == 0 and got.dtype.kind in "biuf":
                    return None
                return f"{what} should be a number ({self.arg} was a number), got {_kind(got)}", self.type_hint
            if isinstance(got, bool) or not isinstance(got, Real):
                return f"{what} should be a number, got {_kind(got)}", self.type_hint
            return None
        if kind == "int":
            if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
                return f"{what} should be an int, got {_kind(got)} {got!r}", self.type_hint
            return None
        raise AssertionError(f"unknown kind {kind!r}")  # pragma: no cover - our own mistake

    # -- shape
    def shape_problem(self):
        if self.kind == "floats":
            if len(self.got) == len(self.expected):
                return None
            entries = _count(len(self.got), "entry", "entries")
            problem = f"{self.what} has {entries} but should have {len(self.expected)}"
            return problem, self._variant_hint() or self.shape_hints.get(len(self.got))
        if self.kind not in ("array", "labels"):
            return None
        got, expected = self.got.shape, np.shape(self.expected)
        if got == expected:
            return None
        problem = f"{self.what} has shape {got} but should be {expected}"
        hint = self._variant_hint() or self.shape_hints.get(got)
        if hint is None and len(got) == 1 and len(expected) == 2:
            hint = self.rank1_hint or "a rank-1 array; use keepdims=True or reshape(-1, 1)"
        if hint is None and got == expected[::-1]:
            hint = self.transpose_hint or "the shape is reversed; did you transpose something?"
        return problem, hint

    # -- values
    def value_problem(self):
        if self.matches():
            return None
        if self.kind == "labels":
            outside = ~np.isin(self.got, (0, 1))
            if outside.any():
                return (f"{self.what} should hold only 0 and 1, got {_num(self.got[outside][0])}",
                        "turn the probabilities A into labels with A > 0.5")
        if self.kind == "int":
            problem = f"{self.what} is {self.got} but should be {self.expected}"
        else:
            problem = _difference(self.what, self.got, self.expected)
        return problem, self._variant_hint() or self.hint

    def matches(self):
        if self.kind == "int":
            return self.got == self.expected
        if self.kind == "labels":
            return self.got.shape == self.expected.shape and bool(np.array_equal(self.got, self.expected))
        return _close(self.got, self.expected)

    def _variant_hint(self):
        for hint, wrong in self.variants:
            if self.kind == "int":
                if self.got == wrong:
                    return hint
            elif _close(self.got, wrong):
                return hint
        return None


#: Advice for a one-entry array where a number belongs. Not float(x): on numpy 2.4, float() of a (1, 1)
#: array raises TypeError. tests/test_feedback.py runs this advice on the numpy installed.
_ONE_ENTRY_HINT = "np.squeeze(x) (or x.item()) turns a one-entry array x into a number"


def _float_problem(what, got, hint=None, many_hint=None):
    """Why ``got`` is not a number, or None.

    A number is a Python or numpy float or int, or a 0-d array (what
    ``np.squeeze`` returns); a bool is not. ``hint`` explains anything else,
    except an array of several entries, which gets ``many_hint``.
    """
    if got is None:
        return f"{what} is None", "did you forget a return statement?"
    if isinstance(got, np.ndarray):
        if got.ndim == 0 and got.dtype.kind in "iuf":
            return None
        if got.size == 1:
            return f"{what} should be a number, got {_kind(got)}", hint or _ONE_ENTRY_HINT
        return f"{what} should be a number, got {_kind(got)}", many_hint
    if isinstance(got, (bool, np.bool_)):
        return f"{what} should be a number, got the bool {got}", hint
    if not isinstance(got, Real):
        return f"{what} should be a number, got {_kind(got)}", hint
    return None


def _passed(ex):
    print(f"{ex}: all checks passed")


# ---------------------------------------------------------------- a note for loop-based answers

#: The section of notebooks/week2_logistic_regression.ipynb that shows how to vectorize
#: ("## 8. Vectorization"); tests/test_feedback.py checks that the heading is still there.
VECTORIZATION_SECTION = (8, "Vectorization")
#: A loop-based answer earns the note when it is at least this many times slower than the reference.
#: Measured on the inputs below: the loop versions in tests/test_feedback.py took about 200 (propagate)
#: and 350 (compute_cost) times as long as the reference; vectorized answers about 0.5 to 0.7 times.
_LOOP_NOTE_RATIO = 10.0
_LOOP_NODES = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_LOOP_OPCODES = {"FOR_ITER", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT"}


def _has_loops(fn):
    """Whether ``fn``'s own code has a Python loop (for, while or a comprehension).

    Read from its source when Python can find it (a notebook cell, a file),
    else from its bytecode (a function made by ``exec``, say).
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        tree = None
    if tree is not None:
        return any(isinstance(node, _LOOP_NODES) for node in ast.walk(tree))
    code = getattr(fn, "__code__", None)
    return code is not None and _code_has_loops(code)


def _code_has_loops(code):
    if any(instruction.opname in _LOOP_OPCODES for instruction in dis.get_instructions(code)):
        return True
    return any(_code_has_loops(const) for const in code.co_consts if isinstance(const, types.CodeType))


def _seconds(fn, inputs, repeat):
    """The shortest of ``repeat`` timed calls of ``fn`` on fresh copies of ``inputs``."""
    best = float("inf")
    for _ in range(repeat):
        args = copy.deepcopy(list(inputs.values()))
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


#: What week 2's section 15 asks of propagate: one call per iteration on the whole training
#: set (shipped data). tests/test_feedback.py checks the notebook still trains that way.
WEEK2_TRAINING = {"section": 15, "X_shape": (3072, 4000), "iterations": 500}


def _loop_note(ex, fn, reference, inputs, size, projection=None):
    """After a pass: if ``fn`` loops in Python and is much slower than ``reference``, print how much.

    The ratio is measured here and now, on ``inputs`` (described by ``size``),
    and only printed: a pass stays a pass. ``projection``, ``(text, scale,
    calls)``, adds what that speed means for a training run ``scale`` times
    the work per call, ``calls`` times: a loop's time grows with the entries
    it visits, so the estimate is the measured time times ``scale * calls``.
    """
    if not _has_loops(fn):
        return
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):  # its prints were seen
            yours = _seconds(fn, inputs, repeat=2)
    except Exception:  # it passed the check; if the larger input trips it, say nothing we did not measure
        return
    ours = max(_seconds(reference, inputs, repeat=5), 1e-7)
    ratio = yours / ours
    if ratio < _LOOP_NOTE_RATIO:
        return
    number, title = VECTORIZATION_SECTION
    print(f"{ex}: note: your {ex} loops in Python; on {size} it took {yours * 1e3:.3g} ms, {ratio:.0f} times as "
          f"long as the vectorized reference ({ours * 1e3:.2g} ms). Section {number} of week 2, \"{title}\", "
          f"shows how np.dot and np.sum replace such loops.")
    if projection is not None:
        text, scale, calls = projection
        # Only the loop's time is projected: a loop's grows with the entries it
        # visits, while numpy's speeds up on larger arrays, so no vectorized figure.
        print(f"{ex}: note: at that speed {text} would take about {yours * scale * calls / 60:.0f} minutes: "
              f"vectorize it before you get there.")


def _maybe(build, *args, **kwargs):
    """A wrong answer built by ``build``, or None where its shapes do not broadcast.

    Only our own variant code runs here, never the learner's.
    """
    try:
        with np.errstate(all="ignore"):
            return build(*args, **kwargs)
    except ValueError:
        return None


def _pick(variants, key):
    """Turn whole-answer variants ``(hint, dict)`` into one part's ``(hint, value)``."""
    return [(hint, None if answer is None else answer[key]) for hint, answer in variants]


def _random_network(rng, layer_dims):
    """Parameters with non-zero biases (so a forgotten b shows) and weights scaled by 1/sqrt(n[l-1])."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = 0.5 * rng.standard_normal((layer_dims[l], 1))
    return parameters


def _labels(rng, m):
    """Labels (1, m) with both classes present."""
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    Y[0, :2] = (0, 1)
    return Y


def _shape(A):
    return f"shape {np.shape(A)}"


# ================================================================ week 2: numpy basics

def _basic_sigmoid(x):
    return 1 / (1 + math.exp(-x))


def check_basic_sigmoid(fn):
    """Check ``basic_sigmoid(x)``: the sigmoid of one number, ``1 / (1 + math.exp(-x))``.

    Called on the numbers 1.2, -2.5, 0.0 and 4.0. The answer must be one number,
    a Python or numpy float: not an array (not even a 0-d one), not a list.

    Parameters
    ----------
    fn : callable
        Your ``basic_sigmoid(x)``, returning a float.

    Returns
    -------
    None
        It prints one line, ``basic_sigmoid: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> import math
    >>> check_basic_sigmoid(lambda x: 1 / (1 + math.exp(-x)))
    basic_sigmoid: all checks passed
    """
    __tracebackhide__ = True
    ex = "basic_sigmoid"
    formula = "basic_sigmoid(x) is 1 / (1 + math.exp(-x))"
    type_hint = ("x is one number, so return one number: 1 / (1 + math.exp(-x)) is a float; "
                 "do not put it in a list or an array")
    for x in (1.2, -2.5, 0.0, 4.0):
        case = _Case(ex, fn, {"x": x}, f"x={x}", probe=("x", x + 0.5), reference=lambda i: _basic_sigmoid(i["x"]))
        if isinstance(case.answer, np.ndarray):
            case.fail(f"basic_sigmoid(x) should be a number (x was a number), got {_kind(case.answer)}", type_hint)
        variants = [
            (f"{formula}; you returned math.exp(-x), without the 1 / (1 + ...)", math.exp(-x)),
            (f"{formula}; take 1 divided by (1 + math.exp(-x))", 1 + math.exp(-x)),
            (f"{formula}; check the sign of x", _basic_sigmoid(-x)),
            (f"{formula}; check the sign: 1 + math.exp(-x)", 1 / (1 - math.exp(-x)) if x != 0 else None),
        ]
        part = _Part("basic_sigmoid(x)", case.answer, _basic_sigmoid(x), "number", arg="x", variants=variants,
                     type_hint=type_hint, hint=formula)
        case.verify([part])
    _passed(ex)


def _sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def check_sigmoid_derivative(fn):
    """Check ``sigmoid_derivative(x)``: the slope of the sigmoid, ``s * (1 - s)`` with ``s = sigmoid(x)``.

    Called on a rank-1 array of shape (3,), arrays of shapes (2, 4) and (3, 2),
    and a plain number; the answer has the shape of ``x`` (a number for a
    number).

    Parameters
    ----------
    fn : callable
        Your ``sigmoid_derivative(x)``, returning an array of the shape of ``x``.

    Returns
    -------
    None
        It prints one line, ``sigmoid_derivative: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> def sigmoid_derivative(x):
    ...     s = 1 / (1 + np.exp(-x))
    ...     return s * (1 - s)
    >>> check_sigmoid_derivative(sigmoid_derivative)
    sigmoid_derivative: all checks passed
    """
    __tracebackhide__ = True
    ex = "sigmoid_derivative"
    inputs = (np.linspace(-2.0, 3.0, 3), np.linspace(-3.0, 2.5, 8).reshape(2, 4),
              np.linspace(-1.5, 1.0, 6).reshape(3, 2), -0.8)
    for x in inputs:
        number = np.ndim(x) == 0
        case = _Case(ex, fn, {"x": x}, f"x={x}" if number else f"x of {_shape(x)}", probe=("x", x + 0.5),
                     reference=lambda i: _sigmoid_derivative(i["x"]),
                     copy_hint="s = 1 / (1 + np.exp(-x)) makes a new array; x *= ... changes the caller's")
        s, e = sigmoid(x), np.exp(-np.asarray(x, dtype=np.float64))
        variants = [
            ("that is s = sigmoid(x) itself; the derivative is s * (1 - s)", s),
            ("the derivative is s * (1 - s); check the sign", s * (1 + s)),
            ("x * (1 - x) uses x where s belongs: first s = 1 / (1 + np.exp(-x)), then s * (1 - s)",
             x * (1 - np.asarray(x))),
            ("multiply by s too: the derivative is s * (1 - s)", 1 - s),
            ("s is sigmoid(x) = 1 / (1 + np.exp(-x)), not np.exp(-x)", e * (1 - e)),
        ]
        expected = _sigmoid_derivative(x)
        if number:
            part = _Part("sigmoid_derivative(x)", case.answer, float(expected), "number", arg="x",
                         variants=[(h, float(v)) for h, v in variants], hint="s = sigmoid(x), then s * (1 - s)",
                         type_hint="for a number x, s * (1 - s) with s = 1 / (1 + np.exp(-x)) is already a "
                                   "number; return it as it is")
        else:
            part = _Part("sigmoid_derivative(x)", case.answer, expected, variants=variants,
                         rank1_hint="return the shape of x; do not flatten it",
                         transpose_hint="return the shape of x; do not transpose it",
                         hint="s = sigmoid(x), then s * (1 - s)")
        case.verify([part])
    _passed(ex)


def _loss_cases(seed):
    """(yhat, y): rank-1 arrays of 5 and 8 entries, then a (1, 6) row; y holds both labels."""
    rng = np.random.default_rng(seed)
    cases = []
    for shape in ((5,), (8,), (1, 6)):
        yhat = rng.uniform(0.05, 0.95, size=shape)
        y = (rng.random(shape) < 0.5).astype(np.int64)
        y.flat[:2] = (1, 0)
        cases.append((yhat, y))
    return cases


def _l1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def _l2(yhat, y):
    return float(np.sum((y - yhat) ** 2))


def check_L1(fn):
    """Check ``L1(yhat, y)``: the L1 loss, ``np.sum(np.abs(y - yhat))``, as one number.

    Called on rank-1 arrays of 5 and 8 entries (as the course passes them) and
    on (1, 6) rows. The loss must be a number: a Python or numpy float, or a
    0-d array; not an array with axes.

    Parameters
    ----------
    fn : callable
        Your ``L1(yhat, y)``, returning a float.

    Returns
    -------
    None
        It prints one line, ``L1: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_L1(lambda yhat, y: np.sum(np.abs(y - yhat)))
    L1: all checks passed
    """
    __tracebackhide__ = True
    ex = "L1"
    formula = "L1 = np.sum(np.abs(y - yhat))"
    for yhat, y in _loss_cases(seed=53):
        case = _Case(ex, fn, {"yhat": yhat, "y": y}, f"yhat of {_shape(yhat)}", probe=("yhat", yhat + 0.5),
                     reference=lambda i: _l1(*i.values()))
        d = y - yhat
        # abs(np.sum(d)) is one of the first two, so the hint covers it too.
        absolute = f"take the absolute value of each difference, before adding them: {formula}"
        variants = [
            (absolute, np.sum(d)),
            (absolute, np.sum(-d)),
            (f"add the absolute differences with np.sum, do not average them with np.mean: {formula}",
             np.mean(np.abs(d))),
            (f"L1 adds absolute values; squares belong to L2: {formula}", np.sum(d ** 2)),
        ]
        part = _Part("L1", case.answer, _l1(yhat, y), "float", variants=variants, hint=formula,
                     type_hint=f"np.sum with no axis adds every entry into one number: {formula}",
                     many_hint=f"that is an array of differences, one per example; add their absolute values "
                               f"into one number: {formula}")
        case.verify([part])
    _passed(ex)


def check_L2(fn):
    """Check ``L2(yhat, y)``: the L2 loss, ``np.sum((y - yhat) ** 2)``, as one number.

    Called on rank-1 arrays of 5 and 8 entries (as the course passes them) and
    on (1, 6) rows, where ``np.dot(d, d)`` fails and ``np.dot(d, d.T)`` is a
    (1, 1) array: the answer must be a number (a Python or numpy float, or a
    0-d array), and ``np.sum((y - yhat) ** 2)`` gives one for both.

    Parameters
    ----------
    fn : callable
        Your ``L2(yhat, y)``, returning a float.

    Returns
    -------
    None
        It prints one line, ``L2: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_L2(lambda yhat, y: np.sum((y - yhat) ** 2))
    L2: all checks passed
    """
    __tracebackhide__ = True
    ex = "L2"
    formula = "L2 = np.sum((y - yhat) ** 2)"
    for yhat, y in _loss_cases(seed=54):
        case = _Case(ex, fn, {"yhat": yhat, "y": y}, f"yhat of {_shape(yhat)}", probe=("yhat", yhat + 0.5),
                     reference=lambda i: _l2(*i.values()))
        d = y - yhat
        variants = [
            (f"that is the Euclidean norm, with a square root; the L2 loss is the sum of squares itself, "
             f"no np.sqrt: {formula}", np.sqrt(np.sum(d ** 2))),
            (f"add the squared differences with np.sum, do not average them with np.mean: {formula}",
             np.mean(d ** 2)),
            (f"square each difference: {formula}", np.sum(d)),
            (f"square each difference: {formula}", np.sum(-d)),
            (f"square each difference (absolute values give L1): {formula}", np.sum(np.abs(d))),
            (f"square each difference before adding them, not the sum: {formula}", np.sum(d) ** 2),
        ]
        part = _Part("L2", case.answer, _l2(yhat, y), "float", variants=variants, hint=formula,
                     type_hint=f"a one-entry array, such as the (1, 1) one np.dot(d, d.T) gives for a (1, m) row, "
                               f"is not a number; {formula} gives one number for rank-1 arrays and (1, m) rows "
                               f"alike",
                     many_hint=f"the loss is one number, the sum of the squared differences; {formula} gives one "
                               f"for rank-1 arrays and (1, m) rows alike")
        case.verify([part])
    _passed(ex)


def _normalized_rows(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def check_normalize_rows(fn):
    """Check ``normalize_rows(x)``: each row of ``x`` divided by its Euclidean norm.

    Called on ``x`` of shapes (2, 3), (3, 3) and (4, 2), whose rows are not
    zero; compared with ``x / np.linalg.norm(x, axis=1, keepdims=True)``.
    ``x`` must not change: return a new array.

    Parameters
    ----------
    fn : callable
        Your ``normalize_rows(x)``, returning an array of the shape of ``x``.

    Returns
    -------
    None
        It prints one line, ``normalize_rows: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_normalize_rows(lambda x: x / np.linalg.norm(x, axis=1, keepdims=True))
    normalize_rows: all checks passed
    """
    __tracebackhide__ = True
    ex = "normalize_rows"
    rng = np.random.default_rng(55)
    formula = "x_norm = np.linalg.norm(x, axis=1, keepdims=True), then x / x_norm"
    for shape in ((2, 3), (3, 3), (4, 2)):
        x = rng.uniform(0.5, 4.0, size=shape) * np.where(rng.random(shape) < 0.3, -1.0, 1.0)
        case = _Case(ex, fn, {"x": x}, f"x of {_shape(x)}", probe=("x", x + 0.5),
                     reference=lambda i: _normalized_rows(i["x"]),
                     copy_hint="x = x / x_norm makes a new array; x /= x_norm changes the caller's")
        row_norms = np.linalg.norm(x, axis=1)
        variants = [
            ("that divides each column by its norm (axis=0); divide each row by its norm: "
             "np.linalg.norm(x, axis=1, keepdims=True)", x / np.linalg.norm(x, axis=0, keepdims=True)),
            ("without keepdims=True the row norms have shape (n,), and numpy divides the columns by them; "
             "keep them a column: np.linalg.norm(x, axis=1, keepdims=True)", _maybe(lambda: x / row_norms)),
            ("divide by the norm, the square root of the sum of squares, not by the sum of squares itself",
             x / np.sum(x ** 2, axis=1, keepdims=True)),
            ("divide by the Euclidean norm, np.linalg.norm(x, axis=1, keepdims=True), not by the row's sum",
             _maybe(lambda: x / np.sum(x, axis=1, keepdims=True))),
            ("divide by the Euclidean norm, np.linalg.norm(x, axis=1, keepdims=True), not by the row's sum",
             x / np.sum(np.abs(x), axis=1, keepdims=True)),
            ("np.linalg.norm(x) with no axis is the norm of the whole matrix; axis=1, keepdims=True gives "
             "each row's", x / np.linalg.norm(x)),
            (f"divide by the norms, do not multiply: {formula}", x * row_norms[:, None]),
        ]
        part = _Part("normalize_rows(x)", case.answer, _normalized_rows(x), variants=variants, hint=formula,
                     transpose_hint="return the shape of x; do not transpose it")
        case.verify([part])
    _passed(ex)


def _softmax_rows(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def check_softmax(fn):
    """Check ``softmax(x)``: each row of ``x`` becomes ``np.exp(row) / np.sum(np.exp(row))``.

    Called on ``x`` of shapes (2, 5), (3, 3) and (4, 2) (so each row of the
    answer sums to 1); compared with a softmax over axis 1. Subtracting each
    row's maximum first, for numerical stability, gives the same answer and
    passes too.

    Parameters
    ----------
    fn : callable
        Your ``softmax(x)``, returning an array of the shape of ``x``.

    Returns
    -------
    None
        It prints one line, ``softmax: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_softmax(lambda x: np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True))
    softmax: all checks passed
    """
    __tracebackhide__ = True
    ex = "softmax"
    rng = np.random.default_rng(56)
    formula = "x_exp = np.exp(x), then x_exp / np.sum(x_exp, axis=1, keepdims=True)"
    for shape in ((2, 5), (3, 3), (4, 2)):
        x = rng.uniform(-2.0, 3.0, size=shape)
        # Adding a number to every entry would not change a softmax, and scaling x would not change
        # x / np.sum(x, ...): the probe does both, so that neither right nor wrong answers stay the same.
        case = _Case(ex, fn, {"x": x}, f"x of {_shape(x)}", probe=("x", 2 * x + 0.5),
                     reference=lambda i: _softmax_rows(i["x"]),
                     copy_hint="x_exp = np.exp(x) makes a new array; x -= ... changes the caller's")
        e = np.exp(x)
        variants = [
            ("each row should sum to 1: sum each row, np.sum(x_exp, axis=1, keepdims=True); axis=0 sums the columns",
             e / np.sum(e, axis=0, keepdims=True)),
            ("divide by each row's sum, np.sum(x_exp, axis=1, keepdims=True), not by the sum of the whole matrix",
             e / np.sum(e)),
            ("without keepdims=True the row sums have shape (m,), and numpy divides the columns by them; "
             "keep them a column: np.sum(x_exp, axis=1, keepdims=True)", _maybe(lambda: e / np.sum(e, axis=1))),
            (f"exponentiate first: {formula}", _maybe(lambda: x / np.sum(x, axis=1, keepdims=True))),
            (f"divide x_exp by its row sums, so that each row sums to 1: {formula}", e),
        ]
        part = _Part("softmax(x)", case.answer, _softmax_rows(x), variants=variants, hint=formula,
                     transpose_hint="return the shape of x; do not transpose it")
        case.verify([part])
    _passed(ex)


def check_image2vector(fn):
    """Check ``image2vector(image)``: an image of shape (length, height, depth) as one column.

    Called on images of shapes (2, 3, 4), (4, 2, 3) and (3, 3, 2); the answer
    must be ``image.reshape(length * height * depth, 1)``: shape
    (length * height * depth, 1), entries in numpy's default (C) order.

    Parameters
    ----------
    fn : callable
        Your ``image2vector(image)``, returning an array of shape (length * height * depth, 1).

    Returns
    -------
    None
        It prints one line, ``image2vector: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_image2vector(lambda image: image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1))
    image2vector: all checks passed
    """
    __tracebackhide__ = True
    ex = "image2vector"
    rng = np.random.default_rng(57)
    formula = "v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)"
    for shape in ((2, 3, 4), (4, 2, 3), (3, 3, 2)):
        image = rng.uniform(0.0, 1.0, size=shape)
        n = image.size
        case = _Case(ex, fn, {"image": image}, f"image of {_shape(image)}", probe=("image", image + 0.5),
                     reference=lambda i: i["image"].reshape(-1, 1),
                     copy_hint="image.reshape(...) returns a new array; image.shape = ... changes the caller's")
        answer = case.answer
        shape_hints = {}
        if isinstance(answer, np.ndarray) and answer.size != n:
            shape_hints[answer.shape] = (f"the column holds every entry of the image, length * height * depth = "
                                         f"{n} of them, but yours has {answer.size}: {formula}")
        order = (f"the entries are in another order; reshape in numpy's default order, with no order='F' and "
                 f"no transpose: {formula}")
        variants = [(order, image.transpose(axes).reshape(-1, 1))
                    for axes in itertools.permutations(range(3)) if axes != (0, 1, 2)]
        variants.append((order, image.reshape(-1, 1, order="F")))
        part = _Part("image2vector(image)", answer, image.reshape(-1, 1), variants=variants, hint=formula,
                     shape_hints=shape_hints,
                     rank1_hint=f"that is a rank-1 array; the exercise asks for a column of shape ({n}, 1): "
                                f"{formula}",
                     transpose_hint=f"that is a row; the exercise asks for a column of shape ({n}, 1): {formula}")
        case.verify([part])
    _passed(ex)


# ================================================================ week 2: logistic regression

def check_sigmoid(fn):
    """Check ``sigmoid(z)``: the logistic function, element by element.

    Called on a (1, 3) row, a (2, 4) array and a plain number; compared with
    :func:`course_utils.sigmoid`.

    Parameters
    ----------
    fn : callable
        Your ``sigmoid(z)``, returning an array of the shape of ``z``.

    Returns
    -------
    None
        It prints one line, ``sigmoid: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    sigmoid: all checks passed
    """
    __tracebackhide__ = True
    ex = "sigmoid"
    for z in (np.linspace(-3.0, 2.0, 3).reshape(1, 3), np.linspace(-4.0, 4.0, 8).reshape(2, 4), 0.7):
        case = _Case(ex, fn, {"z": z}, f"z={z}" if np.ndim(z) == 0 else f"z of {_shape(z)}",
                     probe=("z", z + 0.5), reference=lambda i: sigmoid(i["z"]),
                     copy_hint="compute a new array, e.g. s = 1 / (1 + np.exp(-z))")
        variants = [("sigmoid is 1 / (1 + np.exp(-z)); check the sign of z", 1 / (1 + np.exp(z))),
                    ("sigmoid is 1 / (1 + np.exp(-z)), not np.exp(-z)", np.exp(-np.asarray(z)))]
        if np.ndim(z) == 0:
            part = _Part("sigmoid(z)", case.answer, float(sigmoid(z)), "number", variants=variants)
        else:
            part = _Part("sigmoid(z)", case.answer, sigmoid(z), variants=variants,
                         rank1_hint="return the shape of z; do not flatten it",
                         transpose_hint="return the shape of z; do not transpose it")
        case.verify([part])
    _passed(ex)


def check_initialize_with_zeros(fn):
    """Check ``initialize_with_zeros(dim)``: ``w`` zeros of shape (dim, 1) and ``b = 0.0`` (or ``b = 0``).

    Called with ``dim`` 3 and 5; compared with
    :func:`course_utils.initialize_with_zeros`.

    Parameters
    ----------
    fn : callable
        Your ``initialize_with_zeros(dim)``, returning ``(w, b)``.

    Returns
    -------
    None
        It prints one line, ``initialize_with_zeros: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_initialize_with_zeros(lambda dim: (np.zeros((dim, 1)), 0.0))
    initialize_with_zeros: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_with_zeros"
    for dim in (3, 5):
        case = _Case(ex, fn, {"dim": dim}, f"dim={dim}", probe=("dim", dim + 1),
                     reference=lambda i: initialize_with_zeros(i["dim"]))
        w, b = case.need_values(("w", "b"))
        w_expected, b_expected = initialize_with_zeros(dim)
        parts = [
            _Part("w", w, w_expected, float_dtype=True, type_hint="np.zeros((dim, 1)) holds floats",
                  rank1_hint="w is a column, np.zeros((dim, 1)), not np.zeros(dim)",
                  transpose_hint="w is a column, np.zeros((dim, 1))", hint="w starts at zero"),
            _Part("b", b, b_expected, "float", type_hint="write b = 0.0 (b = 0 works too)", hint="b starts at 0.0"),
        ]
        case.verify(parts)
    _passed(ex)


#: Why a one-entry cost, such as the (1, 1) array np.dot gives, is refused, and how to fix it (the
#: notebooks print costs with f"{cost:.4f}", which fails for an array with axes).
_COST_TYPE_HINT = ("cost = np.squeeze(cost) turns a one-entry array, such as the (1, 1) one np.dot gives, "
                   "into a number; later cells print the cost with f\"{cost:.4f}\", which fails for an array "
                   "with axes")


def _logistic_cases(seed):
    """(w, b, X, Y) for two shapes; m differs from n_x so a wrong m shows."""
    rng = np.random.default_rng(seed)
    cases = []
    for n_x, m, b in ((3, 5, 0.4), (4, 7, -0.3)):
        w = 0.5 * rng.standard_normal((n_x, 1))
        X = rng.standard_normal((n_x, m))
        cases.append((w, b, X, _labels(rng, m)))
    return cases


def _scaled(answer, factor):
    grads, cost = answer
    return {"dw": grads["dw"] * factor, "db": grads["db"] * factor}, cost * factor


def check_propagate(fn):
    """Check ``propagate(w, b, X, Y)``: the cost of logistic regression and its gradients.

    Called on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.propagate`.

    Parameters
    ----------
    fn : callable
        Your ``propagate(w, b, X, Y)``, returning ``(grads, cost)`` with
        ``grads["dw"]`` of shape (n_x, 1), and ``grads["db"]`` and ``cost``
        numbers (a Python or numpy float, or a 0-d array such as
        ``np.squeeze(cost)``; not a (1, 1) array).

    Returns
    -------
    None
        It prints one line, ``propagate: all checks passed``. If ``fn`` loops
        in Python and is at least 10 times slower than the vectorized
        reference on ``X`` of shape (50, 500), a second line says how much
        slower, as measured then, and which section of week 2 shows how to
        vectorize it.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_propagate(propagate)
    propagate: all checks passed
    """
    __tracebackhide__ = True
    ex = "propagate"
    for w, b, X, Y in _logistic_cases(seed=21):
        n_x, m = X.shape
        case = _Case(ex, fn, {"w": w, "b": b, "X": X, "Y": Y}, f"X of {_shape(X)}", probe=("X", X + 0.5),
                     reference=lambda i: propagate(*i.values()),
                     copy_hint="A = A - Y makes a new array; A -= Y changes the caller's")
        grads, cost = case.need_values(("grads", "cost"))
        case.need_dict("grads", grads, ("dw", "db"))
        expected = propagate(w, b, X, Y)
        (grads_expected, cost_expected) = expected
        A = sigmoid(w.T @ X + b)
        variants = [
            ("did you forget to add b? A = sigmoid(np.dot(w.T, X) + b)", propagate(w, 0.0, X, Y)),
            ("did you forget to divide by m?", _scaled(expected, m)),
            ("divide by m = X.shape[1], the number of examples, not X.shape[0]", _scaled(expected, m / n_x)),
            ("the cost is minus the mean of Y log(A) + (1 - Y) log(1 - A); check the sign",
             (grads_expected, -cost_expected)),
            ("dZ = A - Y, not Y - A", (_scaled(expected, -1)[0], cost_expected)),
        ]
        dw_variants = [(h, v[0]["dw"]) for h, v in variants] + [
            ("use np.dot(X, (A - Y).T), a matrix product that sums over the m examples, not * "
             "(element by element)", (X * (A - Y)) / m)]
        parts = [
            _Part("cost", cost, cost_expected, "float", variants=[(h, v[1]) for h, v in variants],
                  type_hint=_COST_TYPE_HINT,
                  hint="cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m"),
            _Part("dw", grads["dw"], grads_expected["dw"], variants=dw_variants,
                  transpose_hint="did you transpose X? dw = np.dot(X, (A - Y).T) / m has the shape of w",
                  hint="dw = np.dot(X, (A - Y).T) / m"),
            _Part("db", grads["db"], grads_expected["db"], "float", variants=[(h, v[0]["db"]) for h, v in variants],
                  type_hint="np.sum(A - Y) / m, with no axis, adds up every entry into one number",
                  hint="db = np.sum(A - Y) / m"),
        ]
        case.verify(parts)
    _passed(ex)
    rng = np.random.default_rng(25)
    w, X = 0.1 * rng.standard_normal((50, 1)), rng.standard_normal((50, 500))
    n_x, m = WEEK2_TRAINING["X_shape"]
    projection = (f"section {WEEK2_TRAINING['section']}'s training ({WEEK2_TRAINING['iterations']} iterations on X "
                  f"of ({n_x}, {m}))", n_x * m / X.size, WEEK2_TRAINING["iterations"])
    _loop_note(ex, fn, propagate, {"w": w, "b": 0.1, "X": X, "Y": _labels(rng, 500)}, f"X of {_shape(X)}",
               projection)


def _descend(w, b, X, Y, num_iterations, learning_rate, sign=-1.0, update_b=True, record_after=False):
    """Week 2's gradient descent, with switches that reproduce common mistakes."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + sign * learning_rate * grads["dw"]
        if update_b:
            b = b + sign * learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(propagate(w, b, X, Y)[1] if record_after else cost)
    return {"w": w, "b": b}, grads, costs


def check_optimize(fn):
    """Check ``optimize(w, b, X, Y, num_iterations, learning_rate)``: gradient descent.

    Called with (num_iterations, learning_rate) = (150, 0.1) and (201, 0.5),
    on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.optimize`. ``costs`` holds the cost before iterations
    0, 100, 200, ...

    Parameters
    ----------
    fn : callable
        Your ``optimize``, returning ``(params, grads, costs)``.

    Returns
    -------
    None
        It prints one line, ``optimize: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_optimize(optimize)
    optimize: all checks passed
    """
    __tracebackhide__ = True
    ex = "optimize"
    settings = ((150, 0.1), (201, 0.5))
    for (w, b, X, Y), (num_iterations, learning_rate) in zip(_logistic_cases(seed=22), settings):
        inputs = {"w": w, "b": b, "X": X, "Y": Y, "num_iterations": num_iterations, "learning_rate": learning_rate}
        case = _Case(ex, fn, inputs, f"num_iterations={num_iterations}, learning_rate={learning_rate}",
                     probe=("X", X + 0.5), reference=lambda i: optimize(*i.values()),
                     copy_hint="w = w - learning_rate * dw makes a new array; "
                               "w -= learning_rate * dw changes the caller's")
        params, grads, costs = case.need_values(("params", "grads", "costs"))
        case.need_dict("params", params, ("w", "b"))
        case.need_dict("grads", grads, ("dw", "db"))
        params_expected, grads_expected, costs_expected = optimize(w, b, X, Y, num_iterations, learning_rate)
        variants = [
            ("use the argument learning_rate, not a fixed number", _descend(w, b, X, Y, num_iterations, 0.009)),
            ("use the argument num_iterations, not a fixed number", _descend(w, b, X, Y, 100, learning_rate)),
            ("gradient descent subtracts, w = w - learning_rate * dw",
             _descend(w, b, X, Y, num_iterations, learning_rate, sign=1.0)),
            ("did you forget to update b? b = b - learning_rate * db",
             _descend(w, b, X, Y, num_iterations, learning_rate, update_b=False)),
            ("record the cost before the update, when i % 100 == 0",
             _descend(w, b, X, Y, num_iterations, learning_rate, record_after=True)),
        ]
        parts = [
            _Part("costs", costs, costs_expected, "floats", variants=[(h, v[2]) for h, v in variants],
                  shape_hints={num_iterations: "record the cost only every 100 iterations, when i % 100 == 0"},
                  type_hint="make propagate return the cost as a number, cost = np.squeeze(cost)"),
            _Part("params['w']", params["w"], params_expected["w"], variants=[(h, v[0]["w"]) for h, v in variants],
                  hint="w = w - learning_rate * dw at each iteration"),
            _Part("params['b']", params["b"], params_expected["b"], "float",
                  variants=[(h, v[0]["b"]) for h, v in variants],
                  type_hint="b should stay a number; make propagate return db = np.sum(A - Y) / m, with no axis",
                  hint="b = b - learning_rate * db at each iteration"),
            _Part("grads['dw']", grads["dw"], grads_expected["dw"], hint="return the grads of the last iteration"),
            _Part("grads['db']", grads["db"], grads_expected["db"], "float",
                  hint="return the grads of the last iteration"),
        ]
        case.verify(parts)
    _passed(ex)


def check_predict(fn):
    """Check week 2's ``predict(w, b, X)``: labels 1 where ``sigmoid(w.T X + b) > 0.5``, else 0.

    Called on ``X`` of shapes (3, 5) and (4, 7); compared with
    :func:`course_utils.predict_logistic`. Integers, floats or booleans equal
    to 0 and 1 are all accepted.

    Parameters
    ----------
    fn : callable
        Your ``predict(w, b, X)``, returning an array of shape (1, m).

    Returns
    -------
    None
        It prints one line, ``predict: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_predict(predict_logistic)
    predict: all checks passed
    """
    __tracebackhide__ = True
    ex = "predict"
    cases = [(w, 3 * b, X) for w, b, X, _ in _logistic_cases(seed=23)]  # a bias large enough to matter
    # w = 0 and b = 0 put every A at exactly 0.5, the boundary: the label there is 0, since 1 means A > 0.5.
    cases.append((np.zeros((3, 1)), 0.0, cases[0][2]))
    for w, b, X in cases:
        where = f"X of {_shape(X)}" + (", w = 0 and b = 0" if not w.any() and b == 0 else "")
        case = _Case(ex, fn, {"w": w, "b": b, "X": X}, where, probe=("X", -X),
                     reference=lambda i: predict_logistic(*i.values()))
        A = sigmoid(w.T @ X + b)
        variants = [
            ("every A is exactly 0.5 here: the label is 1 only where A > 0.5, strictly",
             (A >= 0.5).astype(int)),
            ("did you forget to add b? A = sigmoid(np.dot(w.T, X) + b)", predict_logistic(w, 0.0, X)),
            ("1 where A > 0.5 and 0 elsewhere; the comparison is the wrong way round", (A <= 0.5).astype(int)),
            ("compare the probability A = sigmoid(np.dot(w.T, X) + b) with 0.5, not Z",
             (w.T @ X + b > 0.5).astype(int)),
        ]
        part = _Part("Y_prediction", case.answer, predict_logistic(w, b, X), "labels", variants=variants,
                     rank1_hint="predictions are a row of shape (1, m); keep the shape of A",
                     transpose_hint="predictions are a row of shape (1, m), one column per example",
                     hint="1 where sigmoid(np.dot(w.T, X) + b) > 0.5, else 0")
        case.verify([part])
    _passed(ex)


def _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, train_on=None, predict_on=None):
    """Week 2's ``model`` from the package's own pieces; the two keywords build known mistakes."""
    X_fit, Y_fit = train_on or (X_train, Y_train)
    w, b = initialize_with_zeros(X_fit.shape[0])
    params, _, costs = optimize(w, b, X_fit, Y_fit, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict_logistic(w, b, X_train)
    Y_prediction_test = predict_logistic(w, b, predict_on if predict_on is not None else X_test)
    return {
        "costs": costs, "w": w, "b": b,
        "Y_prediction_train": Y_prediction_train, "Y_prediction_test": Y_prediction_test,
        "train_accuracy": accuracy(Y_prediction_train, Y_train),
        "test_accuracy": accuracy(Y_prediction_test, Y_test) if Y_prediction_test.shape == Y_test.shape else None,
        "learning_rate": learning_rate, "num_iterations": num_iterations,
    }


#: The keys of week 2's ``model`` result, in the order the notebook builds them.
MODEL_KEYS = ("costs", "w", "b", "Y_prediction_train", "Y_prediction_test", "train_accuracy", "test_accuracy",
              "learning_rate", "num_iterations")


def _callees_pass(ex, fn):
    """Name the first exercise ``fn`` calls that fails its own check, rather than its consequences.

    A broken ``initialize_with_zeros`` makes ``model`` fail far downstream (in
    ``cu.accuracy``, say); the useful message is about the function to fix.
    """
    __tracebackhide__ = True
    from .needs import _in_check_order

    for callee in _in_check_order([fn])[:-1]:  # the last one is fn itself
        name = callee.__name__
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                CHECKS[name](callee)
        except NotImplementedYet:
            raise NotImplementedYet(f"{ex}: {name}, which it calls, is not implemented yet") from None
        except CheckFailed as error:
            _fail(ex, f"{name}, which it calls, does not pass its check yet ({error})",
                  f"fix {name} first; its check cell says how")


def check_model(fn):
    """Check week 2's ``model``: your functions put together, trained and scored.

    Called with (num_iterations, learning_rate) = (150, 0.1) and (201, 0.5),
    on training sets of shapes (3, 5) and (4, 7) and test sets of 4 and 6
    examples; compared with the package's own pieces put together the same
    way: zeros to start, :func:`course_utils.optimize`,
    :func:`course_utils.predict_logistic` on both sets, and
    :func:`course_utils.accuracy`.

    Parameters
    ----------
    fn : callable
        Your ``model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)``,
        returning a dict with the keys of :data:`MODEL_KEYS`.

    Returns
    -------
    None
        It prints one line, ``model: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn``, or one of your functions it calls, still raises ``NotImplementedError``.
    """
    __tracebackhide__ = True
    ex = "model"
    _callees_pass(ex, fn)
    settings = ((150, 0.1), (201, 0.5))
    rng = np.random.default_rng(24)
    for (_, _, X, Y), (num_iterations, learning_rate), m_test in zip(_logistic_cases(seed=24), settings, (4, 6)):
        X_test = rng.standard_normal((X.shape[0], m_test))
        Y_test = _labels(rng, m_test)
        inputs = {"X_train": X, "Y_train": Y, "X_test": X_test, "Y_test": Y_test,
                  "num_iterations": num_iterations, "learning_rate": learning_rate}
        case = _Case(ex, fn, inputs, f"X_train of {_shape(X)}, num_iterations={num_iterations}",
                     probe=("X_train", X + 0.5), reference=lambda i: _model(*i.values()))
        d = case.answer
        case.need_dict("d", d, MODEL_KEYS,
                       missing_hint="return the dict with the keys " + ", ".join(repr(k) for k in MODEL_KEYS))
        expected = _model(*inputs.values())
        variants = [
            ("pass num_iterations and learning_rate on to optimize, not the defaults",
             _model(X, Y, X_test, Y_test, 100, 0.009)),
            ("train on X_train and Y_train; the test set is only for scoring",
             _model(X, Y, X_test, Y_test, num_iterations, learning_rate,
                    train_on=(X_test, Y_test)) if X_test.shape[0] == X.shape[0] else None),
        ]
        variants = [(hint, v) for hint, v in variants if v is not None]
        parts = [
            _Part("d['costs']", d["costs"], expected["costs"], "floats", variants=[(h, v["costs"]) for h, v in variants],
                  shape_hints=dict.fromkeys((1, 5), "pass num_iterations and learning_rate on to optimize, "
                                                    "not the defaults"),
                  type_hint="make propagate return the cost as a number, cost = np.squeeze(cost)"),
            _Part("d['w']", d["w"], expected["w"], variants=[(h, v["w"]) for h, v in variants],
                  hint="w and b are the ones optimize returns in params"),
            _Part("d['b']", d["b"], expected["b"], "float", variants=[(h, v["b"]) for h, v in variants],
                  hint="w and b are the ones optimize returns in params"),
            _Part("d['Y_prediction_train']", d["Y_prediction_train"], expected["Y_prediction_train"], "labels",
                  hint="predict with the trained w and b on X_train"),
            _Part("d['Y_prediction_test']", d["Y_prediction_test"], expected["Y_prediction_test"], "labels",
                  shape_hints={(1, X.shape[1]): "predict on X_test for the test predictions, not on X_train"},
                  hint="predict with the trained w and b on X_test"),
            _Part("d['train_accuracy']", d["train_accuracy"], expected["train_accuracy"], "float",
                  variants=[("the accuracy is a fraction between 0 and 1, not a percentage",
                             100 * expected["train_accuracy"])],
                  hint="cu.accuracy(Y_prediction_train, Y_train): the fraction of training labels predicted right"),
            _Part("d['test_accuracy']", d["test_accuracy"], expected["test_accuracy"], "float",
                  variants=[("the accuracy is a fraction between 0 and 1, not a percentage",
                             100 * expected["test_accuracy"])],
                  hint="cu.accuracy(Y_prediction_test, Y_test): the fraction of test labels predicted right"),
        ]
        case.verify(parts)
        for key, value in (("learning_rate", learning_rate), ("num_iterations", num_iterations)):
            if not (isinstance(d[key], Real) and d[key] == value):
                case.fail(f"d[{key!r}] is {d[key]!r} but should be {value!r}", f"store the {key} the model was called with")
    _passed(ex)


# ================================================================ week 3: one hidden layer

def _layer_sizes(inputs):
    return (inputs["X"].shape[0], 4, inputs["Y"].shape[0])


def check_layer_sizes(fn):
    """Check ``layer_sizes(X, Y)``: ``(n_x, n_h, n_y)`` with ``n_h = 4``.

    Called on ``X`` of shapes (5, 3) and (2, 7), with ``Y`` of 2 and 1 rows.

    Parameters
    ----------
    fn : callable
        Your ``layer_sizes(X, Y)``, returning three ints.

    Returns
    -------
    None
        It prints one line, ``layer_sizes: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_layer_sizes(lambda X, Y: (X.shape[0], 4, Y.shape[0]))
    layer_sizes: all checks passed
    """
    __tracebackhide__ = True
    ex = "layer_sizes"
    for n_x, n_y, m in ((5, 2, 3), (2, 1, 7)):
        X = np.linspace(-1.0, 1.0, n_x * m).reshape(n_x, m)
        Y = (np.arange(n_y * m).reshape(n_y, m) % 2).astype(np.int64)
        inputs = {"X": X, "Y": Y}
        # The probe's X differs in both dimensions, so that reading either one changes the answer.
        case = _Case(ex, fn, inputs, f"X of {_shape(X)}, Y of {_shape(Y)}",
                     probe=("X", np.zeros((n_x + 1, m + 1))), reference=_layer_sizes)
        answer = case.need_values(("n_x", "n_h", "n_y"))
        expected = _layer_sizes(inputs)
        type_hint = "sizes are whole numbers, such as X.shape[0]"
        parts = [
            _Part("n_x", answer[0], expected[0], "int", type_hint=type_hint,
                  variants=[("n_x is the number of rows, X.shape[0]; X.shape[1] is the number of examples m", m)]),
            _Part("n_h", answer[1], 4, "int", type_hint=type_hint, hint="n_h is fixed at 4 here"),
            _Part("n_y", answer[2], expected[2], "int", type_hint=type_hint,
                  variants=[("n_y is the number of rows of Y, Y.shape[0]", m)]),
        ]
        case.verify(parts)
    _passed(ex)


def _legacy_weights(seed, shapes, scale):
    """Weights drawn the old way, np.random.seed(seed) then np.random.randn, without touching global state."""
    legacy = np.random.RandomState(seed)
    return [legacy.randn(*shape) * scale(shape[1]) for shape in shapes]


def _init_variants(layer_dims, seed, default_seed, scale):
    """Wrong initialisations: legacy generator, a new generator per layer, an ignored seed."""
    shapes = [(layer_dims[l], layer_dims[l - 1]) for l in range(1, len(layer_dims))]

    def as_parameters(weights):
        parameters = {}
        for l, W in enumerate(weights, start=1):
            parameters[f"W{l}"], parameters[f"b{l}"] = W, np.zeros((W.shape[0], 1))
        return parameters

    def drawn(seed_value, fresh_each_layer=False, reverse=False):
        rng = np.random.default_rng(seed_value)
        order = list(reversed(shapes)) if reverse else shapes
        weights = {}
        for shape in order:
            if fresh_each_layer:
                rng = np.random.default_rng(seed_value)
            weights[shape] = rng.standard_normal(shape) * scale(shape[1])
        return as_parameters([weights[shape] for shape in shapes])

    return [
        ("use rng = np.random.default_rng(seed) and rng.standard_normal, not np.random.seed and np.random.randn "
         "(the two generators give different numbers)", as_parameters(_legacy_weights(seed, shapes, scale))),
        ("make one generator before drawing, and draw every W from it (a new generator per layer repeats "
         "the same numbers)", drawn(seed, fresh_each_layer=True) if len(shapes) > 1 else None),
        ("draw the weights in layer order, W1 first", drawn(seed, reverse=True) if len(shapes) > 1 else None),
        ("use the argument seed, np.random.default_rng(seed)", drawn(default_seed) if seed != default_seed else None),
    ]


def _small_initialization(inputs):
    return initialize_parameters_deep([inputs["n_x"], inputs["n_h"], inputs["n_y"]], seed=inputs["seed"],
                                      init="small")


def check_initialize_parameters(fn):
    """Check ``initialize_parameters(n_x, n_h, n_y, seed)``: small random weights, zero biases.

    Called with (n_x, n_h, n_y, seed) = (3, 4, 1, 2) and (5, 2, 2, 7); compared
    with ``course_utils.initialize_parameters_deep([n_x, n_h, n_y], seed=seed,
    init="small")``: ``W1`` then ``W2`` drawn from one
    ``np.random.default_rng(seed)`` with ``standard_normal``, times 0.01.

    Parameters
    ----------
    fn : callable
        Your ``initialize_parameters(n_x, n_h, n_y, seed=2)``, returning a dict
        with ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Returns
    -------
    None
        It prints one line, ``initialize_parameters: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_initialize_parameters(
    ...     lambda n_x, n_h, n_y, seed=2: initialize_parameters_deep([n_x, n_h, n_y], seed=seed, init="small"))
    initialize_parameters: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_parameters"
    keys = ("W1", "b1", "W2", "b2")
    for n_x, n_h, n_y, seed in ((3, 4, 1, 2), (5, 2, 2, 7)):
        inputs = {"n_x": n_x, "n_h": n_h, "n_y": n_y, "seed": seed}
        case = _Case(ex, fn, inputs, f"n_x={n_x}, n_h={n_h}, n_y={n_y}, seed={seed}", probe=("n_h", n_h + 1),
                     reference=_small_initialization, keywords=("seed",))
        parameters = case.answer
        case.need_dict("parameters", parameters, keys, exact=True)
        expected = _small_initialization(inputs)
        variants = [("multiply the random weights by 0.01",
                     {k: v * 100 if k[0] == "W" else v for k, v in expected.items()})]
        variants += _init_variants([n_x, n_h, n_y], seed, 2, lambda n_prev: 0.01)
        parts = []
        for key, rows, columns in (("W1", "n_h", "n_x"), ("b1", "n_h", "1"), ("W2", "n_y", "n_h"), ("b2", "n_y", "1")):
            if key[0] == "W":
                parts.append(_Part(key, parameters[key], expected[key], variants=_pick(variants, key),
                                   transpose_hint=f"{key} has one row per unit of its layer, shape ({rows}, {columns})",
                                   hint=f"{key} = rng.standard_normal(({rows}, {columns})) * 0.01, with one "
                                        f"rng = np.random.default_rng(seed), W1 drawn before W2"))
            else:
                parts.append(_Part(key, parameters[key], expected[key],
                                   rank1_hint=f"{key} is a column, np.zeros(({rows}, 1)), not np.zeros({rows})",
                                   transpose_hint=f"{key} is a column, np.zeros(({rows}, 1))",
                                   hint="biases start at zero"))
        case.verify(parts)
    _passed(ex)


def _shallow_forward(X, parameters, hidden=tanh, output=sigmoid, product=np.dot,
                     use_b1=True, use_b2=True, transpose_W1=False):
    """Week 3's forward pass, with switches that reproduce common mistakes; returns the cache dict."""
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = product(W1.T if transpose_W1 else W1, X) + (b1 if use_b1 else 0.0)
    A1 = hidden(Z1)
    Z2 = product(W2, A1) + (b2 if use_b2 else 0.0)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": output(Z2)}


def _shallow_cases(seed):
    """(X, parameters): a square case first (so * and transposes give values, not errors), then the usual shape."""
    rng = np.random.default_rng(seed)
    cases = []
    for n_x, n_h, m in ((3, 3, 3), (2, 4, 6)):
        parameters = _random_network(rng, [n_x, n_h, 1])
        cases.append((rng.standard_normal((n_x, m)), parameters))
    return cases


def _reference_cache(X, parameters):
    """Week 3's cache dict, from course_utils' tanh network."""
    AL, caches = L_model_forward(X, parameters, "tanh")
    return {"Z1": caches[0].activation_cache, "A1": caches[1].linear_cache.A_prev,
            "Z2": caches[1].activation_cache, "A2": AL}


def check_forward_propagation(fn):
    """Check ``forward_propagation(X, parameters)``: tanh hidden layer, sigmoid output.

    Called on ``X`` of shapes (3, 3) and (2, 6); compared with
    ``course_utils.L_model_forward(X, parameters, "tanh")``.

    Parameters
    ----------
    fn : callable
        Your ``forward_propagation(X, parameters)``, returning ``(A2, cache)``
        with ``cache`` a dict of ``"Z1"``, ``"A1"``, ``"Z2"``, ``"A2"``.

    Returns
    -------
    None
        It prints one line, ``forward_propagation: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> def forward_propagation(X, parameters):
    ...     Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    ...     A1 = np.tanh(Z1)
    ...     Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    ...     A2 = 1 / (1 + np.exp(-Z2))
    ...     return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    >>> check_forward_propagation(forward_propagation)
    forward_propagation: all checks passed
    """
    __tracebackhide__ = True
    ex = "forward_propagation"
    for X, parameters in _shallow_cases(seed=31):
        case = _Case(ex, fn, {"X": X, "parameters": parameters}, f"X of {_shape(X)}", probe=("X", X + 0.5),
                     reference=lambda i: _reference_cache(*i.values()))
        A2, cache = case.need_values(("A2", "cache"))
        case.need_dict("cache", cache, ("Z1", "A1", "Z2", "A2"))
        expected = _reference_cache(X, parameters)
        variants = [
            ("did you forget to add b1? Z1 = np.dot(W1, X) + b1", _shallow_forward(X, parameters, use_b1=False)),
            ("did you forget to add b2? Z2 = np.dot(W2, A1) + b2", _shallow_forward(X, parameters, use_b2=False)),
            ("use np.dot(W1, X) (a matrix product), not W1 * X (element by element)",
             _maybe(_shallow_forward, X, parameters, product=np.multiply)),
            ("did you transpose W1? Z1 = np.dot(W1, X) + b1",
             _maybe(_shallow_forward, X, parameters, transpose_W1=True)),
            ("the hidden layer uses np.tanh, not sigmoid", _shallow_forward(X, parameters, hidden=sigmoid)),
            ("the output layer uses sigmoid, not np.tanh", _shallow_forward(X, parameters, output=tanh)),
        ]
        hints = {"Z1": "Z1 = np.dot(W1, X) + b1", "A1": "A1 = np.tanh(Z1)",
                 "Z2": "Z2 = np.dot(W2, A1) + b2", "A2": "A2 = cu.sigmoid(Z2)"}
        parts = [_Part(f"cache['{key}']", cache[key], expected[key], variants=_pick(variants, key), hint=hint)
                 for key, hint in hints.items()]
        parts.append(_Part("A2", A2, expected["A2"], variants=_pick(variants, "A2"), hint=hints["A2"]))
        case.verify(parts)
    _passed(ex)


def _cost_cases():
    rng = np.random.default_rng(32)
    yield np.array([[0.8, 0.1, 0.6, 0.35]]), np.array([[1, 0, 0, 1]])
    yield rng.uniform(0.05, 0.95, size=(1, 7)), _labels(rng, 7)


def check_compute_cost(fn):
    """Check ``compute_cost(AL, Y)`` (week 3 calls it ``compute_cost(A2, Y)``): cross-entropy.

    Called with m = 4 and m = 7 examples; compared with
    :func:`course_utils.compute_cost`. The cost must be a number: a Python
    or numpy float, or the 0-d array ``np.squeeze(cost)`` gives; a (1, 1)
    array is refused, with the advice ``cost = np.squeeze(cost)``.

    Parameters
    ----------
    fn : callable
        Your ``compute_cost``, returning a float.

    Returns
    -------
    None
        It prints one line, ``compute_cost: all checks passed``, and, for a
        Python loop at least 10 times slower than the vectorized reference on
        m = 5000 examples, a second line with the measured ratio.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_compute_cost(lambda AL, Y: float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))))
    compute_cost: all checks passed
    """
    __tracebackhide__ = True
    ex = "compute_cost"
    for AL, Y in _cost_cases():
        m = Y.shape[1]
        case = _Case(ex, fn, {"AL": AL, "Y": Y}, f"m={m}", probe=("AL", 0.5 * AL + 0.25),
                     reference=lambda i: compute_cost(*i.values()),
                     copy_hint="np.log(AL) makes a new array; out=AL changes the caller's")
        expected = compute_cost(AL, Y)
        ones, zeros = -np.sum(Y * np.log(AL)) / m, -np.sum((1 - Y) * np.log(1 - AL)) / m
        variants = [
            ("divide by m = Y.shape[1], the number of examples (did you forget 1/m?)", expected * m),
            ("the cost is -(1/m) times the sum; did you forget the minus sign?", -expected),
            ("add the (1 - Y) log(1 - AL) term too", ones),
            ("add the Y log(AL) term too", zeros),
        ]
        part = _Part("the cost", case.answer, expected, "float", variants=variants,
                     type_hint=_COST_TYPE_HINT,
                     hint="cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m (AL is A2 in week 3)")
        case.verify([part])
    _passed(ex)
    rng = np.random.default_rng(35)
    AL, Y = rng.uniform(0.05, 0.95, size=(1, 5000)), _labels(rng, 5000)
    _loop_note(ex, fn, compute_cost, {"AL": AL, "Y": Y}, "m = 5000 examples")


def _shallow_backward(parameters, cache, X, Y, slope="A1", divisor=None, sign=1.0):
    """Week 3's backward pass, with switches that reproduce common mistakes."""
    m = X.shape[1] if divisor is None else divisor
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = sign * (A2 - Y)
    dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
    g = {"A1": 1 - A1 ** 2, "Z1": 1 - cache["Z1"] ** 2, "none": 1.0}[slope]
    dZ1 = (parameters["W2"].T @ dZ2) * g
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}


def check_backward_propagation(fn):
    """Check ``backward_propagation(parameters, cache, X, Y)``: the 2-layer network's gradients.

    Called on ``X`` of shapes (3, 3) and (2, 6) with ``cache`` made by the
    reference forward pass; compared with ``course_utils.L_model_backward``
    after ``course_utils.L_model_forward(X, parameters, "tanh")``.

    Parameters
    ----------
    fn : callable
        Your ``backward_propagation``, returning a dict with ``"dW1"``, ``"db1"``,
        ``"dW2"``, ``"db2"``.

    Returns
    -------
    None
        It prints one line, ``backward_propagation: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> def backward_propagation(parameters, cache, X, Y):
    ...     m = X.shape[1]
    ...     dZ2 = cache["A2"] - Y
    ...     dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - cache["A1"] ** 2)
    ...     return {"dW2": np.dot(dZ2, cache["A1"].T) / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    ...             "dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m}
    >>> check_backward_propagation(backward_propagation)
    backward_propagation: all checks passed
    """
    __tracebackhide__ = True
    ex = "backward_propagation"
    rng = np.random.default_rng(33)
    for X, parameters in _shallow_cases(seed=33):
        n_x, m = X.shape
        n_h = parameters["W1"].shape[0]
        Y = _labels(rng, m)
        cache = _reference_cache(X, parameters)
        case = _Case(ex, fn, {"parameters": parameters, "cache": cache, "X": X, "Y": Y}, f"X of {_shape(X)}",
                     probe=("X", X + 0.5), reference=lambda i: _shallow_backward(*i.values()),
                     copy_hint="dZ2 = A2 - Y makes a new array; dZ2 = cache['A2'] then dZ2 -= Y changes the cache")
        grads = case.answer
        keys = ("dW2", "db2", "dW1", "db1")
        case.need_dict("grads", grads, keys)
        AL, caches = L_model_forward(X, parameters, "tanh")
        expected = L_model_backward(AL, Y, caches)
        variants = [
            ("the tanh slope is 1 - A1**2 (A1 = np.tanh(Z1)), not 1 - Z1**2",
             _shallow_backward(parameters, cache, X, Y, slope="Z1")),
            ("multiply by the tanh slope, dZ1 = np.dot(W2.T, dZ2) * (1 - A1**2)",
             _shallow_backward(parameters, cache, X, Y, slope="none")),
            ("did you forget to divide by m?", _shallow_backward(parameters, cache, X, Y, divisor=1)),
            ("divide by m = X.shape[1], the number of examples", _shallow_backward(parameters, cache, X, Y, divisor=n_x)
             if n_x != m else None),
            ("dZ2 = A2 - Y, not Y - A2", _shallow_backward(parameters, cache, X, Y, sign=-1.0)),
        ]
        by_examples = "sum over the examples, np.sum(dZ, axis=1, keepdims=True) / m"
        dZ = {"2": cache["A2"] - Y}
        dZ["1"] = (parameters["W2"].T @ dZ["2"]) * (1 - cache["A1"] ** 2)
        parts = []
        for key, layer_in, shape_text in (("dW2", "A1", "(1, n_h)"), ("db2", None, "(1, 1)"),
                                          ("dW1", "X", "(n_h, n_x)"), ("db1", None, "(n_h, 1)")):
            shape_hints = _db_shape_hints(expected[key].shape[0], m, by_examples) if layer_in is None else {}
            extra = [(by_examples, dZ[key[-1]].sum(axis=0, keepdims=True) / m)] if layer_in is None else []
            if key == "dW2":
                shape_hints[(n_h, m)] = "use np.dot(dZ2, A1.T) (a matrix product), not * (element by element)"
            parts.append(_Part(
                key, grads[key], expected[key], variants=_pick(variants, key) + extra, shape_hints=shape_hints,
                transpose_hint=(f"{key} has the shape of {key[1:]}, {shape_text}; did you transpose? "
                                f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m") if layer_in else None,
                hint=(f"{key} = np.dot(dZ{key[-1]}, {layer_in}.T) / m" if layer_in
                      else f"{key} = np.sum(dZ{key[-1]}, axis=1, keepdims=True) / m")))
        case.verify(parts)
    _passed(ex)


# ================================================================ week 4: a deep network

def _xavier_initialization(inputs):
    return initialize_parameters_deep(inputs["layer_dims"], seed=inputs["seed"], init="xavier")


def check_initialize_parameters_deep(fn):
    """Check ``initialize_parameters_deep(layer_dims, seed)``: ``W`` scaled by ``1/sqrt(n[l-1])``, zero ``b``.

    Called with ``layer_dims`` [5, 4, 3] (seed 3) and [2, 3, 5, 1] (seed 0);
    compared with ``course_utils.initialize_parameters_deep(layer_dims, seed=seed,
    init="xavier")``: every ``W`` drawn, layer by layer, from one
    ``np.random.default_rng(seed)``.

    Parameters
    ----------
    fn : callable
        Your ``initialize_parameters_deep(layer_dims, seed=3)``, returning a
        dict with ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``.

    Returns
    -------
    None
        It prints one line, ``initialize_parameters_deep: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_initialize_parameters_deep(lambda layer_dims, seed=3: initialize_parameters_deep(layer_dims, seed=seed))
    initialize_parameters_deep: all checks passed
    """
    __tracebackhide__ = True
    ex = "initialize_parameters_deep"
    for layer_dims, seed in (([5, 4, 3], 3), ([2, 3, 5, 1], 0)):
        L = len(layer_dims) - 1
        keys = tuple(f"{name}{l}" for l in range(1, L + 1) for name in "Wb")
        inputs = {"layer_dims": layer_dims, "seed": seed}
        case = _Case(ex, fn, inputs, f"layer_dims={layer_dims}, seed={seed}",
                     probe=("layer_dims", [layer_dims[0] + 1] + layer_dims[1:]),
                     reference=_xavier_initialization, keywords=("seed",))
        parameters = case.answer
        short = isinstance(parameters, Mapping) and f"W{L - 1}" in parameters and f"W{L}" not in parameters
        case.need_dict("parameters", parameters, keys, exact=True, missing_hint=(
            "the loop must include the last layer, for l in range(1, len(layer_dims))" if short else None))

        expected = _xavier_initialization(inputs)

        def scaled(scale):
            """The expected weights with layer l's 1/sqrt(n[l-1]) replaced by scale(l)."""
            return {k: (v * np.sqrt(layer_dims[int(k[1:]) - 1]) * scale(int(k[1:])) if k[0] == "W" else v)
                    for k, v in expected.items()}

        variants = [
            ("divide the random weights by np.sqrt(layer_dims[l - 1])", scaled(lambda l: 1.0)),
            ("this notebook scales W by 1 / np.sqrt(layer_dims[l - 1]), not 0.01", scaled(lambda l: 0.01)),
            ("this notebook scales W by 1 / np.sqrt(layer_dims[l - 1]), not np.sqrt(2 / layer_dims[l - 1])",
             scaled(lambda l: np.sqrt(2 / layer_dims[l - 1]))),
            ("divide by the square root of the previous layer's size, np.sqrt(layer_dims[l - 1]), not layer_dims[l]",
             scaled(lambda l: 1 / np.sqrt(layer_dims[l]))),
        ]
        variants += _init_variants(layer_dims, seed, 3, lambda n_prev: 1 / np.sqrt(n_prev))
        parts = []
        for l in range(1, L + 1):
            parts.append(_Part(f"W{l}", parameters[f"W{l}"], expected[f"W{l}"], variants=_pick(variants, f"W{l}"),
                               transpose_hint=f"W{l} has shape (layer_dims[{l}], layer_dims[{l - 1}]), "
                                              f"one row per unit",
                               hint="W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / "
                                    "np.sqrt(layer_dims[l - 1]), with one rng = np.random.default_rng(seed)"))
            parts.append(_Part(f"b{l}", parameters[f"b{l}"], expected[f"b{l}"],
                               rank1_hint=f"b{l} is a column, np.zeros((layer_dims[{l}], 1))",
                               transpose_hint=f"b{l} is a column, np.zeros((layer_dims[{l}], 1))",
                               hint="biases start at zero"))
        case.verify(parts)
    _passed(ex)


def _layer_cases(seed, shapes):
    """(A_prev, W, b) for each (n_prev, n, m); b is non-zero so a forgotten b shows."""
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1)))
            for n_prev, n, m in shapes]


def _cache_parts(prefix, cache, A_prev, W, b):
    """Parts for a linear cache ``(A_prev, W, b)``, with a hint when the order is wrong."""
    order = "the linear cache is (A_prev, W, b), in that order"
    return [
        _Part(f"{prefix}[0]", cache[0], A_prev, variants=[(order, W), (order, b)],
              hint="the linear cache starts with the A_prev you were given"),
        _Part(f"{prefix}[1]", cache[1], W, variants=[(order, A_prev), (order, b)],
              hint="the linear cache holds the W you were given, second"),
        _Part(f"{prefix}[2]", cache[2], b, variants=[(order, A_prev), (order, W)],
              hint="the linear cache ends with the b you were given"),
    ]


def check_linear_forward(fn):
    """Check ``linear_forward(A_prev, W, b)``: ``Z = W A_prev + b`` and the cache ``(A_prev, W, b)``.

    Called with ``W`` of shapes (3, 3) and (2, 4); compared with
    :func:`course_utils.linear_forward`.

    Parameters
    ----------
    fn : callable
        Your ``linear_forward``, returning ``(Z, cache)``.

    Returns
    -------
    None
        It prints one line, ``linear_forward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_linear_forward(lambda A_prev, W, b: (np.dot(W, A_prev) + b, (A_prev, W, b)))
    linear_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_forward"
    for A_prev, W, b in _layer_cases(41, ((3, 3, 3), (4, 2, 5))):
        case = _Case(ex, fn, {"A_prev": A_prev, "W": W, "b": b}, f"A_prev of {_shape(A_prev)}, W of {_shape(W)}",
                     probe=("A_prev", A_prev + 0.5), reference=lambda i: linear_forward(*i.values())[0],
                     copy_hint="b = b * 2 makes a new array; b *= 2 changes the caller's")
        Z, cache = case.need_values(("Z", "cache"))
        case.need_sequence("cache", cache, 3, "the tuple (A_prev, W, b)")
        Z_expected, _ = linear_forward(A_prev, W, b)
        variants = [
            ("did you forget to add b? Z = np.dot(W, A_prev) + b", W @ A_prev),
            ("use np.dot(W, A_prev) (a matrix product), not W * A_prev (element by element)",
             _maybe(lambda: W * A_prev + b)),
            ("did you transpose W? Z = np.dot(W, A_prev) + b", _maybe(lambda: W.T @ A_prev + b)),
            ("the product is np.dot(W, A_prev), in that order", _maybe(lambda: A_prev.T @ W.T + b.T)),
        ]
        parts = [_Part("Z", Z, Z_expected, variants=variants,
                       transpose_hint="did you swap W and A_prev? Z = np.dot(W, A_prev) + b",
                       hint="Z = np.dot(W, A_prev) + b")]
        parts += _cache_parts("cache", cache, A_prev, W, b)
        case.verify(parts)
    _passed(ex)


_FORWARD = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh}
_BACKWARD = {"sigmoid": sigmoid_backward, "relu": relu_backward, "tanh": tanh_backward}
_OTHER = {"sigmoid": "relu", "relu": "sigmoid"}


def check_linear_activation_forward(fn):
    """Check ``linear_activation_forward(A_prev, W, b, activation)`` for "relu" and "sigmoid".

    Called with both activations on ``W`` of shapes (2, 4) and (3, 3);
    compared with :func:`course_utils.linear_activation_forward`. The cache
    must be ``(linear_cache, Z)`` with ``linear_cache = (A_prev, W, b)``.

    Parameters
    ----------
    fn : callable
        Your ``linear_activation_forward``, returning ``(A, cache)``.

    Returns
    -------
    None
        It prints one line, ``linear_activation_forward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_linear_activation_forward(linear_activation_forward)
    linear_activation_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_activation_forward"
    layers = _layer_cases(42, ((4, 2, 5), (3, 3, 6)))
    for (A_prev, W, b), activation in zip(layers + layers, ("relu", "sigmoid", "sigmoid", "relu")):
        case = _Case(ex, fn, {"A_prev": A_prev, "W": W, "b": b, "activation": activation},
                     f"activation={activation!r}, W of {_shape(W)}", probe=("A_prev", A_prev + 0.5),
                     reference=lambda i: linear_activation_forward(*i.values())[0])
        A, cache = case.need_values(("A", "cache"))
        case.need_sequence("cache", cache, 2, "the tuple (linear_cache, Z)",
                           "cache = (linear_cache, Z), with linear_cache = (A_prev, W, b)")
        case.need_sequence("cache[0]", cache[0], 3, "the linear cache (A_prev, W, b)")
        A_expected, (_, Z_expected) = linear_activation_forward(A_prev, W, b, activation)
        other = _OTHER[activation]
        parts = [
            _Part("A", A, A_expected, variants=[
                (f"activation={activation!r} should apply {activation}, not {other}; check your if/elif",
                 _FORWARD[other](Z_expected)),
                (f"apply the activation to Z, A = cu.{activation}(Z)", Z_expected),
                ("did you forget to add b?", _FORWARD[activation](W @ A_prev)),
                # A, cache = cu.relu(Z) with a Z of two rows: A gets the first row, cache the second.
                (f"course_utils' {activation} returns only A, not (A, cache), so A, cache = cu.{activation}(Z) "
                 f"splits A into its rows; write A = cu.{activation}(Z) and keep Z yourself for the cache, "
                 f"cache = (linear_cache, Z)", A_expected[0] if len(A_expected) == 2 else None),
            ], hint=f"A = cu.{activation}(Z) with Z = np.dot(W, A_prev) + b"),
            _Part("cache[1]", cache[1], Z_expected, variants=[
                ("the activation cache is Z, not A; cache = (linear_cache, Z)", A_expected)],
                hint="the activation cache is Z = np.dot(W, A_prev) + b"),
        ]
        parts += _cache_parts("cache[0]", cache[0], A_prev, W, b)
        case.verify(parts)
    _passed(ex)


def _deep_forward(X, parameters, hidden="relu", output="sigmoid", use_b=True):
    """AL of a deep network, with switches that reproduce common mistakes."""
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + (parameters[f"b{l}"] if use_b else 0.0)
        A = _FORWARD[output if l == L else hidden](Z)
    return A


def _deep_cases(seed):
    """(X, Y, parameters) for two depths."""
    rng = np.random.default_rng(seed)
    cases = []
    for layer_dims, m in (([4, 3, 1], 5), ([5, 4, 3, 2, 1], 6)):
        parameters = _random_network(rng, layer_dims)
        cases.append((rng.standard_normal((layer_dims[0], m)), _labels(rng, m), parameters))
    return cases


def _layer_dims(parameters):
    L = len(parameters) // 2
    return [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]


def check_L_model_forward(fn):
    """Check ``L_model_forward(X, parameters)``: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Called on networks of 2 and 4 layers; compared with
    ``course_utils.L_model_forward(X, parameters, "relu")``. ``caches`` must
    hold one ``(linear_cache, Z)`` per layer, layer 1 first.

    Parameters
    ----------
    fn : callable
        Your ``L_model_forward``, returning ``(AL, caches)``.

    Returns
    -------
    None
        It prints one line, ``L_model_forward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_L_model_forward(L_model_forward)
    L_model_forward: all checks passed
    """
    __tracebackhide__ = True
    ex = "L_model_forward"
    for X, _, parameters in _deep_cases(seed=43):
        L = len(parameters) // 2
        case = _Case(ex, fn, {"X": X, "parameters": parameters}, f"layer_dims={_layer_dims(parameters)}",
                     probe=("X", X + 0.5), reference=lambda i: L_model_forward(*i.values())[0])
        AL, caches = case.need_values(("AL", "caches"))
        missing = "append the last layer's cache too" if isinstance(caches, (list, tuple)) and len(caches) == L - 1 \
            else "one (linear_cache, Z) per layer"
        case.need_sequence("caches", caches, L, f"a list of L = {L} caches", missing)
        for l, cache in enumerate(caches, start=1):
            case.need_sequence(f"caches[{l - 1}]", cache, 2, f"layer {l}'s (linear_cache, Z)")
            case.need_sequence(f"caches[{l - 1}][0]", cache[0], 3, f"layer {l}'s linear cache (A_prev, W, b)")
        AL_expected, caches_expected = L_model_forward(X, parameters, "relu")
        parts = [_Part("AL", AL, AL_expected, variants=[
            ("the hidden layers use relu; only layer L uses sigmoid", _deep_forward(X, parameters, hidden="sigmoid")),
            ("the hidden layers use relu, not tanh", _deep_forward(X, parameters, hidden="tanh")),
            ("the output layer L uses sigmoid, not relu", _deep_forward(X, parameters, output="relu")),
            ("did you forget to add b?", _deep_forward(X, parameters, use_b=False)),
        ], hint="relu for layers 1 .. L-1, sigmoid for layer L, with L = len(parameters) // 2")]
        for l, (cache, (linear_expected, Z_expected)) in enumerate(zip(caches, caches_expected), start=1):
            parts.append(_Part(f"caches[{l - 1}][1]", cache[1], Z_expected,
                               hint=f"caches[{l - 1}] is layer {l}'s (linear_cache, Z); append them layer 1 first"))
            parts += _cache_parts(f"caches[{l - 1}][0]", cache[0], *linear_expected)
        case.verify(parts)
    _passed(ex)


def _linear_backward_variants(dZ, A_prev, W):
    m, n_prev = A_prev.shape[1], A_prev.shape[0]
    dA_prev, dW, db = W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
    return [
        ("dA_prev = np.dot(W.T, dZ), with no 1/m", (dA_prev / m, dW, db)),
        ("did you forget to divide by m?", (dA_prev, dW * m, db * m)),
        ("divide by m = A_prev.shape[1], the number of examples", (dA_prev, dW * m / n_prev, db * m / n_prev)
         if n_prev != m else None),
        ("did you forget to transpose W? dA_prev = np.dot(W.T, dZ)", (_maybe(lambda: W @ dZ), dW, db)),
        ("dW = np.dot(dZ, A_prev.T) / m has the shape of W; check which factor is transposed",
         (dA_prev, _maybe(lambda: A_prev @ dZ.T / m), db)),
        ("use np.dot(dZ, A_prev.T) (a matrix product), not * (element by element)",
         (dA_prev, _maybe(lambda: dZ * A_prev.T / m), db)),
        ("sum over the examples, db = np.sum(dZ, axis=1, keepdims=True) / m",
         (dA_prev, dW, dZ.sum(axis=0, keepdims=True) / m)),
    ]


def _backward_parts(answer, expected, variants, m):
    """Parts for a ``(dA_prev, dW, db)`` answer."""
    by_examples = "sum over the examples, db = np.sum(dZ, axis=1, keepdims=True) / m"
    dA_prev, dW, db = answer
    pick = [[(h, None if v is None else v[i]) for h, v in variants] for i in range(3)]
    return [
        _Part("dA_prev", dA_prev, expected[0], variants=pick[0], hint="dA_prev = np.dot(W.T, dZ)",
              transpose_hint="dA_prev has the shape of A_prev, np.dot(W.T, dZ)"),
        _Part("dW", dW, expected[1], variants=pick[1], hint="dW = np.dot(dZ, A_prev.T) / m",
              transpose_hint="dW has the shape of W, np.dot(dZ, A_prev.T) / m"),
        _Part("db", db, expected[2], variants=pick[2], hint=by_examples,
              shape_hints=_db_shape_hints(expected[2].shape[0], m, by_examples)),
    ]


def _db_shape_hints(n, m, hint):
    """Shapes of a bias gradient summed over the wrong axis, (1, m) or (m,), when they cannot be mistaken
    for a transposed or rank-1 (n, 1)."""
    return {shape: hint for shape in ((1, m), (m,)) if shape not in ((1, n), (n,))}


def check_linear_backward(fn):
    """Check ``linear_backward(dZ, cache)``: ``dA_prev``, ``dW`` and ``db`` of a linear step.

    Called with ``W`` of shapes (3, 3) and (2, 4); compared with
    :func:`course_utils.linear_backward`.

    Parameters
    ----------
    fn : callable
        Your ``linear_backward``, returning ``(dA_prev, dW, db)``.

    Returns
    -------
    None
        It prints one line, ``linear_backward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_linear_backward(linear_backward)
    linear_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_backward"
    rng = np.random.default_rng(44)
    for A_prev, W, b in _layer_cases(45, ((3, 3, 3), (4, 2, 5))):
        m = A_prev.shape[1]
        dZ = rng.standard_normal((W.shape[0], m))
        case = _Case(ex, fn, {"dZ": dZ, "cache": (A_prev, W, b)}, f"W of {_shape(W)}, m={m}",
                     probe=("dZ", dZ + 0.5), reference=lambda i: linear_backward(*i.values()),
                     copy_hint="dZ = dZ / m makes a new array; dZ /= m changes the caller's")
        answer = case.need_values(("dA_prev", "dW", "db"))
        expected = linear_backward(dZ, (A_prev, W, b))
        parts = _backward_parts(answer, expected, _linear_backward_variants(dZ, A_prev, W), m)
        case.verify(parts)
    _passed(ex)


def check_linear_activation_backward(fn):
    """Check ``linear_activation_backward(dA, cache, activation)`` for "relu" and "sigmoid".

    Called with both activations on ``W`` of shapes (2, 4) and (3, 3); compared
    with :func:`course_utils.linear_activation_backward`.

    Parameters
    ----------
    fn : callable
        Your ``linear_activation_backward``, returning ``(dA_prev, dW, db)``.

    Returns
    -------
    None
        It prints one line, ``linear_activation_backward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_linear_activation_backward(linear_activation_backward)
    linear_activation_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "linear_activation_backward"
    rng = np.random.default_rng(46)
    layers = _layer_cases(47, ((4, 2, 5), (3, 3, 6)))
    for (A_prev, W, b), activation in zip(layers + layers, ("relu", "sigmoid", "sigmoid", "relu")):
        m = A_prev.shape[1]
        Z = W @ A_prev + b
        dA = rng.standard_normal(Z.shape)
        case = _Case(ex, fn, {"dA": dA, "cache": ((A_prev, W, b), Z), "activation": activation},
                     f"activation={activation!r}, W of {_shape(W)}", probe=("dA", dA + 0.5),
                     reference=lambda i: linear_activation_backward(*i.values()),
                     copy_hint="dZ = np.where(Z > 0, dA, 0) makes a new array; dA[Z <= 0] = 0 changes the caller's")
        answer = case.need_values(("dA_prev", "dW", "db"))
        expected = linear_activation_backward(dA, ((A_prev, W, b), Z), activation)
        other = _OTHER[activation]
        dZ = _BACKWARD[activation](dA, Z)
        variants = [
            (f"activation={activation!r} needs {activation}'s backward step, not {other}'s; check your if/elif",
             linear_backward(_BACKWARD[other](dA, Z), (A_prev, W, b))),
            (f"first turn dA into dZ = cu.{activation}_backward(dA, Z), then call linear_backward(dZ, linear_cache)",
             linear_backward(dA, (A_prev, W, b))),
        ] + _linear_backward_variants(dZ, A_prev, W)
        parts = _backward_parts(answer, expected, variants, m)
        case.verify(parts)
    _passed(ex)


def _deep_backward(AL, Y, caches, hidden="relu", output="sigmoid", sign=1.0, dZ_as_dA=False):
    """The course's backward pass from dAL, with switches that reproduce common mistakes."""
    L = len(caches)
    grads = {}
    dA = AL - Y if dZ_as_dA else -sign * (Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        linear_cache, Z = caches[l - 1]
        dZ = _BACKWARD[output if l == L else hidden](dA, Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, tuple(linear_cache))
    return grads


def check_L_model_backward(fn):
    """Check ``L_model_backward(AL, Y, caches)``: every layer's ``dW`` and ``db``.

    Called on networks of 2 and 4 layers, with ``caches`` made by
    ``course_utils.L_model_forward`` (a list of ``((A_prev, W, b), Z)``, as
    in the course); ``dW{l}`` and ``db{l}`` are compared with
    :func:`course_utils.L_model_backward`. The ``dA`` keys are not checked.

    Parameters
    ----------
    fn : callable
        Your ``L_model_backward``, returning ``grads``.

    Returns
    -------
    None
        It prints one line, ``L_model_backward: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_L_model_backward(L_model_backward)
    L_model_backward: all checks passed
    """
    __tracebackhide__ = True
    ex = "L_model_backward"
    for X, Y, parameters in _deep_cases(seed=48):
        L = len(parameters) // 2
        AL, caches_reference = L_model_forward(X, parameters, "relu")
        caches = [(tuple(linear_cache), Z) for linear_cache, Z in caches_reference]
        case = _Case(ex, fn, {"AL": AL, "Y": Y, "caches": caches}, f"layer_dims={_layer_dims(parameters)}",
                     probe=("Y", 1 - Y), reference=lambda i: L_model_backward(i["AL"], i["Y"], caches_reference))
        grads = case.answer
        keys = [f"{name}{l}" for l in range(L, 0, -1) for name in ("dW", "db")]
        case.need_dict("grads", grads, keys, missing_hint="grads['dW' + str(l)] for l = 1 .. L")
        expected = L_model_backward(AL, Y, caches_reference)
        with np.errstate(all="ignore"):
            variants = [
                ("check the sign of dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                 _deep_backward(AL, Y, caches, sign=-1.0)),
                ("the hidden layers use relu's backward step; only layer L uses sigmoid's",
                 _deep_backward(AL, Y, caches, hidden="sigmoid")),
                ("layer L is a sigmoid layer; use sigmoid's backward step for caches[L - 1]",
                 _deep_backward(AL, Y, caches, output="relu")),
                ("AL - Y is already dZ of layer L; pass dAL = -(Y/AL - (1 - Y)/(1 - AL)) to the sigmoid step",
                 _deep_backward(AL, Y, caches, dZ_as_dA=True)),
            ]
        by_examples = "sum over the examples, np.sum(dZ, axis=1, keepdims=True) / m"
        parts = [_Part(key, grads[key], expected[key], variants=_pick(variants, key),
                       hint="sigmoid's backward step for layer L (caches[L - 1]), relu's below it; "
                            "grads['dA' + str(l - 1)] feeds layer l - 1",
                       rank1_hint=by_examples if key.startswith("db") else None)
                 for key in keys]
        case.verify(parts)
    _passed(ex)


def check_update_parameters(fn):
    """Check ``update_parameters(params, grads, learning_rate)``: one step of gradient descent.

    Called on networks of 2 and 3 layers with learning rates 0.1 and 0.0075;
    compared with :func:`course_utils.update_parameters`. ``grads`` also holds
    ``dA`` keys, as in the course, which must be ignored. ``params`` must not
    change: return new arrays.

    Parameters
    ----------
    fn : callable
        Your ``update_parameters``, returning a new dict of ``"W1"``, ``"b1"``, ...

    Returns
    -------
    None
        It prints one line, ``update_parameters: all checks passed``.

    Raises
    ------
    CheckFailed
        If an answer is wrong; the message says what came, what was expected and, where it can, why.
    NotImplementedYet
        If ``fn`` still raises ``NotImplementedError``.

    Examples
    --------
    >>> check_update_parameters(update_parameters)
    update_parameters: all checks passed
    """
    __tracebackhide__ = True
    ex = "update_parameters"
    rng = np.random.default_rng(49)
    for layer_dims, learning_rate in (([3, 2, 1], 0.1), ([4, 3, 2, 1], 0.0075)):
        params = _random_network(rng, layer_dims)
        grads = {f"d{key}": rng.standard_normal(value.shape) for key, value in params.items()}
        grads.update({f"dA{l - 1}": rng.standard_normal((layer_dims[l - 1], 3)) for l in range(1, len(layer_dims))})
        case = _Case(ex, fn, {"params": params, "grads": grads, "learning_rate": learning_rate},
                     f"layer_dims={layer_dims}, learning_rate={learning_rate}",
                     probe=("params", {k: v + 0.5 for k, v in params.items()}),
                     reference=lambda i: update_parameters(*i.values()),
                     copy_hint="W = W - learning_rate * dW makes a new array; "
                               "W -= learning_rate * dW changes the caller's")
        new = case.answer
        case.need_dict("the returned parameters", new, tuple(params), exact=True)
        expected = update_parameters(params, grads, learning_rate)
        variants = [("subtract, W = W - learning_rate * dW",
                     {k: v + learning_rate * grads[f"d{k}"] for k, v in params.items()}),
                    ("update the biases too, b = b - learning_rate * db",
                     {k: expected[k] if k[0] == "W" else v for k, v in params.items()})]
        step = _step_size(new, params, grads)
        if step is not None and not np.isclose(step, learning_rate) and not np.isclose(step, -learning_rate):
            variants.append((f"the step was {step:.4g} times the gradient, but learning_rate is {learning_rate}; "
                             f"use the argument learning_rate",
                             {k: v - step * grads[f"d{k}"] for k, v in params.items()}))
        parts = [_Part(key, new[key], expected[key], variants=_pick(variants, key),
                       hint=f"{key} = params['{key}'] - learning_rate * grads['d{key}']") for key in params]
        case.verify(parts)
    _passed(ex)


def _step_size(new, params, grads):
    """The step c for which new == params - c * grads, fitted on W1, or None if it cannot be fitted."""
    W, W_new, dW = params["W1"], new.get("W1"), grads["dW1"]
    if not isinstance(W_new, np.ndarray) or W_new.shape != W.shape or W_new.dtype.kind not in "biuf":
        return None
    with np.errstate(all="ignore"):
        step = float(np.sum((W - W_new) * dW) / np.sum(dW * dW))
    return step if np.isfinite(step) else None


# ================================================================ dispatch

#: Exercise name -> its check. ``predict`` is week 2's ``predict(w, b, X)``;
#: ``compute_cost`` serves weeks 3 and 4.
CHECKS: dict[str, Callable[[Callable], None]] = {
    "basic_sigmoid": check_basic_sigmoid,
    "sigmoid": check_sigmoid,
    "sigmoid_derivative": check_sigmoid_derivative,
    "L1": check_L1,
    "L2": check_L2,
    "normalize_rows": check_normalize_rows,
    "softmax": check_softmax,
    "image2vector": check_image2vector,
    "initialize_with_zeros": check_initialize_with_zeros,
    "propagate": check_propagate,
    "optimize": check_optimize,
    "predict": check_predict,
    "model": check_model,
    "layer_sizes": check_layer_sizes,
    "initialize_parameters": check_initialize_parameters,
    "forward_propagation": check_forward_propagation,
    "compute_cost": check_compute_cost,
    "backward_propagation": check_backward_propagation,
    "initialize_parameters_deep": check_initialize_parameters_deep,
    "linear_forward": check_linear_forward,
    "linear_activation_forward": check_linear_activation_forward,
    "L_model_forward": check_L_model_forward,
    "linear_backward": check_linear_backward,
    "linear_activation_backward": check_linear_activation_backward,
    "L_model_backward": check_L_model_backward,
    "update_parameters": check_update_parameters,
}


def check(name, fn):
    """Run the check of the exercise called ``name`` on the learner's ``fn``.

    Parameters
    ----------
    name : str
        An exercise name, a key of :data:`CHECKS`, such as ``"sigmoid"``.
    fn : callable
        The learner's function.

    Raises
    ------
    ValueError
        If ``name`` is not an exercise; the message lists the names.
    CheckFailed, NotImplementedYet
        As the exercise's check does.

    Examples
    --------
    >>> check("sigmoid", lambda z: 1 / (1 + np.exp(-z)))
    sigmoid: all checks passed
    """
    __tracebackhide__ = True
    if name not in CHECKS:
        raise ValueError(f"No check for the exercise {name!r}. The exercises are: {', '.join(CHECKS)}.")
    return CHECKS[name](fn)


# ``needs`` guards the notebook cells that use the learner's functions; it
# lives in its own module and is offered here, where the notebooks look.
from .needs import Skipped, needs  # noqa: E402
