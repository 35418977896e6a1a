"""GeoJSON for the places: dashed circles for approximate areas, routes for lines."""

from __future__ import annotations

import math

from .data import Place

EARTH_KM = 6371.0


def circle(lon: float, lat: float, radius_km: float, steps: int = 36) -> list[list[float]]:
    """A closed ring `radius_km` around a point, clockwise (north, east, south, west) as d3-geo expects."""
    d = radius_km / EARTH_KM
    lat1, lon1 = math.radians(lat), math.radians(lon)
    ring = []
    for i in range(steps + 1):
        bearing = 2 * math.pi * (i % steps) / steps
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(bearing))
        lon2 = lon1 + math.atan2(
            math.sin(bearing) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2)
        )
        ring.append([round(math.degrees(lon2), 2), round(math.degrees(lat2), 2)])
    return ring


def geometry(place: Place) -> dict | None:
    """The GeoJSON geometry an area or a line is drawn with (None for other kinds)."""
    if place.kind == "area":
        ((lon, lat),) = place.coordinates
        assert place.radius_km is not None  # data.py requires one for every area
        return {"type": "Polygon", "coordinates": [circle(lon, lat, place.radius_km)]}
    if place.kind == "line":
        return {"type": "LineString", "coordinates": place.coordinates}
    return None
