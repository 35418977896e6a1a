"""Every chapter as a notebook: offered in the download menu beside .pdf, its text as Markdown, its
exercises as live widgets; executed with nbclient, every widget renders and no cell fails."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from sourcebook.course import load_course
from sourcebook.instructor.assignments import notebook
from sourcebook.offline.standalone import INSTALL
from sourcebook.reading.workfile import read_work

from .conftest import ROOT
from .test_book import html_pages

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_every_chapter_offers_its_notebook(book):
    chapters = [p for p in html_pages(book) if p.name not in ("genindex.html", "search.html", "index.html")]
    assert len(chapters) >= 20
    for page in chapters:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        menu = soup.select_one(".dropdown-download-buttons")
        items = [a.get_text(strip=True) for a in menu.select(".dropdown-item")]
        assert items[:1] == [".ipynb"] and ".pdf" in items, (page, items)
        notebook = page.parent / menu.select_one("a.dropdown-item")["href"]
        nb = nbformat.read(notebook, as_version=4)
        nbformat.validate(nb)
        title = soup.select_one("article h1").get_text(" ", strip=True).rstrip("#").strip()
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(f"# {title}"), page
        placed = [div["data-exercise-id"] for div in soup.select("div.sb-exercise")]
        widgets = [c.source for c in nb.cells if c.cell_type == "code" and re.match(r"q\d+ = Exercise\(", c.source)]
        assert widgets == [f'q{i} = Exercise("{ex}")\nq{i}' for i, ex in enumerate(placed, start=1)], page
        code = [c for c in nb.cells if c.cell_type == "code"]
        if placed:  # the install cell, then the setup cell (folded) that carries the page's exercises
            assert code[0].source == INSTALL and code[1].metadata.jupyter.source_hidden, page
            assert all(f'"id": "{ex}"' in code[1].source for ex in placed), page
            assert "import sourcebook" not in code[1].source and "from sourcebook" not in code[1].source
        # No script block of the page came along (a code span may name the tag, as the guide does).
        assert not any("<script" in re.sub(r"`[^`]*`", "", c.source) for c in nb.cells), page


def test_a_source_chapter_notebook_reads_like_its_page(book):
    nb = nbformat.read(book.html / "book/sources/stronski-2018.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "¶7 " in text and "(Stronski 2018 ¶2)" in text  # numbered paragraphs, citations as labels
    assert "- **Byline in this copy:** Paul Stronski" in text  # the sourcing card as a list
    assert ".html" not in text  # no link to a page of the site, which a notebook could not open


def test_chapter_notebooks_run_and_show_their_widgets(book):
    nb = nbformat.read(book.html / "book/sources/stronski-2018.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert not [o for c in cells for o in c.outputs if o.output_type == "error"]
    shown = [json.dumps(o["data"][WIDGET]) for c in cells[2:] for o in c.outputs if WIDGET in o.get("data", {})]
    assert len(shown) == len(cells) - 2 >= 7


def fresh_kernel(folder: Path) -> tuple[Path, str]:
    """A venv with nothing but anywidget and ipykernel (requirements.txt's versions), its kernel
    registered under `folder`; returns the kernels folder and the kernel's name."""
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin/python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + [f"{name}=={pins[name]}" for name in ("anywidget", "ipykernel")],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [python, "-m", "ipykernel", "install", "--prefix", str(folder / "jupyter"), "--name", "anywidget-only"],
        check=True,
        capture_output=True,
    )
    return folder / "jupyter/share/jupyter/kernels", "anywidget-only"


def test_downloaded_notebooks_run_with_only_anywidget_outside_the_repository(book, tmp_path):
    """A chapter notebook and an assignment notebook, each alone in a folder outside the project, run in
    a kernel that has anywidget and ipykernel and not this package; answers go beside the notebook and
    the last cell writes a work file that the instructor's tools accept."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    start = time.perf_counter()
    kernels, name = fresh_kernel(tmp_path)
    course = load_course(ROOT)
    chapter = nbformat.read(book.html / "book/sources/stronski-2018.ipynb", as_version=4)
    assignment = notebook(course.assignments["week-1-sourcing"], course.banks, course.corpus)
    probe = "import importlib.util\nassert importlib.util.find_spec('sourcebook') is None, 'the package is installed'"
    answer = (
        "q1.result = {'attempts': 1, 'correct': False, 'answer': 'x', 'updated': '2026-12-01T10:00:00.000Z'}\n"
        "NotebookStore().save_work('Ada Outside')"
    )
    chapter.cells += [nbformat.v4.new_code_cell(probe), nbformat.v4.new_code_cell(answer)]
    assignment.cells.insert(0, nbformat.v4.new_code_cell(probe))
    week = course.assignments["week-1-sourcing"]
    written = f"q{len(week.exercises) + 1}"  # the first prompt's box, typed into before the hand-in cell
    assignment.cells.insert(-1, nbformat.v4.new_code_cell(f"{written}.text = 'Written outside, kept.'"))
    page = BeautifulSoup(book.page("book/sources/stronski-2018.html"), "html.parser")
    placed = [div["data-exercise-id"] for div in page.select("div.sb-exercise")]
    for label, nb, exercises in (
        ("chapter", chapter, len(placed)),
        ("assignment", assignment, len(week.exercises) + len(week.prompts)),
    ):
        folder = tmp_path / label  # alone: no course, no package, no repository above it
        folder.mkdir()
        assert not any(p.name == "_config.yml" for p in folder.resolve().parents)
        manager = AsyncKernelManager(
            kernel_name=name, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
        )
        env_path = os.environ.get("PYTHONPATH")
        os.environ.pop("PYTHONPATH", None)
        try:
            NotebookClient(nb, km=manager, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
        finally:
            if env_path is not None:
                os.environ["PYTHONPATH"] = env_path
        code = [c for c in nb.cells if c.cell_type == "code"]
        errors = [o for c in code for o in c.outputs if o.output_type == "error"]
        assert not errors, (label, errors)
        views = [o for c in code for o in c.outputs if WIDGET in o.get("data", {})]
        assert len(views) == exercises >= 3, label
        saved = json.loads((folder / "sourcebook-progress.json").read_text(encoding="utf-8"))
        assert saved["format"] == "sourcebook-progress" and len(saved["seed"]) == 16
        work = read_work(folder / "sourcebook-work.json")  # checksum and schema, as the instructor's tools read it
        assert work["edition"] == "notebook" and work["seed"] == saved["seed"]
        if label == "chapter":
            assert work["student"]["name"] == "Ada Outside" and list(work["exercises"]) == [placed[0]]
        else:
            assert work["answers"]["week-1-sourcing:1"]["text"] == "Written outside, kept."
    print(f"fresh venv and two notebooks: {time.perf_counter() - start:.1f} s")
