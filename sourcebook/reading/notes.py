"""The student's own reading: notes on the paragraphs of the source texts, the *My notes* page and an
essay plan for each synthesis prompt. The notes live in the browser (`notes-store.js`); the pages get
the vocabulary (theses, skills) and where each source's paragraphs are, as JSON data blocks.

MyST syntax::

    ```{my-notes}
    ```   (every note, grouped, searched and filtered; one thesis side by side by source)

    :::{essay-prompts}
    :ids: first-prompt second-prompt
    1. **A prompt.** Its text ...
    2. **Another.** ...
    :::   (a numbered list of prompts, each with a stable id and an essay plan under it)

Every page showing a `{source-text}` gets a note button on each numbered paragraph (`notes.js`).
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..citations import report, text_page
from ..exercises.schema import SKILLS
from ..htmlnodes import add_html_node, data_widget
from ..translation.banks import shared_label
from ..translation.interface import tr

PLAN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_.-]*$")
CSS = "sourcebook/notes.css"


class paragraph_notes_node(nodes.General, nodes.Element):
    """Added to each page that shows a source's text: the data `notes.js` needs."""


class my_notes_node(nodes.General, nodes.Element):
    """The *My notes* view."""


class essay_plan_node(nodes.General, nodes.Element):
    """An essay plan under one synthesis prompt."""


def visit_paragraph_notes_html(self, node):
    self.body.append(
        data_widget("sb-notes", node["data"], tr(self.builder.env, "Notes on paragraphs need scripts enabled."))
    )
    raise nodes.SkipNode


def visit_my_notes_html(self, node):
    self.body.append(
        data_widget(
            "sb-mynotes", node["data"], tr(self.builder.env, "Your notes are shown here when scripts are enabled.")
        )
    )
    raise nodes.SkipNode


def visit_essay_plan_html(self, node):
    self.body.append(
        data_widget("sb-essay-plan", node["data"], tr(self.builder.env, "The essay plan needs scripts enabled."))
    )
    raise nodes.SkipNode


class MyNotesDirective(SphinxDirective):
    """``{my-notes}``: every note the student wrote, read from the browser."""

    def run(self):
        return [my_notes_node()]


class EssayPromptsDirective(SphinxDirective):
    """``{essay-prompts}`` with ``:ids:`` (one per prompt, in order) around a numbered list of prompts."""

    has_content = True
    option_spec = {"ids": directives.unchanged_required}

    def run(self):
        location = self.get_location()
        ids = (self.options.get("ids") or "").split()
        body = self.parse_content_to_nodes()
        lists = [n for n in body if isinstance(n, nodes.enumerated_list)]
        problems = [f"'{i}' is not a valid prompt id" for i in ids if not PLAN_ID.match(i)]
        problems += [f"prompt id '{i}' is given twice" for i in sorted(set(ids)) if ids.count(i) > 1]
        if len(lists) != 1:
            problems.append("needs exactly one numbered list of prompts")
        elif len(lists[0].children) != len(ids):
            problems.append(f"gives {len(ids)} id(s) in :ids: for {len(lists[0].children)} prompt(s)")
        if problems:
            for problem in problems:
                report(self.env, f"essay-prompts: {problem}", location)
            return body
        for plan_id, item in zip(ids, lists[0].children, strict=False):
            item["ids"].append(f"essay-{plan_id}")
            title = next(iter(item.findall(nodes.strong)), None)
            text = (title or item).astext().strip().rstrip(".?:")
            item += essay_plan_node(data={"id": plan_id, "title": text})
        return body


def mark_text_pages(app, doctree):
    """doctree-read: a page that shows a source's text gets the paragraph notes."""
    if any("sb-source-text" in n["classes"] for n in doctree.findall(nodes.container)):
        doctree += paragraph_notes_node()


def sources_index(app, docname: str) -> dict:
    """Each source shown in the book: its label, the address of its text page relative to `docname`
    ("" for the page itself) and its number of paragraphs; enough to cite and link any paragraph."""
    out = {}
    for source in app.sourcebook.corpus.values():
        href = text_page(app, docname, source.id)
        if href is not None:
            out[source.id] = {
                "label": shared_label(app, source.label),
                "href": href,
                "paragraphs": len(source.paragraphs),
            }
    return out


def fill_notes_data(app, doctree, docname):
    """doctree-resolved: the vocabulary and the sources index, with addresses relative to this page."""
    vocabulary = {
        "theses": [{"id": t.id, "label": shared_label(app, t.label)} for t in app.sourcebook.banks.theses.values()],
        "skills": [{"id": k, "label": shared_label(app, v)} for k, v in SKILLS.items()],
    }
    for node in doctree.findall(lambda n: isinstance(n, (paragraph_notes_node, my_notes_node, essay_plan_node))):
        node["data"] = {**node.get("data", {}), **vocabulary, "sources": sources_index(app, docname)}


def setup_notes(app):
    add_html_node(app, paragraph_notes_node, visit_paragraph_notes_html, CSS, "sourcebook/notes.js")
    add_html_node(app, my_notes_node, visit_my_notes_html, CSS, "sourcebook/mynotes.js")
    add_html_node(app, essay_plan_node, visit_essay_plan_html, CSS, "sourcebook/essayplan.js")
    app.add_directive("my-notes", MyNotesDirective)
    app.add_directive("essay-prompts", EssayPromptsDirective)
    app.connect("doctree-read", mark_text_pages)  # event order - reading, each page
    app.connect("doctree-resolved", fill_notes_data)  # event order - writing, each page
