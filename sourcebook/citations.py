"""Cite, quote and show passages of the sources; check every quotation against its paragraph.

MyST syntax::

    {passage}`stronski-2018:p7`                   -> link "Stronski 2018 ¶7" (tooltip: the paragraph's start)
    {passage}`see this <stronski-2018:p7>`        -> link with your own text
    {quote}`seems unconcerned <stronski-2018:p7>` -> “seems unconcerned” (Stronski 2018 ¶7), checked

    ```{passage} stronski-2018:p7
    An excerpt, verbatim; … marks an elision. Without a body the whole paragraph is shown.
    ```

    ```{source-text} stronski-2018
    ```   (the full text, numbered, one anchor per paragraph: #stronski-2018-p7)

    ```{source-card} stronski-2018
    ```   (title, byline, date, venue exactly as the text gives them, the course's genre, and a
           "Read laterally" part from book/data/lateral.yml: what other sources say, and how sure)

    ```{cleanup-report}
    ```   (every clean-up, with the paragraphs it changed)
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .lateral import CERTAINTY
from .sources import CLEANUPS, NOT_GIVEN, Paragraph, quote_in
from .translation.banks import shared_label
from .translation.interface import depends_on_catalogues, label, tr
from .translation.notice import ENGLISH

logger = logging.getLogger(__name__)
ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<pid>[^<>]+)>$", re.S)


class passage_ref(nodes.Inline, nodes.TextElement):
    """A citation of one paragraph; becomes a link once every page's sources are known."""


def report(env, message: str, location) -> None:
    """Log a content error (file:line) and count it, so the build fails even without -W."""
    env.app.sourcebook_errors += 1
    logger.warning(message, location=location, type="sourcebook", subtype="content")


def lookup(env, pid: str, location) -> Paragraph | None:
    """The paragraph `pid`, or None after reporting why it cannot be found."""
    try:
        return env.app.sourcebook.corpus.passage(pid)
    except KeyError as err:
        report(env, err.args[0], location)
        return None


def cite_label(app, para: Paragraph) -> str:
    """How the course cites a paragraph: "<label> ¶<n>", the source's label in the edition's language."""
    return f"{shared_label(app, app.sourcebook.corpus[para.source].label)} ¶{para.n}"


def cite(env, para: Paragraph, text: str | None = None) -> passage_ref:
    """A `passage_ref` node; its text defaults to "<label> ¶<n>" (the label from data.po in a translation)."""
    depends_on_catalogues(env)
    node = passage_ref("", text or cite_label(env.app, para), pid=para.id)
    return node


def check_quote(env, quote: str, para: Paragraph, location) -> bool:
    """Report (and return False) when `quote` is not verbatim in the paragraph."""
    if quote_in(quote, para):
        return True
    report(env, f"quotation not found verbatim in {para.id}: “{quote}”", location)
    return False


def _split_target(text: str) -> tuple[str, str]:
    match = ROLE_TARGET.match(text)
    return (match["text"], match["pid"]) if match else ("", text)


class PassageRole(SphinxRole):
    """``{passage}`source:pN``` or ``{passage}`text <source:pN>```: a link to the paragraph."""

    def run(self):
        text, pid = _split_target(self.text)
        para = lookup(self.env, pid, self.get_location())
        if para is None:
            return [nodes.inline(self.rawtext, self.text)], []
        return [cite(self.env, para, text or None)], []


class QuoteRole(SphinxRole):
    """``{quote}`words <source:pN>```: “words” (Label ¶N), checked verbatim against the paragraph; «words»
    in the Russian edition, whose „…“ are the course's own."""

    def run(self):
        text, pid = _split_target(self.text)
        location = self.get_location()
        para = lookup(self.env, pid, location)
        if para is None or not text:
            if para is not None:
                report(self.env, f"{{quote}} needs words before the target: `words <{pid}>`", location)
            return [nodes.inline(self.rawtext, self.text)], []
        check_quote(self.env, text, para, location)
        if (self.config.language or "en").startswith("ru"):
            # The words are English, as the source prints them: smart quotes leave them alone (they gave the
            # source's 'great game' the Russian „…“ that mark the course's own words, and 'soft' a misturned
            # “soft“), and the page says lang="en" for a screen reader.
            words = nodes.inline("", text, classes=[ENGLISH], support_smartquotes=False)
            quoted = nodes.inline("", "", nodes.Text("«"), words, nodes.Text("»"), classes=["sb-quote"])
        else:
            quoted = nodes.inline("", f"“{text}”", classes=["sb-quote"])
        return [quoted, nodes.Text(" ("), cite(self.env, para), nodes.Text(")")], []


class PassageDirective(SphinxDirective):
    """Show a paragraph, or a verbatim excerpt of it, as a block quote with its citation."""

    required_arguments = 1
    has_content = True

    def run(self):
        location = self.get_location()
        para = lookup(self.env, self.arguments[0], location)
        if para is None:
            return []
        excerpt = " ".join(line.strip() for line in self.content).strip()
        if excerpt:
            check_quote(self.env, excerpt, para, location)
        quote = nodes.block_quote(classes=["sb-passage"])
        quote += nodes.paragraph("", excerpt or para.text)
        attribution = nodes.attribution()
        attribution += cite(self.env, para)
        quote += attribution
        return [quote]


class SourceTextDirective(SphinxDirective):
    """The full text of a source: numbered paragraphs, each with its own anchor."""

    required_arguments = 1

    def run(self):
        depends_on_catalogues(self.env)
        source = self._source()
        if source is None:
            return []
        shown = self.env.sourcebook_texts
        if shown.get(source.id, self.env.docname) != self.env.docname:
            report(self.env, f"the text of '{source.id}' is already shown in {shown[source.id]}", self.get_location())
        shown[source.id] = self.env.docname
        # Shown byte for byte: no curly quotes for the straight ones of the seed (notes quote this text).
        box = nodes.container(classes=["sb-source-text"], ids=[f"{source.id}-text"], support_smartquotes=False)
        for para in source.paragraphs:
            node = nodes.paragraph(
                ids=[para.anchor],
                classes=["sb-para"] + (["sb-heading"] if para.is_heading else []),
                translatable=False,  # the texts stay the texts: never in a catalogue
            )
            node += nodes.reference(
                "",
                f"¶{para.n}",
                refuri=f"#{para.anchor}",
                classes=["sb-pnum"],
                reftitle=tr(
                    self.env,
                    "Link to {label} ¶{n} ({file}, line {line})",
                    label=shared_label(self.env.app, source.label),
                    n=para.n,
                    file=source.file.name,
                    line=para.line,
                ),
            )
            node += nodes.Text(" " + para.text)
            box += node
        return [box]

    def _source(self):
        source = self.env.app.sourcebook.corpus.get(self.arguments[0])
        if source is None:
            known = ", ".join(self.env.app.sourcebook.corpus)
            report(self.env, f"unknown source '{self.arguments[0]}' (known: {known})", self.get_location())
        return source


# The sourcing card's fields, in order.
CARD_LABELS = (
    label("Title"),
    label("Byline in this copy"),
    label("Date"),
    label("Venue"),
    label("Genre (the course's description)"),
    label("Seed file"),
    label("Length"),
)


class SourceCardDirective(SourceTextDirective):
    """The sourcing card: what the text itself gives (title, byline, date, venue), the course's genre,
    and, apart from them, what lateral reading found outside the text."""

    def run(self):
        depends_on_catalogues(self.env)
        source = self._source()
        if source is None:
            return []
        card = nodes.container(classes=["sb-source-card"])
        exercises = self.env.app.sourcebook.banks.bank(source.id)
        if exercises:  # the page's own exercises, a tap away from the top (the text runs to hundreds of links)
            jump = nodes.paragraph(classes=["sb-jump"])
            jump += nodes.reference("", tr(self.env, "Jump to the exercises"), refuri=f"#ex-{exercises[0]}")
            card += jump
        # Labels in the edition's language already (`tr`): not for the page's catalogue.
        card += nodes.rubric("", tr(self.env, "What the text says about itself"), translatable=False)
        fields = nodes.field_list()
        values = [
            source.title,
            source.author,
            source.date,
            source.venue,
            source.genre,
            f"seeds/{source.file.name}",
            tr(
                self.env,
                "{n} numbered paragraphs, {words} words",
                n=len(source.paragraphs),
                words=format(source.words, ","),
            ),
        ]
        for name, value in zip(CARD_LABELS, values, strict=True):
            body = nodes.paragraph()
            shown = nodes.emphasis("", tr(self.env, "not given in the text")) if value == NOT_GIVEN else None
            body += shown or nodes.Text(value)
            fields += nodes.field(
                "", nodes.field_name("", tr(self.env, name), translatable=False), nodes.field_body("", body)
            )
        card += fields
        card += self._lateral(self.env.app.sourcebook.lateral[source.id])
        return [card]

    def _lateral(self, lateral) -> nodes.container:
        """The "Read laterally" part: findings with their references, then how sure we can be."""
        part = nodes.container(classes=["sb-lateral"])
        part += nodes.rubric(
            "", tr(self.env, "Read laterally: what other sources say (found outside the text)"), translatable=False
        )
        findings = nodes.bullet_list(classes=["sb-lateral-finding"])
        for finding in lateral.findings:
            cite = f" {{cite}}`{','.join(finding.cite)}`" if finding.cite else ""
            findings += nodes.list_item("", *self.parse_text_to_nodes(finding.text + cite))
        part += findings
        sure = nodes.container(classes=["sb-lateral-finding"])
        sure += self.parse_text_to_nodes(f"**How sure we can be.** {CERTAINTY[lateral.certainty]} {lateral.why}")
        part += sure
        return part


class CleanupReportDirective(SphinxDirective):
    """Every listed clean-up with the paragraphs it changed, per source."""

    def run(self):
        corpus = self.env.app.sourcebook.corpus
        out = nodes.definition_list(classes=["sb-cleanups"])
        for cleanup in CLEANUPS:
            body = nodes.definition()
            body += self._markdown_paragraph(cleanup.description)
            changed = [p for s in corpus.values() for p in s.paragraphs if cleanup.name in p.cleanups]
            dropped = [(s, d) for s in corpus.values() for d in s.dropped if d[1] == cleanup.name]
            line = nodes.paragraph("", "Applied to: " if changed or dropped else "Applied to: none of the texts.")
            for i, para in enumerate(changed):
                line += nodes.Text(", " if i else "")
                line += cite(self.env, para)
            for i, (source, (lineno, _, text)) in enumerate(dropped):
                line += nodes.Text(", " if changed or i else "")
                line += nodes.Text(f"seeds/{source.file.name} line {lineno} (“{text}”, removed)")
            body += line
            out += nodes.definition_list_item("", nodes.term("", "", nodes.literal("", cleanup.name)), body)
        return [out]

    def _markdown_paragraph(self, text: str) -> nodes.paragraph:
        para = nodes.paragraph()
        for i, piece in enumerate(text.split("`")):
            para += nodes.literal("", piece) if i % 2 else nodes.Text(piece)
        return para


def collect_texts(app, env, docname):
    """env-purge-doc: forget which sources a re-read page showed."""
    env.sourcebook_texts = {s: d for s, d in env.sourcebook_texts.items() if d != docname}


def merge_texts(app, env, docnames, other):
    """env-merge-info: combine the source-text registries of parallel readers."""
    env.sourcebook_texts.update({s: d for s, d in other.sourcebook_texts.items() if d in docnames})


def preview(text: str, limit: int = 240) -> str:
    """The start of a paragraph for a tooltip, cut at a word and marked with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def text_page(app, fromdoc: str, source_id: str) -> str | None:
    """The address, relative to `fromdoc`, of the page showing a source's text ("" when it is
    `fromdoc` itself), or None when no page shows it."""
    target = app.env.sourcebook_texts.get(source_id)
    if target is None:
        return None
    return "" if target == fromdoc else app.builder.get_relative_uri(fromdoc, target)


def passage_href(app, fromdoc: str, pid: str) -> str | None:
    """The address, relative to `fromdoc`, of a paragraph (its text page and anchor), or None when no
    page shows its source."""
    para = app.sourcebook.corpus.passage(pid)
    page = text_page(app, fromdoc, para.source)
    return None if page is None else f"{page}#{para.anchor}"


def resolve_citations(app, doctree, fromdocname):
    """doctree-resolved: turn each `passage_ref` into a link to its paragraph's anchor."""
    for node in list(doctree.findall(passage_ref)):
        para = app.sourcebook.corpus.passage(node["pid"])
        uri = text_page(app, fromdocname, para.source)
        if uri is None:
            report(
                app.env,
                f"{para.id} is cited but no page shows the text of '{para.source}' (add a {{source-text}} directive)",
                node,
            )
            node.replace_self(nodes.inline("", node.astext()))
            continue
        ref = nodes.reference(
            "", node.astext(), refuri=f"{uri}#{para.anchor}", reftitle=preview(para.text), classes=["sb-cite"]
        )
        label = cite_label(app, para)
        # A citation worded by the course names its paragraph on paper too, where links do not work.
        node.replace_self(
            [ref] if node.astext() == label else [ref, nodes.inline("", f" ({label})", classes=["sb-cite-print"])]
        )


def setup_citations(app):
    app.add_node(passage_ref)
    app.add_role("passage", PassageRole())
    app.add_role("quote", QuoteRole())
    app.add_directive("passage", PassageDirective)
    app.add_directive("source-text", SourceTextDirective)
    app.add_directive("source-card", SourceCardDirective)
    app.add_directive("cleanup-report", CleanupReportDirective)
    app.connect("env-purge-doc", collect_texts)  # event order - reading, before each re-read
    app.connect("env-merge-info", merge_texts)  # event order - after parallel reads
    app.connect("doctree-resolved", resolve_citations)  # event order - writing, each page
