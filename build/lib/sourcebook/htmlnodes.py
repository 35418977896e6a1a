"""Helpers shared by the custom nodes: JSON data blocks in pages, HTML-only registration, the style
sheet each node needs (part of the site's one style sheet) and the script it needs, added only to the
pages that contain it."""

from __future__ import annotations

import json

from docutils import nodes


def json_script(css_class: str, data) -> str:
    """A `<script type="application/json">` block that cannot end early (`</` is escaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    return f'<script type="application/json" class="{css_class}">{text}</script>'


def _skip(self, node):
    raise nodes.SkipNode


def add_html_node(app, node_class, visit, css: str | None = None, js: str | None = None) -> None:
    """Register a node that only the HTML builders render (every other builder skips it), with its
    style sheet (bundled into every page's, see `stylesheet`) and the ES module pages containing it load."""
    app.add_node(
        node_class,
        html=(visit, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    if css:
        app.add_css_file(css)
    if not hasattr(app, "sourcebook_node_scripts"):
        app.sourcebook_node_scripts = {}
        app.connect("html-page-context", add_page_scripts)  # event order - writing, each page
    app.sourcebook_node_scripts[node_class] = js


def add_page_scripts(app, pagename, templatename, context, doctree):
    """html-page-context: each registered node's script, once, on the pages that contain it."""
    if doctree is None:
        return
    scripts = app.sourcebook_node_scripts
    present = {type(node) for node in doctree.findall(lambda n: type(n) in scripts)}
    for js in dict.fromkeys(scripts[c] for c in scripts if c in present and scripts[c]):
        app.add_js_file(js, type="module")


def data_widget(css_class: str, data, noscript: str) -> str:
    """A `<div class=css_class>` holding its data as JSON, for a page script to bring to life."""
    return (
        f'<div class="{css_class}">'
        + json_script(f"{css_class}-data", data)
        + f'<p class="sb-noscript">{noscript}</p></div>\n'
    )
