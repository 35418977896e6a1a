"""The places the sources name (`book/data/places.yml`): validated rows, one per place.

Every mention quotes its paragraph verbatim; a drawn place has coordinates inside the map's frame
and says whether the text itself places it or lateral reading does, and then which entry of
`book/references.bib` it rests on. Errors are `file:line: reason`, as for the other tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..bibliography import Bibliography
from ..claims import quoted_rows
from ..datafile import DataError, Node, check_keys, load_yaml, require_mapping
from ..sources import Corpus
from .boundaries import FRAME, countries

PLACES = "book/data/places.yml"
SHAPES = {"state": {"state"}, "point": {"at"}, "area": {"around", "radius_km"}, "line": {"route"}, "unplaced": {"why"}}
PLACEMENT = {"text": "the text itself", "outside": "lateral reading"}
BASE_MAP = "the base map"


@dataclass
class Mention:
    passage: str
    source: str
    quote: str
    line: int


@dataclass
class Place:
    name: str
    kind: str
    mentions: list[Mention]
    states: list[str]  # kind state: the boundary names
    coordinates: list[list[float]]  # point: [[lon, lat]]; area: [[lon, lat]]; line: the route
    radius_km: float | None
    placed_by: str | None  # text | outside (None for states and unplaced rows)
    reference: str | None
    reference_label: str  # the reference's title and publisher, as the data table shows it
    basis: str
    why: str
    line: int


def placement_label(place: Place, tr: Callable[[str], str] = str) -> str:
    """Who places it, as the map's tooltip and table say: the base map, the text, or a named reference
    (its title as written); `tr` gives the words in the edition's language."""
    if place.placed_by is None:
        return tr(BASE_MAP) if place.kind == "state" else ""
    return tr(PLACEMENT[place.placed_by]) + (f": {place.reference_label}" if place.reference else "")


def _position(path: Path, node: Node, key: str, value) -> list[float]:
    west, south, east, north = FRAME
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise DataError(path, node.line_of(key), f"'{key}' must be [longitude, latitude], not {value!r}")
    lon, lat = value
    if not (west <= lon <= east and south <= lat <= north):
        raise DataError(
            path,
            node.line_of(key),
            f"'{key}' {value} is outside the map's frame "
            f"(longitude {west:g} to {east:g}, latitude {south:g} to {north:g}); "
            "list the place as kind: unplaced instead",
        )
    return [float(lon), float(lat)]


def _place(path: Path, row: Node, corpus: Corpus, references: dict[str, str]) -> Place:
    kind = row.get("kind")
    if kind not in SHAPES:
        raise DataError(path, row.line_of("kind"), f"unknown kind '{kind}' (known: {', '.join(SHAPES)})")
    drawn = kind not in ("state", "unplaced")
    optional = {"reference"} if drawn else set()
    check_keys(
        path,
        row,
        {"name", "kind", "mentions"} | SHAPES[kind] | ({"placed_by", "basis"} if drawn else set()),
        optional,
        f"place ({kind})",
    )
    mentions = [
        Mention(para.id, para.source, node["quote"], node.line)
        for node, para in quoted_rows(path, row, "mentions", corpus)
    ]
    states: list[str] = []
    coordinates: list[list[float]] = []
    if kind == "state":
        states = row["state"] if isinstance(row["state"], list) else [row["state"]]
        for name in states:
            if name not in countries():
                raise DataError(path, row.line_of("state"), f"no boundary named '{name}' in the base map")
    elif kind in ("point", "area"):
        key = "at" if kind == "point" else "around"
        coordinates = [_position(path, row, key, row[key])]
    elif kind == "line":
        if not isinstance(row["route"], list) or len(row["route"]) < 2:
            raise DataError(path, row.line_of("route"), "'route' must list at least two [longitude, latitude] points")
        coordinates = [_position(path, row, "route", p) for p in row["route"]]
    radius = row.get("radius_km")
    if kind == "area" and (not isinstance(radius, (int, float)) or not 10 <= radius <= 1500):
        raise DataError(path, row.line_of("radius_km"), f"'radius_km' must be a number from 10 to 1500, not {radius!r}")
    placed_by, reference = row.get("placed_by"), row.get("reference")
    if drawn:
        if placed_by not in PLACEMENT:
            raise DataError(path, row.line_of("placed_by"), f"'placed_by' must be one of {', '.join(PLACEMENT)}")
        if placed_by == "outside" and not reference:
            raise DataError(
                path,
                row.line,
                f"'{row['name']}' is placed by outside knowledge but cites no "
                "'reference' (a key in book/references.bib)",
            )
        if reference and reference not in references:
            raise DataError(
                path, row.line_of("reference"), f"unknown reference '{reference}' (not a key in book/references.bib)"
            )
    return Place(
        row["name"],
        kind,
        mentions,
        states,
        coordinates,
        float(radius) if radius else None,
        placed_by,
        reference,
        references.get(reference or "", ""),
        row.get("basis", ""),
        row.get("why", ""),
        row.line,
    )


def load_places(root: Path, corpus: Corpus, bib: Bibliography) -> list[Place]:
    """Load and validate `book/data/places.yml` (outside placements cite keys of `bib`); raises
    `DataError` on the first bad row."""
    path = Path(root) / PLACES
    top = require_mapping(path, load_yaml(path), path.name, line=1)
    check_keys(path, top, {"places"}, set(), path.name)
    if not isinstance(top["places"], list) or not top["places"]:
        raise DataError(path, top.line_of("places"), "'places' must be a non-empty list")
    references = {
        key: ", ".join(fields[f] for f in ("title", "howpublished") if f in fields) for key, fields in bib.items()
    }
    return [
        _place(path, require_mapping(path, row, "each place", line=top.line_of("places")), corpus, references)
        for row in top["places"]
    ]
