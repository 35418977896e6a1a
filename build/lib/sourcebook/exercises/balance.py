"""The balance guard: a self-check must not give its answer away by the length of the correct option.

Haladyna, Downing & Rodriguez (2002): keep options about equal in length. Two rules, for single-choice
and pick-the-evidence exercises (the types with one correct option among distractors):

- an exercise fails when its correct option is more than `MAX_RATIO` times as long as the median
  distractor (length = the characters a student reads: option text, or the passage excerpt shown);
- a bank fails when its correct option is the longest (ties count) in more than `MAX_LONGEST` of its
  exercises of these types.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..datafile import DataError, DataErrors
from ..sources import Corpus
from .payload import plain
from .schema import Banks, Exercise

MAX_RATIO = 1.5
MAX_LONGEST = 0.40
KEYED_TYPES = ("single", "evidence")


def shown_text(option, corpus: Corpus) -> str:
    """The words a student reads for one option, as plain text."""
    if "passage" in option:
        return option.get("excerpt") or corpus.passage(option["passage"]).text
    return plain(option["text"])


@dataclass
class Lengths:
    """One keyed exercise: the correct option's length and the distractors' lengths."""

    exercise: Exercise
    key: int
    distractors: list[int]

    @property
    def ratio(self) -> float:
        return self.key / median(self.distractors)

    @property
    def key_longest(self) -> bool:
        return self.key >= max(self.distractors)


def lengths(banks: Banks, corpus: Corpus) -> list[Lengths]:
    """Option lengths of every single-choice and evidence exercise, in bank order."""
    found = []
    for ex in banks.exercises.values():
        if ex.type in KEYED_TYPES:
            sizes = [(bool(o.get("correct")), len(shown_text(o, corpus))) for o in ex.data["options"]]
            key = next(n for ok, n in sizes if ok)
            found.append(Lengths(ex, key, [n for ok, n in sizes if not ok]))
    return found


def check_balance(banks: Banks, corpus: Corpus) -> None:
    """Raise `DataErrors` listing every exercise and bank that breaks a rule (file:line each)."""
    problems = []
    items = lengths(banks, corpus)
    for item in items:
        if item.ratio > MAX_RATIO:
            ex = item.exercise
            problems.append(
                DataError(
                    ex.file,
                    ex.data.line_of("options"),
                    (
                        f"exercise '{ex.id}': the correct option is {item.ratio:.2f} times as long as the median "
                        f"distractor ({item.key} vs {median(item.distractors):.0f} characters; at most {MAX_RATIO})"
                    ),
                )
            )
    for path in banks.files:
        mine = [i for i in items if i.exercise.file == path]
        longest = sum(i.key_longest for i in mine)
        if mine and longest / len(mine) > MAX_LONGEST:
            problems.append(
                DataError(
                    path,
                    1,
                    (
                        f"the correct option is the longest in {longest} of {len(mine)} single/evidence exercises "
                        f"({longest / len(mine):.0%}; at most {MAX_LONGEST:.0%}): shorten keys or lengthen distractors"
                    ),
                )
            )
    if problems:
        raise DataErrors(problems)
