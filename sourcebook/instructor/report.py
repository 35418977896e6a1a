"""The class report: a summary page and, in a folder beside it, one page per assignment, one per chapter
whose self-checks were answered outside the assignments, and one of every student's results.

`class-report.html` comes first: the assignments with their scores, the items most missed, the written
answers waiting to be read, the skill profile, and the files to check (skipped, or whose flags disagree
with their answers). Each assignment's page (`class-report-pages/assignment-NAME.html`) holds its item
analysis, exercise by exercise (`#item-ID`), and its written answers, folded (`#written-KEY`). Every page
is self-contained HTML: no script, nothing fetched, readable on a phone, linked to the others by
relative addresses (it reads from disk). Every string that comes from a student's file (names, ids, file
names, answers) is escaped, so a name holding `<script>` shows as text. Bank text arrives already rendered
by `exercises.payload` (raw HTML disabled). The charts are SVG drawn by vl-convert from a Vega-Lite
specification, each with a text description.
"""

from __future__ import annotations

import html
import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..course import Course
from ..exercises.schema import SKILLS
from .analysis import Item, StudentRow, Written, analyse, titles
from .assignments import Assignment
from .classwork import ClassWork
from .late import late_mark_html

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:62rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{font-size:1.1rem}
nav ul{padding-left:1.2rem}nav li{margin:.15rem 0}
.wrap{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.item,.written{border:1px solid #ccc;border-radius:.4rem;padding:.25rem 1rem;margin:1rem 0}
.meta{color:#555;font-size:.9rem;overflow-wrap:anywhere}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #0072B2;margin:.25rem 0 1rem;padding:.25rem .75rem;background:#f5f8fb}
.who{font-weight:600;overflow-wrap:anywhere}.key{color:#006b3c;font-weight:600}
.bar{display:inline-block;height:.7rem;background:#0072B2;vertical-align:middle;margin-right:.3rem}
.late{color:#a40e26;font-weight:600}
summary{cursor:pointer;font-weight:600}details{margin:.5rem 0}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}.chart-dark{display:none}
:root{color-scheme:light dark}
@media (prefers-color-scheme:dark){
body{background:#14181e;color:#e6e6e6}a{color:#8fc9ff}h2{border-color:#48566b}
th,td{border-color:#3a4350}.item,.written{border-color:#48566b}
.answer{background:#1f2630;border-color:#5aa9e6}.key{color:#6fdc8c}.bar{background:#5aa9e6}
.chart-light{display:none}.chart-dark{display:block}}
"""
BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))
MOST_MISSED = 10
LISTED = 10  # entries of each list of files to check on the summary (all of them on the files page)


@dataclass
class Section:
    """One page of item analysis and written answers: an assignment's, or a chapter's unassigned self-checks."""

    page: str  # its file name in the pages folder
    title: str
    items: list[Item]
    written: list[Written]
    assignment: Assignment | None = None


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


def _figure(spec: dict, title: str, description: str) -> str:
    """The chart drawn twice, light and in vega's dark theme; the reader's system picks (no script)."""
    import vl_convert

    return (
        f'<figure role="group" aria-label="{html.escape(title)}"><figcaption><strong>{html.escape(title)}.</strong> '
        f'{html.escape(description)}</figcaption><div class="chart-light" aria-hidden="true">'
        f"{vl_convert.vegalite_to_svg(spec)}</div>"
        f'<div class="chart-dark" aria-hidden="true">{vl_convert.vegalite_to_svg(spec, theme="dark")}</div></figure>'
    )


def _bars(values: list[dict], title: str, color: dict | None = None) -> dict:
    """A Vega-Lite horizontal bar chart of `values` ({label, share, ...}), shares on a 0–100 % axis."""
    x = {"field": "share", "type": "quantitative", "axis": {"format": "%"}, "scale": {"domain": [0, 1]}}
    encoding = {"y": {"field": "label", "type": "nominal", "sort": None, "title": None}, "x": x}
    x["title"] = "Right at the first try"
    if color:
        encoding["color"] = color
    mark = {"type": "bar"} if color else {"type": "bar", "color": "#0072B2"}
    return {"data": {"values": values}, "mark": mark, "encoding": encoding, "width": 320, "title": title}


def _skill_profile(rows: list[StudentRow]) -> str:
    shares = {
        label: sum(r.skills[k][0] for r in rows) / max(1, sum(r.skills[k][1] for r in rows))
        for k, label in SKILLS.items()
    }
    text = "; ".join(f"{label} {share:.0%}" for label, share in shares.items())
    return _figure(
        _bars([{"label": label, "share": share} for label, share in shares.items()], "Skill profile"),
        "Skill profile",
        f"Share of checked exercises whose first answer is right, per reading skill: {text}.",
    )


def _difficulty(items: list[Item]) -> str:
    checked = sorted((i for i in items if i.type != "open" and i.attempted), key=lambda i: i.first_try)
    if not checked:
        return ""
    values = [
        {"label": _clip(i.title.split(" · ", 1)[-1], 48), "share": i.first_try, "skill": SKILLS[i.skill]}
        for i in checked
    ]
    color = {
        "field": "skill",
        "type": "nominal",
        "title": "Skill",
        "scale": {"domain": list(SKILLS.values()), "range": ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]},
    }
    hardest = "; ".join(f"{i.title} {i.first_try:.0%}" for i in checked[:3])
    return _figure(
        _bars(values, "Item difficulty", color),
        "Item difficulty",
        f"Share of first answers right, per exercise, hardest first (hardest: {hardest}); "
        "the figures are in the item analysis below.",
    )


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _bar(x: float | None) -> str:
    return "–" if x is None else f'<span class="bar" style="width:{x * 4:.2f}rem"></span>{x:.0%}'


# ------------------------------------------------------------------ pages and links


class Links:
    """Relative addresses between the summary (`STEM.html`) and the pages in `STEM-pages/`."""

    def __init__(self, stem: str):
        self.summary, self.folder = f"{stem}.html", f"{stem}-pages"

    def href(self, here: str, there: str, anchor: str = "") -> str:
        """From page `here` to page `there` ('' is the summary, else a file name in the folder)."""
        if not there:
            target = "../" + self.summary if here else self.summary
        else:
            target = there if here else f"{self.folder}/{there}"
        return html.escape(quote(target) + (f"#{quote(anchor, safe=':')}" if anchor else ""))


def _page(title: str, body: str) -> str:
    return "\n".join(
        [
            '<!doctype html><html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
            f"<main>{body}</main></body></html>",
        ]
    )


def _nav(links: Links, here: str, sections: list[Section]) -> str:
    """The list of pages (on the summary), or a line back to the summary and the list folded (elsewhere)."""
    entries = [("", "Summary"), ("students.html", "Students"), ("files.html", "Files to check")]
    entries += [(s.page, s.title) for s in sections]
    items = "".join(
        f'<li><a href="{links.href(here, page)}"' + (' aria-current="page"' if page == here else "") + ">"
        f"{html.escape(label)}</a></li>"
        for page, label in entries
    )
    if not here:
        return f'<nav aria-label="Pages of the report"><h2>Pages of the report</h2><ul>{items}</ul></nav>'
    return (
        f'<nav aria-label="Pages of the report"><p><a href="{links.href(here, "")}">Class report: summary</a></p>'
        f"<details><summary>All pages of the report</summary><ul>{items}</ul></details></nav>"
    )


def sections_of(items: list[Item], written: list[Written], course: Course) -> list[Section]:
    """One section per assignment, then one per chapter for the exercises answered outside every assignment."""
    by_id = {i.id: i for i in items}
    out = []
    for a in course.assignments.values():
        out.append(
            Section(
                f"assignment-{a.name}.html",
                a.title,
                [by_id[e] for e in a.exercises],
                [w for w in written if a.name in w.assignments],
                a,
            )
        )
    chapters: dict[str, Section] = {}
    for item in items:
        if not item.assignments:
            stem = course.banks.exercises[item.id].file.stem
            section = chapters.setdefault(
                stem, Section(f"chapter-{stem}.html", f"{item.chapter}: self-checks outside the assignments", [], [])
            )
            section.items.append(item)
    for w in written:
        if not w.assignments and w.key in course.banks.exercises:
            chapters[course.banks.exercises[w.key].file.stem].written.append(w)
    return out + list(chapters.values())


# ------------------------------------------------------------------ the summary


def _who(work: ClassWork) -> str:
    files = sum(len(s.files) for s in work.students)
    parts = [
        f"<p>{len(work.students)} student(s) from {files} file(s); {len(work.skipped)} file(s) skipped; "
        f"{len(work.disputed)} file(s) whose own flags disagree with their answers.</p>"
    ]
    return "".join(parts)


def _list(entries: list[str], limit: int | None, more: str) -> str:
    """A list of `entries` (HTML), cut after `limit` with a line pointing to where the rest is."""
    shown = entries if limit is None else entries[:limit]
    rest = len(entries) - len(shown)
    return (
        "<ul>" + "".join(f"<li>{e}</li>" for e in shown) + (f"<li>… {rest} more: {more}</li>" if rest else "") + "</ul>"
    )


def _files_to_check(work: ClassWork, titles: dict[str, str], limit: int | None = None, more: str = "") -> str:
    """The files to look at: skipped, claims that disagree with answers, old records, roster problems
    (each list cut after `limit` entries, `more` naming where the rest is)."""
    parts = []
    if work.skipped:
        entries = [f"<code>{html.escape(n)}</code>: {html.escape(why)}" for n, why in work.skipped]
        parts.append("<h3>Skipped files</h3>" + _list(entries, limit, more))
    if work.disputed:
        owner = {f: s.label for s in work.students for f in s.files}
        entries = [
            f"<code>{html.escape(name)}</code> ({html.escape(owner.get(name, ''))}): "
            + "; ".join(f"{html.escape(titles[ex_id])}: {html.escape(', '.join(why))}" for ex_id, why in found)
            for name, found in work.disputed.items()
        ]
        parts.append(
            '<h3 id="claims">Claims disagree with answers</h3><p>These files state results (right, right at the '
            "first try, attempts) that their own recorded answers do not bear out: the file was edited, or an "
            "exercise's key changed since the student answered. Their claims are ignored: every score in this "
            "report and in the gradebooks comes from the answers, checked against the key.</p>"
            + _list(entries, limit, more)
        )
    if work.unknown_records:
        entries = [
            f"<code>{html.escape(n)}</code>: {html.escape(', '.join(sorted(ids)))}"
            for n, ids in work.unknown_records.items()
        ]
        parts.append(
            "<h3>Answers to exercises this course no longer has (set aside)</h3>" + _list(entries, limit, more)
        )
    if work.roster is not None:
        missing = [f"{html.escape(m.name)} ({html.escape(m.email)})" for m in work.missing]
        strays = [f"{html.escape(s.label)} ({html.escape(', '.join(s.files))})" for s in work.not_on_roster]
        parts.append(
            f"<h3>Handed in nothing ({len(work.missing)} of {len(work.roster)} on the roster)</h3>"
            + _list(missing or ["none"], limit, more)
        )
        parts.append("<h3>Files of students not on the roster</h3>" + _list(strays or ["none"], limit, more))
        if work.roster_clashes:
            entries = [html.escape(c) for c in work.roster_clashes.values()]
            parts.append("<h3>Roster matches to check</h3>" + _list(entries, limit, more))
    return "".join(parts)


def _files(work: ClassWork, titles: dict[str, str], links: Links, sections: list[Section]) -> str:
    body = _files_to_check(work, titles) or "<p>Every file was read, and none disagrees with its answers.</p>"
    return _page("Class report: files", _nav(links, "files.html", sections) + "<h1>Files to check</h1>" + body)


def _handed_in(row: StudentRow, a: Assignment) -> bool:
    s = row.student
    return any(s.results.get(e) and s.results[e].done for e in a.exercises) or any(
        (s.work["answers"].get(f"{a.name}:{n}") or {}).get("text", "").strip() for n in range(1, len(a.prompts) + 1)
    )


def _assignments(rows: list[StudentRow], sections: list[Section], links: Links) -> str:
    head = ["Assignment", "Due", "Handed in", "Mean", "Median", "Written answers to read"]
    body, bands = [], []
    for section in sections:
        a = section.assignment
        if a is None:
            continue
        points = [r.assignments[a.name].points(a) for r in rows if _handed_in(r, a)]
        waiting = sum(len(w.entries) for w in section.written)
        body.append(
            [
                f'<a href="{links.href("", section.page)}">{html.escape(a.title)}</a>',
                html.escape(str(a.due)),
                f"{len(points)} of {len(rows)}",
                f"{statistics.fmean(points):.2f} of {a.points:g}" if points else "–",
                f"{statistics.median(points):g}" if points else "–",
                f'<a href="{links.href("", section.page, "written")}">{waiting}</a>',
            ]
        )
        counts = [sum(lo <= 100 * p / a.points < hi for p in points) for lo, hi in BANDS] if a.points else []
        bands.append([html.escape(a.title)] + [str(c) for c in counts])
    if not body:
        return "<p>The course has no assignments.</p>"
    return _table(head, body, "Each assignment: who handed it in, their scores, the written answers") + _table(
        ["Assignment"] + [f"{lo}–{min(hi, 100) - (hi < 101)} %" for lo, hi in BANDS],
        bands,
        "Scores of those who handed it in, in bands of the assignment's points (number of students)",
    )


def _missed(items: list[Item], page_of: dict[str, str], links: Links) -> str:
    checked = sorted((i for i in items if i.type != "open" and i.attempted), key=lambda i: (i.first_try, -i.attempted))
    if not checked:
        return "<p>No checked exercise has been answered yet.</p>"
    rows = []
    for i in checked[:MOST_MISSED]:
        missed = i.missed
        rows.append(
            [
                f'<a href="{links.href("", page_of[i.id], f"item-{i.id}")}">{html.escape(i.title)}</a>',
                str(i.attempted),
                _bar(i.first_try),
                _bar(i.final),
                f"{missed[0]} ({missed[1]:.0%})" if missed else "–",
            ]
        )
    return _table(
        ["Exercise", "Answered", "First answer right", "Last answer right", "Wrong answer chosen most"],
        rows,
        f"The {len(rows)} exercises with the fewest first answers right",
        (1, 2, 3),
    )


def _waiting(written: list[Written], page_of: dict[str, str], links: Links) -> str:
    rows = [
        [
            f'<a href="{links.href("", page_of[w.key], f"written-{w.key}")}">{html.escape(w.title)}</a>',
            str(len(w.entries)),
        ]
        for w in written
        if w.entries and w.key in page_of
    ]
    if not rows:
        return "<p>No written answer yet.</p>"
    return _table(["Question", "Answers"], rows, "Written answers to read, per question")


def summary(work: ClassWork, course: Course, analysis, sections: list[Section], links: Links) -> str:
    rows, items, written = analysis
    page_of = {i.id: s.page for s in reversed(sections) for i in s.items}
    page_of.update({w.key: s.page for s in reversed(sections) for w in s.written})
    named = titles(course)
    files_link = f'<a href="{links.href("", "files.html")}">Files to check</a>'
    checks = _files_to_check(work, named, LISTED, files_link)
    body = [
        "<h1>Class report</h1>",
        _who(work),
        checks and f'<h2 id="files">Files to check</h2>{checks}',
        '<h2 id="assignments">Assignments and scores</h2>',
        _assignments(rows, sections, links) if rows else "<p>No student file could be read.</p>",
        f'<p>Every student\'s scores, per assignment, skill and chapter: <a href="{links.href("", "students.html")}">'
        "Students</a>.</p>",
        '<h2 id="missed">Items most missed</h2>',
        _missed(items, page_of, links),
        '<h2 id="waiting">Written answers waiting</h2>',
        _waiting(written, page_of, links),
        '<h2 id="skills">Skill profile</h2>',
        _skill_profile(rows),
    ]
    body.insert(2, _nav(links, "", sections))
    return _page("Class report", "".join(body))


# ------------------------------------------------------------------ the other pages


def _students(rows: list[StudentRow], work: ClassWork, course: Course, links: Links, sections) -> str:
    assignments = list(course.assignments.values())
    claims = {f: len(found) for f, found in work.disputed.items()}
    head = ["Student", "Id", "File(s)", "Exercises done", "First try", "Claims to check"] + [
        f"{html.escape(a.title)} (of {a.points:g})" for a in assignments
    ]
    body = [
        [
            html.escape(r.student.label),
            html.escape(r.student.id),
            html.escape(", ".join(r.student.files)),
            str(r.attempted),
            _ratio(r.first_try),
            str(sum(claims.get(f, 0) for f in r.student.files)),
        ]
        + [f"{r.assignments[a.name].points(a):g}{late_mark_html(r.assignments[a.name].late)}" for a in assignments]
        for r in rows
    ]
    out = [
        "<h1>Students</h1>",
        _table(
            head,
            body,
            "Per student: exercises done, first answers right, exercises whose file's flags disagree with its "
            "answers, and each assignment's score",
            range(3, len(head)),
        ),
        _table(
            ["Student"] + list(SKILLS.values()),
            [[html.escape(r.student.label)] + [_ratio(r.skills[k]) for k in SKILLS] for r in rows],
            "Per student and reading skill: first answers right / checked exercises answered",
        ),
    ]
    chapters = sorted({c for r in rows for c in r.chapters})
    if chapters:
        out.append(
            _table(
                ["Student"] + [html.escape(c) for c in chapters],
                [[html.escape(r.student.label)] + [_ratio(r.chapters.get(c, (0, 0))) for c in chapters] for r in rows],
                "Per student and chapter: first answers right / checked exercises answered",
            )
        )
    return _page("Class report: students", _nav(links, "students.html", sections) + "".join(out))


def _choices(item: Item) -> list[str]:
    parts = []
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
    return parts


def _placements(item: Item) -> list[str]:
    """An order exercise: for each item (in the right order), the share placing it at each position."""
    n = len(item.placements)
    if not n:
        return []
    parts = []
    for which, label in (("first", "First answers"), ("last", "Last answers")):
        shares = [getattr(p, which) for p in item.placements]
        if any(s is None for s in shares):
            parts.append(f"<p>{label}: none recorded.</p>")
            continue
        rows = [
            [f"{p.html} <small>(place {p.right})</small>"]
            + [
                f'<span class="key">✓ {share:.0%}</span>' if pos == p.right - 1 else f"{share:.0%}"
                for pos, share in enumerate(s)
            ]
            for p, s in zip(item.placements, shares, strict=True)
        ]
        parts.append(
            _table(
                ["Item (its right place)"] + [f"Place {k}" for k in range(1, n + 1)],
                rows,
                f"{label}: the share of the class putting each item in each place (✓ its right place)",
            )
        )
    return parts


def _item(item: Item) -> str:
    stats = (
        f"{item.attempted} answered · first answer right {item.first_try:.0%} · last answer right {item.final:.0%}"
        # an open exercise's model answer is always shown: only the other types' "Show the answer" counts
        f" · answer shown to {item.revealed:.0%}"
        if item.type != "open"
        else f"{item.attempted} answered"
    )
    parts = [
        f'<section class="item" id="item-{html.escape(item.id)}">',
        f"<h3>{html.escape(item.title)}</h3>",
        f'<p class="meta">Exercise <code>{html.escape(item.id)}</code> · {html.escape(SKILLS[item.skill])}</p>',
        item.prompt_html,
        f"<p>{stats}</p>",
        *_choices(item),
        *_placements(item),
        "</section>",
    ]
    return "".join(parts)


def _rated(rating: str) -> str:
    return f" · self-rating {html.escape(rating)}" if rating else ""


def _written(w: Written) -> str:
    parts = [
        f'<section class="written" id="written-{html.escape(w.key)}">',
        f"<h3>{html.escape(w.title)}</h3>",
        w.prompt_html,
    ]
    if w.model_answer_html or w.rubric_html:
        rubric = (
            "<p>Rubric:</p><ol>" + "".join(f"<li>{r}</li>" for r in w.rubric_html) + "</ol>" if w.rubric_html else ""
        )
        parts.append(
            f"<details><summary>Model answer and rubric</summary>{w.model_answer_html or ''}{rubric}</details>"
        )
    if not w.entries:
        parts.append("<p>No student has written an answer yet.</p>")
    else:
        answers = "".join(
            f'<p class="who">{html.escape(student.label)}{_rated(rating)}</p>'
            f'<blockquote class="answer">{html.escape(text)}</blockquote>'
            for student, text, rating in w.entries
        )
        parts.append(f"<details><summary>The {len(w.entries)} answer(s)</summary>{answers}</details>")
    parts.append("</section>")
    return "".join(parts)


def _section(section: Section, links: Links, sections: list[Section]) -> str:
    a = section.assignment
    if a is not None:
        intro = (
            f"<p>Due {html.escape(str(a.due))} · {len(a.exercises)} exercise(s), {len(a.prompts)} written "
            f"question(s) · {a.points:g} points.</p>" + _difficulty(section.items)
        )
    else:
        intro = "<p>The self-checks of this chapter that students answered and no assignment includes.</p>"
    overview = _table(
        ["Exercise", "Answered", "First answer right", "Last answer right"],
        [
            [
                f'<a href="#item-{html.escape(i.id)}">{html.escape(i.title)}</a>',
                str(i.attempted),
                _bar(i.first_try) if i.type != "open" else "–",
                _bar(i.final) if i.type != "open" else "–",
            ]
            for i in section.items
        ],
        "The exercises of this page",
    )
    body = [
        f"<h1>{html.escape(section.title)}</h1>",
        intro,
        overview,
        '<h2 id="items">Item analysis</h2>',
        "<p>For each exercise: the share of the students who answered it that chose each option, in their first "
        "answer and in their last, with the feedback that option gives; for an order exercise, where they placed "
        "each item. Right and wrong are checked against the key, not taken from the files.</p>",
        "".join(_item(i) for i in section.items) or "<p>No exercise.</p>",
        '<h2 id="written">Written answers</h2>',
        "".join(_written(w) for w in section.written) or "<p>None.</p>",
    ]
    return _page(f"Class report: {section.title}", _nav(links, section.page, sections) + "".join(body))


def report_pages(work: ClassWork, course: Course, stem: str = "class-report") -> dict[str, str]:
    """Every page of the report, by its path relative to the summary's folder (the summary first)."""
    analysis = analyse(work, course)
    rows, items, written = analysis
    links = Links(stem)
    sections = sections_of(items, written, course)
    pages = {links.summary: summary(work, course, analysis, sections, links)}
    pages[f"{links.folder}/students.html"] = _students(rows, work, course, links, sections)
    pages[f"{links.folder}/files.html"] = _files(work, titles(course), links, sections)
    for section in sections:
        pages[f"{links.folder}/{section.page}"] = _section(section, links, sections)
    return pages


def write_report(out: Path, work: ClassWork, course: Course) -> list[Path]:
    """Write the summary to `out` and the other pages to the folder beside it (`STEM-pages/`), removing
    pages of a previous report that this one no longer has; returns the paths written."""
    pages = report_pages(work, course, out.stem)
    folder = out.parent / Links(out.stem).folder
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in pages.items():
        path = out.parent / rel
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for stale in [*folder.glob("assignment-*.html"), *folder.glob("chapter-*.html")]:
        if stale not in written:
            stale.unlink()
    return written
