"""The course's data in one call: sources, theses, exercise banks and coded tables, from their default places."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .instructor.assignments import load_assignments
from .claims import Tables, load_tables
from .exercises.balance import check_balance
from .exercises.schema import Banks, load_banks
from .sources import Corpus, load_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = "seeds/sources.yml"
THESES = "book/data/theses.yml"
EXERCISES = "exercises"


@dataclass
class Course:
    corpus: Corpus
    banks: Banks
    tables: Tables
    files: list[Path]
    assignments: dict = field(default_factory=dict)


def load_course(root: str | Path = ROOT, sources: str = SOURCES, theses: str = THESES,
                exercises: str = EXERCISES) -> Course:
    """Load and validate everything; raises `DataError` (file:line: reason) on the first problem."""
    root = Path(root)
    corpus = load_sources(root / sources)
    banks = load_banks(root / exercises, corpus, root / theses)
    check_balance(banks, corpus)
    tables = load_tables(root, corpus, banks.theses)
    files = [root / sources, *(s.file for s in corpus.values()), root / theses, *banks.files, *tables.files]
    course = Course(corpus, banks, tables, files)
    course.assignments = load_assignments(root, banks)
    course.files += [a.file for a in course.assignments.values()]
    return course
