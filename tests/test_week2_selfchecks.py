"""Week 2's self-check questions: their answers, their hints, and where the notebook asks them."""

import json
import pathlib
import re

import numpy as np
import pytest

import course_utils as cu
from course_utils import checks
from course_utils.checks import week2_logistic, week2_numpy
from course_utils.selfcheck import verdict

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "week2_logistic_regression.ipynb"

# key -> (the right answer, a known wrong one, a fragment of its hint, an answer of the wrong kind)
ANSWERS = {
    "X_shape": ((3072, 4000), (4000, 3072), "one picture per row", 3072),
    "w_shape": ((3072, 1), (1, 3072), "that is w.T", "3072"),
    "broadcast_shape": ((3, 4), (3, 1), "stretches the column across", 12),
    "rank1_trap": ((5, 5), (5, 1), "counts as a row, (1, 5)", "(5, 5)"),
    "large_rate": ("c", "a", "compare the alpha = 5", 3),
}


def test_week_2_asks_three_to_five_questions_per_part_with_unique_keys():
    numpy_keys, logistic_keys = set(week2_numpy.QUESTIONS), set(week2_logistic.QUESTIONS)
    assert not numpy_keys & logistic_keys
    assert 3 <= len(numpy_keys | logistic_keys) <= 5
    assert numpy_keys | logistic_keys == set(ANSWERS)
    assert all(f"week2.{key}" in checks.QUESTIONS for key in ANSWERS)
    for question in (*week2_numpy.QUESTIONS.values(), *week2_logistic.QUESTIONS.values()):
        assert len(question.mistakes) >= 2 and len(question.explanation) > 40
        assert question.explanation[0].isupper()


@pytest.mark.parametrize("key", list(ANSWERS))
def test_the_right_answer_is_right_and_explained(key):
    question = checks.QUESTIONS[f"week2.{key}"]
    right = ANSWERS[key][0]
    text, ok = verdict(question, right)
    assert ok is True and text == f"Right. {question.explanation}"


@pytest.mark.parametrize("key", list(ANSWERS))
def test_a_known_wrong_answer_gets_its_hint_and_no_answer_yet(key):
    question = checks.QUESTIONS[f"week2.{key}"]
    right, wrong, fragment, _ = ANSWERS[key]
    text, ok = verdict(question, wrong)
    assert ok is False and text.startswith("Not yet: ") and fragment in text
    assert "The answer is" not in text   # the first wrong try does not give the answer away
    text, ok = verdict(question, wrong, wrong_before=1)
    assert ok is False and f"The answer is {right!r}." in text


@pytest.mark.parametrize("key", list(ANSWERS))
def test_an_answer_of_the_wrong_kind_says_what_is_expected(key):
    question = checks.QUESTIONS[f"week2.{key}"]
    wrong_kind = ANSWERS[key][3]
    text, ok = verdict(question, wrong_kind)
    assert ok is None and text.startswith(f"Expected {question.form}, got {wrong_kind!r}.")


def test_self_check_prints_right_for_each_right_answer(capsys):
    for key, (right, *_) in ANSWERS.items():
        cu.self_check(f"week2.{key}", right)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ANSWERS) and all(line.startswith("Right.") for line in lines)


def test_the_shape_answers_are_what_numpy_and_the_shipped_data_give():
    train_x_orig, train_y, *_ = cu.load_dataset()
    X = cu.flatten(train_x_orig)
    w, _ = cu.initialize_with_zeros(X.shape[0])
    assert X.shape == ANSWERS["X_shape"][0]
    assert w.shape == ANSWERS["w_shape"][0]
    assert (np.zeros((3, 1)) + np.ones((1, 4))).shape == ANSWERS["broadcast_shape"][0]
    assert (np.zeros((5, 1)) - np.zeros(5)).shape == ANSWERS["rank1_trap"][0]


def test_the_large_rate_answer_is_what_the_notebook_run_shows():
    """(c): at 0.05, on the notebook's 1,000 standardised training pictures, the cost rises and jumps about."""
    train_x_orig, train_y, *_ = cu.load_dataset()
    X = cu.standardize(cu.flatten(train_x_orig), "meanstd")[:, :1000].copy()
    _, _, costs = cu.optimize(np.zeros((X.shape[0], 1)), 0.0, X, train_y[:, :1000], num_iterations=11,
                              learning_rate=0.05, record_every=1)
    steps = np.diff(costs)
    assert costs[1] > costs[0] == pytest.approx(np.log(2))
    assert (steps > 0).any() and (steps < 0).any()


def test_the_notebook_asks_each_question_once_with_the_answer_left_blank():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    for key in ANSWERS:
        asked = [s for s in sources if f'cu.self_check("week2.{key}", answer)' in s]
        assert len(asked) == 1, key
        assert re.fullmatch(r"answer = None  # your answer in place of None, e\.g\. .+\n"
                            rf'cu\.self_check\("week2\.{key}", answer\)', asked[0]), asked[0]
