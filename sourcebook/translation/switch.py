"""The language switch: every page links the same page of the other edition, and says which it is.

The English site holds each translated edition in a folder of its own (`ru/`). Each page gets a
link to its twin (`hreflang`, and `lang` on the link text, so a screen reader reads «Русский» in
Russian) and `<link rel="alternate" hreflang>` entries in its head; a click carries the paragraph
anchor along (`#stronski-2018-p7` is the same in both), so the reader stays where they were.
"""

from __future__ import annotations

from .catalogues import is_english

LABELS = {"en": "English", "ru": "Русский"}
# Keep the reader's place: the twin page at the same paragraph (ids are the same in both editions).
CARRY_ANCHOR = """document.addEventListener("click", event => {
  const link = event.target instanceof Element && event.target.closest("a.sb-language-switch");
  if (link && location.hash) link.hash = location.hash;
});"""


def editions(app) -> list[str]:
    from . import EDITIONS

    return ["en", *EDITIONS]


def twin_href(pagename: str, here: str, there: str) -> str:
    """The relative address, from `pagename` in edition `here`, of the same page in edition `there`."""
    up = "../" * pagename.count("/")
    to_root = up + ("" if here == "en" else "../")
    return f"{to_root}{'' if there == 'en' else there + '/'}{pagename}.html"


def add_switch(app, pagename, templatename, context, doctree):
    """html-page-context: the other editions' addresses of this page, for the template."""
    here = "en" if is_english(app.config) else app.config.language
    context["sourcebook_language"] = here
    context["sourcebook_alternates"] = [
        {"lang": lang, "label": LABELS.get(lang, lang), "href": twin_href(pagename, here, lang)}
        for lang in editions(app)
        if lang != here
    ]


def setup_switch(app):
    app.add_js_file(None, body=CARRY_ANCHOR)
    app.connect("html-page-context", add_switch)
