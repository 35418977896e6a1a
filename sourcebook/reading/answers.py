"""Written answers to assignment prompts, kept in the student's browser as they type.

`written_answer(answer_id, label)` is a node for the assignments page; `answers.js` turns it into a
labelled text box whose text is saved (with the work file's other answers) on every keystroke.
"""

from __future__ import annotations

import html

from docutils import nodes

from ..htmlnodes import add_html_node
from ..translation.interface import tr


class written_answer_node(nodes.General, nodes.Element):
    """A text box for one written answer, keyed by `answer_id` ("<assignment>:<n>")."""


def written_answer(answer_id: str, label: str) -> written_answer_node:
    return written_answer_node(answer_id=answer_id, label=label)


def visit_written_answer_html(self, node):
    paper = tr(self.builder.env, "Write your answer on paper, or open this page with scripts enabled to write it here.")
    self.body.append(
        f'<div class="sb-written" data-answer-id="{html.escape(node["answer_id"])}" '
        f'data-label="{html.escape(node["label"])}"><p class="sb-noscript">{html.escape(paper, quote=False)}</p></div>\n'
    )
    raise nodes.SkipNode


def page_meta(app, pagename, templatename, context, doctree):
    """html-page-context: the edition and build every saved work file records."""
    context["sourcebook_edition"] = app.config.sourcebook_audience
    context["sourcebook_build"] = (getattr(app.env, "sourcebook_data_digest", None) or "")[:12]


def setup_answers(app):
    add_html_node(
        app, written_answer_node, visit_written_answer_html, "sourcebook/exercise.css", "sourcebook/answers.js"
    )
    app.connect("html-page-context", page_meta)  # event order - writing, each page
