"""The giveaway guard: a wrong try must never hand over the key.

On a wrong check the page shows the feedback of each option the student chose wrongly (single,
multiple, evidence), and nothing that names a right one. So that feedback must not carry the key
either: `check_giveaways` fails, with `file:line`, on a distractor's feedback that repeats
`RUN` or more consecutive words of a correct option (its text, or the excerpt shown), or that cites
the correct passage's paragraph ("¶21") when the distractor is another paragraph of the same source.
"""

from __future__ import annotations

import re

from ..datafile import DataError, DataErrors
from ..sources import Corpus
from .balance import shown_text
from .schema import Banks

RUN = 5
CHOICE_TYPES = ("single", "multiple", "evidence")
_WORD = re.compile(r"[a-z0-9']+")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower().replace("’", "'"))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def giveaways(banks: Banks, corpus: Corpus) -> list[DataError]:
    """Every distractor feedback that names or repeats a correct option, as `DataError`s."""
    problems = []
    for ex in banks.exercises.values():
        if ex.type not in CHOICE_TYPES:
            continue
        options = ex.data["options"]
        keys = [o for o in options if o.get("correct")]
        for option in options:
            if option.get("correct"):
                continue
            feedback = str(option["feedback"])
            for key in keys:
                shared = _runs(shown_text(key, corpus)) & _runs(feedback)
                if shared:
                    words = " ".join(min(shared))
                    problems.append(
                        DataError(
                            ex.file,
                            option.line_of("feedback"),
                            f"exercise '{ex.id}': a distractor's feedback repeats the correct option's words "
                            f"('{words} …'): a wrong try would show the key",
                        )
                    )
                if "passage" in key and "passage" in option:
                    right, wrong = corpus.passage(key["passage"]), corpus.passage(option["passage"])
                    if right.source == wrong.source and right.n != wrong.n and re.search(rf"¶\s*{right.n}\b", feedback):
                        problems.append(
                            DataError(
                                ex.file,
                                option.line_of("feedback"),
                                f"exercise '{ex.id}': a distractor's feedback cites ¶{right.n}, the correct passage: "
                                "a wrong try would show the key",
                            )
                        )
    return problems


def check_giveaways(banks: Banks, corpus: Corpus) -> None:
    """Raise `DataErrors` listing every giveaway (file:line each)."""
    problems = giveaways(banks, corpus)
    if problems:
        raise DataErrors(problems)
