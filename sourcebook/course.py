"""The course's data in one call: sources, lateral reading, theses, exercise banks and coded tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bibliography import REFERENCES, read_bib
from .claims import Tables, load_tables
from .exercises.balance import check_balance
from .exercises.giveaway import check_giveaways
from .exercises.quotes import check_bank_quotes
from .exercises.schema import Banks, load_banks
from .instructor.assignments import load_assignments
from .lateral import LATERAL, Lateral, load_lateral
from .places.data import PLACES, Place, load_places
from .sources import Corpus, load_sources

SOURCES = "seeds/sources.yml"
THESES = "book/data/theses.yml"
EXERCISES = "exercises"
# What makes a folder the course's: the list of its sources (all the data commands need is below it).
MARKERS = (SOURCES,)


class CourseNotFound(LookupError):
    """No course folder where one was looked for; the message names what and where."""


def is_course(folder: Path) -> bool:
    return all((folder / marker).is_file() for marker in MARKERS)


def find_course(course: str | Path | None = None, start: str | Path | None = None) -> Path:
    """The course folder: `course` when given (it must be one), else the first of `start` (default: the
    current folder) and the folders above it that holds `seeds/sources.yml`."""
    wanted = " and ".join(MARKERS)
    if course is not None:
        folder = Path(course).resolve()
        if not is_course(folder):
            missing = ", ".join(m for m in MARKERS if not (folder / m).is_file())
            raise CourseNotFound(f"{folder} is not a course folder: looked for {wanted} there ({missing} not found)")
        return folder
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_course(folder):
            return folder
    raise CourseNotFound(
        f"no course found: looked for {wanted} in {here} and every folder above it; "
        "run the command in the course's folder or name it with --course PATH"
    )


@dataclass
class Course:
    corpus: Corpus
    banks: Banks
    tables: Tables
    files: list[Path]
    assignments: dict = field(default_factory=dict)
    lateral: dict[str, Lateral] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # recorded outside words a bank may quote


def load_course(
    root: str | Path | None = None,
    sources: str = SOURCES,
    theses: str = THESES,
    exercises: str = EXERCISES,
    lateral: str = LATERAL,
    references: str = REFERENCES,
) -> Course:
    """Load and validate everything in the course folder `root` (default: the one `find_course` finds);
    raises `DataError` (file:line: reason) on the first problem."""
    root = Path(root) if root is not None else find_course()
    corpus = load_sources(root / sources)
    banks = load_banks(root / exercises, corpus, root / theses)
    check_balance(banks, corpus)
    check_giveaways(banks, corpus)
    tables = load_tables(root, corpus, banks.theses)
    files = [root / sources, *(s.file for s in corpus.values()), root / theses, *banks.files, *tables.files]
    files += [root / PLACES]
    bib = read_bib(root / references)
    course = Course(corpus, banks, tables, files, places=load_places(root, corpus, bib))
    course.lateral = load_lateral(root / lateral, bib, corpus)
    outside = [f.text for entry in course.lateral.values() for f in entry.findings]
    course.outside = outside + [e["note"] for e in bib.values() if "note" in e]
    check_bank_quotes(banks, corpus, course.outside)
    course.files += [root / lateral, root / references]
    course.assignments = load_assignments(root, banks)
    course.files += [a.file for a in course.assignments.values()]
    return course
