"""The course's charts: altair specs built from the coded tables, each with a text alternative.

`CHARTS[name](course)` returns a `Chart`: the altair chart, the table a reader can inspect
instead, and a description generated from the same data (so it stays true when data change).
`CHARTS[name](course, narrow=True)` lays the same chart out for a phone's column (at most
`chartstyle.NARROW_WIDTH` pixels wide; the wide layout needs `WIDE_WIDTH`): the page draws the one that fits.
`CHARTS[name](course, tr=…)` writes every word of it (titles, axes, legends, tooltips, table, description,
and the data's labels) in the edition's language (`chartstyle.Tr`; English by default).
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from .chartstyle import (
    SOURCE_COLOURS,
    STANCE_COLOURS,
    STANCE_SHAPES,
    Chart,
    Tr,
    bottom_legend,
    chart_title,
    english,
    source_labels,
    translated,
)
from .claims import STANCES, publication_date
from .course import Course
from .places.map import place_map

# An axis label as lines of at most 22 characters, broken between words (vega draws an array as lines).
WRAPPED_LABEL = r"split(trim(replace(datum.label, regexp('(.{1,22})(\\s+|$)', 'g'), '$1\n')), '\n')"


def _label_axis(narrow: bool, limit: int, **more) -> alt.Axis:
    """A category axis whose labels wrap onto short lines in the narrow layout (cut there, they said
    "China's trade with the fiv…"), and are cut at `limit` pixels in the wide one."""
    return alt.Axis(labelExpr=WRAPPED_LABEL, labelLimit=140, **more) if narrow else alt.Axis(labelLimit=limit, **more)


def stance_matrix(course: Course, narrow: bool = False, tr: Tr = english) -> Chart:
    """Thesis × source dot matrix; clicking a source (or choosing it in the menu) filters the bars beside
    it (below it, on a phone). Both views share the thesis axis, labelled once on a wide screen."""
    df = translated(course.tables.claims, tr, "source_label", "thesis_label", "stance_label")
    theses = [tr(t.label) for t in course.banks.theses.values()]
    stances = [tr(s) for s in STANCES.values()]
    sources = source_labels(course, tr)
    pick = alt.selection_point(name="pick_source", fields=["source_label"], empty=True)
    # The same filter from a native <select>, for keyboard and screen-reader users.
    menu = alt.param(
        name="menu_source",
        value=None,
        bind=alt.binding_select(
            options=[None, *sources], labels=[tr("All sources"), *sources], name=tr("Show source: ")
        ),
    )
    stance_scale = alt.Scale(domain=stances, range=STANCE_COLOURS)
    thesis_axis = alt.Y("thesis_label:N", sort=theses, title=None, axis=_label_axis(narrow, 120))
    base = alt.Chart(df)
    matrix = (
        base.mark_point(filled=True, size=90 if narrow else 120, opacity=0.9)
        .encode(
            x=alt.X(
                "source_label:N",
                sort=sources,
                title=None,
                axis=alt.Axis(labelAngle=-90 if narrow else -40, labelLimit=180 if narrow else 110),
            ),
            y=thesis_axis,
            yOffset=alt.YOffset("stance_label:N", sort=stances),
            color=alt.Color("stance_label:N", scale=stance_scale, title=tr("Stance"), legend=bottom_legend(narrow)),
            shape=alt.Shape(
                "stance_label:N",
                scale=alt.Scale(domain=stances, range=STANCE_SHAPES),
                title=tr("Stance"),
                legend=bottom_legend(narrow),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("source_label:N", title=tr("Source")),
                alt.Tooltip("passage:N", title=tr("Paragraph")),
                alt.Tooltip("thesis_label:N", title=tr("Thesis")),
                alt.Tooltip("stance_label:N", title=tr("Stance")),
                alt.Tooltip("quote:N", title=tr("Quote")),
            ],
        )
        .add_params(pick)
        .properties(
            width=140 if narrow else 230, height=260, title=chart_title(tr("Click a source to filter the bars"), narrow)
        )
    )
    bars = (
        base.mark_bar()
        .encode(
            y=thesis_axis if narrow else alt.Y("thesis_label:N", sort=theses, axis=None),
            x=alt.X("count():Q", title=tr("Coded passages"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("stance_label:N", scale=stance_scale, title=tr("Stance"), legend=bottom_legend(narrow)),
            tooltip=[
                alt.Tooltip("thesis_label:N", title=tr("Thesis")),
                alt.Tooltip("stance_label:N", title=tr("Stance")),
                alt.Tooltip("count():Q", title=tr("Passages")),
            ],
        )
        .transform_filter(pick)
        .transform_filter("menu_source === null || datum.source_label === menu_source")
        .properties(
            width=140 if narrow else 150,
            height=160 if narrow else 260,
            title=chart_title(tr("Stances of the selected source(s)"), narrow),
        )
    )
    chart = (alt.vconcat if narrow else alt.hconcat)(matrix, bars).resolve_scale(color="shared").add_params(menu)
    table = df[["source_label", "passage", "thesis_label", "stance_label", "quote"]].rename(
        columns={
            "source_label": tr("Source"),
            "passage": tr("Paragraph"),
            "thesis_label": tr("Thesis"),
            "stance_label": tr("Stance"),
            "quote": tr("Quote"),
        }
    )
    lines = []
    for label in sources:
        rows = df[df.source_label == label]
        parts = [f"{s.lower()} {', '.join(sorted(set(g.thesis_label)))}" for s, g in rows.groupby("stance_label")]
        lines.append(f"{label}: {'; '.join(parts) if parts else tr('no coded passages')}.")
    description = (
        tr(
            "Dot matrix of {n} coded passages: one row per thesis, one column per source, one mark per stance.",
            n=len(df),
        )
        + " "
        + " ".join(lines)
    )
    return Chart(tr("Where each source stands on each thesis"), chart, table, description)


def event_timeline(course: Course, narrow: bool = False, tr: Tr = english) -> Chart:
    """The dated events the sources mention, one row per source, with each dated source's publication."""
    df = translated(course.tables.events, tr, "source_label", "event")
    sources = source_labels(course, tr)
    published = pd.DataFrame(
        [
            {"source_label": tr(s.label), "when": publication_date(s.date), "date": s.date}
            for s in course.corpus.values()
            if publication_date(s.date) is not None
        ]
    )
    colour = alt.Scale(domain=sources, range=SOURCE_COLOURS)
    y = alt.Y("source_label:N", sort=sources, title=None, axis=_label_axis(narrow, 200))
    events = (
        alt.Chart(df)
        .mark_point(filled=True, size=120)
        .encode(
            x=alt.X("when:T", title=tr("Date of the event"), axis=alt.Axis(format="%Y")),
            y=y,
            color=alt.Color("source_label:N", scale=colour, legend=None),
            tooltip=[
                alt.Tooltip("event:N", title=tr("Event")),
                alt.Tooltip("date:N", title=tr("Date")),
                alt.Tooltip("source_label:N", title=tr("Mentioned by")),
                alt.Tooltip("passage:N", title=tr("Paragraph")),
                alt.Tooltip("quote:N", title=tr("Quote")),
            ],
        )
    )
    marks = (
        alt.Chart(published)
        .mark_tick(thickness=3, size=26, color="#333333")
        .encode(
            x="when:T",
            y=y,
            tooltip=[
                alt.Tooltip("source_label:N", title=tr("Source")),
                alt.Tooltip("date:N", title=tr("Published (as the text gives it)")),
            ],
        )
    )
    chart = alt.layer(events, marks).properties(
        width=160 if narrow else 440,
        height=220,
        title=chart_title(tr("Events mentioned (dots) and publication dates (bars)"), narrow),
    )
    table = (
        df[["date", "event", "source_label", "passage", "quote"]]
        .sort_values(["date", "source_label"])
        .rename(
            columns={
                "date": tr("Date"),
                "event": tr("Event"),
                "source_label": tr("Mentioned by"),
                "passage": tr("Paragraph"),
                "quote": tr("Quote"),
            }
        )
    )
    undated = [tr(s.label) for s in course.corpus.values() if publication_date(s.date) is None]
    description = (
        tr(
            "Timeline of {events} dated events, mentioned {n} times across the sources.",
            events=df.event.nunique(),
            n=len(df),
        )
        + " "
        + " ".join(
            f"{row.date}: {row.event} ({row.source_label})."
            for row in df.sort_values("date").drop_duplicates(["event", "source_label"]).itertuples()
        )
        + " "
        + tr(
            "Publication dates are marked for {dated}; {undated} give no publication date.",
            dated=", ".join(published.source_label),
            undated=tr(" and ").join(undated),
        )
    )
    return Chart(tr("Events the sources mention, over time"), chart, table, description)


def cited_figures(course: Course, narrow: bool = False, tr: Tr = english) -> Chart:
    """The figures the sources cite, with who cites them and what the text gives as their basis."""
    df = translated(course.tables.figures, tr, "what", "unit", "year", "source_label", "basis", "caveat").assign(
        label=lambda d: d.what + " (" + d.year.astype(str) + ")"
    )
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=_label_axis(narrow, 300)),
            x=alt.X("value:Q", title=None, axis=alt.Axis(labelOverlap="greedy")),
            color=alt.Color(
                "source_label:N",
                scale=alt.Scale(domain=source_labels(course, tr), range=SOURCE_COLOURS),
                title=tr("Cited by"),
                legend=bottom_legend(narrow),
            ),
            tooltip=[
                alt.Tooltip("what:N", title=tr("Figure")),
                alt.Tooltip("value:Q", title=tr("Value")),
                alt.Tooltip("unit:N", title=tr("Unit")),
                alt.Tooltip("source_label:N", title=tr("Cited by")),
                alt.Tooltip("passage:N", title=tr("Paragraph")),
                alt.Tooltip("quote:N", title=tr("Quote")),
                alt.Tooltip("basis:N", title=tr("Source given")),
                alt.Tooltip("caveat:N", title=tr("Caveat")),
            ],
        )
        .properties(width=100 if narrow else 240, height=alt.Step(54 if narrow else 22))  # room for 4 lines
        .facet(  # one panel per unit: never drills with dollars
            row=alt.Row(
                "unit:N",
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top" if narrow else "left"),
            ),
            title=chart_title(tr("Figures the sources cite, one panel per unit"), narrow),
        )
        .resolve_scale(x="independent", y="independent")
    )
    table = df[["what", "value", "unit", "year", "source_label", "passage", "basis", "caveat"]].rename(
        columns={
            "what": tr("Figure"),
            "value": tr("Value"),
            "unit": tr("Unit"),
            "year": tr("Year"),
            "source_label": tr("Cited by"),
            "passage": tr("Paragraph"),
            "basis": tr("Source given in the text"),
            "caveat": tr("Caveat"),
        }
    )
    description = " ".join(
        [tr("Bar chart.")]
        + [
            tr(
                "{what}, {year}: {value} {unit}, cited by {source} ({passage}); source given: {basis}.",
                what=r.what,
                year=r.year,
                value=format(r.value, "g"),
                unit=r.unit,
                source=r.source_label,
                passage=r.passage,
                basis=r.basis,
            )
            for r in df.itertuples()
        ]
    )
    return Chart(tr("Figures the sources cite"), chart, table, description)


CHARTS: dict[str, Callable[..., Chart]] = {
    "stance-matrix": stance_matrix,
    "event-timeline": event_timeline,
    "cited-figures": cited_figures,
    "place-map": place_map,
}
