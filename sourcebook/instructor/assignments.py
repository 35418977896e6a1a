"""Assignments: small YAML files that pick exercises for students, exported as notebooks and handouts.

`exercises/assignments/<name>.yml`::

    title: Week 1 — Sourcing a policy commentary
    due: 2026-12-01
    instructions: Markdown for the students.
    exercises: [stronski-2018-byline, stronski-2018-hedges]
    prompts: [An open question to answer in writing.]      # optional
    score: first-try      # optional: completion (default) | first-try | {completion: 1, first-try: 3}
    points: 10            # optional: what a full score is worth in the gradebook (default 100)
    canvas_assignment_id: 4321   # optional: the Canvas assignment's id, for the gradebook's `Title (4321)` column

`completion` is the share of the assignment's exercises attempted and prompts answered; `first-try`
the share of its checked exercises (every type but `open`) answered correctly at the first attempt; a
mapping weighs the two.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafile import DataError, check_keys, load_yaml, require_mapping
from ..exercises.schema import Banks
from ..sources import Corpus

if TYPE_CHECKING:
    import nbformat

FOLDER = "exercises/assignments"
RULES = ("completion", "first-try")
# The notebook carries its exercises, so any Python 3 kernel with anywidget runs it.
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclass
class Assignment:
    name: str
    title: str
    due: dt.date
    instructions: str
    exercises: list[str]
    prompts: list[str]
    file: Path
    score: dict[str, float] = field(default_factory=lambda: {"completion": 1.0})
    points: float = 100.0
    canvas_assignment_id: str | None = None


def load_assignments(root: Path, banks: Banks) -> dict[str, Assignment]:
    """Every assignment file, validated against the banks (`file:line: reason`)."""
    found = {}
    for path in sorted((Path(root) / FOLDER).glob("*.yml")):
        node = require_mapping(path, load_yaml(path), "an assignment", line=1)
        check_keys(
            path,
            node,
            {"title", "due", "instructions", "exercises"},
            {"prompts", "score", "points", "canvas_assignment_id"},
            "assignment",
        )
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
        found[path.stem] = Assignment(
            path.stem,
            node["title"],
            node["due"],
            node["instructions"],
            ids,
            prompts,
            path,
            _score_rule(path, node),
            _points(path, node),
            _canvas_id(path, node),
        )
    return found


def _score_rule(path: Path, node) -> dict[str, float]:
    """`score:` as weights that sum to 1: a rule's name, or a mapping of rule names to weights."""
    rule, line = node.get("score", "completion"), node.line_of("score")
    weights = {rule: 1} if isinstance(rule, str) else rule
    if not isinstance(weights, dict) or not weights:
        raise DataError(path, line, f"'score' must be one of {', '.join(RULES)} or a mapping of them to weights")
    for name, weight in weights.items():
        if name not in RULES:
            raise DataError(path, line, f"unknown score rule '{name}' (known: {', '.join(RULES)})")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
            raise DataError(path, line, f"the weight of '{name}' must be a number, 0 or more (not {weight!r})")
    total = sum(weights.values())
    if total <= 0:
        raise DataError(path, line, "the score weights add up to 0")
    return {name: weights[name] / total for name in RULES if name in weights}


def _points(path: Path, node) -> float:
    points = node.get("points", 100)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise DataError(path, node.line_of("points"), f"'points' must be a positive number (not {points!r})")
    return float(points)


def _canvas_id(path: Path, node) -> str | None:
    """`canvas_assignment_id:` as Canvas shows it in the assignment's address (…/assignments/4321): digits."""
    value = node.get("canvas_assignment_id")
    if value is None:
        return None
    if isinstance(value, bool) or not re.fullmatch(r"[1-9][0-9]*", str(value)):
        raise DataError(
            path,
            node.line_of("canvas_assignment_id"),
            f"'canvas_assignment_id' must be the number in the Canvas assignment's address (not {value!r})",
        )
    return str(value)


def _exercise_markdown(banks: Banks, corpus: Corpus, ex_id: str, number: int) -> str:
    """A printable version of one exercise: prompt and choices (sorted, never as written), no answers."""
    data = banks.exercises[ex_id].data
    kind = banks.exercises[ex_id].type
    lines = [f"### {number}. {data['prompt']}", ""]
    if kind in ("single", "multiple"):
        lines += [f"- [ ] {text}" for text in sorted(o["text"] for o in data["options"])]
    elif kind == "evidence":
        lines += [f"Claim: {data['claim']}", ""]
        lines += sorted(
            f"- [ ] “{o.get('excerpt') or corpus.passage(o['passage']).text}” ({o['passage']})" for o in data["options"]
        )
    elif kind == "classify":
        lines += [
            f"- “{i.get('excerpt') or corpus.passage(i['passage']).text}” ({i['passage']}) → ________"
            for i in data["items"]
        ]
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
    parts = [
        f"# {assignment.title}",
        "",
        f"**Due:** {assignment.due:%d %B %Y}",
        "",
        assignment.instructions.strip(),
        "",
    ]
    parts += [
        _exercise_markdown(banks, corpus, ex_id, i) + "\n" for i, ex_id in enumerate(assignment.exercises, start=1)
    ]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        parts += [f"### {i}. {prompt}", "", "_" * 60, ""]
    return "\n".join(parts)


def notebook(assignment: Assignment, banks: Banks, corpus: Corpus) -> nbformat.NotebookNode:
    """A Jupyter notebook with the live exercises (`q1 = Exercise(...)`) and cells for the prompts. It
    carries its exercises (`offline/standalone.py`): any Python 3 kernel with anywidget runs it."""
    import nbformat  # here: it takes a second to import, and only this needs it

    from ..exercises.payload import notebook_payload
    from ..offline.standalone import exercise_cell, opening_cells

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    how = (
        "*Run the cells in order (Run → Run All Cells): the first installs `anywidget` if it is missing. "
        "Your answers are kept in `sourcebook-progress.json` beside this notebook; `q1.result` holds your "
        "last attempt at exercise 1.*"
    )
    payloads = {ex_id: notebook_payload(banks.exercises[ex_id], corpus, banks) for ex_id in assignment.exercises}
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {assignment.title}\n\n**Due:** {assignment.due:%d %B %Y}\n\n{assignment.instructions.strip()}\n\n{how}"
        ),
        *opening_cells(payloads),
    ]
    for i, ex_id in enumerate(assignment.exercises, start=1):
        cells += [nbformat.v4.new_markdown_cell(f"## Exercise {i}"), exercise_cell(i, ex_id)]
    for i, prompt in enumerate(assignment.prompts, start=len(assignment.exercises) + 1):
        cells += [
            nbformat.v4.new_markdown_cell(f"## Question {i}\n\n{prompt}"),
            nbformat.v4.new_markdown_cell("*Write your answer here.*"),
        ]
    cells += [
        nbformat.v4.new_markdown_cell(
            "## Hand in\n\nPut your name in the cell below and run it: it writes "
            "`sourcebook-work.json` beside this notebook. Hand in that file with "
            "this notebook (which holds your written answers)."
        ),
        nbformat.v4.new_code_cell('NotebookStore().save_work("Your name")'),
    ]
    nb.cells = cells
    return nb
