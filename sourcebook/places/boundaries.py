"""The base map: Natural Earth country boundaries, cut to the region the sources write about.

The vendored file `region-50m.json` (see README.md beside it) is made once from the npm package
`world-atlas` with::

    python -m sourcebook.places.boundaries PATH/TO/world-atlas/countries-50m.json

It is a GeoJSON FeatureCollection of the countries inside `FRAME`, clipped to it, with coordinates
rounded to 0.01°. The build only reads it; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
from functools import lru_cache
from pathlib import Path

VENDORED = Path(__file__).with_name("region-50m.json")
FRAME = (20.0, 20.0, 130.0, 60.0)  # west, south, east, north (degrees)
PRECISION = 2
STEP = 1.0  # longest straight segment kept, in degrees: a clip edge stays on its parallel or meridian
TOLERANCE = 0.04  # simplification, in degrees (under a pixel at the map's size)
Ring = list[tuple[float, float]]


def _arcs(topology: dict) -> list[Ring]:
    """Decode the delta-encoded, quantized arcs of a TopoJSON topology into lon/lat lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _clip(ring: Ring, frame=FRAME) -> Ring:
    """Sutherland–Hodgman: the part of a closed ring inside the frame (a rectangle in lon/lat)."""
    west, south, east, north = frame
    edges = [
        (lambda p: p[0] >= west, 0, west),
        (lambda p: p[0] <= east, 0, east),
        (lambda p: p[1] >= south, 1, south),
        (lambda p: p[1] <= north, 1, north),
    ]
    for inside, axis, value in edges:
        if not ring:
            break
        out: Ring = []
        for a, b in zip(ring, ring[1:] + ring[:1], strict=False):
            if inside(b):
                if not inside(a):
                    out.append(_cross(a, b, axis, value))
                out.append(b)
            elif inside(a):
                out.append(_cross(a, b, axis, value))
        ring = out
    return ring


def _cross(a, b, axis: int, value: float) -> tuple[float, float]:
    t = (value - a[axis]) / (b[axis] - a[axis])
    point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    point[axis] = value
    return point[0], point[1]


def _simplify(ring: Ring, tolerance: float = TOLERANCE) -> Ring:
    """Douglas–Peucker: drop the points that lie within `tolerance` of the line through their neighbours."""
    if len(ring) < 4:
        return ring
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = ring[first], ring[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = ring[i]
            d = (
                abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
                if length
                else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            )
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [ring[i] for i in sorted(keep)]


def _tidy(ring: Ring) -> list[list[float]]:
    """Simplify, round, drop repeated points, split long straight segments, and close the ring."""
    out: list[list[float]] = []
    ring = _simplify(ring)
    for a, b in zip(ring, ring[1:] + ring[:1], strict=False):
        steps = max(1, int(max(abs(b[0] - a[0]), abs(b[1] - a[1])) // STEP))
        for k in range(steps):
            p = [round(a[0] + (b[0] - a[0]) * k / steps, PRECISION), round(a[1] + (b[1] - a[1]) * k / steps, PRECISION)]
            if not out or p != out[-1]:
                out.append(p)
    return out + out[:1] if len(out) >= 3 else []


def cut(topology: dict, frame=FRAME) -> dict:
    """The countries of a world-atlas topology that reach into `frame`, clipped to it, as GeoJSON."""
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"], [])
        clipped = []
        for polygon in polygons:
            rings = [_tidy(_clip(_ring(r, arcs), frame)) for r in polygon]
            if rings and rings[0]:
                clipped.append([r for r in rings if r])
        if clipped:
            features.append(
                {
                    "type": "Feature",
                    "id": geometry.get("id"),
                    "properties": geometry["properties"],
                    "geometry": {"type": "MultiPolygon", "coordinates": clipped},
                }
            )
    return {"type": "FeatureCollection", "frame": list(frame), "features": features}


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """The vendored boundaries: country name (as Natural Earth spells it) -> GeoJSON feature."""
    data = json.loads(VENDORED.read_text(encoding="utf-8"))
    return {f["properties"]["name"]: f for f in data["features"]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Cut world-atlas countries to the course's map frame.")
    parser.add_argument("topology", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--out", type=Path, default=VENDORED)
    args = parser.parse_args(argv)
    data = cut(json.loads(args.topology.read_text(encoding="utf-8")))
    data["source"] = (
        "world-atlas 2.0.2 (npm), countries-50m.json: Natural Earth 4.1.0 Admin 0 countries, "
        "1:50m, public domain; cut by sourcebook/places/boundaries.py"
    )
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['features'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
