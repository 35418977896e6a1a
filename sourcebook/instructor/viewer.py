"""The page where a student opens their instructor's feedback file (`feedback.js` shows it as text).

MyST syntax::

    ```{feedback-viewer}
    ```
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..htmlnodes import add_html_node
from ..translation.interface import tr


class feedback_viewer_node(nodes.General, nodes.Element):
    """Where `feedback.js` puts its file input and the comments."""


def visit_feedback_viewer_html(self, node):
    later = tr(self.builder.env, "Your instructor's feedback opens here when scripts are enabled.")
    self.body.append(
        f'<div class="sb-feedback-viewer"><p class="sb-noscript">{html.escape(later, quote=False)}</p></div>\n'
    )
    raise nodes.SkipNode


class FeedbackViewerDirective(SphinxDirective):
    """``{feedback-viewer}``: a file input that opens a feedback file and shows each comment by its answer."""

    def run(self):
        return [feedback_viewer_node()]


def setup_feedback_viewer(app):
    add_html_node(
        app, feedback_viewer_node, visit_feedback_viewer_html, "sourcebook/feedback.css", "sourcebook/feedback.js"
    )
    app.add_directive("feedback-viewer", FeedbackViewerDirective)
