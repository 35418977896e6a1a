"""Read it anywhere: classic scripts for pages opened from disk, a service worker and manifest for
reading offline after one visit, a Jupyter notebook of every chapter; `dist` zips the built site."""

from __future__ import annotations

from .classic import link_classic_scripts, write_classic_scripts
from .directive import setup_offline_copy
from .notebooks import add_notebook_download, write_notebook
from .serviceworker import link_manifest, write_offline_files


def setup_offline(app):
    app.add_js_file("sourcebook/offline.js")  # every page: registers the service worker
    setup_offline_copy(app)
    app.connect("builder-inited", write_classic_scripts)  # event order - 1, before static files are copied
    app.connect("html-page-context", link_classic_scripts, priority=850)  # after the node scripts, before deferring
    app.connect("html-page-context", link_manifest)  # event order - writing, each page
    app.connect("html-page-context", write_notebook)  # event order - writing, each page
    app.connect("html-page-context", add_notebook_download, priority=905)  # after the theme's download buttons
    app.connect("build-finished", write_offline_files, priority=950)  # after the style sheet bundle (900)
