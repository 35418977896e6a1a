"""Machinery that turns the seed texts and exercise banks into the course book.

Data modules (`sources`, `datafile`, `exercises.schema`, `exercises.payload`) do not import
Sphinx, so the CLI and the Jupyter widget can use them without a build.
"""

__version__ = "0.1.0"


def setup(app):
    """Sphinx entry point; imports Sphinx-facing code only when a build asks for it."""
    from .extension import setup_extension

    return setup_extension(app)
