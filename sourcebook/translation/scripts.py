"""The page scripts' message catalogue: `t("…")` and `tn("…", "…", n)` calls in
`static/sourcebook/*.js` (defined in `exercise.js`), extracted by babel's JavaScript extractor into
`locales/LANG/LC_MESSAGES/scripts.po`, and compiled to the JSON each page of that edition carries
inline (no request: the pages work from disk and offline)."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.extract import extract_javascript

from .catalogues import catalogue_path, coverage, is_english, merge, translations

SCRIPTS = Path(__file__).resolve().parent.parent / "static" / "sourcebook"
DOMAIN = "scripts"
KEYWORDS = {"t": None, "tn": (1, 2)}


def extract(folder: Path = SCRIPTS) -> list[tuple[str | tuple[str, str], list[tuple[str, int]]]]:
    """Every message of the page scripts, in file order, with where it is."""
    found: dict = {}
    for path in sorted(folder.glob("*.js")):
        with path.open("rb") as f:
            for line, func, message, _comments in extract_javascript(f, KEYWORDS, [], {}):
                # t("text", {values}) arrives as ("text", None); tn("one", "many", n) as its two forms
                if not message:
                    continue
                msgid = message if isinstance(message, str) else message[0] if func == "t" else tuple(message[:2])
                if msgid and all(msgid):
                    found.setdefault(msgid, []).append((f"sourcebook/static/sourcebook/{path.name}", line))
    return list(found.items())


def compiled(catalogue: dict) -> str:
    """The catalogue as JSON safe inside a `<script>` element."""
    return json.dumps(catalogue, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


def update_scripts_catalogue(app):
    """builder-inited: merge the catalogue with the scripts' messages and compile it for the pages."""
    app.sourcebook_script_messages = ""
    if is_english(app.config):
        return
    path = catalogue_path(app.srcdir, app.config.language, DOMAIN)
    catalog, _changed = merge(path, app.config.language, extract())
    app.sourcebook_script_messages = compiled(translations(catalog))


def add_messages(app, pagename, templatename, context, doctree):
    """html-page-context: the compiled messages, for the template's inline JSON."""
    context["sourcebook_messages"] = app.sourcebook_script_messages


def coverage_parts(app):
    path = catalogue_path(app.srcdir, app.config.language, DOMAIN)
    from .catalogues import read_catalogue

    yield "Page scripts", coverage(read_catalogue(path, app.config.language))


def setup_scripts(app):
    app.connect("builder-inited", update_scripts_catalogue)
    app.connect("html-page-context", add_messages)
