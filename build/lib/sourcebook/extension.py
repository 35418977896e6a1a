"""Sphinx wiring: config values, data loading, rebuilds when data change, the final error check."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.errors import ExtensionError

from . import __version__, course
from .citations import setup_citations
from .datafile import DataError
from .datapages import setup_datapages
from .exercises.directive import setup_exercises
from .instructor.edition import AUDIENCES, setup_instructor
from .instructor.viewer import setup_feedback_viewer
from .offline import setup_offline
from .prosequotes import setup_prosequotes
from .reading.answers import setup_answers
from .reading.notes import setup_notes
from .stylesheet import setup_stylesheet
from .theme import setup_theme

STATIC = Path(__file__).parent / "static"


def load_course_data(app):
    """builder-inited: load sources, theses and exercise banks; bad data stops the build here."""
    if app.config.sourcebook_audience not in AUDIENCES:
        raise ExtensionError(
            f"sourcebook_audience must be one of {', '.join(AUDIENCES)}, not '{app.config.sourcebook_audience}'"
        )
    try:
        loaded = course.load_course(
            app.srcdir,
            app.config.sourcebook_sources,
            app.config.sourcebook_theses,
            app.config.sourcebook_exercises,
            app.config.sourcebook_lateral,
            app.config.sourcebook_references,
        )
    except DataError as err:
        raise ExtensionError(str(err)) from None
    app.sourcebook = loaded
    app.sourcebook_errors = 0
    for registry in ("sourcebook_texts", "sourcebook_placements"):
        if not hasattr(app.env, registry):
            setattr(app.env, registry, {})
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def reread_on_data_change(app, env, added, changed, removed):
    """env-get-outdated: when any seed, bank or metadata file changed, every page is re-read."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in app.sourcebook.files)).hexdigest()
    if getattr(env, "sourcebook_data_digest", None) == digest:
        return []
    env.sourcebook_data_digest = digest
    return sorted(env.found_docs)


def fail_on_content_errors(app, exception):
    """build-finished: a bad citation, quote or exercise id fails the build, with or without -W."""
    if exception is None and app.sourcebook_errors:
        raise ExtensionError(f"{app.sourcebook_errors} content error(s) in the course; see the messages above")


def setup_extension(app):
    app.add_config_value("sourcebook_sources", course.SOURCES, "env", types=[str])
    app.add_config_value("sourcebook_theses", course.THESES, "env", types=[str])
    app.add_config_value("sourcebook_exercises", course.EXERCISES, "env", types=[str])
    app.add_config_value("sourcebook_lateral", course.LATERAL, "env", types=[str])
    app.add_config_value("sourcebook_references", course.REFERENCES, "env", types=[str])
    app.add_css_file("sourcebook/course.css")
    app.add_css_file("sourcebook/print.css", media="print")
    app.connect("builder-inited", load_course_data)  # event order - 1, before reading
    app.connect("env-get-outdated", reread_on_data_change)  # event order - 2, choosing pages to read
    app.connect("build-finished", fail_on_content_errors)  # event order - last
    setup_citations(app)
    setup_prosequotes(app)
    setup_exercises(app)
    setup_answers(app)
    setup_datapages(app)
    setup_instructor(app)
    setup_feedback_viewer(app)
    setup_notes(app)
    setup_theme(app)
    setup_stylesheet(app)
    setup_offline(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
