"""What every check shares: cases, comparisons, fingerprints of mistakes, messages.

The contract the checks keep is written in :mod:`course_utils.checks`.
"""
from __future__ import annotations

import ast
import contextlib
import copy
import dis
import inspect
import io
import linecache
import os
import re
import sysconfig
import textwrap
import time
import types
from numbers import Real
from typing import Mapping

import numpy as np



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


# Learners meet these by their public names.
CheckFailed.__module__ = NotImplementedYet.__module__ = "course_utils.checks"


# ================================================================ machinery

_COPY_HINT = "x = x * 2 makes a new array; x *= 2 changes the caller's"


#: The environment variable that turns the hints off ("0"): the grader's kernels run with it, so
#: that grades and feedback say what is wrong without saying how to write the answer.
HINTS_VARIABLE = "COURSE_UTILS_HINTS"


def _hints_on() -> bool:
    return os.environ.get(HINTS_VARIABLE, "1").strip() != "0"


def _fail(ex, message, hint=None):
    __tracebackhide__ = True
    text = f"{ex}: {message}"
    if hint and _hints_on():
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

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # course_utils/
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
# Exercises whose answer is (or holds) one number, a cost or a loss: float() has its place there.
_NUMBER_EXERCISES = {"L1", "L2", "propagate", "optimize", "model", "compute_cost", "nn_model", "two_layer_model",
                     "L_layer_model", "basic_sigmoid"}
_AMBIGUOUS = re.compile(r"truth value of an array with more than one element is ambiguous")
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
            if ex in _NUMBER_EXERCISES:
                return ("float() takes only a 0-d array (one number, no axes); a one-entry array such as a (1, 1) "
                        "cost becomes a number with np.squeeze(cost) or cost.item(), and an array of several "
                        "entries needs np.sum first")
            return ("float() takes only one number (a 0-d array), but this answer is an array: return it as "
                    "it is")
    if isinstance(error, TypeError) and "only integer scalar arrays can be converted to a scalar index" in message \
            and re.search(r"\bnp\.max\(", inner):
        return ("np.max(a, axis) takes one array (and an axis), so np.max(0, z) reads z as an axis; "
                "np.maximum(0, z) takes the larger of 0 and each entry of z")
    if isinstance(error, TypeError) and re.search(r"not supported between instances of 'tuple' and", message):
        call = re.search(r"\b(\w*forward\w*)\(", inner)
        if call:
            return (f"{call.group(1)} returns a pair, (A, cache): unpack it first, "
                    f"A, cache = {call.group(1)}(...), then compare A")
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
    if isinstance(error, ValueError) and _AMBIGUOUS.search(message) \
            and any(re.search(r"(?<![.\w])max\(", line.text) for line in lines):
        return ("Python's max(0, z) compares two single numbers and cannot take an array; "
                "np.maximum(0, z) takes the larger of 0 and each entry of z")
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

    def fail(self, message, hint=None, *, probe=True):
        """Report the first problem found, unless the probe explains it better.

        ``probe=False`` for a problem of structure (a missing key, a wrong number
        of values), which the answer's values cannot explain: the probe would
        blame a global variable when, say, a dict holds only a cost that does
        not depend on the input.
        """
        __tracebackhide__ = True
        if probe and _informative(self.answer):
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
            self.fail(f"your function returned None but should return {shown}", "did you forget a return statement?",
                      probe=False)
        if not isinstance(answer, (tuple, list)):
            self.fail(f"your function should return {shown}, got {_kind(answer)}", probe=False)
        if len(answer) != len(names):
            self.fail(f"your function should return {len(names)} values {shown}, got {len(answer)}", probe=False)
        return answer

    def need_sequence(self, what, got, length, shown, hint=None):
        """``got`` must be a tuple or list of ``length`` items, described as ``shown``."""
        __tracebackhide__ = True
        if not isinstance(got, (tuple, list)):
            self.fail(f"{what} should be {shown}, got {_kind(got)}", hint, probe=False)
        if len(got) != length:
            self.fail(f"{what} should be {shown}, got {_count(len(got), 'item', 'items')}", hint)

    def need_dict(self, what, got, keys, exact=False, missing_hint=None, probe=True):
        """``got`` must be a dict holding ``keys`` (and nothing else when ``exact``).

        A missing key goes through the probe (an answer typed in for another
        input lacks the layers this one has) unless ``probe`` is False.
        """
        __tracebackhide__ = True
        if got is None:
            self.fail(f"{what} is None", "did you forget a return statement?", probe=False)
        if not isinstance(got, Mapping):
            self.fail(f"{what} should be a dict, got {_kind(got)}", probe=False)
        have = ", ".join(repr(k) for k in got) or "none"
        missing = [k for k in keys if k not in got]
        if missing:
            self.fail(f"{what} has no key {missing[0]!r} (its keys: {have})", missing_hint, probe=probe)
        extra = [k for k in got if k not in keys]
        if exact and extra:
            self.fail(f"{what} has the unexpected key {extra[0]!r}; it should hold only "
                      f"{', '.join(repr(k) for k in keys)}", probe=False)

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



# ---------------------------------------------------------------- shared by more than one week

_COST_TYPE_HINT = ("cost = np.squeeze(cost) turns a one-entry array, such as the (1, 1) one np.dot gives, "
                   "into a number; later cells print the cost with f\"{cost:.4f}\", which fails for an array "
                   "with axes")


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


def _db_shape_hints(n, m, hint):
    """Shapes of a bias gradient summed over the wrong axis, (1, m) or (m,), when they cannot be mistaken
    for a transposed or rank-1 (n, 1)."""
    return {shape: hint for shape in ((1, m), (m,)) if shape not in ((1, n), (n,))}


def _callees_pass(ex, fn, week):
    """Name the first exercise ``fn`` calls that fails its own check, rather than its consequences.

    A broken ``initialize_with_zeros`` makes ``model`` fail far downstream (in
    ``cu.accuracy``, say); the useful message is about the function to fix.
    """
    __tracebackhide__ = True
    from ..needs import _in_check_order
    from . import lookup

    for callee in _in_check_order([fn])[:-1]:  # the last one is fn itself
        name = callee.__name__
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                lookup(name, week)(callee)
        except NotImplementedYet:
            raise NotImplementedYet(f"{ex}: {name}, which it calls, is not implemented yet") from None
        except CheckFailed as error:
            _fail(ex, f"{name}, which it calls, does not pass its check yet ({error})",
                  f"fix {name} first; its check cell says how")
