"""Every chapter as a Jupyter notebook, written beside its page and offered in the theme's download
menu: the chapter's text as Markdown cells, its exercises as live widget cells (`Exercise("id")`).

The Markdown is made from the page's own HTML body (markdownify), so it says exactly what the page
says: citations become their labels ("Stronski 2018 ¶7"), links within the site become plain text
(they would not resolve in a notebook), definition lists become lists, and each chart keeps its
title, text description and data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from markdownify import markdownify

from .standalone import exercise_cell, opening_cells

MARKER = "SOURCEBOOK-EXERCISE-{}"
SKIPPED = ("genindex", "search")
DROP = "a.headerlink, script, .sb-noscript, .sb-chart-view"


def _unlinked(data):
    """`data` with every passage link dropped (`href`: None, as in Jupyter): the site's pages are not there."""
    if isinstance(data, dict):
        return {k: None if k == "href" else _unlinked(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_unlinked(v) for v in data]
    return data


def exercise_payloads(body: str) -> dict[str, dict]:
    """The payload of each exercise on a page (as the page's script reads it, links dropped), by id."""
    found = {}
    for div in BeautifulSoup(body, "html.parser").select("div.sb-exercise"):
        data = div.select_one("script.sb-exercise-data")
        assert data is not None and data.string is not None  # the exercise directive writes one in each
        found[str(div["data-exercise-id"])] = _unlinked(json.loads(data.string))
    return found


def chapter_cells(body: str) -> list[tuple[str, str]]:
    """A page body as (kind, text) cells: "markdown" for the text, "exercise" (text = its id) for each
    exercise, in page order."""
    soup = BeautifulSoup(body, "html.parser")
    for node in soup.select(DROP):
        node.decompose()
    for terms in soup.select("dl"):  # as "**Term** description" items: notebooks have no definition lists
        items = soup.new_tag("ul")
        for para in terms.select("dt > p, dd > p"):
            para.unwrap()
        for term in terms.find_all("dt", recursive=False):
            item, strong = soup.new_tag("li"), soup.new_tag("strong")
            strong.extend(list(term.children))
            item.append(strong)
            description = term.find_next_sibling("dd")
            if description is not None:
                item.append(" ")
                item.extend(list(description.children))
            items.append(item)
        terms.replace_with(items)
    ids: list[str] = []
    for div in soup.select("div.sb-exercise"):
        ids.append(str(div["data-exercise-id"]))
        div.replace_with(soup.new_string(f"\n\n{MARKER.format(len(ids) - 1)}\n\n"))
    for link in soup.select("a[href]"):
        if not re.match(r"^(https?|mailto):", str(link["href"])):
            link.unwrap()
    text = markdownify(str(soup), heading_style="ATX", bullets="-", escape_misc=False)
    cells = []
    for i, part in enumerate(re.split(MARKER.format(r"(\d+)"), text)):
        if i % 2:
            cells.append(("exercise", ids[int(part)]))
            continue
        for section in re.split(r"\n(?=#{1,3} )", part):
            section = re.sub(r"\n{3,}", "\n\n", section).strip()
            if section:
                cells.append(("markdown", section))
    return cells


def chapter_notebook(body: str) -> nbformat.NotebookNode:
    """The notebook of one page: Markdown cells, and before the first exercise the cells that make it run
    with only anywidget (`standalone.opening_cells`, carrying the page's payloads), then one live widget
    cell per exercise (`q1 = Exercise("id")`, then `q1` to show it). Cell ids are stable across builds."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    cells, count = [], 0
    for kind, text in chapter_cells(body):
        if kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(text))
            continue
        if not count:
            cells += opening_cells(exercise_payloads(body))
        count += 1
        cells.append(exercise_cell(count, text))
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i + 1}"
    nb.cells = cells
    return nb


def _has_notebook(app, pagename, doctree) -> bool:
    return app.builder.format == "html" and doctree is not None and pagename not in SKIPPED


def write_notebook(app, pagename, templatename, context, doctree):
    """html-page-context: write `<page>.ipynb` beside the page."""
    if not _has_notebook(app, pagename, doctree):
        return
    target = Path(app.outdir) / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nbformat.writes(chapter_notebook(context.get("body", ""))), encoding="utf-8")


def add_notebook_download(app, pagename, templatename, context, doctree):
    """html-page-context: the theme's download menu offers the notebook (first, before .pdf)."""
    if not _has_notebook(app, pagename, doctree):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons" and isinstance(group.get("buttons"), list):
            group["buttons"].insert(
                0,
                {
                    "type": "link",
                    "url": context["pathto"](f"{pagename}.ipynb", 1),
                    "text": ".ipynb",
                    "icon": "fas fa-code",
                    "label": "download-notebook-button",
                    "tooltip": "Download this chapter as a Jupyter notebook",
                },
            )
