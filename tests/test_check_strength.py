"""How strong is each exercise check? Mutation testing, with a bar (issue 14).

``scripts/check_strength.py`` (loaded here from its path: one copy of the machinery) takes
every exercise of ``checks.REGISTRY`` from its week's solved notebook, mutates the
reference solution one change at a time and runs each mutant through
``checks.lookup(name, week)``. Here each check must catch at least 97 % of its mutants,
leaving out the survivors listed, each with a reason, in
``tests/check_strength_equivalents.py``. An entry there whose mutant is no longer produced,
or is now caught, fails too, so the list stays honest.

The last tests prove that these can fail: a weakened check patched into the registry falls
under the bar, and stale, caught or misjudged entries of the table are reported.

To see every survivor and the figures: ``.venv/bin/python scripts/check_strength.py``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import signal
import sys
from pathlib import Path

import numpy as np
import pytest

from course_utils import checks

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_strength.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("check_strength", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_strength"] = module  # the pool pickles its task function by module and name
    spec.loader.exec_module(module)
    return module


cs = _load_script()
EQUIVALENTS = cs.load_equivalents()
TABLE = "tests/check_strength_equivalents.py"
# One worker per core this process may use, up to 4.
JOBS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGALRM"),
                                reason="the per-mutant timeout needs SIGALRM (Unix)")

REGISTERED = [(week, name) for week, table in checks.REGISTRY.items() for name in table]


def _id(key):
    week, name = key
    return f"week{week}-{name}"


@pytest.fixture(scope="module")
def measured():
    """(week, name) -> the measured exercise; and the (week, name) with no solution cell."""
    exercises, missing = cs.load_exercises()
    cs.measure(exercises, jobs=JOBS, timeout=cs.DEFAULT_TIMEOUT)
    return {(ex["week"], ex["name"]): ex for ex in exercises}, missing


def strength_problem(ex, score):
    """The failure message of an exercise whose check is under the bar, or None."""
    if score["rate"] is None or score["rate"] >= cs.BAR:
        return None
    left = score["mutants"] - score["listed"]
    lines = [
        f"week {ex['week']} {ex['name']} ({ex['notebook']}): its check, checks.lookup({ex['name']!r}, {ex['week']}), "
        f"caught {score['caught']} of the {left} mutants not listed in {TABLE} "
        f"({100 * score['rate']:.1f} %, under the bar of {100 * cs.BAR:.0f} %).",
        f"Survivors not listed (make the check catch them, or list a true equivalent in {TABLE} with its reason):",
    ]
    lines += [f"  - {cs.describe_survivor(m)}" for m in score["unlisted"]]
    return "\n".join(lines)


def table_problems(ex, score):
    """The failure message for the table's entries of this exercise that no longer hold, or None."""
    lines = []
    for e in score["stale"]:
        lines.append(f"  - no longer produced (the solution line changed?): {e.mutant}")
    for e, m in score["now_caught"]:
        lines.append(f"  - now caught ({m['status']}, {m['detail']}): {e.mutant}")
    for e, m in score["misjudged"]:
        lines.append(f"  - listed as 'equivalent' but {m['label'][1]}: {e.mutant}")
    if not lines:
        return None
    return "\n".join([f"week {ex['week']} {ex['name']}: entries of {TABLE} to delete or correct:", *lines])


# ================================================================ the bar, per exercise


@pytest.mark.parametrize("key", REGISTERED, ids=_id)
def test_check_catches_97_percent_of_mutants(measured, key):
    by_key, missing = measured
    week, name = key
    if key in missing:
        notebook = cs.notebook_of(week) or f"notebooks/week{week}_*.ipynb (there is none)"
        pytest.fail(f"week {week} {name} is in checks.REGISTRY but {notebook} has no solution cell "
                    f"for it (a code cell with nbgrader grade_id {name!r} and solution: true that defines "
                    f"{name}())", pytrace=False)
    ex = by_key[key]
    if ex["reference"][0] != "survived":
        pytest.fail(f"week {week} {name}: the notebook's reference solution, built the way check_strength.py "
                    f"builds it, does not pass its check ({ex['reference'][0]}: {ex['reference'][1]})",
                    pytrace=False)
    if not ex["mutants"]:
        pytest.fail(f"week {week} {name}: no mutants were made from the solution", pytrace=False)
    problem = strength_problem(ex, cs.evaluate(ex, EQUIVALENTS))
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.mark.parametrize("key", REGISTERED, ids=_id)
def test_listed_equivalents_still_survive(measured, key):
    by_key, _ = measured
    if key not in by_key or not by_key[key]["mutants"]:
        pytest.skip("not measured: see test_check_catches_97_percent_of_mutants")
    ex = by_key[key]
    problem = table_problems(ex, cs.evaluate(ex, EQUIVALENTS))
    if problem:
        pytest.fail(problem, pytrace=False)


def test_equivalents_table_is_well_formed():
    problems = []
    seen = set()
    for e in EQUIVALENTS:
        if e.exercise not in checks.REGISTRY.get(e.week, {}):
            problems.append(f"{e}: week {e.week} has no exercise {e.exercise!r}")
        if e.kind not in ("equivalent", "accepted"):
            problems.append(f"{e}: kind must be 'equivalent' or 'accepted'")
        if len(e.reason.strip()) < 20:
            problems.append(f"{e}: give a reason, in one line")
        if " | " not in e.mutant:
            problems.append(f"{e}: the mutant is '<mutation> | <line>', as check_strength.py prints it")
        if (e.week, e.exercise, e.mutant) in seen:
            problems.append(f"{e}: listed twice")
        seen.add((e.week, e.exercise, e.mutant))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# ================================================================ these tests can fail


def _measure_one(week, name, jobs=JOBS):
    exercises, missing = cs.load_exercises([week], [name])
    assert not missing and len(exercises) == 1
    return cs.measure(exercises, jobs=jobs)[0]


def _shape_only_sigmoid_check(fn):
    """A weakened check of sigmoid: it looks at the shape of the answer, never at its values."""
    z = np.array([[-1.0, 0.0, 2.0]])
    assert np.shape(fn(z.copy())) == z.shape


@pytest.fixture(scope="module")
def weakened_sigmoid():
    """Week 2's sigmoid measured against the weakened check, patched into checks.REGISTRY."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(checks.REGISTRY[2], "sigmoid", _shape_only_sigmoid_check)
        return _measure_one(2, "sigmoid")  # the forked workers see the patched registry


def test_a_weakened_check_falls_under_the_bar(weakened_sigmoid):
    ex = weakened_sigmoid
    assert ex["reference"][0] == "survived"
    score = cs.evaluate(ex, EQUIVALENTS)
    assert score["rate"] < cs.BAR
    message = strength_problem(ex, score)
    assert message is not None
    assert "week 2 sigmoid" in message and "checks.lookup('sigmoid', 2)" in message
    # every value-changing mutant is named, with its mutation and its line
    assert "unary minus removed in -z | s = 1 / (1 + np.exp(-z))" in message
    assert "[GAP: differs from the reference on a redrawn input]" in message


def test_the_real_check_passes_where_the_weakened_one_fails():
    ex = _measure_one(2, "sigmoid", jobs=1)  # and the sequential path works as well
    score = cs.evaluate(ex, EQUIVALENTS)
    assert score["rate"] is not None and score["rate"] >= cs.BAR
    assert strength_problem(ex, score) is None


def _entry(mutant, kind):
    return type(EQUIVALENTS[0])(2, "sigmoid", mutant, kind, "a reason long enough for the table")


def test_stale_caught_and_misjudged_entries_are_reported(weakened_sigmoid):
    ex = weakened_sigmoid
    caught = next(m for m in ex["mutants"] if m["status"] == "caught")
    survivor = next(m for m in ex["mutants"] if m["status"] == "survived" and m["label"][0] == "GAP")
    fake = [
        _entry("statement deleted: nothing | a line that is not there", "equivalent"),
        _entry(caught["id"], "equivalent"),
        _entry(survivor["id"], "equivalent"),  # the redraws show that it differs
    ]
    score = cs.evaluate(ex, fake)
    assert [e.mutant for e in score["stale"]] == [fake[0].mutant]
    assert [e.mutant for e, _ in score["now_caught"]] == [caught["id"]]
    assert [e.mutant for e, _ in score["misjudged"]] == [survivor["id"]]
    message = table_problems(ex, score)
    assert "no longer produced" in message and "now caught" in message and "listed as 'equivalent'" in message
    # listed as "accepted", the same survivor is not misjudged: it only leaves the count
    before = cs.evaluate(ex, [])
    score = cs.evaluate(ex, [_entry(survivor["id"], "accepted")])
    assert score["listed"] == 1 and not score["misjudged"] and table_problems(ex, score) is None
    assert len(score["unlisted"]) == len(before["unlisted"]) - 1
    assert score["rate"] > before["rate"]


def test_mutant_identifiers_are_unique_and_spelled_as_the_solution():
    exercises, _ = cs.load_exercises()
    for ex in exercises:
        mutants = cs.make_mutants(ex)
        ids = [m["id"] for m in mutants]
        assert len(ids) == len(set(ids)), ex["label"]
        assert ids == [m["id"] for m in cs.make_mutants(ex)], ex["label"]
        for m in mutants:  # the line as written in the notebook, not as ast.unparse spells it
            assert m["id"].split(" | ", 1)[1] in (m["text"], *(f"{m['text']} #{k}" for k in range(2, 10)))
            assert m["text"] in ex["source"]
    # ast.unparse would write the tuple target of a deleted statement as "(A2, _)"
    week3 = {ex["name"]: ex for ex in exercises if ex["week"] == 3}
    if "predict" in week3:
        assert any(m["id"].startswith("statement deleted: A2, _ = forward_propagation(X, parameters)")
                   for m in cs.make_mutants(week3["predict"]))


def test_the_script_prints_its_report():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cs.main(["--week", "2", "--only", "sigmoid", "L1", "--jobs", "1"])
    text = out.getvalue()
    assert "sigmoid (week 2)" in text and "L1 (week 2)" in text and "Summary" in text
    assert "propagate" not in text
