"""The solved notebooks follow the conventions written in notebooks/README.md."""

import re
from pathlib import Path

import nbformat
import pytest

from course_utils import checks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("week*.ipynb"))
MAX_WORDS = 250
MAX_DRAWING_LINES = 10
# A line of drawing code: a call on a matplotlib axes, figure or patch, or on plt itself.
DRAWING = re.compile(r"^\s*(?:\w+\s*=\s*)?(?:ax\w*|fig\w*|plt|axes\[[^]]*\]|patches?)\.\w+\(|Fancy\w+Patch\(|\.add_patch\(")


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _code(cell):
    return [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _draws(cell):
    return any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param


def test_there_are_four_notebooks():
    assert [p.stem[:5] for p in NOTEBOOKS] == ["week1", "week2", "week3", "week4"]


def test_the_first_code_cell_holds_the_imports_and_the_data_setting(notebook):
    cells = [c for c in _cells(notebook) if c.cell_type == "code"]
    first = cells[0].source
    assert "import course_utils as cu" in first
    assert "DATA_DIR = cu.data_dir_from_env()" in first
    for index, cell in enumerate(cells[1:], start=2):
        imports = [line for line in _code(cell) if re.match(r"(import|from \S+ import) ", line)]
        assert not imports, f"{notebook.name}, code cell {index} imports {imports}: imports go in the first code cell"


def test_a_figure_cell_ends_with_plt_show(notebook):
    bad = []
    for index, cell in enumerate(_cells(notebook)):
        if cell.cell_type != "code" or not _draws(cell) or "explore_" in cell.source:
            continue  # an explorer widget draws its own figures
        code = _code(cell)
        drawing = [i for i, line in enumerate(code) if "plt.show()" in line]
        if not drawing:
            bad.append((index, code[-1] if code else ""))
    assert not bad, f"{notebook.name}: figure cells that do not call plt.show(): {bad}"


def test_drawing_code_lives_in_course_utils_plotting(notebook):
    long = []
    for index, cell in enumerate(_cells(notebook)):
        if cell.cell_type == "code":
            n = sum(bool(DRAWING.search(line)) for line in _code(cell))
            if n > MAX_DRAWING_LINES:
                long.append((index, n))
    assert not long, (f"{notebook.name}: cells with more than {MAX_DRAWING_LINES} lines of drawing code "
                      f"(cell, lines): {long}; move the drawing into course_utils/plotting/")


def test_markdown_cells_stay_short(notebook):
    long = []
    for index, cell in enumerate(_cells(notebook)):
        if cell.cell_type == "markdown":
            words = len(re.sub(r"\$[^$]*\$", " x ", cell.source).split())
            if words > MAX_WORDS:
                long.append((index, words))
    assert not long, f"{notebook.name}: markdown cells over {MAX_WORDS} words (cell, words): {long}"


def test_self_checks_give_nothing_away(notebook):
    week = int(notebook.stem[4])
    asked = []
    for cell in _cells(notebook):
        if cell.cell_type != "code" or "cu.self_check(" not in cell.source:
            continue
        keys = re.findall(r'cu\.self_check\("([^"]+)", answer\)', cell.source)
        assert len(keys) == 1, cell.source
        assert re.search(r"^answer = None\b", cell.source, re.M), cell.source
        assert keys[0].startswith(f"week{week}.") and keys[0] in checks.QUESTIONS, keys[0]
        assert "Not answered yet" in "".join(out.get("text", "") for out in cell.outputs)
        asked.append(keys[0])
    own = [key for key in checks.QUESTIONS if key.startswith(f"week{week}.")]
    assert sorted(asked) == sorted(own), "every question of the week is asked once, and only those"
    assert 3 <= len(asked) <= 5, f"{notebook.name} asks {len(asked)} self-check questions; the course companion asks 3 to 5"


def test_no_notebook_prints_the_source_of_an_exercises_reference(notebook):
    """The released notebooks must not show the answer: no getsource of cu.<an exercise of any week>."""
    exercises = {name for names in checks.REGISTRY.values() for name in names}
    for index, cell in enumerate(_cells(notebook)):
        if cell.cell_type == "code":
            shown = set(re.findall(r"getsource\(\s*(?:cu|course_utils)\.(\w+)", cell.source))
            assert not shown & exercises, f"{notebook.name}, cell {index} prints the source of {shown & exercises}"
