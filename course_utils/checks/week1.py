"""Checks of week 1's exercises, and its self-check questions.

The contract every check keeps is written once, in :mod:`course_utils.checks`.
"""

from __future__ import annotations

__all__: list[str] = []

#: Exercise name -> its check, in the notebook's order.
EXERCISES: dict = {}

#: Self-check questions of the week 1 notebook: key -> Question.
QUESTIONS: dict = {}
