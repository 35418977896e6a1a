"""The parts' captions of the table of contents (`_toc.yml`) in the edition's language.

sphinx-external-toc inserts the root page's toctrees (a transform of priority 100) after Sphinx's
`Locale` (20) has translated the page and after `CollectMessages` (19) has recorded its messages, so
their captions were never in a catalogue and the sidebar's parts stayed English. This transform runs
after it: it records each caption as one of the root page's messages (merged into its `.po` like the
others) and puts in its translation, as `Locale` does for a toctree written in a page.
"""

from __future__ import annotations

from pathlib import Path

from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .catalogues import catalogue_path, is_english, read_catalogue, translations


class TranslateCaptions(SphinxTransform):
    default_priority = 101  # after sphinx_external_toc's InsertToctrees (100)

    def apply(self, **kwargs) -> None:
        if is_english(self.config):
            return
        toctrees = [t for t in self.document.findall(addnodes.toctree) if t.get("rawcaption")]
        if not toctrees:
            return
        docname, language = self.env.docname, self.config.language
        table = translations(read_catalogue(catalogue_path(self.env.srcdir, language, docname), language))
        messages = self.env.sourcebook_messages.setdefault(docname, [])  # type: ignore[attr-defined]
        toc = Path(self.env.srcdir, "_toc.yml")
        lines = toc.read_text(encoding="utf-8").splitlines() if toc.is_file() else []
        for toctree in toctrees:
            caption = toctree["rawcaption"]
            line = next((n for n, text in enumerate(lines, 1) if text.strip() == f"- caption: {caption}"), 0)
            messages.append((caption, [("_toc.yml", line)]))
            toctree["caption"] = table.get(caption, caption)
