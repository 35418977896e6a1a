"""`data.po`: the words the course's data give the pages, shared by the banks, the notes and the charts:
the skill, thesis and stance labels, the sources' labels, and what the coded tables and the map of places
write in the course's own words (events, figures with their units, bases and caveats, places, how each
place is drawn or why it is not). Quotations stay out: they are the sources' words, shown as written;
so do the titles of the works the map's places rest on."""

from __future__ import annotations

from ..claims import STANCES
from ..exercises.schema import SKILLS
from ..places.data import BASE_MAP, PLACEMENT
from ..places.map import DRAWN

DATA = "data"


def data_messages(course) -> list[tuple[str, list[tuple[str, int]]]]:
    """[(English, [(file, line)])] for data.po, in a stable order (the vocabulary, then each table's rows)."""
    found: dict[str, list[tuple[str, int]]] = {}

    def add(text, where: str, line: int = 0) -> None:
        if isinstance(text, str) and text.strip():
            found.setdefault(text, []).append((where, line))

    for label in SKILLS.values():
        add(label, "sourcebook/exercises/schema.py")
    for thesis in course.banks.theses.values():
        add(thesis.label, "book/data/theses.yml")
    for label in STANCES.values():
        add(label, "sourcebook/claims.py")
    for source in course.corpus.values():
        add(source.label, "seeds/sources.yml")
    tables = course.tables
    for row in tables.events.itertuples():
        add(row.event, "book/data/events.yml", int(row.line))
    for row in tables.figures.itertuples():
        for text in (row.what, row.unit, row.year, row.basis, row.caveat):
            add(text, "book/data/figures.yml", int(row.line))
    for label in [*DRAWN.values(), *PLACEMENT.values(), BASE_MAP]:
        add(label, "sourcebook/places")
    for place in course.places:
        for text in (place.name, place.basis, place.why):
            add(text, "book/data/places.yml", place.line)
    return list(found.items())
