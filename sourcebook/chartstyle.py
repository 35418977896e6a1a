"""What every chart shares: the colours and shapes, the widths of the two layouts, the legend and
title, `Chart` (a chart with its title, data table and text description) and `Tr`, the edition's words
(every builder takes one: `english` in the English edition, the catalogues' in a translated one).
`charts.py` and the map (`places/map.py`) both draw with these."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
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

# The edition's words: `tr("Stance")`, `tr("{n} passages", n=3)`; a chart's data labels (theses,
# sources, events, places) pass through it too. The literal calls are extracted into interface.po.
Tr = Callable[..., str]


def english(text: str, **values) -> str:
    """The English edition's `tr`: the text itself, `{name}` placeholders filled."""
    return text.format(**values) if values else text


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


def translated(df: pd.DataFrame, tr: Tr, *columns: str) -> pd.DataFrame:
    """`df` with the words in `columns` in the edition's language (numbers and gaps as they are)."""
    return df.assign(**{c: df[c].map(lambda v: tr(v) if isinstance(v, str) and v else v) for c in columns})


def source_labels(course: Course, tr: Tr = english) -> list[str]:
    return [tr(s.label) for s in course.corpus.values()]
