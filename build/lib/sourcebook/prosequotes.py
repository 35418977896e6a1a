"""Check the quotations in the course's own prose: words in double quotation marks are a source's words.

The convention (README, "Citing and quoting sources"):

- ``"…"`` or ``“…”`` in prose quotes a source. The words must occur verbatim (as the ``{quote}`` role
  checks them) in a source that the same paragraph cites; where the paragraph cites none, in a
  source cited by the list item or table row around it, or else in the source the page shows, or
  else in a source cited in the section around it (so a heading can quote its chapter's source).
- ``‘…’`` (single quotation marks) marks the course's own words: its terms, coinages, labels and
  example sentences. They are not checked.
- A quotation followed, later in the same paragraph or table cell, by a ``{cite}`` reference quotes
  that bibliography entry (a work outside the five texts), so it is not checked against them.

A quotation that fails stops the build with the page and line, like a bad ``{quote}``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref

from .citations import passage_ref, report
from .exercises.directive import exercise_node
from .sources import MARKS, quotations, quoted_words

OPAQUE = "\x00"  # stands for an already checked or literal piece (a {quote}, a citation, code)
CITE = "\x01"  # stands for a {cite} reference to the bibliography
BLOCKS = (nodes.paragraph, nodes.title, nodes.term, nodes.rubric, nodes.caption)
# The sources' own text, verbatim by construction, and lateral-reading findings (outside words).
SKIPPED_CONTAINERS = {"sb-source-text", "sb-passage", "sb-cleanups", "sb-lateral-finding"}


def _opaque(node) -> str | None:
    """The marker that replaces `node` in the checked text, or None if its text is read as prose."""
    if isinstance(node, pending_xref) and node.get("refdomain") == "cite":
        return CITE
    if isinstance(node, (passage_ref, nodes.literal, nodes.math, nodes.raw)):
        return OPAQUE
    if isinstance(node, nodes.inline) and "sb-quote" in node["classes"]:  # a {quote}, checked already
        return OPAQUE
    return None


def flatten(block) -> tuple[str, set[str]]:
    """The block's visible text with checked pieces replaced by markers, and the sources it cites."""
    parts, cited = [], set()

    def walk(node):
        if isinstance(node, passage_ref):
            cited.add(node["pid"].split(":")[0])
        marker = _opaque(node)
        if marker:
            parts.append(marker + "\n" * node.astext().count("\n"))
        elif isinstance(node, nodes.Text):
            parts.append(str(node))
        else:
            for child in node.children:
                walk(child)

    walk(block)
    return "".join(parts), cited


def _cited_around(block) -> set[str]:
    """Sources cited by the nearest list item or table row around `block` that cites any."""
    node = block.parent
    while node is not None and not isinstance(node, nodes.section):
        if isinstance(node, (nodes.list_item, nodes.row, nodes.definition_list_item, nodes.field)):
            cited = _cited_in(node)
            if cited:
                return cited
        node = node.parent
    return set()


def _cited_in_section(block) -> set[str]:
    """Sources cited anywhere in the nearest section around `block` that cites any (for headings)."""
    node = block.parent
    while node is not None:
        if isinstance(node, (nodes.section, nodes.document)) and (cited := _cited_in(node)):
            return cited
        node = node.parent
    return set()


def _cited_in(node) -> set[str]:
    return {ref["pid"].split(":")[0] for ref in node.findall(passage_ref)}


def _skipped(block) -> bool:
    """Blocks that are not the course's prose: source text, code, exercises, system messages."""
    node = block
    while node is not None:
        if isinstance(node, (exercise_node, nodes.literal_block, nodes.comment, nodes.system_message)):
            return True
        if isinstance(node, nodes.Element) and SKIPPED_CONTAINERS & set(node.get("classes", ())):
            return True
        node = node.parent
    return False


def check_prose_quotes(app, doctree):
    """doctree-read: check every double-quoted phrase in a page's prose against its sources."""
    env, corpus = app.env, app.sourcebook.corpus
    shown = {
        c["ids"][0].removesuffix("-text")
        for c in doctree.findall(nodes.container)
        if "sb-source-text" in c.get("classes", ()) and c["ids"]
    }
    docname = env.docname
    for block in doctree.findall(lambda n: isinstance(n, BLOCKS)):
        if _skipped(block):
            continue
        text, cited = flatten(block)
        if not MARKS.search(text):
            continue
        for start, words, rest in quotations(text):
            line = (block.line or 0) + text[:start].count("\n")
            if words is None:
                report(env, "unbalanced double quotation mark in the prose", (docname, line))
                continue
            if CITE in rest:
                continue
            words = quoted_words(words)
            if not words or OPAQUE in words or CITE in words:
                continue
            sources = cited or _cited_around(block) or shown or _cited_in_section(block)
            if not sources:
                report(
                    env,
                    f"quoted words with no source cited in their paragraph: “{words}” (cite the passage "
                    "with {quote}, or mark the course's own words with ‘single quotation marks’)",
                    (docname, line),
                )
                continue
            if not any(words in corpus[s].quotable for s in sorted(sources)):
                report(
                    env,
                    f"quoted words not found verbatim in {', '.join(sorted(sources))}: “{words}” (quote "
                    "the source exactly, or mark the course's own words with ‘single quotation marks’)",
                    (docname, line),
                )


def setup_prosequotes(app):
    app.connect("doctree-read", check_prose_quotes)  # event order - reading, after each page is parsed
