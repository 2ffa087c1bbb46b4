"""Learner-facing checks: one function per notebook exercise.

Each week of the course asks you to write functions that this package
already holds (``sigmoid``, ``propagate``, ``L_model_forward``, ...). Right
after each exercise a notebook cell checks your version against ours::

    from course_utils import checks
    checks.check_sigmoid(sigmoid)

Where the checks are
--------------------
One module per week: :mod:`.week1`, :mod:`.week2_numpy` (the numpy basics),
:mod:`.week2_logistic`, :mod:`.week3`, :mod:`.week4` (the building blocks) and
:mod:`.week4_application` (the training loops), each ending in an
``EXERCISES`` table (exercise name -> check, in the notebook's order). The
machinery they share (cases, comparisons, fingerprints of mistakes, messages)
is in :mod:`._core`. :data:`REGISTRY` collects the tables by week; everything
else that lists the exercises (:data:`CHECKS`, the classroom's assignments,
the table in docs/instructors.md) is derived from it. The contract below is written once
here; each check's docstring gives its summary, its cases and an example.

What a check does
-----------------
Every check takes one argument, the learner's function, and is documented
here once: its own docstring gives only its summary, the cases it tries and an
example.

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
:data:`REGISTRY` maps each week to its exercises and their checks, and
:func:`check` looks one up: ``check("sigmoid", sigmoid)``, or
``check("predict", predict, week=3)`` where two weeks use one name. A check
cell passes when it runs without raising. :data:`CHECKS` is the flat view,
name -> check, where the first week that uses a name wins (``predict`` is
week 2's ``predict(w, b, X)``; ``compute_cost`` is the same exercise in weeks 3
and 4).

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

from typing import Callable

import numpy as np  # noqa: F401  (for the examples)

from . import week1, week2_logistic, week2_numpy, week3, week4, week4_application
from ._core import ATOL, RTOL, CheckFailed, NotImplementedYet, VECTORIZATION_SECTION, WEEK2_TRAINING
from .week1 import *  # noqa: F401,F403  (the check_* functions)
from .week2_logistic import *  # noqa: F401,F403
from .week2_numpy import *  # noqa: F401,F403
from .week3 import *  # noqa: F401,F403
from .week4 import *  # noqa: F401,F403
from .week4_application import *  # noqa: F401,F403

Check = Callable[[Callable], None]

#: Week -> {exercise name: its check}, in the order the notebook asks for them.
#: The one list of exercises: everything else is derived from it.
REGISTRY: dict[int, dict[str, Check]] = {
    1: dict(week1.EXERCISES),
    2: {**week2_numpy.EXERCISES, **week2_logistic.EXERCISES},
    3: dict(week3.EXERCISES),
    4: {**week4.EXERCISES, **week4_application.EXERCISES},
}

#: Exercise name -> its check; where two weeks use one name, the first week's: week 2's
#: ``predict(w, b, X)`` and week 3's two-layer ``update_parameters``. Week 3's ``predict``
#: and week 4's ``update_parameters`` need ``check(name, fn, week=...)``, or their check
#: functions by name.
CHECKS: dict[str, Check] = {}
for _exercises in REGISTRY.values():
    for _name, _check in _exercises.items():
        CHECKS.setdefault(_name, _check)
del _exercises, _name, _check

#: Self-check question key ("week<N>.<name>") -> its :class:`course_utils.selfcheck.Question`,
#: from each week module's ``QUESTIONS`` (keys there are without the "week<N>." prefix).
QUESTIONS = {
    f"week{week}.{key}": question
    for week, modules in ((1, [week1]), (2, [week2_numpy, week2_logistic]), (3, [week3]), (4, [week4]))
    for module in modules
    for key, question in getattr(module, "QUESTIONS", {}).items()
}


def lookup(name, week=None):
    """The check of the exercise called ``name`` (in ``week``'s notebook, if given).

    Raises
    ------
    ValueError
        If there is no such exercise; the message lists the names.
    """
    table = CHECKS if week is None else REGISTRY.get(week)
    if table is None:
        raise ValueError(f"No week {week!r}: expected one of {', '.join(map(str, REGISTRY))}.")
    if name not in table:
        where = "" if week is None else f" in week {week}"
        raise ValueError(f"No check for the exercise {name!r}{where}. The exercises are: {', '.join(table)}.")
    return table[name]


def reference(name, week=None):
    """The reference implementation a check compares ``name`` with, to print an expected value beside yours.

    Only the exercises whose reference is not already public in course_utils
    (week 2's numpy basics) are here; for the others use course_utils' own
    functions (``cu.propagate``, ``cu.L_model_forward``, ...).

    Raises
    ------
    ValueError
        If there is no such reference; the message lists the names.

    Examples
    --------
    >>> float(reference("L1")(np.array([0.9, 0.2]), np.array([1, 0])))
    0.3
    """
    lookup(name, week)  # the same error as check() for a name that is no exercise
    if name not in week2_numpy.REFERENCES:
        raise ValueError(f"No reference is offered for {name!r}: expected one of "
                         f"{', '.join(week2_numpy.REFERENCES)}; for the others use course_utils' own functions.")
    return week2_numpy.REFERENCES[name]


def check(name, fn, *, week=None):
    """Run the check of the exercise called ``name`` on the learner's ``fn``.

    Parameters
    ----------
    name : str
        An exercise name, such as ``"sigmoid"``.
    fn : callable
        The learner's function.
    week : int, optional
        The week whose exercise ``name`` is; needed only for a name that two
        weeks use (``predict``).

    Raises
    ------
    ValueError
        If ``name`` is not an exercise (of ``week``); the message lists the names.
    CheckFailed, NotImplementedYet
        As the exercise's check does.

    Examples
    --------
    >>> check("sigmoid", lambda z: 1 / (1 + np.exp(-z)))
    sigmoid: all checks passed
    """
    __tracebackhide__ = True
    return lookup(name, week)(fn)


def _check_names():
    return [check.__name__ for exercises in REGISTRY.values() for check in exercises.values()]


__all__ = [
    "CheckFailed", "NotImplementedYet", "Skipped", "needs", "RTOL", "ATOL", "REGISTRY", "CHECKS", "QUESTIONS", "check", "lookup", "reference",
    *dict.fromkeys(_check_names()),
]

# ``needs`` guards the notebook cells that use the learner's functions; it
# lives in its own module and is offered here, where the notebooks look.
from ..needs import Skipped, needs  # noqa: E402
