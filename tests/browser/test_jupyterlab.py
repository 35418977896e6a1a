"""The same exercises live in a real JupyterLab 4 and a real Notebook 7, answered with the keyboard only.

Each front end (installed by requirements.txt) serves a notebook with one exercise of every type on
127.0.0.1, made as the course makes a downloaded notebook (it carries its exercises and the widget).
Chromium runs its cells, then answers each widget with Tab, arrows, Space, Enter and typing,
including keys that are notebook shortcuts in command mode ("d d" deletes a cell, "a"/"b" add one,
arrows move between cells). Every answer must land in the widget and no cell may be added or removed.
"""

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from sourcebook.course import load_course
from sourcebook.exercises.payload import build_payload, notebook_payload
from sourcebook.offline.standalone import exercise_cell, opening_cells

from .found import found
from .keys import ONE_OF_EACH_TYPE, choose_in_select, tab_to

WRITTEN = "week-1-sourcing:1"  # an assignment prompt's written answer, as the exported notebook has it
EXERCISES = ONE_OF_EACH_TYPE


# The two front ends: their command, the notebook's address, and what they need told.
FRONT_ENDS = {
    "jupyterlab": (
        "jupyter-lab",
        "lab/tree/walkthrough.ipynb",
        ["--LabApp.expose_app_in_browser=True", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
    ),
    "notebook7": (
        "jupyter-notebook",
        "notebooks/walkthrough.ipynb",
        ["--JupyterNotebookApp.expose_app_in_browser=True"],
    ),
}


@pytest.fixture(scope="module", params=list(FRONT_ENDS))
def lab(request, tmp_path_factory):
    """A JupyterLab or Notebook 7 server on 127.0.0.1 with the notebook; yields (notebook URL, folder)."""
    command, address, options = FRONT_ENDS[request.param]
    home = tmp_path_factory.mktemp(request.param)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    course = load_course()  # a notebook as the course exports it: it carries its exercises (offline/standalone.py)
    payloads = {
        ex: notebook_payload(course.banks.exercises[ex], course.corpus, course.banks) for ex in EXERCISES.values()
    }
    nb.cells = opening_cells(payloads) + [exercise_cell(i, ex_id) for i, ex_id in enumerate(EXERCISES.values(), 1)]
    nb.cells.append(nbformat.v4.new_code_cell(f'w = WrittenAnswer("{WRITTEN}", "Your answer to question 6")\nw'))
    nbformat.write(nb, home / "walkthrough.ipynb")
    config = home / "config"
    (config / "labconfig").mkdir(parents=True)  # no news toast asking for attention (and no request for it)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / command),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={home}",
            "--ServerApp.allow_root=True",
            *options,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail(f"{command} did not start")
    yield f"{base}{address}?token={token}", home
    server.terminate()
    server.wait(timeout=20)


def cell_count(page) -> int:
    return page.evaluate("jupyterapp.shell.currentWidget.content.model.cells.length")


def answers(ex_id):
    course = load_course()
    return build_payload(course.banks.exercises[ex_id], course.corpus, course.banks)


def enter(page, within):
    """Put the focus on the widget's first control (the only non-keyboard step), in command mode."""
    page.locator(f"{within} input, {within} select, {within} textarea, {within} button").first.focus()


def shown(root, css):
    return found(root.locator(css)).evaluate_all("els => els.map(e => e.dataset.key)")


def verdict(root):
    return root.locator(".sb-verdict").inner_text()


def test_every_exercise_type_by_keyboard_in_jupyter(browser, lab):
    url, home = lab
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(
        "window.jupyterapp && jupyterapp.shell.currentWidget"
        " && jupyterapp.shell.currentWidget.sessionContext?.session?.kernel",
        timeout=60000,
    )
    page.wait_for_function(
        "jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'", timeout=60000
    )
    page.evaluate("jupyterapp.commands.execute('notebook:run-all-cells')")
    for ex_id in EXERCISES.values():
        page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"] button.sb-check').wait_for(timeout=60000)
    cells = cell_count(page)
    assert cells == len(EXERCISES) + 3  # the install cell and the setup cell, one per exercise, the written answer

    for kind, ex_id in EXERCISES.items():
        within = f'.sb-exercise[data-exercise-id="{ex_id}"]'
        root = page.locator(within)
        data = answers(ex_id)
        enter(page, within)
        if kind in ("single", "evidence"):
            keys = shown(root, ".sb-choice")
            right = next(o["key"] for o in data["options"] if o["correct"])
            page.keyboard.press("Space")
            for _ in range(keys.index(right)):
                page.keyboard.press("ArrowDown")  # in command mode: "select the next cell"
        elif kind == "multiple":
            correct = {o["key"] for o in data["options"] if o["correct"]}
            for key in shown(root, ".sb-choice"):
                if key in correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        elif kind in ("classify", "match"):
            if kind == "classify":
                by_key = {i["key"]: i["answer"] for i in data["items"]}
                wanted = [by_key[k] for k in shown(root, "li.sb-item[data-key]")]
            else:
                wanted = [data["answer"][left["key"]] for left in data["left"]]
            for n, value in enumerate(wanted):
                tab_to(page, f"{within} select:nth-of-type(1)" if n == 0 else f"{within} li:nth-child({n + 1}) select")
                page.keyboard.press("d")  # "d d" deletes the cell in command mode
                page.keyboard.press("d")
                choose_in_select(page, value)
        elif kind == "order":
            for target, key in enumerate(data["answer"]):
                current = shown(root, "li.sb-order-item")
                for _ in range(current.index(key) - target):
                    tab_to(page, f'{within} li.sb-order-item[data-key="{key}"] button[aria-label^="Move up"]')
                    page.keyboard.press("Enter")
            assert shown(root, "li.sb-order-item") == data["answer"]
        elif kind == "open":
            page.keyboard.type("A draft: unconcerned about trade, uneasy about security; add a bad mix.")
        tab_to(page, f"{within} button.sb-check")
        page.keyboard.press("Enter")
        if kind == "open":
            assert verdict(root).startswith("Model answer revealed")
            for _ in data["rubric"]:
                tab_to(page, f"{within} .sb-reveal input[type=checkbox]:not(:checked)")
                page.keyboard.press("Space")
            tab_to(page, f"{within} button.sb-save")
            page.keyboard.press("Enter")
            assert verdict(root).startswith(f"Self-assessment saved: {len(data['rubric'])} of")
            assert root.locator("textarea").input_value().startswith("A draft: unconcerned")
        else:
            assert verdict(root).startswith("✓ Correct"), (kind, verdict(root))
        assert cell_count(page) == cells, f"a key pressed in the {kind} exercise added or removed a cell"

    # The written answer: typed into the box (notebook shortcuts included), kept beside the notebook.
    box = page.get_by_label("Your answer to question 6")
    box.focus()
    text = "dd ab Stronski's removed link (¶9) leaves only his word for the base."
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.keyboard.type("A second paragraph.")
    assert box.input_value() == text + "\nA second paragraph." and cell_count(page) == cells
    assert page.locator(".sb-written .sb-saved").inner_text() == "Saved beside this notebook."

    saved = {}
    for _ in range(60):  # the kernel writes each record when its message arrives
        saved = json.loads((home / "sourcebook-progress.json").read_text(encoding="utf-8"))
        written = (saved.get("answers") or {}).get(WRITTEN, {}).get("text")
        if len(saved["exercises"]) == len(EXERCISES) and written == box.input_value():
            break
        time.sleep(0.5)
    assert set(saved["exercises"]) == set(EXERCISES.values())  # kept beside the notebook, for a restart
    assert saved["answers"][WRITTEN]["text"] == text + "\nA second paragraph."
    context.close()
