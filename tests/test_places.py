"""The places table and the base map: validation with file:line, geometry, and the map built from them."""

import json

import pytest

from sourcebook.charts import CHARTS
from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.places.boundaries import FRAME, VENDORED, countries, cut
from sourcebook.places.shapes import circle
from sourcebook.sources import quote_in

from .conftest import copy_course_data


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_every_mention_is_verbatim_and_every_drawn_place_is_in_the_frame(course):
    west, south, east, north = FRAME
    assert len(course.places) > 30
    for place in course.places:
        for mention in place.mentions:
            assert quote_in(mention.quote, course.corpus.passage(mention.passage)), (place.name, mention.quote)
        for lon, lat in place.coordinates:
            assert west <= lon <= east and south <= lat <= north, place.name
        assert (place.placed_by == "outside") <= bool(place.reference), place.name


def test_the_issue_places_are_all_there(course):
    names = " ".join(p.name for p in course.places)
    for expected in (
        "Kant air base",
        "Gorno",
        "Tajik-Afghan border",
        "Power of Siberia 2",
        "Line D",
        "Baku-Ceyhan",
        "northern Kazakhstan",
        "Bishkek",
        "Xi’an",
        "border outposts in Tajikistan",
    ):
        assert expected.lower() in names.lower(), expected


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "at: [74.85, 42.85]",
            "at: [174.85, 42.85]",
            r"places\.yml:\d+: 'at' \[174\.85, 42\.85\] is outside the map's frame",
        ),
        ("at: [74.59, 42.87]", "at: [74.59]", r"places\.yml:\d+: 'at' must be \[longitude, latitude\]"),
        (
            'quote: "the 2016 bombing of the Chinese embassy in Bishkek"',
            'quote: "the 2016 bombing of the Russian embassy in Bishkek"',
            r"places\.yml:\d+: quote is not verbatim in stronski-2018:p11",
        ),
        (
            "passage: firdous-2023:p8,",
            "passage: firdous-2023:p80,",
            r"places\.yml:\d+: unknown paragraph 'firdous-2023:p80'",
        ),
        (
            "    reference: kant-air-base\n",
            "",
            r"places\.yml:\d+: 'Russian base in Kyrgyzstan \(Kant air base\)' is placed by outside knowledge but cites no 'reference'",
        ),
        ("reference: kant-air-base", "reference: kant-wiki", r"places\.yml:\d+: unknown reference 'kant-wiki'"),
        ("state: Mongolia", "state: Outer Mongolia", r"places\.yml:\d+: no boundary named 'Outer Mongolia'"),
        ("radius_km: 170", "radius_km: 5000", r"places\.yml:\d+: 'radius_km' must be a number from 10 to 1500"),
        ("    kind: line\n", "    kind: river\n", r"places\.yml:\d+: unknown kind 'river'"),
    ],
)
def test_a_bad_place_names_file_and_line(tmp_path, old, new, message):
    root = copy_course_data(tmp_path)
    path = root / "book" / "data" / "places.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_course(root)


def test_a_bad_coordinate_is_reported_on_its_own_line(tmp_path):
    root = copy_course_data(tmp_path)
    path = root / "book" / "data" / "places.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip() == "at: [108.93, 34.26]")
    lines[target] = lines[target].replace("34.26", "-95.0")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_course(root)
    assert err.value.line == target + 1 and "outside the map's frame" in err.value.message


def test_the_vendored_boundaries_are_small_cut_to_the_frame_and_name_the_region():
    west, south, east, north = FRAME
    assert VENDORED.stat().st_size < 150_000
    data = json.loads(VENDORED.read_text(encoding="utf-8"))
    assert "world-atlas 2.0.2" in data["source"] and "public domain" in data["source"]
    for feature in data["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1]
                assert all(west <= x <= east and south <= y <= north for x, y in ring), feature["properties"]
    for name in (
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Uzbekistan",
        "Turkmenistan",
        "China",
        "Russia",
        "Afghanistan",
        "Mongolia",
        "Iran",
        "Pakistan",
        "Turkey",
        "Azerbaijan",
        "Georgia",
        "Ukraine",
    ):
        assert name in countries()


def test_cut_clips_a_polygon_to_the_frame_along_the_frame_edge():
    # A TopoJSON square from 10°E to 30°E, 50°N to 70°N (unquantized), half outside the frame on two sides.
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[10, 50], [20, 0], [0, 20], [-20, 0], [0, -20]]],
        "objects": {
            "countries": {
                "geometries": [{"type": "Polygon", "arcs": [[0]], "id": "1", "properties": {"name": "Square"}}]
            }
        },
    }
    ring = cut(topology)["features"][0]["geometry"]["coordinates"][0][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    assert (min(xs), max(xs), min(ys), max(ys)) == (20, 30, 50, 60)
    assert len(ring) > 5  # the 10° clip edges are split into 1° steps, so they follow the parallel


def test_an_area_circle_has_its_radius():
    ring = circle(70.0, 40.0, 111.2)  # about 1° of latitude
    assert ring[0] == ring[-1] and abs(ring[0][1] - 41.0) < 0.02 and abs(ring[18][1] - 39.0) < 0.02


def test_the_map_description_and_table_come_from_the_data(course):
    built = CHARTS["place-map"](course)
    spec = built.chart.to_dict()
    assert len(spec["datasets"]["world"]) == len(countries())
    assert {p["name"] for p in spec["params"]} >= {"menu_place_source"}
    marks = {layer["mark"]["type"] for layer in spec["layer"]}
    assert marks == {"geoshape", "point"}
    for place in course.places:
        assert place.name in built.description
        assert place.name in set(built.table["Place"])
    assert len(built.table) == sum(len(p.mentions) for p in course.places)
    assert set(built.table["Paragraph"]) == {m.passage for p in course.places for m in p.mentions}
