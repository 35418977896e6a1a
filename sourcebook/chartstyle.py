"""What every chart shares: the colours and shapes, the widths of the two layouts, the legend and
title, and `Chart` (a chart with its title, data table and text description). `charts.py` and the
map (`places/map.py`) both draw with these."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .course import Course

# Colour-blind-safe (Okabe–Ito) colours; shapes repeat the meaning so colour is never alone.
STANCE_COLOURS = ["#0072B2", "#D55E00", "#6b6b6b", "#CC79A7"]
STANCE_SHAPES = ["circle", "cross", "diamond", "triangle-up"]
SOURCE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00"]
# The widest each layout may draw, in CSS pixels, legends and axis labels included (a test checks
# them in Chromium): a phone's chart view has 296 pixels, the book's desktop column about 670.
NARROW_WIDTH, WIDE_WIDTH = 280, 640


def bottom_legend(narrow: bool) -> alt.Legend:
    """A legend under the chart (beside it is too wide for a phone)."""
    return alt.Legend(orient="bottom", direction="vertical", labelLimit=120 if narrow else 200)


def chart_title(text: str, narrow: bool) -> alt.Title:
    """A chart title that starts at the chart's left edge, on lines of the narrow layout's width on a phone
    (cut with … past the wide layout's width)."""
    lines = textwrap.wrap(text, 38) if narrow else text
    return alt.Title(lines, anchor="start", frame="bounds", limit=(NARROW_WIDTH if narrow else WIDE_WIDTH) - 20)


@dataclass
class Chart:
    title: str
    chart: alt.TopLevelMixin
    table: pd.DataFrame
    description: str


def source_labels(course: Course) -> list[str]:
    return [s.label for s in course.corpus.values()]
