"""Adjustments to the book theme: lighter pages (no search index outside the search page, no blocking
scripts, no unused tab script; the one style sheet is `stylesheet`'s), a sidebar button that works, no
dead "download source" link, accessible bibliography entries."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

TEMPLATES = Path(__file__).parent / "templates"
# pydata-sphinx-theme 0.17 wires only the first `.primary-toggle`, its own, which this theme hides; the
# book theme's visible button did nothing on any screen (pydata/pydata-sphinx-theme#2451). Forward it.
SIDEBAR_TOGGLE = """document.addEventListener("DOMContentLoaded", () => {
  const [wired, ...others] = document.querySelectorAll(".primary-toggle");
  others.forEach(button => button.addEventListener("click", event => { event.preventDefault(); wired.click(); }));
});"""


def add_templates(app, config):
    """config-inited: our layout.html links the one style sheet and drops the theme's search scripts on
    non-search pages."""
    config.templates_path.append(str(TEMPLATES))


def defer_scripts(app, pagename, templatename, context, doctree):
    """html-page-context: defer every classic script file, so none blocks the first paint, and make the
    inline ones (which set `DOCUMENTATION_OPTIONS` fields) modules, which run in order after those files.

    Not on the search page, whose template loads searchtools.js synchronously after them.
    """
    if pagename == "search":
        return
    deferred = []
    for script in context.get("script_files", []):
        attrs = getattr(script, "attributes", {})
        if attrs.get("type") != "module" and "async" not in attrs:
            extra = {"type": "module"} if "body" in attrs else {"defer": "defer"}
            script = _JavaScript(script.filename, priority=script.priority, **{**attrs, **extra})
        deferred.append(script)
    context["script_files"] = deferred


def drop_tab_script(app, pagename, templatename, context, doctree):
    """html-page-context: sphinx-design's tab script only on the pages that have a tab set."""
    if doctree is None or not any("sd-tab-set" in node.get("classes", []) for node in doctree.findall(nodes.Element)):
        context["script_files"] = [
            script
            for script in context.get("script_files", [])
            if not (script.filename or "").endswith("design-tabs.js")
        ]


def drop_source_download(app, pagename, templatename, context, doctree):
    """html-page-context: the sources are not copied into the site (they may hold instructor-only
    notes), so remove the theme's "download source file" entry, which would be a dead link."""
    for group in context.get("header_buttons", []):
        if isinstance(group.get("buttons"), list):
            group["buttons"] = [b for b in group["buttons"] if b.get("label") != "download-source-button"]


def fix_citation_roles(app, pagename, templatename, context, doctree):
    """html-page-context: docutils marks bibliography entries `role="doc-biblioentry"` inside a
    `role="list"`; ARIA 1.2 deprecates that role and screen readers need list items."""
    if 'role="doc-biblioentry"' in context.get("body", ""):
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup_theme(app):
    app.add_js_file(None, body=SIDEBAR_TOGGLE)
    app.connect("config-inited", add_templates)  # event order - 0, before the builder loads templates
    app.connect("html-page-context", defer_scripts, priority=900)  # after every script was added
    app.connect("html-page-context", drop_tab_script, priority=900)  # after sphinx-design added it
    app.connect("html-page-context", drop_source_download, priority=900)  # after the theme's buttons
    app.connect("html-page-context", fix_citation_roles)  # event order - writing, each page
