"""Two audiences from one source: instructor-only notes and answer keys, and the assignment pages.

The audience is chosen when the book is built: `SOURCEBOOK_AUDIENCE=instructor` (see `make
book-instructor`) or the `sourcebook_audience` config value. In the student build, instructor-only
content is dropped while pages are parsed, so it reaches no HTML, search index or download.

MyST syntax::

    ```{instructor-note} Teaching the sourcing card
    Text only instructors see.
    ```

    ```{assignments}
    ```        (every assignment in exercises/assignments/, with its exercises in order)
"""

from __future__ import annotations

import html
import os

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..exercises.directive import exercise_node, place_exercise
from ..exercises.payload import block, inline
from ..reading.answers import written_answer
from ..translation.interface import tr

AUDIENCES = ("student", "instructor")


def is_instructor(config) -> bool:
    return config.sourcebook_audience == "instructor"


class InstructorNoteDirective(SphinxDirective):
    """``{instructor-note} Title``: an admonition that exists only in the instructor build."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        if not is_instructor(self.config):
            return []
        title = self.arguments[0] if self.arguments else "For instructors"
        note = nodes.admonition(classes=["sb-instructor", "admonition"])
        note += nodes.title("", f"Instructors: {title}")
        note += self.parse_content_to_nodes()
        return [note]


def rule_text(assignment) -> str:
    """An assignment's score rule in words, for the instructor edition's Assignments page."""
    parts = [f"{weight:.0%} {name}" for name, weight in assignment.score.items()]
    late = (
        f"; late work keeps {assignment.late:.0%} of its score" if assignment.late < 1 else "; no penalty for late work"
    )
    return f"Score: {' + '.join(parts)}, out of {assignment.points:g} points{late}; due {assignment.due_text}."


class AssignmentsDirective(SphinxDirective):
    """``{assignments}``: one section per assignment file: title, due date, instructions, then every question
    under its number (the one the notebook, handout, CSV and feedback use). Drafts only in the instructor
    edition, which also shows each one's score rule and the command that exports it."""

    def run(self):
        out = []
        instructor = is_instructor(self.config)
        for assignment in self.env.app.sourcebook.assignments.values():
            if assignment.draft and not instructor:
                continue
            section = nodes.section(ids=[f"assignment-{assignment.name}"])
            section += nodes.title("", assignment.title + (" (draft)" if assignment.draft else ""))
            section += nodes.paragraph("", "", nodes.strong("", "Due: "), nodes.Text(assignment.due_text))
            if instructor:
                facts = nodes.paragraph("", rule_text(assignment), classes=["sb-instructor"])
                if assignment.draft:
                    facts += nodes.Text(" Draft: not in the student edition, the gradebooks or the question exports.")
                section += facts
            section += self.parse_text_to_nodes(assignment.instructions)
            for ex_id in assignment.exercises:
                section += nodes.rubric(
                    "", tr(self.env, "Question {n}", n=assignment.number(ex_id)), translatable=False
                )
                section += place_exercise(self.env, ex_id)
            for i, prompt in enumerate(assignment.prompts, start=1):
                n = assignment.number(assignment.answer_id(i))
                section += nodes.rubric("", tr(self.env, "Question {n}", n=n), translatable=False)
                section += self.parse_text_to_nodes(prompt)
                section += written_answer(assignment.answer_id(i), tr(self.env, "Your answer to question {n}", n=n))
            if instructor:
                downloads = nodes.paragraph(
                    "", f"Export for a class: python -m sourcebook assignment {assignment.name}"
                )
                downloads["classes"].append("sb-assignment-export")
                section += downloads
            out.append(section)
        return out


def answer_key_html(exercise) -> str:
    """The instructor's view of one exercise: the correct answer, the model answer, teaching notes."""
    data, kind = exercise.data, exercise.type
    if kind in ("single", "multiple", "evidence"):
        answers = [
            o.get("text") or f"{o['passage']}: {o.get('excerpt', '')}" for o in data["options"] if o.get("correct")
        ]
        key = "; ".join(inline(a) for a in answers)
    elif kind == "classify":
        key = "; ".join(f"{html.escape(i['passage'])} → {html.escape(i['answer'])}" for i in data["items"])
    elif kind == "match":
        key = "; ".join(f"{inline(p['left'])} → {inline(p['right'])}" for p in data["pairs"])
    elif kind == "order":
        key = " → ".join(inline(i) for i in data["items"])
    else:
        key = block(data["model_answer"]) or ""
    notes = block(data.get("teacher_notes")) or ""
    return (
        f'<details class="sb-answer-key"><summary>Answer key (instructors)</summary>'
        f'<div class="sb-answer">{key}</div>{notes}</details>'
    )


def add_answer_keys(app, doctree, docname):
    """doctree-resolved: in the instructor build, attach each exercise's answer key and notes."""
    if not is_instructor(app.config):
        return
    for node in doctree.findall(exercise_node):
        node["answer_key_html"] = answer_key_html(app.sourcebook.banks.exercises[node["exercise_id"]])


def mark_edition(app):
    """builder-inited: say in the title which edition this is."""
    if is_instructor(app.config):
        app.config.html_title = f"{app.config.html_title} (instructor edition)"


BANNER = (
    '<span class="sb-edition-banner"><strong>Instructor edition</strong>: answer keys and teaching notes are '
    "shown. Do not publish it to students.</span>"
)


def edition_banner(app, pagename, templatename, context, doctree):
    """html-page-context: every page of the instructor edition says so at its top (the theme's announcement
    bar, on every page, the search page and the index included), on screen and on paper."""
    if is_instructor(app.config):
        context["theme_announcement"] = BANNER


def setup_instructor(app):
    app.add_config_value("sourcebook_audience", os.environ.get("SOURCEBOOK_AUDIENCE", "student"), "env", types=[str])
    app.add_directive("instructor-note", InstructorNoteDirective)
    app.add_directive("assignments", AssignmentsDirective)
    app.connect("builder-inited", mark_edition)  # event order - 1
    app.connect("doctree-resolved", add_answer_keys)  # event order - writing, each page
    app.connect("html-page-context", edition_banner)  # event order - writing, each page
