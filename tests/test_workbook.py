"""The learner's workbook (workbook/) and the copy `make lab` makes of it (my-notebooks/).

- workbook/ must be what `make workbook` builds from notebooks/ today;
- it must hold blank exercises only: stubs, no outputs, no line of any solution;
- the copy into the learner's folder must never overwrite a learner's file, must say when
  the workbook has a newer version, and must work without nbgrader (the `lab` extra).
"""

import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils import workbook
from course_utils.classroom import ASSIGNMENTS
from course_utils.workbook import RECORD_NAME, build, copy_for_learner

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "notebooks"
WORKBOOK_DIR = ROOT / "workbook"
NAMES = sorted(f"{stem}.ipynb" for stem in ASSIGNMENTS)
STUB = "raise NotImplementedError()"
FIX = "run `make workbook` and commit workbook/"


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def differences(expected_dir, actual_dir):
    """Why the notebooks of actual_dir are not those of expected_dir (empty if they are).

    Whole notebooks are compared as JSON: sources, cell ids, cell and notebook metadata,
    nbformat versions. Only the file's formatting (indentation, line endings) is left out.
    """
    expected = {p.name: p for p in expected_dir.glob("week*.ipynb")}
    actual = {p.name: p for p in actual_dir.glob("week*.ipynb")}
    problems = [f"{name} is missing from {actual_dir}" for name in sorted(set(expected) - set(actual))]
    problems += [f"{name} is in {actual_dir} but has no source any more"
                 for name in sorted(set(actual) - set(expected))]
    for name in sorted(set(expected) & set(actual)):
        want, got = read(expected[name]), read(actual[name])
        if want == got:
            continue
        where = []
        if want.get("metadata") != got.get("metadata"):
            where.append("notebook metadata")
        want_cells, got_cells = want.get("cells", []), got.get("cells", [])
        if len(want_cells) != len(got_cells):
            where.append(f"{len(got_cells)} cells instead of {len(want_cells)}")
        else:
            where += [f"cell {i} (id {w.get('id')})" for i, (w, g) in
                      enumerate(zip(want_cells, got_cells), start=1) if w != g][:5]
        if not where:
            where.append("nbformat version")
        problems.append(f"{name} differs: {', '.join(where)}")
    return problems


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    """What `make workbook` would write now."""
    out = tmp_path_factory.mktemp("workbook")
    build(SOURCE_DIR, out)
    return out


# ------------------------------------------------------------------ (a) in step with notebooks/

def test_the_workbook_is_in_step_with_the_solved_notebooks(fresh_build):
    problems = differences(fresh_build, WORKBOOK_DIR)
    assert not problems, (
        "workbook/ is out of step with notebooks/: " + FIX + ".\n" + "\n".join(problems))


def test_the_in_step_check_notices_a_changed_notebook(tmp_path, fresh_build):
    source = tmp_path / "notebooks"
    shutil.copytree(SOURCE_DIR, source)
    path = source / "week3_shallow_network.ipynb"
    nb = read(path)
    nb["cells"][0]["source"] = "# a title changed after the workbook was built\n"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    build(source, tmp_path / "rebuilt")
    problems = differences(tmp_path / "rebuilt", fresh_build)
    assert problems == [f"week3_shallow_network.ipynb differs: cell 1 (id {nb['cells'][0]['id']})"]


def test_the_in_step_check_notices_missing_and_extra_notebooks(tmp_path, fresh_build):
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(fresh_build / NAMES[0], partial / NAMES[0])
    shutil.copy(fresh_build / NAMES[0], partial / "week9_extra.ipynb")
    problems = differences(fresh_build, partial)
    assert len(problems) == 4
    assert f"week9_extra.ipynb is in {partial} but has no source any more" in problems


def test_building_twice_gives_the_same_bytes(tmp_path, fresh_build):
    again = build(SOURCE_DIR, tmp_path / "again")
    assert sorted(p.name for p in again) == NAMES
    for path in again:
        assert path.read_bytes() == (fresh_build / path.name).read_bytes(), path.name


def test_the_build_keeps_cell_ids_and_drops_widget_state(fresh_build):
    for name in NAMES:
        source, blank = read(SOURCE_DIR / name), read(fresh_build / name)
        ids = [cell.get("id") for cell in blank["cells"]]
        assert ids == [cell.get("id") for cell in source["cells"]], name
        assert None not in ids and len(set(ids)) == len(ids), name
        assert "widgets" not in blank["metadata"], name


def test_the_build_removes_a_notebook_whose_source_is_gone(tmp_path):
    out = tmp_path / "workbook"
    out.mkdir()
    (out / "week0_old.ipynb").write_text("{}")
    (out / "README.md").write_text("kept")
    build(SOURCE_DIR, out)
    assert sorted(p.name for p in out.glob("week*.ipynb")) == NAMES
    assert (out / "README.md").read_text() == "kept"


# ------------------------------------------------------------------ (c) blank exercises only

def solution_lines(nb):
    """Stripped non-empty lines inside solution regions, and every other line, of a notebook."""
    inside_lines, outside_lines = [], []
    for cell in nb["cells"]:
        inside = False
        for line in "".join(cell["source"]).splitlines():
            text = line.strip()
            if text.startswith("### BEGIN SOLUTION"):
                inside = True
            elif text.startswith("### END SOLUTION"):
                inside = False
            elif text:
                (inside_lines if inside else outside_lines).append(text)
    return inside_lines, outside_lines


def test_the_workbook_holds_the_four_notebooks_and_a_readme():
    assert sorted(p.name for p in WORKBOOK_DIR.glob("*.ipynb")) == NAMES
    readme = (WORKBOOK_DIR / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "my-notebooks/" in readme


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_is_a_stub_and_nothing_has_run(name):
    nb = read(WORKBOOK_DIR / name)
    exercises = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, \
                f"workbook/{name}, cell {cell['id']}: has outputs: {FIX}"
            assert "execution" not in cell["metadata"], f"workbook/{name}: timing metadata left"
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            exercises[meta["grade_id"]] = "".join(cell["source"])
    assert sorted(exercises) == sorted(ASSIGNMENTS[Path(name).stem])
    for grade_id, source in exercises.items():
        assert STUB in source, f"workbook/{name}: the exercise {grade_id} is not a stub"
        assert "### BEGIN SOLUTION" not in source and "### END SOLUTION" not in source


def leaked_lines(source_nb, blank_nb):
    """Solution lines that the blank notebook shows more often than the source shows them
    outside its solution regions (a hint in the text may quote one line of a solution)."""
    inside, outside = solution_lines(source_nb)
    blank = collections.Counter(line.strip() for cell in blank_nb["cells"]
                                for line in "".join(cell["source"]).splitlines())
    elsewhere = collections.Counter(outside)
    return sorted({line for line in inside if blank[line] > elsewhere[line]})


@pytest.mark.parametrize("name", NAMES)
def test_no_solution_line_reaches_the_workbook(name):
    leaked = leaked_lines(read(SOURCE_DIR / name), read(WORKBOOK_DIR / name))
    assert not leaked, f"workbook/{name} shows lines of the solutions: {leaked}"


def test_the_leak_check_finds_a_solution_line():
    name = "week2_logistic_regression.ipynb"
    source = read(SOURCE_DIR / name)
    inside, _ = solution_lines(source)
    assert len(inside) > 10, "week 2 should have solutions"
    blank = read(WORKBOOK_DIR / name)
    blank["cells"][-1]["source"] = "    " + inside[3] + "\n"
    assert leaked_lines(source, blank) == [inside[3]]
    # and the solved notebook itself leaks every line
    assert leaked_lines(source, source) == sorted(set(inside))


# ------------------------------------------------------------------ (b) the learner's copy

@pytest.fixture
def own_workbook(tmp_path):
    """A copy of workbook/ that a test may change, as a git pull would."""
    path = tmp_path / "workbook"
    shutil.copytree(WORKBOOK_DIR, path)
    return path


def test_a_first_run_copies_every_notebook(tmp_path):
    learner = tmp_path / "my-notebooks"
    report = copy_for_learner(WORKBOOK_DIR, learner)
    assert report.copied == NAMES and report.kept == [] and report.newer == []
    for name in NAMES:
        assert (learner / name).read_bytes() == (WORKBOOK_DIR / name).read_bytes()
    assert sorted(p.name for p in learner.iterdir()) == sorted([*NAMES, RECORD_NAME])
    assert report.lines(WORKBOOK_DIR, learner)[0].startswith(f"Copied 4 notebooks from {WORKBOOK_DIR}")


def test_a_second_run_keeps_the_learners_edit_byte_for_byte(tmp_path):
    learner = tmp_path / "my-notebooks"
    copy_for_learner(WORKBOOK_DIR, learner)
    mine = learner / "week2_logistic_regression.ipynb"
    edited = mine.read_bytes().replace(STUB.encode(), b"return 1 / (1 + np.exp(-z))", 1)
    assert edited != mine.read_bytes()
    mine.write_bytes(edited)
    before = {p.name: p.read_bytes() for p in learner.glob("*.ipynb")}

    report = copy_for_learner(WORKBOOK_DIR, learner)
    assert report.copied == [] and report.kept == NAMES and report.newer == []
    assert {p.name: p.read_bytes() for p in learner.glob("*.ipynb")} == before
    assert report.lines(WORKBOOK_DIR, learner) == [f"Kept your 4 notebooks in {learner} as they are."]


def test_a_newer_workbook_version_is_reported_not_copied(tmp_path, own_workbook):
    learner = tmp_path / "my-notebooks"
    copy_for_learner(own_workbook, learner)
    name = "week3_shallow_network.ipynb"
    mine = learner / name
    mine.write_bytes(mine.read_bytes().replace(STUB.encode(), b"return 42", 1))
    learners_bytes = mine.read_bytes()

    # A git pull brings a new version of week 3 and a new week 5.
    nb = read(own_workbook / name)
    nb["cells"][0]["source"] = "# Week 3, revised\n"
    (own_workbook / name).write_text(json.dumps(nb, indent=1), encoding="utf-8")
    shutil.copy(own_workbook / "week1_introduction.ipynb", own_workbook / "week5_extra.ipynb")

    report = copy_for_learner(own_workbook, learner)
    assert mine.read_bytes() == learners_bytes
    assert report.newer == [name]
    assert report.copied == ["week5_extra.ipynb"]
    lines = report.lines(own_workbook, learner)
    newer = [line for line in lines if line.startswith("A newer")]
    assert newer == [f"A newer {own_workbook / name} is available; your {mine} is kept as it is "
                     "(to start afresh, rename yours and run make lab again)."]
    # Said again next time, until the learner acts; then a fresh copy, and silence.
    assert copy_for_learner(own_workbook, learner).newer == [name]
    mine.rename(learner / "week3_mine.ipynb")
    report = copy_for_learner(own_workbook, learner)
    assert report.copied == [name] and report.newer == []
    assert (learner / name).read_bytes() == (own_workbook / name).read_bytes()
    assert (learner / "week3_mine.ipynb").read_bytes() == learners_bytes


def test_an_unchanged_workbook_is_not_reported_as_newer_after_the_record_is_lost(tmp_path):
    learner = tmp_path / "my-notebooks"
    copy_for_learner(WORKBOOK_DIR, learner)
    (learner / RECORD_NAME).write_text("not json")
    report = copy_for_learner(WORKBOOK_DIR, learner)
    assert report.kept == NAMES and report.newer == []
    assert sorted(read(learner / RECORD_NAME)) == NAMES


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_missing_workbook_says_what_to_do(tmp_path, state):
    workbook_dir = tmp_path / "workbook"
    if state == "empty":
        workbook_dir.mkdir()
    with pytest.raises(FileNotFoundError) as caught:
        copy_for_learner(workbook_dir, tmp_path / "my-notebooks")
    message = str(caught.value)
    assert str(workbook_dir) in message and "make workbook" in message and "git checkout" in message
    assert not (tmp_path / "my-notebooks").exists()


def test_a_file_where_the_learners_folder_should_be_is_an_error(tmp_path):
    (tmp_path / "my-notebooks").write_text("notes")
    with pytest.raises(NotADirectoryError, match="Rename or move that file"):
        copy_for_learner(WORKBOOK_DIR, tmp_path / "my-notebooks")
    assert (tmp_path / "my-notebooks").read_text() == "notes"


def test_the_command_line_copies_and_reports_errors(tmp_path, capsys):
    learner = tmp_path / "mine"
    assert workbook.main(["copy", "--workbook", str(WORKBOOK_DIR), "--to", str(learner)]) == 0
    assert "Copied 4 notebooks" in capsys.readouterr().out
    assert workbook.main(["copy", "--workbook", str(tmp_path / "nowhere"), "--to", str(learner)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The workbook folder") and "make workbook" in err


def test_the_copy_needs_no_nbgrader(tmp_path):
    """`make lab` installs the lab extra only: the copy must not import nbgrader or nbformat."""
    learner = tmp_path / "mine"
    code = ("import sys\n"
            "for name in ('nbgrader', 'nbformat', 'nbclient'): sys.modules[name] = None\n"
            "from course_utils.workbook import main\n"
            f"sys.exit(main(['copy', '--workbook', {str(WORKBOOK_DIR)!r}, '--to', {str(learner)!r}]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in learner.glob("*.ipynb")) == NAMES


# ------------------------------------------------------------------ make lab

@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_copies_first_then_opens_jupyterlab_on_the_learners_folder():
    done = subprocess.run(["make", "-n", "-s", "lab", "LAB_ARGS=--port 8890 --no-browser"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "MAKEFLAGS": ""})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.replace("\\\n", " ").splitlines()
    copy = [i for i, line in enumerate(lines) if "course_utils.workbook copy" in line]
    lab = [i for i, line in enumerate(lines) if "jupyter lab" in line]
    assert copy and lab and copy[0] < lab[0], done.stdout
    command = lines[lab[0]]
    assert f"--ServerApp.root_dir='{ROOT}'" in command
    assert "--ContentsManager.preferred_dir=my-notebooks" in command
    assert command.rstrip().endswith("--port 8890 --no-browser")
    assert ("--allow-root" in command) == (os.geteuid() == 0)
    assert "my-notebooks/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_project_settings_turn_the_news_off():
    overrides = read(ROOT / "lab-settings" / "overrides.json")
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
