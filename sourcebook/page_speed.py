"""Lighter theme pages: no search index outside the search page, and scripts that do not block rendering."""

from __future__ import annotations

from pathlib import Path

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


def setup_page_speed(app):
    app.connect("config-inited", add_templates)  # event order - 0, before the builder loads templates
    app.connect("html-page-context", defer_scripts, priority=900)  # after every script was added
