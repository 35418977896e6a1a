"""Charts and the concordance in pages: offline vega rendering and a keyword-in-context search.

MyST syntax::

    ```{chart} stance-matrix
    ```        (one of sourcebook.charts.CHARTS: the chart, its text alternative and its data table)

    ```{concordance}
    ```        (a search box: every occurrence of a term across the five sources, side by side)

The vega + vega-lite + vega-embed bundle comes from the vl-convert-python package; it is written
once into the build folder, wrapped in a function so that it runs as a classic script (also from
disk, and without clashing with the globals of Sphinx's scripts), and chart.js loads it only when a
chart comes near the viewport.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .charts import CHARTS
from .chartstyle import WIDE_WIDTH
from .citations import passage_href, report, text_page
from .htmlnodes import add_html_node, data_widget, json_script
from .translation.banks import shared_label
from .translation.catalogues import is_english
from .translation.interface import depends_on_catalogues, tr

VENDOR = "sourcebook-vendor"


class chart_node(nodes.General, nodes.Element):
    """A chart: spec, description and data table, all rendered at build time."""


class concordance_node(nodes.General, nodes.Element):
    """The concordance widget; its paragraph data (with links) is filled in when the page is resolved."""


def visit_chart_html(self, node):
    name, desc = node["name"], html.escape(node["description"])
    env = self.builder.env
    described, behind = tr(env, "Text description."), tr(env, "The data behind this chart")
    self.body.append(
        f'<figure class="sb-chart" id="chart-{name}" aria-labelledby="chart-{name}-title" data-vega="{node["vega"]}"'
        f' data-wide-width="{WIDE_WIDTH}">'
        f'<figcaption id="chart-{name}-title" class="sb-chart-title">{html.escape(node["title"])}</figcaption>'
        f'<div class="sb-chart-view" role="img" aria-label="{desc}" tabindex="0"></div>'
        + json_script("sb-chart-spec", node["spec"])
        + f'<p class="sb-chart-description"><strong>{html.escape(described)}</strong> {desc}</p>'
        f'<details class="sb-chart-data"><summary>{html.escape(behind)}</summary>'
        f"{node['table_html']}</details>"
        "</figure>\n"
    )
    raise nodes.SkipNode


def visit_concordance_html(self, node):
    self.body.append(
        data_widget("sb-concordance", node["data"], tr(self.builder.env, "The concordance needs JavaScript."))
    )
    self.body.append(node.get("print_html", ""))
    raise nodes.SkipNode


def _printed_form(app, terms: list[str]) -> str:
    """The concordance on paper: keyword-in-context lines of `terms` (print only; the search is on screen)."""
    from .concordance import kwic

    corpus = app.sourcebook.corpus
    parts = ['<section class="sb-concordance-print">']
    paper = tr(app.env, "On paper the search cannot run: here are the course's key terms in context, every occurrence.")
    parts.append(f"<p>{html.escape(paper, quote=False)}</p>")
    for term in terms:
        rows = kwic(corpus, term, width=70)
        parts.append(f'<h3>{html.escape(term)} ({len(rows)})</h3><ul class="sb-kwic">')
        for row in rows.itertuples():
            para = corpus.passage(row.passage)
            parts.append(
                f"<li>…{html.escape(row.left)}<strong>{html.escape(row.match)}</strong>{html.escape(row.right)}… "
                f"({html.escape(shared_label(app, corpus[para.source].label))} ¶{para.n})</li>"
            )
        parts.append("</ul>")
    parts.append("</section>\n")
    return "".join(parts)


class ChartDirective(SphinxDirective):
    """``{chart} <name>``: one of the course's charts, drawn in the browser from an inlined spec: its wide
    layout, or its narrow one in a column narrower than `WIDE_WIDTH` (which shares the wide one's data)."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        if name not in CHARTS:
            report(self.env, f"unknown chart '{name}' (known: {', '.join(CHARTS)})", self.get_location())
            return []
        app, env = self.env.app, self.env
        depends_on_catalogues(env)

        def words(text: str, **values) -> str:
            """The edition's `tr` for the chart: the code's words (interface.po) and the data's (data.po)."""
            return tr(env, shared_label(app, text), **values) if text else text

        built = CHARTS[name](app.sourcebook, tr=words)
        table = {
            "columns": list(built.table.columns),
            "rows": built.table.astype(str).values.tolist(),
            "links": tr(env, "Paragraph"),  # the column whose cells link to their paragraphs
            "english": [tr(env, "Quote"), tr(env, "Words")],  # the sources' words, as written
        }
        wide, narrow = built.chart.to_dict(), CHARTS[name](app.sourcebook, narrow=True, tr=words).chart.to_dict()
        if narrow.get("datasets") == wide.get("datasets"):
            del narrow["datasets"]
        return [
            chart_node(
                name=name,
                title=built.title,
                description=built.description,
                spec={"wide": wide, "narrow": narrow},
                table=table,
                vega=app.sourcebook_vega,
            )
        ]


class ConcordanceDirective(SphinxDirective):
    """``{concordance}``: search every source for a term, results side by side by source; `:print-terms:`
    (comma-separated) are printed in context in its place on paper."""

    option_spec = {"print-terms": str}

    def run(self):
        terms = [t.strip() for t in self.options.get("print-terms", "").split(",") if t.strip()]
        return [concordance_node(print_terms=terms)]


def _fill_hrefs(app, docname: str, value) -> None:
    """Give every data row of a spec that has `passage` and an empty `href` the paragraph's address."""
    if isinstance(value, dict):
        if "href" in value and value["href"] is None and isinstance(value.get("passage"), str):
            value["href"] = passage_href(app, docname, value["passage"])
        for item in value.values():
            _fill_hrefs(app, docname, item)
    elif isinstance(value, list):
        for item in value:
            _fill_hrefs(app, docname, item)


def _table_html(app, docname: str, table: dict) -> str:
    """The data table; its "Paragraph" cells link to the paragraph; in a translated edition, the cells of
    the sources' words are marked English."""
    english = set(table["english"]) if not is_english(app.config) else set()

    def cell(column: str, value: str) -> str:
        href = passage_href(app, docname, value) if column == table["links"] else None
        text = html.escape(value)
        td = '<td lang="en">' if column in english else "<td>"
        return f'{td}<a class="sb-cite" href="{html.escape(href)}">{text}</a></td>' if href else f"{td}{text}</td>"

    head = "".join(f"<th>{html.escape(c)}</th>" for c in table["columns"])
    body = "".join(
        "<tr>" + "".join(cell(c, v) for c, v in zip(table["columns"], row, strict=False)) + "</tr>"
        for row in table["rows"]
    )
    return f'<table class="sb-data-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def link_charts(app, doctree, docname):
    """doctree-resolved: point each chart's marks and data table at the paragraphs they quote."""
    for node in doctree.findall(chart_node):
        _fill_hrefs(app, docname, node["spec"])
        node["table_html"] = _table_html(app, docname, node["table"])


def fill_concordance(app, doctree, docname):
    """doctree-resolved: embed every paragraph, with links relative to this page."""
    for node in doctree.findall(concordance_node):
        sources = [
            {"id": s.id, "label": shared_label(app, s.label), "href": text_page(app, docname, s.id)}
            for s in app.sourcebook.corpus.values()
        ]
        node["print_html"] = _printed_form(app, node.get("print_terms", []))
        node["data"] = {
            "sources": sources,
            "paragraphs": [
                {"id": p.id, "source": p.source, "n": p.n, "anchor": p.anchor, "text": p.text}
                for s in app.sourcebook.corpus.values()
                for p in s.paragraphs
            ],
        }


def write_vega_bundle(app):
    """builder-inited: write the vega bundle once into the build folder and serve it as a static file."""
    if app.builder.format != "html":
        return
    import vl_convert

    name = f"vega-{vl_convert.get_vega_version()}-embed-{vl_convert.get_vega_embed_version()}-classic.js"
    folder = Path(app.doctreedir).parent / VENDOR
    target = folder / "sourcebook" / "vendor" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        bundle = vl_convert.javascript_bundle()
        target.write_text(f'(function () {{\n"use strict";\n{bundle}\n}})();\n', encoding="utf-8")
    app.config.html_static_path.append(str(folder))
    app.sourcebook_vega = name


def setup_datapages(app):
    # chart.js loads the vega bundle when a chart comes into view
    add_html_node(app, chart_node, visit_chart_html, "sourcebook/datapages.css", "sourcebook/chart.js")
    add_html_node(
        app, concordance_node, visit_concordance_html, "sourcebook/datapages.css", "sourcebook/concordance.js"
    )
    app.add_directive("chart", ChartDirective)
    app.add_directive("concordance", ConcordanceDirective)
    app.connect("builder-inited", write_vega_bundle)  # event order - 1, after the data are loaded
    app.connect("doctree-resolved", fill_concordance)  # event order - writing, each page
    app.connect("doctree-resolved", link_charts)  # event order - writing, each page
