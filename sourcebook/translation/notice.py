"""The notice at the top of a page of a translated edition that still holds English text."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from .catalogues import is_english

NOTICE = {
    "ru": (
        "Эта страница переведена не полностью: {left} из {total} фрагментов текста пока на английском. "
        "Цитаты из источников всегда приводятся на языке оригинала."
    ),
}


# What stays English in a translated edition is marked so (class `language-en`): docutils then gives it
# English typographic quotes (not the edition's «» „“, which would turn "sources' words" into nonsense)
# and writes `lang="en"`, so a screen reader reads it in English.
ENGLISH = "language-en"
SOURCE_TEXT = ("sb-source-text", "sb-passage", "sb-source-card")


class UntranslatedNotice(SphinxTransform):
    """After Sphinx's `Locale` (20) and its totaliser (25), before smart quotes (750): what is still
    English is marked English; a page with untranslated messages says how many at its top, and the
    build counts it (`env.sourcebook_untranslated`)."""

    default_priority = 26

    def apply(self, **kwargs) -> None:
        if is_english(self.config):
            return
        left = total = 0
        for node, _msg in extract_messages(self.document):
            total += 1
            if not node.get("translated"):
                left += 1
                node["classes"].append(ENGLISH)
        for node in self.document.findall(nodes.Element):
            if set(SOURCE_TEXT) & set(node.get("classes", ())):
                node["classes"].append(ENGLISH)
        if left == 0:
            self.env.sourcebook_untranslated.pop(self.env.docname, None)  # type: ignore[attr-defined]  # set at env-before-read-docs
            return
        self.env.sourcebook_untranslated[self.env.docname] = (left, total)  # type: ignore[attr-defined]
        text = NOTICE.get(self.config.language.split("_")[0], NOTICE["ru"]).format(left=left, total=total)
        notice = nodes.container(classes=["sb-untranslated"], translatable=False)
        notice += nodes.paragraph("", text, translatable=False)
        section = self.document.next_node(nodes.section)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, notice)
        else:
            self.document.insert(0, notice)
