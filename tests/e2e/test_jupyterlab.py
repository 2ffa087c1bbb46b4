"""End to end: each week's notebook run from JupyterLab's Run menu in headless Chromium.

`make e2e` runs this file; `make test` leaves it out (pyproject's addopts ignore tests/e2e,
and pytest still collects a path named on its command line). It needs Playwright for Python
and Debian's Chromium at /usr/bin/chromium; Playwright never downloads a browser here.

What a learner would see is checked on a copy of the notebooks with every output removed, so
each figure and widget on the page comes from this run:

- every code cell runs (Run -> Run All Cells stops at the first error) and none ends in an error;
- each notebook shows at least as many figures as its stored outputs hold;
- a widget cell renders a control that answers the keyboard.

One screenshot per notebook goes to docs/screenshots/weekN.png (NNDL_E2E_SCREENSHOTS moves it).
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("week*.ipynb"))
SCREENSHOTS = Path(os.environ.get("NNDL_E2E_SCREENSHOTS", ROOT / "docs" / "screenshots"))

CHROMIUM = os.environ.get("NNDL_E2E_CHROMIUM", "/usr/bin/chromium")
# Headless as root in a container; no sign-in, sync or update traffic, which the closed
# network here would refuse. Playwright passes its own --user-data-dir.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# nbval runs the heaviest notebook in about 25 s; the browser, the widgets and a busy
# machine get ten times that.
RUN_TIMEOUT_MS = 300_000
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# Filled in by the notebook tests, read by the test that needs one live widget.
LIVE_WIDGETS = {}


# ---------------------------------------------------------------------------
# What the stored notebooks promise
# ---------------------------------------------------------------------------

def stored_counts(path):
    """Counts from a notebook's stored outputs: code cells, figures and widget views."""
    cells = json.loads(path.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    outputs = [o for c in code for o in c["outputs"]]
    return {
        "code_cells": sum(1 for c in code if "".join(c["source"]).strip()),
        "figures": sum(any(k.startswith("image/") for k in o.get("data", {})) for o in outputs),
        "widgets": sum(WIDGET_VIEW in o.get("data", {}) for o in outputs),
    }


def write_without_outputs(source, target):
    notebook = json.loads(source.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    notebook["metadata"].pop("widgets", None)  # saved widget state would render without a kernel
    target.write_text(json.dumps(notebook, indent=1))


def widget_check_notebook(target):
    """A two-cell notebook whose slider reports each new value back from the kernel.

    It shows that widgets are live in this JupyterLab whether or not the course notebooks
    have any yet.
    """
    source = (
        "import ipywidgets as widgets\n"
        "slider = widgets.IntSlider(value=3, min=0, max=10, description='n')\n"
        "echo = widgets.Label('kernel saw 3')\n"
        "slider.observe(lambda change: setattr(echo, 'value', f\"kernel saw {change['new']}\"),"
        " names='value')\n"
        "widgets.VBox([slider, echo])"
    )
    cell = {"cell_type": "code", "id": "slider", "metadata": {}, "execution_count": None,
            "outputs": [], "source": source}
    notebook = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"}}}
    target.write_text(json.dumps(notebook, indent=1))


# ---------------------------------------------------------------------------
# Chromium, JupyterLab and the browser
# ---------------------------------------------------------------------------

def _install_chromium():
    """apt-get install chromium, or skip saying why it cannot be done here."""
    how = "install Debian's chromium package, or point NNDL_E2E_CHROMIUM at a Chromium"
    if CHROMIUM != "/usr/bin/chromium":
        pytest.skip(f"NNDL_E2E_CHROMIUM={CHROMIUM} does not exist")
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        pytest.skip(f"{CHROMIUM} is missing and there is no apt-get: {how}")
    if os.geteuid() != 0:
        pytest.skip(f"{CHROMIUM} is missing and only root may apt-get install it: {how}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt_get, "install", "-y", "chromium"]
    log = []
    # A fresh machine's package lists may be missing or stale: update once, then retry.
    for command in (install, [apt_get, "update"], install):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        log.append(f"$ {' '.join(command)}\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
        if command is install and done.returncode == 0 and os.path.exists(CHROMIUM):
            return
    pytest.skip(f"{CHROMIUM} is missing and apt-get could not install it: {how}\n"
                + "\n".join(log))


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        _install_chromium()
    return CHROMIUM


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(settings_dir):
    """User settings for this server only: no news or update toasts, every cell in the DOM."""
    settings = {
        # "Would you like to receive official Jupyter news?" would cover the notebook.
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # The default windowing may leave cells far off screen out of the DOM; attach them all
        # so that every figure can be counted.
        "notebook-extension/tracker": {"windowingMode": "none"},
    }
    for name, values in settings.items():
        path = settings_dir / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@dataclass
class Lab:
    """A running JupyterLab server: where it listens and which folder it serves."""

    base_url: str
    token: str
    root_dir: Path
    log: Path

    def url(self, path):
        return f"{self.base_url}/{path}?reset&token={self.token}"

    def api(self, path, method="GET"):
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self):
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def log_tail(self, chars=3000):
        return self.log.read_text(errors="replace")[-chars:]


def _wait_for_status(lab, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"jupyter lab exited with status {process.returncode}:\n{lab.log_tail()}")
        try:
            lab.api("status")
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"jupyter lab did not answer /api/status within {timeout} s:\n{lab.log_tail()}")


def _stop(process):
    """SIGTERM lets the server shut its kernels down; SIGKILL only if it will not go."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free loopback port with a random token, serving output-free copies."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root_dir = tmp / "notebooks"
    root_dir.mkdir()
    for path in NOTEBOOKS:
        write_without_outputs(path, root_dir / path.name)
    widget_check_notebook(root_dir / "widget_check.ipynb")
    _write_settings(tmp / "settings")

    env = dict(os.environ)
    # The stored outputs, and so the expected figures, come from the shipped data; a user's
    # own backend would keep the figures off the page.
    for name in ("NNDL_DATA_DIR", "MPLBACKEND"):
        env.pop(name, None)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        # Leave the user's own Jupyter configuration, kernels and runtime files alone: the
        # kernel is this interpreter's ipykernel.
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    # The server side of the news feed and the update check.
    with running_lab(root_dir, tmp, env, "--LabApp.news_url=None",
                     "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate") as server:
        yield server


@contextlib.contextmanager
def running_lab(root_dir, tmp, env, *options):
    """JupyterLab rooted at ``root_dir``, on a free local port with a token of its own, until the block ends.

    ``options`` are extra JupyterLab options; the log goes to ``tmp / "jupyterlab.log"``.
    """
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}", *options,
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = tmp / "jupyterlab.log"
    server = Lab(f"http://127.0.0.1:{port}", token, root_dir, log)
    with open(log, "w") as log_file:
        process = subprocess.Popen(command, env=env, cwd=root_dir, stdout=log_file,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_for_status(server, process)
        yield server
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"), executable_path=chromium,
            headless=True, args=CHROMIUM_FLAGS, viewport=VIEWPORT)
        try:
            yield context
        finally:
            context.close()


# ---------------------------------------------------------------------------
# Driving JupyterLab
# ---------------------------------------------------------------------------

def open_notebook(page, lab, name):
    page.goto(lab.url(f"lab/tree/{name}"))
    panel = page.locator(PANEL)
    panel.locator(".jp-CodeCell").first.wait_for(timeout=120_000)
    # Run All before the kernel is up would queue fine, but waiting keeps timings honest.
    panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
        timeout=120_000)
    return panel


def choose_from_menu(page, menu, item):
    """Click `menu` in the menu bar, then `item` (matched by its label, not its shortcut).

    Returns False, with the menu closed again, when the item is greyed out: JupyterLab enables
    a notebook's commands only once the notebook is its current widget.
    """
    page.get_by_role("menuitem", name=menu, exact=True).click()
    label = page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True)
    entry = page.locator(".lm-Menu-item").filter(has=label)
    entry.wait_for(timeout=10_000)
    if "lm-mod-disabled" in (entry.get_attribute("class") or "").split():
        page.keyboard.press("Escape")
        return False
    entry.click()
    return True


STARTED = """panelSelector => [...document.querySelectorAll(panelSelector + ' .jp-InputPrompt')]
    .some(prompt => /[*\\d]/.test(prompt.textContent))"""


def run_all_cells(page, panel, attempts=5):
    """Run -> Run All Cells, from the menu bar as a learner would, until the cells are queued.

    Queued cells show [*] at once, whatever the kernel is doing; a click that leaves every
    prompt empty did not reach the notebook, and is tried again.
    """
    outcomes = []
    for _ in range(attempts):
        panel.locator(".jp-CodeCell .jp-InputPrompt").first.click()  # make it the current widget
        if choose_from_menu(page, "Run", "Run All Cells"):
            try:
                page.wait_for_function(STARTED, arg=PANEL, timeout=10_000, polling=250)
                if outcomes:
                    print(f"Run All Cells started at try {len(outcomes) + 1}, after: {outcomes}")
                return
            except Exception:
                outcomes.append("clicked, but no cell was queued")
        else:
            outcomes.append("greyed out")
            page.wait_for_timeout(2_000)
    raise AssertionError(f"Run -> Run All Cells did not start the notebook: {outcomes}")


RUN_STATE = """panelSelector => {
    const panel = document.querySelector(panelSelector);
    const cells = [...panel.querySelectorAll('.jp-CodeCell')].map(cell => ({
        prompt: cell.querySelector('.jp-InputPrompt').textContent.trim(),
        source: cell.querySelector('.jp-InputArea-editor').textContent.slice(0, 60)}));
    const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
    return {cells, kernel: indicator === null ? null : indicator.dataset.status};
}"""


def wait_until_run_finishes(page, timeout=RUN_TIMEOUT_MS):
    """Until some cell has a number, none is queued or running ([*]) and the kernel is idle."""
    try:
        page.wait_for_function(
            f"""panelSelector => {{
                const state = ({RUN_STATE})(panelSelector);
                const prompts = state.cells.map(cell => cell.prompt);
                return prompts.some(text => /\\d/.test(text))
                    && !prompts.some(text => text.includes('*')) && state.kernel === 'idle';
            }}""",
            arg=PANEL, timeout=timeout, polling=500)
    except Exception as error:
        state = page.evaluate(RUN_STATE, PANEL)
        busy = [f"{cell['prompt']} {cell['source']!r}" for cell in state["cells"]
                if "*" in cell["prompt"]]
        raise AssertionError(f"the run did not finish within {timeout / 1000:.0f} s: "
                             f"kernel {state['kernel']}, cells still queued or running: "
                             f"{busy or 'none'}") from error


def executed_cells(panel):
    return sum(any(ch.isdigit() for ch in text)
               for text in panel.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts())


def save_and_read(page, lab, name):
    """File -> Save Notebook, then the notebook as JupyterLab's model holds it.

    JupyterLab renders a traceback with the same stderr renderer as a warning, so the page
    alone cannot tell an error from a warning; the saved outputs can.
    """
    choose_from_menu(page, "File", "Save Notebook")
    page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").wait_for(
        state="detached", timeout=30_000)
    return json.loads((lab.root_dir / name).read_text())


def error_outputs(notebook):
    errors = []
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for cell in code:
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                first_line = "".join(cell["source"]).strip().splitlines()[0]
                errors.append(f"cell [{cell['execution_count']}] `{first_line}`: "
                              f"{output['ename']}: {output['evalue']}")
    return errors


def shown_figures(page):
    """Images in output areas that have loaded and have a size, widget outputs included."""
    page.wait_for_function(
        """selector => [...document.querySelectorAll(selector)].every(img => img.complete)""",
        arg=f"{PANEL} .jp-OutputArea-output img", timeout=30_000)
    return page.locator(f"{PANEL} .jp-OutputArea-output img").evaluate_all(
        "images => images.filter(img => img.naturalWidth > 0 && img.naturalHeight > 0).length")


# A figure's fingerprint: a data URI's length and tail differ between two renderings.
FIGURES_OF_CELL = """cell => [...cell.querySelectorAll('.jp-OutputArea-output img')]
    .map(img => img.src.length + ':' + img.src.slice(-64))"""
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def drive_a_slider(page, panel):
    """Press an arrow key on the first visible widget slider; return (before, after) values.

    The value is read from the handle's aria-valuenow and from the readout next to it. Where
    the slider's cell shows figures (the course's explorers), one of them must be redrawn:
    the kernel has seen the new value, retrained and answered.
    """
    widgets = panel.locator(".jp-OutputArea-output .jupyter-widgets")
    widgets.first.wait_for(state="visible", timeout=60_000)
    slider = panel.locator(".jupyter-widgets.widget-slider").filter(
        has=page.locator(".noUi-handle")).first
    assert slider.count(), "a widget rendered, but none of them is a slider to drive"
    cell = slider.locator(
        "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-CodeCell ')][1]")
    figures_before = cell.evaluate(FIGURES_OF_CELL)
    stderr_before = cell.locator(STDERR).count()

    slider.scroll_into_view_if_needed()
    handle, readout = slider.locator(".noUi-handle").first, slider.locator(".widget-readout")
    before = handle.get_attribute("aria-valuenow")
    at_top = float(before) >= float(handle.get_attribute("aria-valuemax"))
    handle.focus()
    handle.press("ArrowLeft" if at_top else "ArrowRight")
    page.wait_for_function(
        "([handle, before]) => handle.getAttribute('aria-valuenow') !== before",
        arg=[handle.element_handle(), before], timeout=10_000)
    after = handle.get_attribute("aria-valuenow")
    assert float(readout.inner_text()) == pytest.approx(float(after), rel=1e-3), \
        "the readout does not follow the slider"

    if figures_before:
        page.wait_for_function(
            f"""([cell, before]) => {{
                const now = ({FIGURES_OF_CELL})(cell);
                return now.length > 0 && now.some(figure => !before.includes(figure));
            }}""",
            arg=[cell.element_handle(), figures_before], timeout=RUN_TIMEOUT_MS)
    wait_until_run_finishes(page)
    assert cell.locator(STDERR).count() == stderr_before, \
        "moving the slider printed to stderr:\n" + cell.locator(STDERR).last.inner_text()
    cell.evaluate("cell => cell.scrollIntoView({block: 'start'})")  # for the screenshot
    return float(before), float(after)


def collapse_left_sidebar(page):
    current = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current.count():
        current.first.click()


def save_screenshot(page, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target


@contextlib.contextmanager
def notebook_page(lab, browser, name):
    """A new tab for one notebook; on failure, a screenshot and the server's log to look at."""
    page = browser.new_page()
    try:
        yield page
    except BaseException:
        failure = lab.root_dir.parent / f"{Path(name).stem}-failure.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(failure))
            print(f"screenshot of the failure: {failure}")
        print(f"JupyterLab's log ends:\n{lab.log_tail()}")
        raise
    finally:
        page.close()
        lab.shut_down_kernels()


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------

def test_a_widget_slider_is_live_through_the_kernel(lab, browser):
    with notebook_page(lab, browser, "widget_check.ipynb") as page:
        panel = open_notebook(page, lab, "widget_check.ipynb")
        run_all_cells(page, panel)
        wait_until_run_finishes(page)
        before, after = drive_a_slider(page, panel)
        # The Label changes only when the kernel has seen the new value and answered.
        panel.locator(".widget-label").get_by_text(f"kernel saw {after:g}", exact=True).wait_for(
            timeout=15_000)
        assert (before, after) == (3, 4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(path, lab, browser):
    expected = stored_counts(path)
    with notebook_page(lab, browser, path.name) as page:
        panel = open_notebook(page, lab, path.name)
        assert shown_figures(page) == 0, "the copy should start without outputs"
        started = time.monotonic()
        run_all_cells(page, panel)
        wait_until_run_finishes(page)
        seconds = time.monotonic() - started

        notebook = save_and_read(page, lab, path.name)
        assert not error_outputs(notebook), "\n".join(error_outputs(notebook))
        ran = executed_cells(panel)
        assert ran == expected["code_cells"], \
            f"{ran} of {expected['code_cells']} code cells ran: Run All Cells stopped early"

        figures = shown_figures(page)
        assert figures >= expected["figures"], \
            f"{figures} figures on the page; the stored notebook has {expected['figures']}"

        collapse_left_sidebar(page)
        if expected["widgets"]:
            LIVE_WIDGETS[path.stem] = drive_a_slider(page, panel)
        else:
            first_figure = panel.locator(".jp-OutputArea-output img").first
            if first_figure.count():
                first_figure.evaluate("img => img.scrollIntoView({block: 'center'})")
        shot = save_screenshot(page, SCREENSHOTS / f"{path.stem.split('_')[0]}.png")
        print(f"{path.name}: {ran} cells in {seconds:.0f} s, {figures} figures "
              f"(stored {expected['figures']}), widgets stored {expected['widgets']}, "
              f"screenshot {shot} ({shot.stat().st_size // 1024} kB)")


def test_a_course_notebook_widget_is_a_live_control():
    """At least one course widget moved when driven (the notebook tests above drive them)."""
    with_widgets = [p.stem for p in NOTEBOOKS if stored_counts(p)["widgets"]]
    if not with_widgets:
        pytest.skip("no course notebook stores a widget output yet")
    assert LIVE_WIDGETS, (f"{', '.join(with_widgets)} store widget outputs, but no slider in them "
                          "was driven: their tests failed or were not selected")
    for name, (before, after) in LIVE_WIDGETS.items():
        assert before != after, name
