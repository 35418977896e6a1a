"""Assignments: small YAML files that pick exercises for students, exported as notebooks and handouts.

`exercises/assignments/<name>.yml`::

    title: Week 1 — Sourcing a policy commentary
    due: 2026-12-01
    instructions: Markdown for the students.
    exercises: [stronski-2018-byline, stronski-2018-hedges]
    prompts: [An open question to answer in writing.]      # optional
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .datafile import DataError, check_keys, load_yaml, require_mapping
from .exercises.schema import Banks
from .sources import Corpus

FOLDER = "exercises/assignments"
# The notebook names this kernel, which `install_kernel` points at the Python that exported it (the
# one with `sourcebook` installed), so a Jupyter running from another environment still finds it.
KERNEL = {"name": "china-russia-course", "display_name": "Python (China–Russia course)", "language": "python"}


@dataclass
class Assignment:
    name: str
    title: str
    due: dt.date
    instructions: str
    exercises: list[str]
    prompts: list[str]
    file: Path


def load_assignments(root: Path, banks: Banks) -> dict[str, Assignment]:
    """Every assignment file, validated against the banks (`file:line: reason`)."""
    found = {}
    for path in sorted((Path(root) / FOLDER).glob("*.yml")):
        node = require_mapping(path, load_yaml(path), "an assignment", line=1)
        check_keys(path, node, {"title", "due", "instructions", "exercises"}, {"prompts"}, "assignment")
        if not isinstance(node["due"], dt.date):
            raise DataError(path, node.line_of("due"), f"due date '{node['due']}' must be written YYYY-MM-DD")
        ids = node["exercises"]
        if not isinstance(ids, list) or not ids:
            raise DataError(path, node.line_of("exercises"), "'exercises' must list at least one exercise id")
        for ex_id in ids:
            if ex_id not in banks.exercises:
                raise DataError(path, node.line_of("exercises"), f"unknown exercise '{ex_id}' (not in any bank)")
        if len(set(ids)) != len(ids):
            raise DataError(path, node.line_of("exercises"), "an exercise is listed twice")
        prompts = node.get("prompts") or []
        if not all(isinstance(p, str) and p.strip() for p in prompts):
            raise DataError(path, node.line_of("prompts"), "'prompts' must be a list of non-empty strings")
        found[path.stem] = Assignment(path.stem, node["title"], node["due"], node["instructions"], ids, prompts, path)
    return found


def _exercise_markdown(banks: Banks, corpus: Corpus, ex_id: str, number: int) -> str:
    """A printable version of one exercise: prompt and choices (sorted, never as written), no answers."""
    data = banks.exercises[ex_id].data
    kind = banks.exercises[ex_id].type
    lines = [f"### {number}. {data['prompt']}", ""]
    if kind in ("single", "multiple"):
        lines += [f"- [ ] {text}" for text in sorted(o["text"] for o in data["options"])]
    elif kind == "evidence":
        lines += [f"Claim: {data['claim']}", ""]
        lines += sorted(f"- [ ] “{o.get('excerpt') or corpus.passage(o['passage']).text}” ({o['passage']})"
                        for o in data["options"])
    elif kind == "classify":
        lines += [f"- “{i.get('excerpt') or corpus.passage(i['passage']).text}” ({i['passage']}) → ________"
                  for i in data["items"]]
    elif kind == "match":
        rights = sorted(p["right"] for p in data["pairs"])
        lines += [f"- {p['left']} → ____" for p in data["pairs"]] + ["", "Choose from: " + "; ".join(rights)]
    elif kind == "order":
        lines += [f"- ( ) {item}" for item in sorted(data["items"])]
    elif kind == "open":
        lines += ["", "_" * 60, "", "_" * 60]
    return "\n".join(lines)


def handout(assignment: Assignment, banks: Banks, corpus: Corpus) -> str:
    """A printable Markdown handout: instructions, due date, the exercises in order, the prompts."""
    parts = [f"# {assignment.title}", "", f"**Due:** {assignment.due:%d %B %Y}", "", assignment.instructions.strip(), ""]
    parts += [_exercise_markdown(banks, corpus, ex_id, i) + "\n" for i, ex_id in enumerate(assignment.exercises, start=1)]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        parts += [f"### {i}. {prompt}", "", "_" * 60, ""]
    return "\n".join(parts)


def install_kernel(prefix: str | None = None) -> str:
    """Register `KERNEL` for this Python (for the user, or under `prefix`); returns the spec's folder."""
    from ipykernel.kernelspec import install

    return install(user=prefix is None, prefix=prefix, kernel_name=KERNEL["name"],
                   display_name=KERNEL["display_name"])


def notebook(assignment: Assignment) -> nbformat.NotebookNode:
    """A Jupyter notebook with the live exercises (`q1 = Exercise(...)`) and cells for the prompts."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNEL)
    how = (f"*Run this notebook with the kernel **{KERNEL['display_name']}** (Kernel → Change kernel). "
           "If it is not listed, run `python -m sourcebook assignment NAME` once with the course's Python "
           f"(here: `{sys.executable}`), which registers it. Your answers are kept in "
           "`sourcebook-progress.json` beside this notebook; `q1.result` holds your last attempt at exercise 1.*")
    cells = [nbformat.v4.new_markdown_cell(f"# {assignment.title}\n\n**Due:** {assignment.due:%d %B %Y}\n\n"
                                           f"{assignment.instructions.strip()}\n\n{how}"),
             nbformat.v4.new_code_cell("from sourcebook.exercises.widget import Exercise")]
    for i, ex_id in enumerate(assignment.exercises, start=1):
        cells += [nbformat.v4.new_markdown_cell(f"## Exercise {i}"),
                  nbformat.v4.new_code_cell(f'q{i} = Exercise("{ex_id}")\nq{i}')]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        cells += [nbformat.v4.new_markdown_cell(f"## Question {i}\n\n{prompt}"),
                  nbformat.v4.new_markdown_cell("*Write your answer here.*")]
    cells += [nbformat.v4.new_markdown_cell("## Hand in\n\nPut your name in the cell below and run it: it writes "
                                            "`sourcebook-work.json` beside this notebook. Hand in that file with "
                                            "this notebook (which holds your written answers)."),
              nbformat.v4.new_code_cell('from sourcebook.reading.notebook_store import NotebookStore\n'
                                        'NotebookStore().save_work("Your name")')]
    nb.cells = cells
    return nb
