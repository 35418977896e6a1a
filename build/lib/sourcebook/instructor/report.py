"""The class report: one self-contained HTML file (no script, nothing fetched, readable on a phone).

Every string that comes from a student's file (names, ids, file names, answers) is escaped, so a name
holding `<script>` shows as text. Bank text arrives already rendered by `exercises.payload` (raw HTML
disabled). The charts are SVG drawn by vl-convert, each with a text description and its table.
"""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from ..course import Course
from ..exercises.schema import SKILLS
from .analysis import Item, StudentRow, Written, analyse
from .classwork import ClassWork

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:62rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{font-size:1.1rem}
.wrap{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.item,.written{border:1px solid #ccc;border-radius:.4rem;padding:.25rem 1rem;margin:1rem 0}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #0072B2;margin:.25rem 0 1rem;padding:.25rem .75rem;background:#f5f8fb}
.who{font-weight:600;overflow-wrap:anywhere}.key{color:#006b3c;font-weight:600}
.bar{display:inline-block;height:.7rem;background:#0072B2;vertical-align:middle;margin-right:.3rem}
fieldset{border:1px solid #ccc;min-width:0}label{display:inline-block;margin-right:1rem}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
"""


def _ratio(pair: tuple[int, int]) -> str:
    right, n = pair
    return f"{right}/{n}" if n else "–"


def _table(head: list[str], rows: list[list[str]], caption: str, numeric=None) -> str:
    """A table in a scrolling wrapper (`numeric`: the columns aligned right, default all but the first);
    cells are HTML already escaped by the caller."""
    numeric = set(range(1, len(head))) if numeric is None else set(numeric)
    cls = [' class="n"' if i in numeric else "" for i in range(len(head))]
    th = "".join(f'<th scope="col"{cls[i]}>{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>"
        + "".join(f'<th scope="row">{c}</th>' if i == 0 else f"<td{cls[i]}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    # A table wider than the screen scrolls in its own region, which a keyboard can reach.
    return (
        f'<div class="wrap" role="region" tabindex="0" aria-label="{html.escape(caption)}">'
        f"<table><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _filter_css(course: Course) -> tuple[str, str]:
    """Radio buttons that show one assignment's items only (CSS :has, no script), and their rules."""
    names = list(course.assignments)
    if not names:
        return "", ""
    radios = ['<label><input type="radio" name="show" id="show-all" checked> All work</label>']
    rules = []
    for i, name in enumerate(names):
        radios.append(
            f'<label><input type="radio" name="show" id="show-a{i}"> '
            f"{html.escape(course.assignments[name].title)}</label>"
        )
        rules.append(f"body:has(#show-a{i}:checked) .filtered:not(.a{i}){{display:none}}")
    form = f"<fieldset><legend>Show the exercises and written answers of</legend>{''.join(radios)}</fieldset>"
    return form, "\n".join(rules)


def _classes(course: Course, assignments: list[str]) -> str:
    names = list(course.assignments)
    return " ".join(["filtered"] + [f"a{names.index(a)}" for a in assignments])


def _svg(chart) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict())


def _figure(chart, title: str, description: str) -> str:
    return (
        f'<figure role="group" aria-label="{html.escape(title)}"><figcaption><strong>{html.escape(title)}.</strong> '
        f'{html.escape(description)}</figcaption><div aria-hidden="true">{_svg(chart)}</div></figure>'
    )


def _charts(rows: list[StudentRow], items: list[Item]) -> str:
    skills = pd.DataFrame(
        [
            {
                "skill": SKILLS[k],
                "first_try": (sum(r.skills[k][0] for r in rows) / max(1, sum(r.skills[k][1] for r in rows))),
            }
            for k in SKILLS
        ]
    )
    profile = (
        alt.Chart(skills)
        .mark_bar(color="#0072B2")
        .encode(
            y=alt.Y("skill:N", sort=None, title=None),
            x=alt.X(
                "first_try:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title="Right at the first try"
            ),
            tooltip=["skill", alt.Tooltip("first_try:Q", format=".0%")],
        )
        .properties(width=320, title="Skill profile")
    )
    text = "; ".join(f"{s.skill} {s.first_try:.0%}" for s in skills.itertuples())
    parts = [
        _figure(
            profile, "Skill profile", f"Share of checked answers right at the first try, per reading skill: {text}."
        )
    ]
    checked = [i for i in items if i.type != "open" and i.attempted]
    if checked:
        df = pd.DataFrame([{"exercise": i.id, "first_try": i.first_try, "skill": SKILLS[i.skill]} for i in checked])
        df = df.sort_values("first_try")
        difficulty = (
            alt.Chart(df)
            .mark_bar()
            .encode(
                y=alt.Y("exercise:N", sort=None, title=None),
                x=alt.X(
                    "first_try:Q",
                    axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1]),
                    title="Right at the first try",
                ),
                color=alt.Color(
                    "skill:N", title="Skill", scale=alt.Scale(range=["#0072B2", "#D55E00", "#009E73", "#CC79A7"])
                ),
            )
            .properties(width=320, title="Item difficulty")
        )
        hardest = ", ".join(f"{r.exercise} {r.first_try:.0%}" for r in df.head(3).itertuples())
        parts.append(
            _figure(
                difficulty,
                "Item difficulty",
                f"First-try accuracy of each exercise attempted, hardest first (hardest: {hardest}); "
                "the figures are in the item analysis below.",
            )
        )
    return "".join(parts)


def _students(rows: list[StudentRow], course: Course) -> str:
    assignments = list(course.assignments.values())
    head = ["Student", "Id", "File(s)", "Exercises done", "First try"] + [
        f"{html.escape(a.title)} (of {a.points:g})" for a in assignments
    ]
    body = [
        [
            html.escape(r.student.label),
            html.escape(r.student.id),
            html.escape(", ".join(r.student.files)),
            str(r.attempted),
            _ratio(r.first_try),
        ]
        + [f"{r.assignments[a.name].points(a):g}" for a in assignments]
        for r in rows
    ]
    out = [
        _table(
            head,
            body,
            "Per student: exercises done, right at the first try, and each assignment's score",
            range(3, len(head)),
        )
    ]
    out.append(
        _table(
            ["Student"] + list(SKILLS.values()),
            [[html.escape(r.student.label)] + [_ratio(r.skills[k]) for k in SKILLS] for r in rows],
            "Per student and reading skill: right at the first try / attempted",
        )
    )
    chapters = sorted({c for r in rows for c in r.chapters})
    if chapters:
        out.append(
            _table(
                ["Student"] + [html.escape(c) for c in chapters],
                [[html.escape(r.student.label)] + [_ratio(r.chapters.get(c, (0, 0))) for c in chapters] for r in rows],
                "Per student and chapter: right at the first try / attempted",
            )
        )
    return "".join(out)


def _bar(x: float | None) -> str:
    return "–" if x is None else f'<span class="bar" style="width:{x * 4:.2f}rem"></span>{x:.0%}'


def _item(item: Item, course: Course) -> str:
    stats = (
        f"{item.attempted} attempted · {item.attempts:.1f} attempts on average · "
        f"right at the first try {item.first_try:.0%} · right now {item.final:.0%}"
    )
    parts = [
        f'<section class="item {_classes(course, item.assignments)}" id="item-{html.escape(item.id)}">',
        f"<h3>{html.escape(item.id)} <small>({item.type}, {SKILLS[item.skill]})</small></h3>",
        item.prompt_html,
        f"<p>{stats}</p>",
    ]
    for group in item.groups:
        if group.heading_html:
            parts.append(f"<h4>{group.heading_html}</h4>")
        rows = [
            [
                c.html,
                '<span class="key">✓ key</span>' if c.correct else "",
                _bar(c.first),
                _bar(c.last),
                c.feedback_html or "",
            ]
            for c in group.choices
        ]
        parts.append(
            _table(
                ["Option", "Key", "First answers", "Last answers", "Feedback"],
                rows,
                "Share of the class choosing each option",
                (2, 3),
            )
        )
        if group.feedback_html:
            parts.append(f'<div class="feedback"><strong>Feedback:</strong> {group.feedback_html}</div>')
    parts.append("</section>")
    return "".join(parts)


def _written(w: Written, course: Course) -> str:
    parts = [
        f'<section class="written {_classes(course, w.assignments)}" id="written-{html.escape(w.key)}">',
        f"<h3>{html.escape(w.key)}</h3>",
        w.prompt_html,
    ]
    if w.model_answer_html:
        parts.append(f"<details open><summary>Model answer</summary>{w.model_answer_html}</details>")
    if w.rubric_html:
        parts.append("<p>Rubric:</p><ol>" + "".join(f"<li>{r}</li>" for r in w.rubric_html) + "</ol>")
    if not w.entries:
        parts.append("<p>No student has written an answer yet.</p>")
    for student, text, rating in w.entries:
        rated = f" · self-rating {html.escape(rating)}" if rating else ""
        parts.append(
            f'<p class="who">{html.escape(student.label)}{rated}</p>'
            f'<blockquote class="answer">{html.escape(text)}</blockquote>'
        )
    parts.append("</section>")
    return "".join(parts)


def _who(work: ClassWork) -> str:
    parts = [
        f"<p>{len(work.students)} student(s) from {sum(len(s.files) for s in work.students)} file(s); "
        f"{len(work.skipped)} file(s) skipped.</p>"
    ]
    if work.skipped:
        parts.append(
            "<h3>Skipped files</h3><ul>"
            + "".join(f"<li><code>{html.escape(n)}</code>: {html.escape(why)}</li>" for n, why in work.skipped)
            + "</ul>"
        )
    if work.unknown_records:
        parts.append(
            "<h3>Answers to exercises this course no longer has (set aside)</h3><ul>"
            + "".join(
                f"<li><code>{html.escape(n)}</code>: {html.escape(', '.join(sorted(ids)))}</li>"
                for n, ids in work.unknown_records.items()
            )
            + "</ul>"
        )
    if work.roster is not None:
        missing = "".join(f"<li>{html.escape(m.name)} ({html.escape(m.email)})</li>" for m in work.missing)
        strays = "".join(
            f"<li>{html.escape(s.label)} ({html.escape(', '.join(s.files))})</li>" for s in work.not_on_roster
        )
        parts.append(
            f"<h3>Handed in nothing ({len(work.missing)} of {len(work.roster)} on the roster)</h3>"
            f"<ul>{missing or '<li>none</li>'}</ul>"
        )
        parts.append(f"<h3>Files of students not on the roster</h3><ul>{strays or '<li>none</li>'}</ul>")
        if work.roster_clashes:
            parts.append(
                "<h3>Roster matches to check</h3><ul>"
                + "".join(f"<li>{html.escape(c)}</li>" for c in work.roster_clashes.values())
                + "</ul>"
            )
    return "".join(parts)


def report_html(work: ClassWork, course: Course) -> str:
    """The whole report as one HTML document."""
    rows, items, written = analyse(work, course)
    form, rules = _filter_css(course)
    return "\n".join(
        [
            '<!doctype html><html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Class report</title>',
            f"<style>{STYLE}{rules}</style></head><body><main>",
            "<h1>Class report</h1>",
            _who(work),
            "<h2>Students</h2>",
            _students(rows, course) if rows else "<p>No student file could be read.</p>",
            "<h2>Charts</h2>",
            _charts(rows, items),
            "<h2>Item analysis</h2>",
            form,
            "<p>For each exercise: the share of the students who attempted it that chose each option, in their first "
            "answer and in their last, with the feedback that option gives.</p>",
            "".join(_item(i, course) for i in items) or "<p>No exercise attempted.</p>",
            "<h2>Written answers</h2>",
            "".join(_written(w, course) for w in written) or "<p>None.</p>",
            "</main></body></html>",
        ]
    )
