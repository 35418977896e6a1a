"""The course's bibliography file, `book/references.bib`, read once with pybtex (as sphinxcontrib-bibtex reads it)."""

from __future__ import annotations

from pathlib import Path

from .datafile import DataError

REFERENCES = "book/references.bib"


class Bibliography(dict):
    """Each entry key -> its fields (name -> value, braces removed), and the file they were read from."""

    def __init__(self, path: Path, entries: dict[str, dict[str, str]]):
        super().__init__(entries)
        self.path = path


def read_bib(path: str | Path) -> Bibliography:
    """The file's entries (see `Bibliography`); a missing file is a `DataError`."""
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexSyntaxError

    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, "file not found")
    try:
        entries = parse_file(str(path)).entries
    except PybtexSyntaxError as err:
        raise DataError(path, getattr(err, "lineno", None), f"invalid BibTeX: {err}") from None
    return Bibliography(
        path,
        {
            key: {name.lower(): value.replace("{", "").replace("}", "") for name, value in entry.fields.items()}
            for key, entry in entries.items()
        },
    )
