"""Adjustments to the book theme: lighter pages (no search index outside the search page, no blocking
scripts, no unused CSS), no dead "download source" link, accessible bibliography entries."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

TEMPLATES = Path(__file__).parent / "templates"
# Inline scripts on every page read this one synchronously, so it must not be deferred.
KEEP_BLOCKING = ("documentation_options.js",)


def add_templates(app, config):
    """config-inited: our layout.html drops the theme's search scripts on non-search pages."""
    config.templates_path.append(str(TEMPLATES))


def defer_scripts(app, pagename, templatename, context, doctree):
    """html-page-context: defer every classic script file, so none blocks the first paint.

    Not on the search page, whose template loads searchtools.js synchronously after them.
    """
    if pagename == "search":
        return
    deferred = []
    for script in context.get("script_files", []):
        attrs = getattr(script, "attributes", {})
        if script.filename and not script.filename.endswith(KEEP_BLOCKING) and "body" not in attrs \
                and attrs.get("type") != "module" and "async" not in attrs:
            script = _JavaScript(script.filename, priority=script.priority, **{**attrs, "defer": "defer"})
        deferred.append(script)
    context["script_files"] = deferred


def _uses(doctree, prefix: str) -> bool:
    return doctree is not None and any(c.startswith(prefix) for node in doctree.findall()
                                       for c in getattr(node, "get", lambda *_: [])("classes", []))


def drop_unused_css(app, pagename, templatename, context, doctree):
    """html-page-context: leave out the code-highlighting, sphinx-design and myst-nb style sheets where
    nothing on the page uses them."""
    unused = []
    if doctree is None or not any(True for _ in doctree.findall(nodes.literal_block)):
        unused.append("pygments.css")
    if not _uses(doctree, "sd-"):
        unused.append("sphinx-design.min.css")
    if not _uses(doctree, "cell"):
        unused.append("mystnb.")
    context["css_files"] = [css for css in context.get("css_files", [])
                            if not any(name in css.filename for name in unused)]


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
    app.connect("config-inited", add_templates)  # event order - 0, before the builder loads templates
    app.connect("html-page-context", defer_scripts, priority=900)  # after every script was added
    app.connect("html-page-context", drop_unused_css, priority=900)  # after every style sheet was added
    app.connect("html-page-context", drop_source_download, priority=900)  # after the theme's buttons
    app.connect("html-page-context", fix_citation_roles)  # event order - writing, each page
