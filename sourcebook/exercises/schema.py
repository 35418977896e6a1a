"""Exercise banks: read `exercises/*.yml`, validate every exercise, report `file:line: reason`.

The shape of a bank (its keys, per type, and their kinds) is `sourcebook/schemas/bank.schema.json`,
which each bank names for the editor (`# yaml-language-server: $schema=...`); this module checks it
against that schema, then what a schema cannot say: passages that exist, verbatim excerpts, known
theses, one answer among the options, distinct options.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from ..datafile import DataError, Node, check_shape, load_yaml, require_mapping
from ..sources import Corpus, quote_in

SKILLS = {
    "sourcing": "Sourcing",
    "contextualization": "Contextualization",
    "close-reading": "Close reading",
    "corroboration": "Corroboration",
}


def _exercise_name(top) -> Callable[[tuple], str]:
    def what(where: tuple) -> str:
        if len(where) >= 2 and where[0] == "exercises" and isinstance(where[1], int):
            entry = top["exercises"][where[1]]
            return (
                f"exercise '{entry['id']}'" if isinstance(entry, dict) and "id" in entry else f"exercise {where[1] + 1}"
            )
        return "exercise bank"

    return what


@dataclass
class Thesis:
    id: str
    label: str
    summary: str


@dataclass
class Exercise:
    """One validated exercise; `data` is its YAML mapping, `file`/`line` where it was written."""

    id: str
    type: str
    skill: str
    data: Node
    file: Path
    line: int


@dataclass
class Banks:
    """Every exercise by id, the files they came from, and the thesis vocabulary."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    theses: dict[str, Thesis] = field(default_factory=dict)

    def bank(self, stem: str) -> list[str]:
        """The ids of the exercises of `exercises/<stem>.yml`, in file order."""
        return [e.id for e in self.exercises.values() if e.file.stem == stem]


def load_theses(path: Path) -> dict[str, Thesis]:
    """The thesis vocabulary (`book/data/theses.yml`)."""
    top = require_mapping(path, load_yaml(path), "theses file", line=1)
    check_shape(path, top, "theses", lambda where: "thesis" if len(where) > 1 else "theses file")
    theses = {}
    for node in top["theses"]:
        if node["id"] in theses:
            raise DataError(path, node.line_of("id"), f"duplicate thesis id '{node['id']}'")
        theses[node["id"]] = Thesis(node["id"], node["label"], node["summary"])
    return theses


class _Checker:
    """Validates one exercise mapping; every failure raises `DataError` with the line."""

    def __init__(self, path: Path, corpus: Corpus, theses: dict[str, Thesis]):
        self.path, self.corpus, self.theses = path, corpus, theses

    def fail(self, node: Node, key: str | None, message: str) -> NoReturn:
        raise DataError(self.path, node.line_of(key) if key else node.line, message)

    def distinct(self, node: Node, key: str, words: list, what: str) -> None:
        """Options are keyed by their own words (payload.option_key), so no two may share them."""
        seen = [" ".join(str(w).split()) for w in words]
        if len(set(seen)) != len(seen):
            self.fail(node, key, f"{what}: two entries of '{key}' have the same words")

    def passage(self, node: Node, key: str, excerpt_key: str | None = None):
        pid = node[key]
        try:
            para = self.corpus.passage(pid)
        except KeyError as err:
            self.fail(node, key, err.args[0])
        if excerpt_key and excerpt_key in node and not quote_in(node[excerpt_key], para):
            self.fail(node, excerpt_key, f"excerpt is not verbatim in {pid}: “{node[excerpt_key]}”")
        return para

    def exercise(self, node: Node) -> Exercise:
        """One exercise of a bank that `check_shape` passed: what its shape cannot tell."""
        ex_id, kind = node["id"], node["type"]
        for i, _ in enumerate(node["passages"]):
            self.passage(_entry(node, "passages", i), "passage")
        for thesis in node.get("theses") or []:
            if thesis not in self.theses:
                self.fail(
                    node, "theses", f"exercise '{ex_id}': unknown thesis '{thesis}' (known: {', '.join(self.theses)})"
                )
        getattr(self, "check_" + kind)(node, ex_id)
        return Exercise(ex_id, kind, node["skill"], node, self.path, node.line)

    def _options(self, node: Node, ex_id: str, *, exactly_one: bool, passages: bool) -> None:
        options = node["options"]
        for option in options:
            if passages:
                self.passage(option, "passage", "excerpt")
        self.distinct(
            node,
            "options",
            [(o.get("passage"), o.get("excerpt")) if passages else o["text"] for o in options],
            f"exercise '{ex_id}'",
        )
        correct = sum(bool(o.get("correct")) for o in options)
        if correct == 0:
            self.fail(node, "options", f"exercise '{ex_id}': missing answer (no option has 'correct: true')")
        if exactly_one and correct > 1:
            self.fail(node, "options", f"exercise '{ex_id}': {correct} options are correct; this type takes one")

    def check_single(self, node, ex_id):
        self._options(node, ex_id, exactly_one=True, passages=False)

    def check_multiple(self, node, ex_id):
        self._options(node, ex_id, exactly_one=False, passages=False)

    def check_evidence(self, node, ex_id):
        self._options(node, ex_id, exactly_one=True, passages=True)

    def check_classify(self, node, ex_id):
        by = node["by"]
        vocab = {"thesis": self.theses, "source": self.corpus}[by]
        categories = node.get("categories") or list(vocab)
        for category in categories:
            if category not in vocab:
                self.fail(node, "categories", f"exercise '{ex_id}': unknown {by} '{category}' in categories")
        for item in node["items"]:
            self.passage(item, "passage", "excerpt")
            if item["answer"] not in categories:
                self.fail(
                    item,
                    "answer",
                    f"exercise '{ex_id}': answer '{item['answer']}' is not among the options ({', '.join(categories)})",
                )
        self.distinct(node, "items", [(i["passage"], i.get("excerpt")) for i in node["items"]], f"exercise '{ex_id}'")

    def check_match(self, node, ex_id):
        pairs = node["pairs"]
        rights = []
        for pair in pairs:
            rights.append(pair["right"])
        if len(set(rights)) != len(rights):
            self.fail(node, "pairs", f"exercise '{ex_id}': two pairs have the same right-hand item")
        self.distinct(node, "pairs", [p["left"] for p in pairs], f"exercise '{ex_id}' (left-hand items)")

    def check_order(self, node, ex_id):
        """Nothing beyond its shape: distinct, non-empty items (the schema)."""

    def check_open(self, node, ex_id):
        self.distinct(node, "rubric", node["rubric"], f"exercise '{ex_id}'")


def _entry(node: Node, key: str, index: int) -> Node:
    """Wrap the `index`-th scalar of a list so a passage check can report the list's line."""
    wrapped = Node({"passage": node[key][index]})
    wrapped.line, wrapped.key_lines = node.line_of(key), {}
    return wrapped


def load_banks(directory: Path, corpus: Corpus, theses_file: Path) -> Banks:
    """Read and validate every `*.yml` bank in `directory` (sorted by name)."""
    banks = Banks(theses=load_theses(theses_file))
    for path in sorted(Path(directory).glob("*.yml")):
        top = require_mapping(path, load_yaml(path), "an exercise bank", line=1)
        check_shape(path, top, "bank", _exercise_name(top))
        checker = _Checker(path, corpus, banks.theses)
        for entry in top["exercises"]:
            exercise = checker.exercise(entry)
            if exercise.id in banks.exercises:
                first = banks.exercises[exercise.id]
                raise DataError(
                    path,
                    exercise.data.line_of("id"),
                    f"duplicate exercise id '{exercise.id}' (first defined at {first.file.name}:{first.line})",
                )
            banks.exercises[exercise.id] = exercise
        banks.files.append(path)
    return banks
