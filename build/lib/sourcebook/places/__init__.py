"""The map of places: the places the sources name (data), their shapes, the base map and the chart."""
