"""Quotations in the banks: words in double quotation marks are words someone else wrote.

The course's rule for its prose (`prosequotes`), applied to what a student or an instructor reads in
a bank (prompts, options, feedback, explanations, model answers, rubrics, match and order items,
teacher notes): "double quotation marks" hold only words found verbatim in one of the five texts, or
words found outside them and recorded with their reference: in a lateral-reading finding
(`book/data/lateral.yml`) or in the note of a bibliography entry (`book/references.bib`). The course's own words, labels and example sentences take ‘single quotation marks’; a
`code span` shows a string as a page prints it (a blog's `No comments:` line). Excerpts are checked
already, against their passages.
"""

from __future__ import annotations

import re

from ..datafile import DataError, DataErrors, Node
from ..sources import Corpus, Quotable, quotations, quoted_words
from .payload import plain
from .schema import Banks

PROSE = {
    "prompt",
    "text",
    "feedback",
    "explanation",
    "model_answer",
    "rubric",
    "teacher_notes",
    "claim",
    "left",
    "right",
    "items",
}
CODE = re.compile(r"`[^`\n]*`")
SHOWN = "\ufffc"  # stands for a code span, whose words are not a quotation


def _strings(node, line: int, key: str | None = None):
    """(key, line, text) for every string in an exercise, with the line of the key it sits under."""
    if isinstance(node, Node):
        for k, value in node.items():
            yield from _strings(value, node.line_of(k), k)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, line, key)
    elif isinstance(node, str):
        yield key, line, node


def check_bank_quotes(banks: Banks, corpus: Corpus, outside: list[str]) -> None:
    """Raise `DataErrors` listing every quotation in the banks that is in neither the texts nor
    `outside` (the recorded outside words), file:line each."""
    quoted = Quotable([p.text for s in corpus.values() for p in s.paragraphs] + outside)
    problems = []
    for ex in banks.exercises.values():
        for key, line, text in _strings(ex.data, ex.data.line):
            if key not in PROSE:
                continue
            for _, words, _rest in quotations(plain(CODE.sub(SHOWN, text))):
                where = f"exercise '{ex.id}', {key}"
                if words is None:
                    problems.append(DataError(ex.file, line, f"{where}: unbalanced double quotation mark"))
                    continue
                words = quoted_words(words)
                if words and SHOWN not in words and words not in quoted:
                    problems.append(
                        DataError(
                            ex.file,
                            line,
                            (
                                f"{where}: quoted words not found verbatim in the five texts, the lateral-reading "
                                f"findings or the bibliography's notes: “{words}” (quote exactly, or mark the course's "
                                "own words with ‘single quotation marks’)"
                            ),
                        )
                    )
    if problems:
        raise DataErrors(problems)
