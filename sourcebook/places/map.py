"""The map of places: the places the sources name, drawn with altair on the vendored boundaries.

`place_map(course, tr=…)` returns a `sourcebook.chartstyle.Chart` like the other charts, in the edition's words (the `{chart} place-map`
directive draws it): geoshape layers for the named states, approximate areas and routes, points for
precise positions, a legend and a menu that filter them by source, the data table (one row per
mention) and a description generated from the same data.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..chartstyle import SOURCE_COLOURS, Chart, Tr, english, source_labels
from ..course import Course
from .boundaries import FRAME, countries
from .data import Place, placement_label
from .shapes import geometry

DRAWN = {
    "state": "state boundary",
    "point": "point",
    "area": "area (approximate)",
    "line": "route (approximate)",
    "unplaced": "not drawn",
}


def _mention_rows(course: Course, tr: Tr) -> list[tuple[dict, Place]]:
    """(record, place) for each (place, source): the source's first mention, its words, how it is drawn."""
    labels = {s.id: tr(s.label) for s in course.corpus.values()}
    rows = []
    for place in course.places:
        by_source: dict[str, list] = {}
        for mention in place.mentions:
            by_source.setdefault(mention.source, []).append(mention)
        for source, mentions in by_source.items():
            rows.append(
                (
                    {
                        "place": tr(place.name),
                        "drawn": tr(DRAWN[place.kind]),
                        "source_label": labels[source],
                        "passage": mentions[0].passage,
                        "quote": mentions[0].quote,
                        "named_by": ", ".join(labels[s] for s in by_source),
                        "placed": placement_label(place, tr),
                        "basis": tr(place.basis or place.why),
                        "href": None,
                    },
                    place,
                )
            )  # href: see datapages
    return rows


def place_map(course: Course, narrow: bool = False, tr: Tr = english):
    """The places the sources name, on Natural Earth boundaries; a source (legend or menu) filters them.
    The map takes its column's width; in a narrow column it is less tall."""
    sources = source_labels(course, tr)
    rows = _mention_rows(course, tr)

    def data(keep, extra) -> alt.Data:
        return alt.Data(values=[record | more for record, place in rows if keep(place) for more in extra(place)])

    pick = alt.selection_point(name="pick_place_source", fields=["source_label"], bind="legend")
    menu = alt.param(
        name="menu_place_source",
        value=None,
        bind=alt.binding_select(
            options=[None, *sources], labels=[tr("All sources"), *sources], name=tr("Show places named by: ")
        ),
    )
    by_menu = "menu_place_source === null || datum.source_label === menu_place_source"
    colour = alt.Color(
        "source_label:N",
        scale=alt.Scale(domain=sources, range=SOURCE_COLOURS),
        title=tr("Named by"),
        legend=alt.Legend(orient="bottom", columns=2, symbolType="circle"),
    )
    tooltip = [
        alt.Tooltip("place:N", title=tr("Place")),
        alt.Tooltip("source_label:N", title=tr("Named by")),
        alt.Tooltip("quote:N", title=tr("Words")),
        alt.Tooltip("passage:N", title=tr("Paragraph")),
        alt.Tooltip("drawn:N", title=tr("Drawn as")),
        alt.Tooltip("placed:N", title=tr("Placed by")),
        alt.Tooltip("basis:N", title=tr("How placed")),
        alt.Tooltip("named_by:N", title=tr("Named by (all)")),
    ]  # marks of several sources overlap

    def layer(mark: alt.Chart, **encoding) -> alt.Chart:
        return mark.encode(href="href:N", tooltip=tooltip, **encoding).transform_filter(by_menu).transform_filter(pick)

    world = alt.NamedData("world")  # the boundaries, inlined once and looked up by the states' layers
    world_shape = alt.LookupData(data=world, key="country", fields=["geo"])
    base = (
        alt.Chart(world)
        .mark_geoshape(fill="#e8e8e3", stroke="#ffffff", strokeWidth=0.6)
        .encode(shape=alt.Shape("geo:G"), tooltip=[alt.Tooltip("country:N", title=tr("Country (Natural Earth)"))])
    )
    # The legend, and the selection bound to it, live on a layer that draws nothing (size 0; opacity 1 for
    # the legend's symbols), so that every drawn layer can be filtered by it. It comes first (vega-lite
    # keeps the first layer's legend binding) and sits at the frame's centre (the projection is fitted
    # to every layer).
    west, south, east, north = FRAME
    centre = {"lon": (west + east) / 2, "lat": (south + north) / 2}
    key = (
        alt.Chart(alt.Data(values=[{"source_label": s, **centre} for s in sources]))
        .mark_point(filled=True, size=0, opacity=1, aria=False)
        .encode(longitude="lon:Q", latitude="lat:Q", color=colour)
        .add_params(pick)
    )
    one_state = data(lambda p: p.kind == "state" and len(p.states) == 1, lambda p: [{"country": p.states[0]}])
    region = data(lambda p: p.kind == "state" and len(p.states) > 1, lambda p: [{"country": n} for n in p.states])

    def drawn_shape(place: Place) -> list[dict]:
        return [{"geo": {"type": "Feature", "properties": {}, "geometry": geometry(place)}}]

    states = layer(
        alt.Chart(one_state).mark_geoshape(fill="#0072B2", fillOpacity=0.08, stroke="#ffffff", strokeWidth=0.6),
        shape=alt.Shape("geo:G"),
    )
    regions = layer(
        alt.Chart(region).mark_geoshape(filled=False, stroke="#1a1a1a", strokeWidth=1.4), shape=alt.Shape("geo:G")
    )
    areas = alt.Chart(data(lambda p: p.kind == "area", drawn_shape)).mark_geoshape(
        fillOpacity=0.12, strokeWidth=1.5, strokeDash=[4, 3]
    )
    lines = alt.Chart(data(lambda p: p.kind == "line", drawn_shape)).mark_geoshape(
        filled=False, strokeWidth=2.5, strokeDash=[6, 3]
    )
    points = alt.Chart(
        data(lambda p: p.kind == "point", lambda p: [dict(zip(("lon", "lat"), p.coordinates[0], strict=False))])
    ).mark_point(filled=True, size=80, stroke="#ffffff", strokeWidth=1, opacity=1)
    chart = (
        alt.layer(
            base,
            key,
            states.transform_lookup(lookup="country", from_=world_shape),
            regions.transform_lookup(lookup="country", from_=world_shape),
            layer(areas, shape=alt.Shape("geo:G"), color=colour, stroke=colour),
            layer(lines, shape=alt.Shape("geo:G"), stroke=colour),
            layer(points, longitude="lon:Q", latitude="lat:Q", color=colour),
        )
        .add_params(menu)
        .project(type="conicEqualArea", parallels=[25, 55], rotate=[-75, 0, 0])
        .properties(
            width="container",
            height=220 if narrow else 280,
            datasets={"world": [{"country": name, "geo": feature} for name, feature in countries().items()]},
        )
    )
    table = pd.DataFrame(
        [
            {
                tr("Place"): tr(p.name),
                tr("Drawn as"): tr(DRAWN[p.kind]),
                tr("Source"): tr(course.corpus[m.source].label),
                tr("Paragraph"): m.passage,
                tr("Words"): m.quote,
                tr("Placed by"): placement_label(p, tr),
                tr("How placed, or why not drawn"): tr(p.basis or p.why),
            }
            for p in course.places
            for m in p.mentions
        ]
    )
    return Chart(tr("Places the sources name"), chart, table, _place_description(course, tr))


def _place_description(course: Course, tr: Tr) -> str:
    places = course.places
    groups = [(kind, [p for p in places if p.kind == kind]) for kind in DRAWN]
    text = [
        tr(
            "Map of {n} places the five sources name, drawn on Natural Earth boundaries, "
            "{west}° to {east}° east and {south}° to {north}° north.",
            n=sum(p.kind != "unplaced" for p in places),
            **{
                side: format(degrees, "g")
                for side, degrees in zip(("west", "south", "east", "north"), FRAME, strict=True)
            },
        )
    ]
    headings = {
        "state": tr("States, drawn with their boundaries"),
        "point": tr("Points"),
        "area": tr("Approximate areas"),
        "line": tr("Approximate routes"),
        "unplaced": tr("Named but not drawn"),
    }
    for kind, group in groups:
        if not group:
            continue
        names = "; ".join(
            tr(p.name)
            + (
                f" ({tr(p.why)})"
                if kind == "unplaced"
                else " " + tr("(placed by lateral reading)")
                if p.placed_by == "outside"
                else ""
            )
            for p in group
        )
        text.append(f"{headings[kind]}: {names}.")
    for source in course.corpus.values():
        named = [tr(p.name) for p in places if p.kind != "unplaced" and any(m.source == source.id for m in p.mentions)]
        text.append(
            tr(
                "{source} names {n} of the drawn places: {places}.",
                source=tr(source.label),
                n=len(named),
                places=", ".join(named),
            )
        )
    return " ".join(text)
