"""Self-check questions: short questions a learner answers in a notebook cell.

A notebook asks, in a markdown cell, something like "For layer sizes (5, 4, 1),
what is the shape of W2?", and the code cell under it reads::

    answer = None  # your answer in place of None, e.g. (3, 1)
    cu.self_check("week4.W2_shape", answer)

The cell is the same in the solved notebooks and in the workbook: nothing in
it gives the answer away. :func:`self_check` prints one short verdict:

- ``None`` (not answered yet): what kind of answer is expected;
- an answer of the wrong kind (a number where a shape was asked): what kind
  is expected, and an example;
- a right answer: "Right." and the explanation;
- a wrong answer: "Not yet." and, for the wrong answers a question knows, a
  hint; after :data:`TRIES` wrong answers to one question, the right answer
  and the explanation.

Self-checks are not graded: they print, they never raise on a wrong answer.
The questions of each week live beside that week's exercise checks, in
``course_utils.checks.week<N>``'s ``QUESTIONS``; :data:`QUESTIONS` collects
them. ``python -m course_utils.selfcheck`` prints every question's answer (an
instructor's key).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable, Mapping

__all__ = ["Question", "self_check", "verdict", "questions", "TRIES"]

#: Wrong answers to one question before the answer is shown.
TRIES = 2

_KINDS = ("choice", "shape", "number", "word", "bool")


@dataclass(frozen=True)
class Question:
    """One self-check question.

    Parameters
    ----------
    kind : {"choice", "shape", "number", "word", "bool"}
        What the answer is: a letter among ``choices``; a tuple of whole
        numbers (a shape); a number (compared within ``tolerance``, relative);
        a word or name (compared without case or surrounding spaces); True or
        False.
    answer : object
        The right answer. For ``"word"``, a tuple of accepted spellings.
    explanation : str
        Why it is right: shown after a right answer, or after :data:`TRIES`
        wrong ones.
    choices : tuple of str
        For ``"choice"``: the letters offered, such as ``("a", "b", "c")``.
    mistakes : mapping
        Known wrong answers -> a hint for each (keys in the answer's kind).
    tolerance : float
        For ``"number"``: the relative tolerance (default 1e-3, so answers
        rounded to three or four digits pass).
    """

    kind: str
    answer: Any
    explanation: str
    choices: tuple[str, ...] = ()
    mistakes: Mapping[Any, str] = field(default_factory=dict)
    tolerance: float = 1e-3

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}, got {self.kind!r}")
        if self.kind == "choice" and _normal(self, self.answer)[1] not in self.choices:
            raise ValueError(f"the answer {self.answer!r} is not one of the choices {self.choices}")

    @property
    def form(self) -> str:
        """What an answer looks like, for messages."""
        return {
            "choice": f"one of the letters {', '.join(repr(c) for c in self.choices)}",
            "shape": "a shape: a tuple of whole numbers such as (3, 1)",
            "number": "a number such as 0.5",
            "word": "a word in quotes, such as 'relu'",
            "bool": "True or False",
        }[self.kind]


def _normal(question: Question, value) -> tuple[bool, Any]:
    """(is the value of the question's kind, its normal form for comparing)."""
    kind = question.kind
    if kind == "choice":
        if not isinstance(value, str):
            return False, None
        letter = value.strip().strip("()).").strip().lower()
        return letter in question.choices, letter
    if kind == "shape":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            return False, None
        items = tuple(value)
        if not all(isinstance(n, int) and not isinstance(n, bool) or (hasattr(n, "__index__") and not isinstance(n, bool))
                   for n in items):
            return False, None
        return True, tuple(int(n) for n in items)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, Real):
            return False, None
        value = float(value)
        return math.isfinite(value), value
    if kind == "word":
        if not isinstance(value, str):
            return False, None
        return True, " ".join(value.strip().strip("'\"").lower().split())
    if kind == "bool":
        if not isinstance(value, bool) and type(value).__name__ != "bool_":
            return False, None
        return True, bool(value)
    raise AssertionError(kind)


def _same(question: Question, a, b) -> bool:
    if question.kind == "number":
        return math.isclose(a, b, rel_tol=question.tolerance, abs_tol=question.tolerance * 1e-3)
    return a == b


def _is_right(question: Question, value) -> bool:
    accepted = question.answer if question.kind == "word" else (question.answer,)
    return any(_same(question, value, _normal(question, right)[1]) for right in accepted)


def _shown(question: Question) -> str:
    if question.kind == "word":
        return repr(question.answer[0])
    return repr(question.answer)


_wrong_tries: dict[str, int] = {}


def questions() -> dict[str, Question]:
    """Every question, by key (``"week<N>.<name>"``), in week order."""
    from .checks import QUESTIONS

    return QUESTIONS


def self_check(key: str, answer, *, file=None) -> None:
    """Print the verdict on ``answer`` to the self-check question ``key``.

    Parameters
    ----------
    key : str
        The question's key, such as ``"week4.W2_shape"``, as the notebook gives it.
    answer : object
        The learner's answer; ``None`` means not answered yet.
    file : file-like, optional
        Where to print (default ``sys.stdout``).

    Returns
    -------
    None
        It prints; it does not raise on a wrong answer.

    Raises
    ------
    KeyError
        If there is no question ``key``; the message lists the keys of its week.
    """
    table = questions()
    if key not in table:
        week = key.split(".", 1)[0]
        near = [k for k in table if k.startswith(week + ".")] or list(table)
        raise KeyError(f"No self-check question {key!r}. The questions are: {', '.join(near)}.")
    text, right = verdict(table[key], answer, _wrong_tries.get(key, 0))
    if right is True:
        _wrong_tries.pop(key, None)
    elif right is False:
        _wrong_tries[key] = _wrong_tries.get(key, 0) + 1
    print(text, file=sys.stdout if file is None else file)


def verdict(question: Question, answer, wrong_before: int = 0) -> tuple[str, bool | None]:
    """The message for ``answer`` and whether it is right (None: not a real answer yet).

    ``wrong_before`` is how many wrong answers to this question came before.

    Examples
    --------
    >>> q = Question("shape", (4, 2), "W1 has a row per hidden unit and a column per input.",
    ...              mistakes={(2, 4): "that is the shape of W1.T"})
    >>> verdict(q, None)[0]
    'Not answered yet: write your answer in place of None (a shape: a tuple of whole numbers such as (3, 1)), then run the cell again.'
    >>> verdict(q, (2, 4))
    ('Not yet: that is the shape of W1.T. Try again (1 more try before the answer is shown).', False)
    >>> verdict(q, [4, 2])
    ('Right. W1 has a row per hidden unit and a column per input.', True)
    >>> verdict(q, (1, 1), wrong_before=1)[0]
    'Not yet. The answer is (4, 2). W1 has a row per hidden unit and a column per input.'
    """
    if answer is None:
        return f"Not answered yet: write your answer in place of None ({question.form}), then run the cell again.", None
    ok, value = _normal(question, answer)
    if not ok:
        return f"Expected {question.form}, got {answer!r}. Change the answer and run the cell again.", None
    if _is_right(question, value):
        return f"Right. {question.explanation}", True
    hint = next((text for wrong, text in question.mistakes.items()
                 if _normal(question, wrong)[0] and _same(question, value, _normal(question, wrong)[1])), None)
    lead = f"Not yet: {hint.rstrip('.')}." if hint else "Not yet."
    wrong = wrong_before + 1
    if wrong >= TRIES:
        return f"{lead} The answer is {_shown(question)}. {question.explanation}", False
    left = TRIES - wrong
    return f"{lead} Try again ({left} more {'try' if left == 1 else 'tries'} before the answer is shown).", False


def _answer_key(lines_out: Callable[[str], None] = print) -> None:
    for key, question in questions().items():
        lines_out(f"{key}: {_shown(question)}")


if __name__ == "__main__":  # pragma: no cover - a convenience for instructors
    _answer_key()
