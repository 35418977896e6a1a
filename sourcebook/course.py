"""The course's data in one call: sources, theses and exercise banks, from their default places."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    files: list[Path]


def load_course(root: str | Path = ROOT, sources: str = SOURCES, theses: str = THESES,
                exercises: str = EXERCISES) -> Course:
    """Load and validate everything; raises `DataError` (file:line: reason) on the first problem."""
    root = Path(root)
    corpus = load_sources(root / sources)
    banks = load_banks(root / exercises, corpus, root / theses)
    files = [root / sources, *(s.file for s in corpus.values()), root / theses, *banks.files]
    return Course(corpus, banks, files)
