"""The Russian edition's gettext catalogues: one `.po` per document (Sphinx's `gettext_compact = False`),
kept in step with the English text during the build, and their coverage.

Sphinx's `Locale` transform (priority 20) puts a catalogue's translation in place of each English
message. Just before it, `CollectMessages` records the page's English messages exactly as Sphinx's
gettext builder extracts them (`extract_messages`). At the end of the build each catalogue is merged
with them by babel, as `sphinx-intl update` does (msgmerge): a new paragraph arrives untranslated, a
changed one keeps its old translation marked *fuzzy* (Sphinx does not use it), a removed one goes.
A catalogue is written only when that changes it, so an unchanged course leaves the files alone.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from ..datafile import DataError

LOCALES = "locales"
# A fixed creation date, so a merge that changes no message writes the same bytes.
HEADER = (
    "# The Russian edition of China and Russia in Central Asia: one catalogue per page or bank.\n"
    "# Kept in step with the English by `make book` (sourcebook/translation); see locales/ru/STATUS.md."
)
EPOCH = datetime.datetime(2026, 12, 6, tzinfo=datetime.UTC)


@dataclass
class Coverage:
    """Messages of one or more catalogues: translated, fuzzy (English changed since) and untranslated."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.translated + other.translated, self.fuzzy + other.fuzzy, self.untranslated + other.untranslated
        )

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def __str__(self) -> str:
        share = 100 * self.translated / self.total if self.total else 100.0
        return f"{self.translated} translated, {self.fuzzy} fuzzy, {self.untranslated} untranslated ({share:.0f} %)"


def catalogue_path(srcdir: str | Path, language: str, domain: str) -> Path:
    return Path(srcdir) / LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    if not path.is_file():
        return Catalog(
            locale=language,
            domain=path.stem,
            header_comment=HEADER,
            project="China and Russia in Central Asia",
            version="",
            copyright_holder="The course authors",
            msgid_bugs_address="",
            last_translator="",
            language_team=f"{language} <>",
            creation_date=EPOCH,
            revision_date=EPOCH,
            fuzzy=False,
        )
    with path.open("rb") as f:
        try:
            return read_po(f, locale=language, abort_invalid=True)
        except PoFileError as err:  # babel would otherwise drop the line and read on
            raise _misread(path, err.lineno) from None


CONFLICT = ("<<<<<<< ", "=======", ">>>>>>> ")


def _misread(path: Path, index: int) -> DataError:
    """The error for a line babel cannot read (`index` counts from 0), naming a merge conflict as such."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    text = lines[index] if 0 <= index < len(lines) else ""
    why = "a merge conflict marker: resolve the conflict" if text.startswith(CONFLICT) else "not a line of a .po file"
    return DataError(path, index + 1, f"{why} ({text[:60]!r})")


def coverage(catalog: Catalog) -> Coverage:
    """Count a catalogue's messages (the header entry aside)."""
    counted = Coverage()
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            counted.fuzzy += 1
        elif message.string and all(message.string if isinstance(message.string, tuple) else [message.string]):
            counted.translated += 1
        else:
            counted.untranslated += 1
    return counted


def translations(catalog: Catalog) -> dict:
    """msgid -> translation of every translated, not fuzzy, message (a plural's forms as a list,
    keyed by its singular)."""
    out: dict = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, (tuple, list)):
            if all(message.string):
                out[message.id[0]] = list(message.string)
        else:
            out[message.id] = message.string
    return out


def merge(path: Path, language: str, messages: list) -> tuple[Catalog, bool]:
    """Merge the catalogue at `path` with the English `messages` (msgid, locations): as msgmerge does,
    new ones untranslated, changed ones fuzzy, gone ones dropped. Returns it and whether the file changed."""
    template = Catalog(locale=language, creation_date=EPOCH)
    for msgid, locations in messages:
        template.add(msgid, locations=locations)
    catalog = read_catalogue(path, language)
    catalog.update(template, update_creation_date=False)
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False)
    data = out.getvalue()
    changed = not path.is_file() or path.read_bytes() != data
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return catalog, changed


def is_english(config) -> bool:
    return (config.language or "en").split("_")[0] == "en"


class CollectMessages(SphinxTransform):
    """Record the page's English messages, as `sphinx-build -b gettext` extracts them, before Sphinx's
    `Locale` transform (priority 20) translates them."""

    default_priority = 19

    def apply(self, **kwargs) -> None:
        if is_english(self.config):
            return
        found: dict[str, list[tuple[str, int]]] = {}
        source = self.env.doc2path(self.env.docname, False)
        for node, msg in extract_messages(self.document):
            if any(isinstance(n, nodes.substitution_definition) for n in _ancestors(node)):
                continue
            found.setdefault(msg, []).append((str(source), node.line or 0))
        self.env.sourcebook_messages[self.env.docname] = list(found.items())  # type: ignore[attr-defined]  # set at env-before-read-docs


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def parts_of(srcdir: str | Path, root: str) -> dict[str, str]:
    """docname -> the caption of its part in `_toc.yml` (the root page: "Front matter")."""
    import yaml

    toc = Path(srcdir) / "_toc.yml"
    parts = {root: "Front matter"}
    if toc.is_file():
        data = yaml.safe_load(toc.read_text(encoding="utf-8"))
        parts[data["root"]] = "Front matter"
        for part in data.get("parts", []):
            for chapter in part.get("chapters", []):
                parts[chapter["file"]] = part.get("caption", "")
    return parts
