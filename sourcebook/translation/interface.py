"""Words the course's Python code writes into pages (the sourcing card's labels and headings, the
clean-up report, citation titles): `tr(env, "…")` calls, extracted by babel's Python extractor into
`locales/LANG/LC_MESSAGES/interface.po` and merged like every other catalogue. In the English
edition `tr` gives the English back, `{name}` placeholders filled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_python

from .catalogues import catalogue_path, coverage, is_english, merge, read_catalogue, translations

PACKAGE = Path(__file__).resolve().parent.parent
DOMAIN = "interface"


def tr(env, text: str, **values) -> str:
    """`text` in the edition's language (its catalogue's translation, if any), placeholders filled."""
    table = getattr(env.app, "sourcebook_interface", None) or {}
    found = table.get(text) or text
    return found.format(**values) if values else found


def depends_on_catalogues(env) -> None:
    """The page being read uses `tr` (and data.po's labels) at read time: an edited catalogue rebuilds it."""
    if not is_english(env.config):
        for domain in (DOMAIN, "data"):
            env.note_dependency(str(catalogue_path(env.srcdir, env.config.language, domain)))


def label(text: str) -> str:
    """Marks a word for the interface catalogue where it is written (a constant); `tr` translates it later."""
    return text


def extract(package: Path = PACKAGE) -> list:
    found: dict = {}
    for path in sorted(package.rglob("*.py")):
        with path.open("rb") as f:
            for line, func, message, _comments in extract_python(f, {"tr": None, "label": None}, [], {}):
                if isinstance(message, tuple):  # tr(env, "text", ...), a chart's tr("text", n=...): the first text
                    message = next((m for m in message if isinstance(m, str)), None) if func == "tr" else None
                if isinstance(message, str) and message:
                    found.setdefault(message, []).append((f"sourcebook/{path.relative_to(package).as_posix()}", line))
    return list(found.items())


def load_interface(app):
    """builder-inited: merge the interface catalogue with the code's messages; keep its translations."""
    app.sourcebook_interface = {}
    if is_english(app.config):
        return
    catalog, _changed = merge(catalogue_path(app.srcdir, app.config.language, DOMAIN), app.config.language, extract())
    app.sourcebook_interface = translations(catalog)


def coverage_parts(app):
    language = app.config.language
    yield "Interface (code)", coverage(read_catalogue(catalogue_path(app.srcdir, language, DOMAIN), language))


def setup_interface(app):
    app.connect("builder-inited", load_interface)
