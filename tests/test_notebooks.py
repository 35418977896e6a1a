"""Every chapter as a notebook: offered in the download menu beside .pdf, its text as Markdown, its
exercises as live widgets; executed with nbclient, every widget renders and no cell fails."""

import json
import re

import nbformat
from bs4 import BeautifulSoup
from nbclient import NotebookClient

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
        widgets = [c.source for c in nb.cells if c.cell_type == "code" and "Exercise(" in c.source]
        assert widgets == [f'q{i} = Exercise("{ex}")\nq{i}' for i, ex in enumerate(placed, start=1)], page
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert not placed or code[0].endswith("\nfrom sourcebook.exercises.widget import Exercise"), page
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
    shown = [json.dumps(o["data"][WIDGET]) for c in cells[1:] for o in c.outputs if WIDGET in o.get("data", {})]
    assert len(shown) == len(cells) - 1 >= 7
