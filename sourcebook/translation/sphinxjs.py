"""Sphinx's own page-script messages that its catalogue for the edition's language leaves empty. Sphinx's
Russian `translations.js` holds an empty string for the search page's summary, and an empty translation
wins over the English: the Russian search page said nothing when the search was done. The course's
translation (the interface catalogue) is written into the edition's `_static/translations.js` in its place."""

from __future__ import annotations

import json
from pathlib import Path

from .catalogues import is_english
from .interface import label

FILLED = (label("Search finished, found ${resultCount} page(s) matching the search query."),)


def fill_translations(app, exception) -> None:
    """build-finished: each message of FILLED that Sphinx's `translations.js` leaves empty, translated."""
    path = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or is_english(app.config) or not path.is_file():
        return
    table = getattr(app, "sourcebook_interface", None) or {}
    text = path.read_text(encoding="utf-8")
    for msgid in FILLED:
        if table.get(msgid):
            text = text.replace(
                f"{json.dumps(msgid)}: {json.dumps('')}", f"{json.dumps(msgid)}: {json.dumps(table[msgid])}"
            )
    path.write_text(text, encoding="utf-8")


def setup_sphinxjs(app):
    app.connect("build-finished", fill_translations, priority=400)  # before the offline copy lists the files
