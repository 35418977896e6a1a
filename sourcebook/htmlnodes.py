"""Helpers shared by the custom nodes: JSON data blocks in pages, and HTML-only registration."""

from __future__ import annotations

import json

from docutils import nodes


def json_script(css_class: str, data) -> str:
    """A `<script type="application/json">` block that cannot end early (`</` is escaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    return f'<script type="application/json" class="{css_class}">{text}</script>'


def _skip(self, node):
    raise nodes.SkipNode


def add_html_node(app, node_class, visit) -> None:
    """Register a node that only the HTML builders render; every other builder skips it."""
    app.add_node(node_class, html=(visit, None), latex=(_skip, None), text=(_skip, None), man=(_skip, None),
                 texinfo=(_skip, None))


def data_widget(css_class: str, data, noscript: str) -> str:
    """A `<div class=css_class>` holding its data as JSON, for a page script to bring to life."""
    return (f'<div class="{css_class}">' + json_script(f"{css_class}-data", data)
            + f'<p class="sb-noscript">{noscript}</p></div>\n')
