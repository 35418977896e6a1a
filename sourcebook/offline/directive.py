"""The progress page's offline-copy control: how much of the course this browser saved, and a button
to remove it (or save it again), brought to life by offline.js.

MyST syntax::

    ```{offline-copy}
    ```
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..htmlnodes import add_html_node
from ..translation.interface import tr


class offline_copy_node(nodes.General, nodes.Element):
    """The offline-copy control."""


def visit_offline_copy_html(self, node):
    needs = tr(
        self.builder.env, "Saving the course for offline reading needs JavaScript and a page served over http(s)."
    )
    self.body.append(
        f'<div class="sb-offline-copy"><p class="sb-noscript">{html.escape(needs, quote=False)}</p></div>\n'
    )
    raise nodes.SkipNode


class OfflineCopyDirective(SphinxDirective):
    """``{offline-copy}``: the state of the offline copy, with a button to remove it."""

    def run(self):
        return [offline_copy_node()]


def setup_offline_copy(app):
    add_html_node(app, offline_copy_node, visit_offline_copy_html, "sourcebook/offline.css")  # offline.js: every page
    app.add_directive("offline-copy", OfflineCopyDirective)
