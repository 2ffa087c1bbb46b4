"""End to end: the JupyterLab that `make lab` opens, as a learner first sees it.

A copy of the repository's layout is served the way the Makefile's lab target serves it
(JupyterLab rooted at the repository, its file browser opened on my-notebooks/, which
course_utils.workbook has just filled from workbook/), with no user settings of its own, so
the news setting that counts is the project's lab-settings/overrides.json (which `make lab`
and `make e2e` install into .venv as share/jupyter/lab/settings/overrides.d/course-utils.json). In headless Chromium it checks that

- the file browser opens on the learner's folder and lists the four blank notebooks;
- no news pop-up appears, and the settings API reports the project's "never fetch news";
- an exercise opened from the learner's folder shows the stub, not the solution;
- the solved notebooks are one click away: the file browser's root shows notebooks/.

It saves docs/screenshots/workbook_blank_exercise.png (NNDL_E2E_SCREENSHOTS moves it).
"""

import json
import os
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

from course_utils.workbook import copy_for_learner
# The browser set-up of the notebook tests: Debian's Chromium driven by Playwright.
from test_jupyterlab import (  # noqa: F401  (browser and chromium are fixtures)
    SCREENSHOTS, browser, chromium, running_lab, save_screenshot)

ROOT = Path(__file__).resolve().parents[2]
LEARNER_DIR = "my-notebooks"
OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "course-utils.json"
NEWS_QUESTION = "official Jupyter news"


@pytest.fixture(scope="module")
def learner_lab(tmp_path_factory):
    if not OVERRIDES.exists() or json.loads(OVERRIDES.read_text()) != json.loads(
            (ROOT / "lab-settings" / "overrides.json").read_text()):
        pytest.fail(f"{OVERRIDES} is missing or differs from lab-settings/overrides.json: "
                    "run `make e2e` (or `make lab`), which installs it")
    tmp = tmp_path_factory.mktemp("learner-lab")
    repo = tmp / "repo"
    for folder in ("notebooks", "workbook"):
        shutil.copytree(ROOT / folder, repo / folder)
    copy_for_learner(repo / "workbook", repo / LEARNER_DIR)

    env = {key: value for key, value in os.environ.items()
           if key not in ("NNDL_DATA_DIR", "MPLBACKEND")}
    env.update(
        # Empty user settings: whatever JupyterLab shows comes from the project's defaults.
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    # The options of the Makefile's lab target; running_lab adds a port and a token of this test's own.
    with running_lab(repo, tmp, env, f"--ContentsManager.preferred_dir={LEARNER_DIR}") as server:
        yield server


def lab_settings(lab, plugin):
    request = urllib.request.Request(f"{lab.base_url}/lab/api/settings/{plugin}",
                                     headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_the_news_setting_is_the_projects(learner_lab):
    settings = lab_settings(learner_lab, "@jupyterlab/apputils-extension:notification")
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert "fetchNews" not in settings["settings"], "a user setting would hide the project's"


def test_a_learner_sees_blank_exercises_and_no_news(learner_lab, browser):
    page = browser.new_page()
    try:
        page.goto(f"{learner_lab.base_url}/lab?reset&token={learner_lab.token}")
        listing = page.locator(".jp-DirListing-content")
        names = listing.locator(".jp-DirListing-itemText")
        names.get_by_text("week2_logistic_regression.ipynb", exact=True).wait_for(timeout=120_000)
        crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs").inner_text()
        assert LEARNER_DIR in crumbs, f"the file browser is not on {LEARNER_DIR}/: {crumbs!r}"
        assert sorted(names.all_inner_texts()) == sorted(
            p.name for p in (learner_lab.root_dir / LEARNER_DIR).glob("*.ipynb"))

        names.get_by_text("week2_logistic_regression.ipynb", exact=True).dblclick()
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        exercise = panel.locator(".jp-CodeCell").filter(has_text="def sigmoid(z)").first
        exercise.wait_for(timeout=120_000)
        exercise.scroll_into_view_if_needed()
        text = exercise.locator(".jp-InputArea-editor").text_content()
        assert "raise NotImplementedError()" in text and "np.exp" not in text, text
        panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
            timeout=120_000)
        # The news question is a toast that would show within a few seconds of loading.
        page.wait_for_timeout(3_000)
        assert page.get_by_text(NEWS_QUESTION).count() == 0, "the news pop-up is showing"
        exercise.evaluate("cell => cell.scrollIntoView({block: 'center'})")
        # The cursor on the line the learner replaces.
        exercise.locator(".cm-line").filter(has_text="raise NotImplementedError()").click()
        page.keyboard.press("End")
        shot = save_screenshot(page, SCREENSHOTS / "workbook_blank_exercise.png")
        print(f"screenshot {shot} ({shot.stat().st_size // 1024} kB)")

        # One click on the file browser's root shows the solved notebooks' folder.
        page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
        names.get_by_text("notebooks", exact=True).wait_for(timeout=30_000)
        assert {"notebooks", "workbook", LEARNER_DIR} <= set(names.all_inner_texts())
    finally:
        page.close()
        learner_lab.shut_down_kernels()
