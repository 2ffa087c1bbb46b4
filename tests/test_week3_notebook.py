"""The week 3 notebook's exercises, guards, self-checks and new sections (issue 14).

These read the stored notebook and run its exercise cells in a namespace of
their own, without a kernel: the whole notebook runs under nbval, and the rules every
notebook keeps (word counts, figure cells, imports) are in tests/test_notebook_conventions.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import course_utils as cu
from course_utils import checks
from course_utils.checks import week3

PATH = Path(__file__).resolve().parent.parent / "notebooks" / "week3_shallow_network.ipynb"
CELLS = json.loads(PATH.read_text())["cells"]
NEW = ["update_parameters", "nn_model", "predict"]
SOLUTION = re.compile(r"( *)### BEGIN SOLUTION\n.*?### END SOLUTION", re.S)


def _source(cell):
    return "".join(cell["source"])


def _printed(cell):
    return "".join("".join(output.get("text", "")) for output in cell["outputs"])


def _grade_ids(role):
    return [cell["metadata"]["nbgrader"]["grade_id"] for cell in CELLS
            if cell["metadata"].get("nbgrader", {}).get(role)]


def _solution_cell(name):
    (cell,) = [c for c in CELLS if c["metadata"].get("nbgrader", {}).get("grade_id") == name]
    return cell


def test_every_exercise_of_week_3_has_a_solution_cell_and_a_check_cell_after_it_in_registry_order():
    names = list(checks.REGISTRY[3])
    assert _grade_ids("solution") == names
    assert _grade_ids("grade") == [f"{name}_check" for name in names]
    for name in names:
        index = CELLS.index(_solution_cell(name))
        assert CELLS[index + 1]["metadata"]["nbgrader"]["grade_id"] == f"{name}_check"


@pytest.mark.parametrize("name", NEW)
def test_the_new_exercise_cells_carry_nbgraders_metadata_exactly(name):
    cell = _solution_cell(name)
    assert cell["metadata"]["nbgrader"] == {"grade": False, "grade_id": name, "locked": False,
                                             "schema_version": 3, "solution": True, "task": False}
    source = _source(cell)
    assert source.startswith(f"def {name}(") and "### BEGIN SOLUTION" in source and "### END SOLUTION" in source
    check = CELLS[CELLS.index(cell) + 1]
    assert check["metadata"]["nbgrader"] == {"grade": True, "grade_id": f"{name}_check", "locked": True,
                                             "points": 1, "schema_version": 3, "solution": False, "task": False}
    assert set(cell["metadata"]) <= {"nbgrader", "execution"} and set(check["metadata"]) <= {"nbgrader", "execution"}
    assert _source(check) == f'checks.check("{name}", {name}, week=3)'
    assert _printed(check) == f"{name}: all checks passed\n"


def _namespace(stubbed=()):
    """The notebook's exercise cells run in a fresh namespace, with the exercises named in ``stubbed`` as in the
    workbook (their solution region replaced by ``raise NotImplementedError()``)."""
    namespace = {"__name__": "notebook"}  # the functions' module: the check looks for callees defined beside them
    exec("import numpy as np\nimport course_utils as cu", namespace)
    for name in checks.REGISTRY[3]:
        source = _source(_solution_cell(name))
        if name in stubbed:
            source = SOLUTION.sub(lambda match: f"{match.group(1)}raise NotImplementedError()", source)
        exec(compile(source, f"<cell {name}>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", list(checks.REGISTRY[3]))
def test_each_solution_passes_its_check(name, capsys):
    checks.check(name, _namespace()[name], week=3)
    assert capsys.readouterr().out == f"{name}: all checks passed\n"


def test_the_solutions_nn_model_calls_the_learners_functions_and_trains_the_flower():
    namespace = _namespace()
    X, Y = cu.load_planar_dataset(seed=1)
    parameters, costs = namespace["nn_model"](X, Y, 4, num_iterations=1000)
    package, package_costs = cu.L_layer_model(X, Y, [2, 4, 1], learning_rate=1.2, num_iterations=1000,
                                              hidden_activation="tanh", init="small", seed=2)
    assert len(costs) == 10 and abs(costs[-1] - package_costs[-1]) < 1e-9
    assert cu.accuracy(namespace["predict"](parameters, X), Y) > 0.9


def test_in_the_workbook_a_guarded_cell_names_the_first_exercise_to_write():
    namespace = _namespace(stubbed=list(checks.REGISTRY[3]))  # the workbook as it comes
    with pytest.raises(checks.Skipped, match="^skipped: needs nn_model, which is not implemented yet$"):
        checks.needs(namespace["nn_model"], namespace["predict"], week=3)
    namespace = _namespace(stubbed=["layer_sizes"])  # nn_model written, one of the functions it calls not
    with pytest.raises(checks.Skipped, match="^skipped: needs layer_sizes, which is not implemented yet$"):
        checks.needs(namespace["nn_model"], namespace["predict"], week=3)
    namespace = _namespace(stubbed=["update_parameters"])
    with pytest.raises(checks.NotImplementedYet,
                       match="^nn_model: update_parameters, which it calls, is not implemented yet$"):
        checks.check("nn_model", namespace["nn_model"], week=3)


def test_cells_that_use_nn_model_or_predict_are_guarded():
    definitions = {CELLS.index(_solution_cell(name)) for name in NEW}
    uses = [i for i, cell in enumerate(CELLS) if cell["cell_type"] == "code" and i not in definitions
            and re.search(r"(?<![.\w])(nn_model|predict)\(", _source(cell))]
    assert len(uses) >= 6
    for i in uses:
        first = _source(CELLS[i]).removeprefix("# NBVAL_IGNORE_OUTPUT\n").splitlines()[0]
        assert first.startswith("checks.needs(") and "week=3" in first, (i, first)


def test_each_self_check_question_is_asked_once_with_the_answer_left_blank():
    for key in week3.QUESTIONS:
        cells = [i for i, c in enumerate(CELLS) if f'cu.self_check("week3.{key}", answer)' in _source(c)]
        assert len(cells) == 1, key
        source = _source(CELLS[cells[0]])
        assert re.fullmatch(r"answer = None  # your answer in place of None, e\.g\. [^\n]+\n"
                            rf'cu\.self_check\("week3\.{key}", answer\)', source), source
        assert CELLS[cells[0] - 1]["cell_type"] == "markdown"
        assert "Check yourself" in _source(CELLS[cells[0] - 1])
        assert _printed(CELLS[cells[0]]).startswith("Not answered yet")


def test_the_backprop_graph_is_one_call_in_section_5():
    calls = [i for i, c in enumerate(CELLS) if "plot_backprop_graph" in _source(c) and c["cell_type"] == "code"]
    assert len(calls) == 1
    section_5 = next(i for i, c in enumerate(CELLS) if _source(c).startswith("## 5."))
    section_6 = next(i for i, c in enumerate(CELLS) if _source(c).startswith("## 6."))
    assert section_5 < calls[0] < section_6
    assert len(_source(CELLS[calls[0]]).splitlines()) <= 4  # the figure, the one call, tight_layout, show


def test_section_10_covers_the_causes_of_a_network_that_will_not_learn():
    start = next(i for i, c in enumerate(CELLS) if _source(c).startswith("## 10. When it won't learn"))
    text = "\n".join(_source(c) for c in CELLS[start:-1])
    for needed in ("gradient_check", "learning_rate=rate", "Y_shuffled", "with_radius", "Shapes", "The data"):
        assert needed in text, needed

