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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from .datafile import DataError, check_keys, load_yaml, require_mapping

if TYPE_CHECKING:
    from .course import Course

FOLDER = "exercises/assignments"


@dataclass
class Assignment:
    name: str
    title: str
    due: dt.date
    instructions: str
    exercises: list[str]
    prompts: list[str]
    file: Path


def load_assignments(root: Path, course: "Course") -> dict[str, Assignment]:
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
            if ex_id not in course.banks.exercises:
                raise DataError(path, node.line_of("exercises"), f"unknown exercise '{ex_id}' (not in any bank)")
        if len(set(ids)) != len(ids):
            raise DataError(path, node.line_of("exercises"), "an exercise is listed twice")
        prompts = node.get("prompts") or []
        if not all(isinstance(p, str) and p.strip() for p in prompts):
            raise DataError(path, node.line_of("prompts"), "'prompts' must be a list of non-empty strings")
        found[path.stem] = Assignment(path.stem, node["title"], node["due"], node["instructions"], ids, prompts, path)
    return found


def _exercise_markdown(course: "Course", ex_id: str, number: int) -> str:
    """A printable version of one exercise: prompt and choices, never the answers."""
    data = course.banks.exercises[ex_id].data
    kind = course.banks.exercises[ex_id].type
    lines = [f"### {number}. {data['prompt']}", ""]
    if kind in ("single", "multiple"):
        lines += [f"- [ ] {o['text']}" for o in data["options"]]
    elif kind == "evidence":
        lines += [f"Claim: {data['claim']}", ""]
        lines += [f"- [ ] “{o.get('excerpt') or course.corpus.passage(o['passage']).text}” ({o['passage']})"
                  for o in data["options"]]
    elif kind == "classify":
        lines += [f"- “{i.get('excerpt') or course.corpus.passage(i['passage']).text}” ({i['passage']}) → ________"
                  for i in data["items"]]
    elif kind == "match":
        rights = sorted(p["right"] for p in data["pairs"])
        lines += [f"- {p['left']} → ____" for p in data["pairs"]] + ["", "Choose from: " + "; ".join(rights)]
    elif kind == "order":
        lines += [f"- ( ) {item}" for item in sorted(data["items"])]
    elif kind == "open":
        lines += ["", "_" * 60, "", "_" * 60]
    return "\n".join(lines)


def handout(assignment: Assignment, course: "Course") -> str:
    """A printable Markdown handout: instructions, due date, the exercises in order, the prompts."""
    parts = [f"# {assignment.title}", "", f"**Due:** {assignment.due:%d %B %Y}", "", assignment.instructions.strip(), ""]
    parts += [_exercise_markdown(course, ex_id, i) + "\n" for i, ex_id in enumerate(assignment.exercises, start=1)]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        parts += [f"### {i}. {prompt}", "", "_" * 60, ""]
    return "\n".join(parts)


def notebook(assignment: Assignment) -> nbformat.NotebookNode:
    """A Jupyter notebook with the live exercises (the anywidget class) and cells for the prompts."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [nbformat.v4.new_markdown_cell(f"# {assignment.title}\n\n**Due:** {assignment.due:%d %B %Y}\n\n"
                                           f"{assignment.instructions.strip()}"),
             nbformat.v4.new_code_cell("from sourcebook.exercises.widget import Exercise")]
    for i, ex_id in enumerate(assignment.exercises, start=1):
        cells += [nbformat.v4.new_markdown_cell(f"## Exercise {i}"), nbformat.v4.new_code_cell(f'Exercise("{ex_id}")')]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        cells += [nbformat.v4.new_markdown_cell(f"## Question {i}\n\n{prompt}"),
                  nbformat.v4.new_markdown_cell("*Write your answer here.*")]
    nb.cells = cells
    return nb
