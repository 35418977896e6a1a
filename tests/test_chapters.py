"""The course's content meets its own bar: chapter structure, commentary length, citations, exercises."""

import re
from collections import Counter

import pytest

from sourcebook.course import load_course
from sourcebook.exercises.schema import SKILLS

from .conftest import ROOT

SOURCE_SECTIONS = [
    "## Sourcing card",
    "## The text",
    "## Commentary",
    "### Thesis in brief",
    "### Argument map",
    "### Theory and method",
    "### Context",
    "### Close reading",
    "### Corroboration",
    "### Reliability",
    "### The competing theses",
    "### Discussion questions",
    "## Exercises",
]
CITATION = re.compile(r"\{(?:passage|quote)\}`[^`]*?<?([a-z0-9-]+:p\d+)>?`")
THESIS_PAGES = ["cooperation-or-rivalry", "division-of-labor", "condominium", "hedging", "negative-hegemony"]


@pytest.fixture(scope="module")
def course():
    return load_course()


def prose_words(markdown: str) -> int:
    """Words a reader sees: roles reduced to their text, directives' options and fences dropped."""
    text = re.sub(r"\{(?:passage|quote|term)\}`([^`<]*)(?:<[^>]*>)?`", r"\1", markdown)
    text = re.sub(r"^\s*(```|:::).*$|^\s*:[a-z-]+:.*$", "", text, flags=re.M)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


@pytest.mark.parametrize(
    "source", ["unsigned-article", "carnegie-tsinghua-2016", "stronski-2018", "firdous-2023", "recalibration-2023"]
)
def test_source_chapter(course, source):
    page = (ROOT / "book" / "sources" / f"{source}.md").read_text(encoding="utf-8")
    positions = [page.find(heading + "\n") for heading in SOURCE_SECTIONS]
    assert -1 not in positions, [h for h, p in zip(SOURCE_SECTIONS, positions, strict=False) if p < 0]
    assert positions == sorted(positions), "sections out of order"
    commentary = page[page.index("## Commentary") : page.index("## Exercises")]
    assert prose_words(commentary) >= 1000
    cited = {pid for pid in CITATION.findall(commentary) if pid.startswith(source + ":")}
    assert len(cited) >= 10, sorted(cited)
    assert "```{source-card} " + source in page and "```{source-text} " + source in page
    assert "```{exercise-set} " + source in page
    bank = [e for e in course.banks.exercises.values() if e.file.stem == source]
    assert len(bank) >= 8 and len({e.type for e in bank}) >= 4
    assert {e.skill for e in bank} == set(SKILLS)
    questions = page[page.index("### Discussion questions") : page.index("## Exercises")]
    assert len(re.findall(r"^\s*(?:\d+\.|-)\s", questions, flags=re.M)) >= 3


@pytest.mark.parametrize("thesis", THESIS_PAGES)
def test_thesis_chapter(course, thesis):
    page = (ROOT / "book" / "theses" / f"{thesis}.md").read_text(encoding="utf-8")
    assert prose_words(page) >= 900
    sources_cited = {pid.split(":")[0] for pid in CITATION.findall(page)}
    assert len(sources_cited) >= 4, sources_cited
    assert "grid-item-card" in page or "tab-item" in page  # passages side by side
    bank_name = "thesis-frame" if thesis == "cooperation-or-rivalry" else f"thesis-{thesis}"
    bank = [e for e in course.banks.exercises.values() if e.file.stem == bank_name]
    assert len(bank) >= 6 and Counter(e.type for e in bank)["classify"] >= 2
    assert "```{instructor-note}" in page


def test_every_exercise_cites_what_it_rests_on(course):
    for exercise in course.banks.exercises.values():
        assert exercise.data["passages"], exercise.id
