"""The coded data behind the comparisons: claims, dated events and cited figures, as pandas tables.

Each file is YAML under `book/data/`; every row names a paragraph and carries a verbatim quote,
and is validated like the exercise banks (`file:line: reason`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .datafile import DataError, Node, check_keys, check_shape, load_yaml, require_mapping
from .sources import Corpus, quote_in

STANCES = {
    "supports": "Supports",
    "challenges": "Challenges",
    "mentions": "Mentions",
    "describes-as-past": "Describes as past",
}
CLAIMS, EVENTS, FIGURES = "book/data/claims.yml", "book/data/events.yml", "book/data/figures.yml"

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


@dataclass
class Tables:
    """claims, events (one row per mention) and figures, each a DataFrame with a `line` column."""

    claims: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    files: list[Path]


def _rows(path: Path, key: str) -> list[Node]:
    """The rows of a table, checked against its schema (`sourcebook/schemas/<key>.schema.json`)."""
    top = require_mapping(path, load_yaml(path), f"{path.name}", line=1)
    check_shape(path, top, key, lambda where: "" if where else path.name)  # a row is named by its line
    return top[key]


def _quoted(path: Path, row: Node, corpus: Corpus, pid_key: str = "passage"):
    try:
        para = corpus.passage(str(row[pid_key]))
    except KeyError as err:
        raise DataError(path, row.line_of(pid_key), err.args[0]) from None
    if not isinstance(row.get("quote"), str) or not quote_in(row["quote"], para):
        raise DataError(path, row.line_of("quote"), f"quote is not verbatim in {para.id}: “{row.get('quote')}”")
    return para


def quoted_rows(path: Path, row: Node, key: str, corpus: Corpus):
    """The `{passage, quote}` mappings listed under `key`, each checked, with its paragraph."""
    if not isinstance(row[key], list) or not row[key]:
        raise DataError(path, row.line_of(key), f"'{key}' must list at least one passage")
    for mention in row[key]:
        mention = require_mapping(path, mention, "each mention", line=row.line_of(key))
        check_keys(path, mention, {"passage", "quote"}, set(), "mention")
        yield mention, _quoted(path, mention, corpus)


def _claims(path: Path, corpus: Corpus, theses: dict) -> pd.DataFrame:
    records = []
    for row in _rows(path, "claims"):
        para = _quoted(path, row, corpus)
        if row["thesis"] not in theses:
            raise DataError(
                path, row.line_of("thesis"), f"unknown thesis '{row['thesis']}' (known: {', '.join(theses)})"
            )
        records.append(
            {
                "source": para.source,
                "source_label": corpus[para.source].label,
                "passage": para.id,
                "n": para.n,
                "thesis": row["thesis"],
                "thesis_label": theses[row["thesis"]].label,
                "stance": row["stance"],
                "stance_label": STANCES[row["stance"]],
                "quote": row["quote"],
                "note": row["note"],
                "line": row.line,
            }
        )
    return pd.DataFrame.from_records(records)


def _timestamp(date: str) -> pd.Timestamp:
    year, month, day = (date.split("-") + ["01", "01"])[:3]
    return pd.Timestamp(int(year), int(month), int(day))


def _events(path: Path, corpus: Corpus) -> pd.DataFrame:
    records = []
    for row in _rows(path, "events"):
        date = row["date"]
        for mention, para in quoted_rows(path, row, "mentions", corpus):
            records.append(
                {
                    "event": row["label"],
                    "date": date,
                    "when": _timestamp(date),
                    "source": para.source,
                    "source_label": corpus[para.source].label,
                    "passage": para.id,
                    "quote": mention["quote"],
                    "line": mention.line,
                }
            )
    return pd.DataFrame.from_records(records)


def _figures(path: Path, corpus: Corpus) -> pd.DataFrame:
    records = []
    for row in _rows(path, "figures"):
        para = _quoted(path, row, corpus)
        records.append(
            {
                "what": row["what"],
                "value": float(row["value"]),
                "unit": row["unit"],
                "year": row["year"],
                "source": para.source,
                "source_label": corpus[para.source].label,
                "passage": para.id,
                "quote": row["quote"],
                "basis": row["basis"],
                "caveat": row.get("caveat", ""),
                "line": row.line,
            }
        )
    return pd.DataFrame.from_records(records)


def load_tables(root: Path, corpus: Corpus, theses: dict) -> Tables:
    """Load and validate claims, events and figures; raises `DataError` on the first bad row."""
    root = Path(root)
    files = [root / CLAIMS, root / EVENTS, root / FIGURES]
    return Tables(_claims(files[0], corpus, theses), _events(files[1], corpus), _figures(files[2], corpus), files)


def publication_date(text: str) -> pd.Timestamp | None:
    """A date as a source gives it ("29th March 2018", "January 15, 2023"), or None if not given."""
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
    month = next((MONTHS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTHS), None)
    year = re.search(r"\b(\d{4})\b", text)
    if not (day and month and year):
        return None
    return pd.Timestamp(int(year[1]), month, int(day[1]))
