"""The project's own promises: environment.yml agrees with pyproject.toml, the
README's function table matches the package, and CI runs the README's command."""

import re
import sys
from pathlib import Path

import pytest
import yaml

import course_utils

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _requirement(text):
    """'numpy>=1.26,<3' -> ('numpy', '>=1.26,<3'); names normalised as pip does."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*([^;]*?)\s*(;.*)?", text)
    name, spec, marker = match.groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", ""), marker


@pytest.fixture(scope="module")
def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_agrees_with_pyproject(pyproject, environment):
    project = pyproject["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"] \
        + project["optional-dependencies"]["lab"]
    # Back-ports behind an environment marker (tomli on 3.10) are pip's business.
    expected = {name: spec for name, spec, marker in map(_requirement, wanted) if marker is None}
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    listed = dict(_requirement(d)[:2] for d in conda)
    assert listed.pop("python") == project["requires-python"]
    assert listed.pop("pip") == ""
    assert listed == expected


def test_environment_yml_installs_the_project_with_pip(environment):
    assert environment["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert any(re.fullmatch(r"(-e|--editable) \.", line) for line in pip_section)


def test_no_hard_pins(pyproject):
    project = pyproject["project"]
    everything = project["dependencies"] + sum(project["optional-dependencies"].values(), [])
    assert not [r for r in everything if "==" in r]


def test_the_api_page_maps_every_public_name_to_its_module():
    api = (ROOT / "docs" / "api.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)` \| `(course_utils\.\w+)` \|", api, flags=re.M))
    assert set(rows) == set(course_utils.__all__), "docs/api.md's table and course_utils.__all__ differ"
    for name, module in rows.items():
        assert getattr(course_utils, name).__module__ in (module, f"{module}._core"), name  # a package keeps its general functions in _core


def test_ci_runs_the_readme_test_commands():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme and "make e2e" in readme
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    # The fast suite first, then the browser test.
    assert commands[-2:] == ["make test", "make e2e"]


def test_make_e2e_runs_the_browser_test_that_make_test_leaves_out(pyproject):
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^e2e: \$\(VENV\)/\.installed-e2e$", makefile, flags=re.M)
    assert "pytest tests/e2e" in makefile
    assert "--ignore=tests/e2e" in pyproject["tool"]["pytest"]["ini_options"]["addopts"]
    assert (ROOT / "tests" / "e2e" / "test_jupyterlab.py").is_file()


def test_data_readme_states_the_shipped_checksums_and_size():
    data = ROOT / "data"
    readme = (data / "README.md").read_text()
    for line in (data / "SHA256SUMS").read_text().splitlines():
        assert line in readme, f"data/README.md does not list {line!r}"
    total = sum(p.stat().st_size for p in data.iterdir() if p.is_file())
    assert total < 16e6, f"data/ is {total / 1e6:.1f} MB; it must stay under 16 MB"


NOTEBOOKS = sorted((ROOT / "notebooks").glob("week*.ipynb"))


def test_the_four_notebooks_exist_and_sort_by_week():
    assert [p.name for p in NOTEBOOKS] == [
        "week1_introduction.ipynb", "week2_logistic_regression.ipynb",
        "week3_shallow_network.ipynb", "week4_deep_network.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_as_a_clean_top_to_bottom_run(path):
    import json

    cells = json.loads(path.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    # nbval compares against these outputs, so they must come from one fresh run in order.
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", "".join(cell["source"])[:80]
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:200]
        assert "np.random.seed" not in "".join(cell["source"]), "seed through a Generator instead"
    markdown = ["".join(c["source"]).lower() for c in cells if c["cell_type"] == "markdown"]
    assert "learning objectives" in markdown[0]
    assert "summary" in markdown[-1]
    if path.stem != "week3_shallow_network":  # the notebooks that read the cat pictures
        # One documented setting in the first cell; every load goes through it.
        # NNDL_DATA_DIR, read by cu.data_dir_from_env: unset or blank means the shipped data.
        assert "DATA_DIR = cu.data_dir_from_env()" in "".join(code[0]["source"])
        assert "os.environ" not in "".join("".join(c["source"]) for c in code)
        sources = "".join("".join(c["source"]) for c in code)
        assert sources.count("load_dataset(") == sources.count("cu.load_dataset(DATA_DIR)") >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_nbval_does_not_compare_asserts_what_the_text_claims(path):
    """An output left out of nbval's comparison keeps its claim as an assert; no cell is skipped.

    Digits from a long training run differ from machine to machine, so such a cell may be
    marked ``# NBVAL_IGNORE_OUTPUT``; the sentence beside it must then still be checked, by
    an assert in the cell itself.
    """
    import json

    cells = json.loads(path.read_text())["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        assert "NBVAL_SKIP" not in source and "nbval-skip" not in json.dumps(cell["metadata"]), source[:80]
        if "NBVAL_IGNORE_OUTPUT" in source:
            assert source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"), source[:80]
            assert "\nassert " in source or "\n    assert " in source, (
                f"{path.name}: this cell's output is not compared, and it asserts nothing:\n{source[:300]}")


def test_the_graded_functions_table_matches_the_registry():
    """Every function the instructors' table says is a week's exercise is one, and every graded exercise is listed."""
    from course_utils import checks

    text = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    section = text.split("### The course's graded functions and where they are here", 1)[1].split("\n## ", 1)[0]
    listed = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[2].startswith("week"):
            continue
        week = int(re.match(r"week (\d)", cells[2]).group(1))
        names = re.findall(r"`(\w+)`", cells[1])
        if "exercise" in cells[2]:
            listed.setdefault(week, set()).update(names)
        else:  # given: not an exercise of that week
            assert not set(names) & set(checks.REGISTRY[week]), line
    for week, names in listed.items():
        assert names <= set(checks.REGISTRY[week]), (week, names - set(checks.REGISTRY[week]))
    graded = {(week, name) for week in (2, 3, 4) for name in checks.REGISTRY[week]}
    assert graded == {(week, name) for week, names in listed.items() for name in names}


def test_the_readme_is_a_short_front_page_whose_links_all_resolve():
    readme = ROOT / "README.md"
    assert readme.stat().st_size < 8000, f"README.md is {readme.stat().st_size} bytes: move detail to docs/"
    pages = [readme, *sorted((ROOT / "docs").glob("*.md"))]
    linked = set()
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{page.relative_to(ROOT)} links to {target}, which does not exist"
            linked.add(path)
    for page in pages[1:]:
        assert page.resolve() in linked, f"{page.relative_to(ROOT)} is linked from nowhere"
