"""The course in a second language (Russian) from the same sources, with Sphinx's gettext machinery.

One module per job: `catalogues` (the per-page `.po` files, kept in step with the English, and their
coverage), `notice` (a page not fully translated says so), `switch` (the link to the same page in the
other edition, `hreflang`), `scripts` (the page scripts' message catalogue, compiled to JSON), `banks`
(the exercise banks' catalogues), `terms` (the one vocabulary), `build` (`make book`'s second edition),
`sphinxjs` (Sphinx's own page-script messages its catalogue leaves empty), `captions` (the table of
contents' part captions).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

from . import catalogues
from .banks import setup_banks
from .captions import TranslateCaptions
from .catalogues import CollectMessages, Coverage, is_english
from .interface import setup_interface
from .notice import UntranslatedNotice
from .scripts import setup_scripts
from .sphinxjs import setup_sphinxjs
from .switch import setup_switch

logger = logging.getLogger(__name__)
# The editions beside the English one, each built into its own folder of the English site.
EDITIONS = ("ru",)


def own_files(outdir: Path, paths):
    """`paths` (under `outdir`) without those of the other editions' folders."""
    for path in paths:
        rel = Path(path).relative_to(outdir).parts
        if not (rel and rel[0] in EDITIONS):
            yield path


def init_registries(app):
    for registry in ("sourcebook_messages", "sourcebook_untranslated"):
        if not hasattr(app.env, registry):
            setattr(app.env, registry, {})


def purge(app, env, docname):
    for registry in ("sourcebook_messages", "sourcebook_untranslated"):
        getattr(env, registry, {}).pop(docname, None)


def merge_info(app, env, docnames, other):
    for registry in ("sourcebook_messages", "sourcebook_untranslated"):
        mine, theirs = getattr(env, registry), getattr(other, registry, {})
        mine.update({d: theirs[d] for d in docnames if d in theirs})


def update_catalogues(app, exception) -> None:
    """build-finished: merge every page's catalogue with its English text, then print the coverage per
    part, the fuzzy entries and the pages still showing English."""
    if exception is not None or is_english(app.config):
        return
    language, env = app.config.language, app.env
    parts = catalogues.parts_of(app.srcdir, app.config.root_doc)
    per_part: dict[str, Coverage] = {}
    fuzzy = []
    for docname in sorted(env.found_docs):
        path = catalogues.catalogue_path(app.srcdir, language, docname)
        catalog, changed = catalogues.merge(path, language, env.sourcebook_messages.get(docname, []))
        counted = catalogues.coverage(catalog)
        part = parts.get(docname, "Other pages")
        per_part[part] = per_part.get(part, Coverage()) + counted
        if counted.fuzzy:
            fuzzy.append(f"{docname} ({counted.fuzzy})")
    for part, counted in _extra_coverage(app):
        per_part[part] = counted
    total = sum((c for part, c in per_part.items() if not part.startswith(" ")), Coverage())  # not each bank again
    logger.info(f"translation ({language}): {total}")
    for part, counted in per_part.items():
        logger.info(f"translation ({language}):   {part}: {counted}")
    if fuzzy:
        logger.info(
            f"translation ({language}): fuzzy (the English changed; check each and drop its fuzzy flag): "
            + ", ".join(fuzzy)
        )
    pages = env.sourcebook_untranslated
    if pages:
        logger.info(
            f"translation ({language}): {len(pages)} page(s) not fully translated: "
            + ", ".join(f"{d} ({left}/{n})" for d, (left, n) in sorted(pages.items()))
        )


def _extra_coverage(app):
    """Coverage of the catalogues that are not pages (exercise banks, page scripts, interface)."""
    from . import banks, interface, scripts

    yield from banks.coverage_parts(app)
    yield from scripts.coverage_parts(app)
    yield from interface.coverage_parts(app)


def setup_translation(app):
    app.add_transform(CollectMessages)
    app.add_transform(UntranslatedNotice)
    app.add_transform(TranslateCaptions)
    app.connect("builder-inited", init_registries)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge_info)
    app.connect("build-finished", update_catalogues)
    setup_switch(app)
    setup_scripts(app)
    setup_banks(app)
    setup_interface(app)
    setup_sphinxjs(app)
