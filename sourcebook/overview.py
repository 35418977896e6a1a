"""A class overview from the progress files students download (`sourcebook-progress.json`).

Each file is validated; a malformed or foreign file is reported and skipped, never merged.
Figures: completion and accuracy per exercise and per skill, and the exercises most often missed.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from .course import Course

FORMAT, VERSION, COURSE = "sourcebook-progress", 1, "china-russia-central-asia"


@dataclass
class Overview:
    """Per-student answers, the files that were skipped and why, and the summary tables."""

    answers: pd.DataFrame
    skipped: list[tuple[str, str]] = field(default_factory=list)
    students: int = 0

    def per_exercise(self, course: Course) -> pd.DataFrame:
        ids = list(course.banks.exercises)
        done = self.answers.groupby("exercise").agg(attempted=("student", "nunique"), correct=("correct", "sum"))
        table = done.reindex(ids, fill_value=0)
        table["skill"] = [course.banks.exercises[i].skill for i in table.index]
        table["completion"] = table.attempted / self.students if self.students else 0.0
        table["accuracy"] = (table.correct / table.attempted.where(table.attempted > 0)).fillna(0.0)
        return table.astype({"attempted": int, "correct": int})

    def per_skill(self, course: Course) -> pd.DataFrame:
        table = self.per_exercise(course).groupby("skill")[["attempted", "correct"]].sum()
        table["accuracy"] = (table.correct / table.attempted.where(table.attempted > 0)).fillna(0.0)
        return table

    def most_missed(self, course: Course, n: int = 5) -> pd.DataFrame:
        table = self.per_exercise(course)
        table = table[table.attempted > 0].assign(missed=lambda t: t.attempted - t.correct)
        return table[table.missed > 0].sort_values(["missed", "accuracy"], ascending=[False, True]).head(n)


def _problem(data, course: Course) -> str | None:
    """Why a parsed progress file cannot be used, or None."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f"not a progress file (expected \"format\": \"{FORMAT}\")"
    if data.get("version") != VERSION:
        return f"unsupported version {data.get('version')!r} (expected {VERSION})"
    if data.get("course", COURSE) != COURSE:
        return f"from another course ({data.get('course')!r})"
    records = data.get("exercises")
    if not isinstance(records, dict):
        return "\"exercises\" must be an object"
    for ex_id, record in records.items():
        if ex_id not in course.banks.exercises:
            return f"unknown exercise '{ex_id}' (a file from another course or version?)"
        if not isinstance(record, dict) or not isinstance(record.get("correct"), bool) \
                or not isinstance(record.get("attempts"), int) or record["attempts"] < 1:
            return f"exercise '{ex_id}': needs \"attempts\" (a positive integer) and \"correct\" (true or false)"
    return None


def load_progress(paths: list[Path], course: Course) -> Overview:
    """Read progress files; one student per file, named by the file's stem."""
    rows, skipped, students = [], [], set()
    for path in sorted(Path(p) for p in paths):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            skipped.append((path.name, f"unreadable: {err}"))
            continue
        problem = _problem(data, course)
        if problem is None and path.stem in students:
            problem = f"a second file for student '{path.stem}'"
        if problem:
            skipped.append((path.name, problem))
            continue
        students.add(path.stem)
        rows += [{"student": path.stem, "exercise": ex_id, "attempts": r["attempts"], "correct": r["correct"]}
                 for ex_id, r in data["exercises"].items()]
    answers = pd.DataFrame(rows, columns=["student", "exercise", "attempts", "correct"])
    return Overview(answers, skipped, len(students))


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict())


def report_html(overview: Overview, course: Course) -> str:
    """A self-contained HTML report (tables and SVG charts; nothing loaded from elsewhere)."""
    per_ex = overview.per_exercise(course).reset_index(names="exercise")
    chart = alt.Chart(per_ex).mark_bar().encode(
        y=alt.Y("exercise:N", sort=None, title=None), x=alt.X("accuracy:Q", axis=alt.Axis(format="%"), title="Accuracy"),
        color=alt.Color("skill:N", title="Skill")).properties(width=420, title="Accuracy per exercise")
    skipped = "".join(f"<li><code>{html.escape(n)}</code>: {html.escape(why)}</li>" for n, why in overview.skipped)
    fmt = {"completion": "{:.0%}".format, "accuracy": "{:.0%}".format}
    return "\n".join([
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Class overview</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}td,th{padding:.2rem .5rem}</style>",
        f"<h1>Class overview</h1><p>{overview.students} student file(s) read; {len(overview.skipped)} skipped.</p>",
        f"<h2>Skipped files</h2><ul>{skipped or '<li>none</li>'}</ul>",
        "<h2>Per exercise</h2>", per_ex.to_html(index=False, formatters=fmt, border=0),
        "<h2>Per skill</h2>", overview.per_skill(course).to_html(formatters=fmt, border=0),
        "<h2>Most often missed</h2>", overview.most_missed(course).to_html(formatters=fmt, border=0),
        _svg(chart), "</html>"])
