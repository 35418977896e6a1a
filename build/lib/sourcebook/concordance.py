"""Keyword in context across the sources: the notebook twin of the concordance page."""

from __future__ import annotations

import re

import pandas as pd

from .sources import Corpus


def kwic(corpus: Corpus, term: str, width: int = 60) -> pd.DataFrame:
    """Every occurrence of `term` (case-insensitive, at the start of a word) with its context."""
    pattern = re.compile(r"(?<!\w)" + re.escape(term.strip()), re.IGNORECASE)
    rows = []
    for source in corpus.values():
        for para in source.paragraphs:
            for match in pattern.finditer(para.text):
                rows.append(
                    {
                        "source": source.label,
                        "passage": para.id,
                        "left": para.text[max(0, match.start() - width) : match.start()],
                        "match": match.group(0),
                        "right": para.text[match.end() : match.end() + width],
                    }
                )
    return pd.DataFrame(rows, columns=["source", "passage", "left", "match", "right"])


def counts(corpus: Corpus, term: str) -> pd.Series:
    """Occurrences of `term` per source, zeros included, in the course's order."""
    found = kwic(corpus, term)["source"].value_counts()
    return pd.Series({s.label: int(found.get(s.label, 0)) for s in corpus.values()}, name=term)
