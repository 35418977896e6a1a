"""Assignments: small YAML files that pick exercises for students, exported as notebooks and handouts.

`exercises/assignments/<name>.yml`::

    title: Week 1 — Sourcing a policy commentary
    due: 2026-12-01       # the end of that day (UTC), or a time: 2026-12-01 17:00:00+05:00
    instructions: Markdown for the students.
    exercises: [stronski-2018-byline, stronski-2018-hedges]
    prompts: [An open question to answer in writing.]      # optional
    score: first-try      # optional: completion (default) | first-try | {completion: 1, first-try: 3}
    points: 10            # optional: what a full score is worth in the gradebook (default 100)
    late: 0.5             # optional: late work keeps this share of its score (default 1: no penalty)
    draft: true           # optional: not in the student edition, the gradebooks or the question exports
    canvas_assignment_id: 4321   # optional: the Canvas assignment's id, for the gradebook's `Title (4321)` column

`completion` is the share of the assignment's exercises attempted and prompts answered; `first-try`
the share of its checked exercises (every type but `open`) answered correctly at the first attempt; a
mapping weighs the two. Every problem in every file is reported at once, each at its line, as the
banks' check does (`DataErrors`).

Questions are numbered once, for every place that shows them (page, notebook, handout, CSV,
feedback): the exercises 1..N in order, then the written prompts N+1.. (`Assignment.number`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafile import DataError, DataErrors, Node, NotADate, Seq, load_yaml
from ..exercises.schema import Banks

if TYPE_CHECKING:
    import nbformat

    from ..sources import Corpus

FOLDER = "exercises/assignments"
RULES = ("completion", "first-try")
REQUIRED = ("title", "due", "instructions", "exercises")
OPTIONAL = ("prompts", "score", "points", "late", "draft", "canvas_assignment_id")


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
    late: float = 1.0  # the share of its score late work keeps
    draft: bool = False
    canvas_assignment_id: str | None = None

    @property
    def deadline(self) -> dt.datetime:
        """The moment work counts as late after: a date's end (UTC), or the time given."""
        if isinstance(self.due, dt.datetime):
            return self.due if self.due.tzinfo else self.due.replace(tzinfo=dt.UTC)
        return dt.datetime.combine(self.due, dt.time(23, 59, 59), dt.UTC)

    @property
    def due_text(self) -> str:
        when = f"{self.due:%d %B %Y}"
        return f"{when}, {self.deadline:%H:%M} UTC" if isinstance(self.due, dt.datetime) else when

    def number(self, item: str) -> int:
        """The question number of an exercise id or of a prompt's answer id (`<name>:<n>`)."""
        if item in self.exercises:
            return self.exercises.index(item) + 1
        return len(self.exercises) + int(item.rsplit(":", 1)[1])

    def answer_id(self, n: int) -> str:
        """The key a written answer to prompt `n` (from 1) is stored under in a work file."""
        return f"{self.name}:{n}"


def did_you_mean(word, known) -> str:
    """` (did you mean 'x'?)` for the closest of `known`, else nothing."""
    close = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Checks one assignment file, collecting every problem (`errors`) instead of stopping at the first."""

    def __init__(self, path: Path, banks: Banks):
        self.path, self.banks = path, banks
        self.errors: list[DataError] = []

    def fail(self, line: int, message: str) -> None:
        self.errors.append(DataError(self.path, line, message))

    def text(self, node: Node, key: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(node.line_of(key), f"'{key}' must be non-empty text (not {value!r})")
            return ""
        return value

    def keys(self, node: Node) -> None:
        for key in REQUIRED:
            if key not in node:
                self.fail(node.line, f"an assignment is missing '{key}'")
        for key in node:
            if key not in REQUIRED + OPTIONAL:
                known = ", ".join(REQUIRED + OPTIONAL)
                self.fail(
                    node.line_of(key), f"unknown key '{key}'{did_you_mean(key, REQUIRED + OPTIONAL)} (allowed: {known})"
                )

    def due(self, node: Node):
        value, line = node.get("due"), node.line_of("due")
        if isinstance(value, NotADate):
            self.fail(line, f"due date '{value}' is not a day of the calendar ({value.reason})")
        elif not isinstance(value, dt.date):
            self.fail(line, f"due date '{value}' must be written YYYY-MM-DD (or YYYY-MM-DD HH:MM:SS+HH:MM)")
        else:
            return value
        return None

    def exercises(self, node: Node) -> list[str]:
        ids, line = node.get("exercises"), node.line_of("exercises")
        if not isinstance(ids, list) or not ids:
            self.fail(line, "'exercises' must list at least one exercise id")
            return []
        seen: dict[str, int] = {}
        for i, ex_id in enumerate(ids):
            at = ids.line_at(i, line) if isinstance(ids, Seq) else line
            if not isinstance(ex_id, str):
                self.fail(at, f"an exercise id must be text (not {ex_id!r})")
            elif ex_id not in self.banks.exercises:
                self.fail(
                    at, f"unknown exercise '{ex_id}' (not in any bank){did_you_mean(ex_id, self.banks.exercises)}"
                )
            elif ex_id in seen:
                self.fail(at, f"exercise '{ex_id}' is listed twice (first on line {seen[ex_id]})")
            else:
                seen[ex_id] = at
        return list(seen)

    def prompts(self, node: Node) -> list[str]:
        prompts, line = node.get("prompts") or [], node.line_of("prompts")
        if not isinstance(prompts, list):
            self.fail(line, "'prompts' must be a list of questions to answer in writing")
            return []
        for i, prompt in enumerate(prompts):
            if not isinstance(prompt, str) or not prompt.strip():
                at = prompts.line_at(i, line) if isinstance(prompts, Seq) else line
                self.fail(at, f"prompt {i + 1} must be non-empty text (not {prompt!r})")
        return [p for p in prompts if isinstance(p, str) and p.strip()]

    def score_rule(self, node: Node) -> dict[str, float]:
        """`score:` as weights that sum to 1: a rule's name, or a mapping of rule names to weights."""
        rule, line = node.get("score", "completion"), node.line_of("score")
        weights = {rule: 1} if isinstance(rule, str) else rule
        if not isinstance(weights, dict) or not weights:
            self.fail(line, f"'score' must be one of {', '.join(RULES)} or a mapping of them to weights")
            return {"completion": 1.0}
        good = {}
        for name, weight in weights.items():
            at = weights.line_of(name) if isinstance(weights, Node) else line
            if name not in RULES:
                self.fail(at, f"unknown score rule '{name}'{did_you_mean(name, RULES)} (known: {', '.join(RULES)})")
            elif isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
                self.fail(at, f"the weight of '{name}' must be a number, 0 or more (not {weight!r})")
            else:
                good[name] = weight
        total = sum(good.values())
        if len(good) == len(weights) and total <= 0:
            self.fail(line, "the score weights add up to 0")
        return {name: good[name] / total for name in RULES if name in good} if total > 0 else {"completion": 1.0}

    def number(self, node: Node, key: str, default: float, fits, what: str) -> float:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not fits(value):
            self.fail(node.line_of(key), f"'{key}' must be {what} (not {value!r})")
            return default
        return float(value)

    def canvas_id(self, node: Node) -> str | None:
        """`canvas_assignment_id:` as Canvas shows it in the assignment's address (…/assignments/4321): digits."""
        value = node.get("canvas_assignment_id")
        if value is None:
            return None
        if isinstance(value, bool) or not re.fullmatch(r"[1-9][0-9]*", str(value)):
            self.fail(
                node.line_of("canvas_assignment_id"),
                f"'canvas_assignment_id' must be the number in the Canvas assignment's address (not {value!r})",
            )
            return None
        return str(value)

    def assignment(self, name: str) -> Assignment | None:
        try:
            node = load_yaml(self.path)
        except DataError as err:
            self.errors.append(err)
            return None
        if not isinstance(node, Node):
            self.fail(
                getattr(node, "line", 1), "an assignment must be a mapping (title:, due:, instructions:, exercises:)"
            )
            return None
        self.keys(node)
        draft = node.get("draft", False)
        if not isinstance(draft, bool):
            self.fail(node.line_of("draft"), f"'draft' must be true or false (not {draft!r})")
        found = Assignment(
            name,
            self.text(node, "title"),
            self.due(node),
            self.text(node, "instructions"),
            self.exercises(node),
            self.prompts(node),
            self.path,
            self.score_rule(node),
            self.number(node, "points", 100, lambda v: v > 0, "a positive number"),
            self.number(
                node, "late", 1, lambda v: 0 <= v <= 1, "a number from 0 to 1: the share of its score late work keeps"
            ),
            draft is True,
            self.canvas_id(node),
        )
        return found


def load_assignments(root: Path, banks: Banks) -> dict[str, Assignment]:
    """Every assignment file, validated against the banks; every problem at once (`file:line: reason`)."""
    found, errors = {}, []
    for path in sorted((Path(root) / FOLDER).glob("*.yml")):
        checker = _Checker(path, banks)
        assignment = checker.assignment(path.stem)
        errors += checker.errors
        if assignment is not None and not checker.errors:
            found[path.stem] = assignment
    if errors:
        raise DataErrors(errors)
    return found


def published(assignments: dict[str, Assignment]) -> dict[str, Assignment]:
    """The assignments students see: every one but the drafts."""
    return {name: a for name, a in assignments.items() if not a.draft}


def for_gradebook(assignments: dict[str, Assignment], names: list[str], now: dt.datetime) -> dict[str, Assignment]:
    """The assignments that get a gradebook column: those `names`, in that order; without names, every
    published one whose deadline has passed at `now`. A draft or an unknown name is refused (`ValueError`)."""
    if not names:
        return {n: a for n, a in published(assignments).items() if a.deadline < now}
    picked = {}
    for name in names:
        if name not in assignments:
            raise ValueError(
                f"unknown assignment '{name}'{did_you_mean(name, assignments)} (known: {', '.join(assignments)})"
            )
        if assignments[name].draft:
            raise ValueError(f"assignment '{name}' is a draft (draft: true in {FOLDER}/{name}.yml): it gets no column")
        picked[name] = assignments[name]
    return picked


# The notebook carries its exercises, so any Python 3 kernel with anywidget runs it.
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook(assignment: Assignment, banks: Banks, corpus: Corpus) -> nbformat.NotebookNode:
    """A Jupyter notebook with the live exercises (`q1 = Exercise(...)`) and a written-answer widget per
    prompt, numbered as everywhere else; its last cell writes the work file with both. It carries its
    exercises (`offline/standalone.py`): any Python 3 kernel with anywidget runs it."""
    import nbformat  # here: it takes a second to import, and only this needs it

    from ..exercises.payload import notebook_payload
    from ..offline.standalone import exercise_cell, opening_cells

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    how = (
        "*Run the cells in order (Run → Run All Cells): the first installs `anywidget` if it is missing. "
        "Your answers are kept in `sourcebook-progress.json` beside this notebook; `q1.result` holds your "
        "last attempt at question 1.*"
    )
    payloads = {ex_id: notebook_payload(banks.exercises[ex_id], corpus, banks) for ex_id in assignment.exercises}
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {assignment.title}\n\n**Due:** {assignment.due_text}\n\n{assignment.instructions.strip()}\n\n{how}"
        ),
        *opening_cells(payloads),
    ]
    for ex_id in assignment.exercises:
        n = assignment.number(ex_id)
        cells += [nbformat.v4.new_markdown_cell(f"## Question {n}"), exercise_cell(n, ex_id)]
    for i, prompt in enumerate(assignment.prompts, 1):
        key = assignment.answer_id(i)
        n = assignment.number(key)
        cells += [
            nbformat.v4.new_markdown_cell(f"## Question {n}\n\n{prompt}"),
            nbformat.v4.new_code_cell(f'q{n} = WrittenAnswer("{key}", "Your answer to question {n}")\nq{n}'),
        ]
    cells += [
        nbformat.v4.new_markdown_cell(
            "## Hand in\n\nPut your name in the cell below and run it: it writes `sourcebook-work.json` "
            "beside this notebook, with your answers to every question, the written ones included. "
            "Hand in that file."
        ),
        nbformat.v4.new_code_cell('NotebookStore().save_work("Your name")'),
    ]
    nb.cells = cells
    return nb
