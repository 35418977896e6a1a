"""Exercise banks: read `exercises/*.yml`, validate every exercise, report `file:line: reason`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from ..datafile import DataError, Node, check_keys, load_yaml, require_mapping
from ..sources import Corpus, quote_in

SKILLS = {
    "sourcing": "Sourcing",
    "contextualization": "Contextualization",
    "close-reading": "Close reading",
    "corroboration": "Corroboration",
}
COMMON_REQUIRED = {"id", "type", "skill", "prompt", "passages"}
COMMON_OPTIONAL = {"theses", "explanation", "teacher_notes"}
# Per type: (required keys, optional keys)
TYPES = {
    "single": ({"options"}, set()),
    "multiple": ({"options"}, set()),
    "classify": ({"by", "items"}, {"categories"}),
    "match": ({"pairs"}, set()),
    "order": ({"items"}, set()),
    "evidence": ({"claim", "stance", "options"}, set()),
    "open": ({"model_answer", "rubric"}, set()),
}


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


def load_theses(path: Path) -> dict[str, Thesis]:
    """The thesis vocabulary (`book/data/theses.yml`)."""
    top = require_mapping(path, load_yaml(path), "theses file", line=1)
    check_keys(path, top, {"theses"}, set(), "theses file")
    theses = {}
    for entry in top["theses"] or []:
        node = require_mapping(path, entry, "each thesis", line=top.line)
        check_keys(path, node, {"id", "label", "summary"}, set(), "thesis")
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

    def text(self, node: Node, key: str, what: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(node, key if key in node else None, f"{what} needs a non-empty '{key}'")
        return value

    def items(self, node: Node, key: str, what: str, minimum: int) -> list:
        value = node.get(key)
        if not isinstance(value, list) or len(value) < minimum:
            self.fail(node, key, f"{what}: '{key}' must be a list of at least {minimum}")
        return value

    def distinct(self, node: Node, key: str, words: list, what: str) -> None:
        """Options are keyed by their own words (payload.option_key), so no two may share them."""
        seen = [" ".join(str(w).split()) for w in words]
        if len(set(seen)) != len(seen):
            self.fail(node, key, f"{what}: two entries of '{key}' have the same words")

    def mapping(self, value, parent: Node, key: str, what: str) -> Node:
        if not isinstance(value, Node):
            self.fail(parent, key, f"{what} must be a mapping")
        return value

    def passage(self, node: Node, key: str, excerpt_key: str | None = None):
        pid = self.text(node, key, "a passage reference")
        try:
            para = self.corpus.passage(pid)
        except KeyError as err:
            self.fail(node, key, err.args[0])
        if excerpt_key and excerpt_key in node and not quote_in(self.text(node, excerpt_key, "an excerpt"), para):
            self.fail(node, excerpt_key, f"excerpt is not verbatim in {pid}: “{node[excerpt_key]}”")
        return para

    def exercise(self, node: Node) -> Exercise:
        check_keys(
            self.path,
            node,
            COMMON_REQUIRED,
            COMMON_OPTIONAL | set().union(*(r | o for r, o in TYPES.values())),
            "exercise",
        )
        ex_id = self.text(node, "id", "an exercise")
        kind = self.text(node, "type", f"exercise '{ex_id}'")
        if kind not in TYPES:
            self.fail(node, "type", f"exercise '{ex_id}': unknown type '{kind}' (known: {', '.join(TYPES)})")
        required, optional = TYPES[kind]
        check_keys(
            self.path,
            node,
            COMMON_REQUIRED | required,
            COMMON_OPTIONAL | required | optional,
            f"exercise '{ex_id}' of type '{kind}'",
        )
        if node["skill"] not in SKILLS:
            self.fail(
                node, "skill", f"exercise '{ex_id}': unknown skill '{node['skill']}' (known: {', '.join(SKILLS)})"
            )
        self.text(node, "prompt", f"exercise '{ex_id}'")
        for i, _ in enumerate(self.items(node, "passages", f"exercise '{ex_id}'", 1)):
            self.passage(_entry(node, "passages", i), "passage")
        for thesis in node.get("theses") or []:
            if thesis not in self.theses:
                self.fail(
                    node, "theses", f"exercise '{ex_id}': unknown thesis '{thesis}' (known: {', '.join(self.theses)})"
                )
        getattr(self, "check_" + kind)(node, ex_id)
        return Exercise(ex_id, kind, node["skill"], node, self.path, node.line)

    def _options(self, node: Node, ex_id: str, *, exactly_one: bool, passages: bool) -> None:
        options = self.items(node, "options", f"exercise '{ex_id}'", 2)
        for option in options:
            option = self.mapping(option, node, "options", f"exercise '{ex_id}': each option")
            keys = {"passage", "feedback"} if passages else {"text", "feedback"}
            check_keys(self.path, option, keys, {"correct", "excerpt"} if passages else {"correct"}, "option")
            if passages:
                self.passage(option, "passage", "excerpt")
            if not isinstance(option.get("correct", False), bool):
                self.fail(option, "correct", "'correct' must be true or false")
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
        self.text(node, "claim", f"exercise '{ex_id}'")
        if node["stance"] not in ("supports", "undermines"):
            self.fail(node, "stance", f"exercise '{ex_id}': stance must be 'supports' or 'undermines'")
        self._options(node, ex_id, exactly_one=True, passages=True)

    def check_classify(self, node, ex_id):
        by = node["by"]
        vocab = {"thesis": self.theses, "source": self.corpus}.get(by)
        if vocab is None:
            self.fail(node, "by", f"exercise '{ex_id}': 'by' must be 'thesis' or 'source'")
        categories = node.get("categories") or list(vocab)
        for category in categories:
            if category not in vocab:
                self.fail(node, "categories", f"exercise '{ex_id}': unknown {by} '{category}' in categories")
        for item in self.items(node, "items", f"exercise '{ex_id}'", 1):
            item = self.mapping(item, node, "items", f"exercise '{ex_id}': each item")
            check_keys(self.path, item, {"passage", "answer", "feedback"}, {"excerpt"}, "classify item")
            self.passage(item, "passage", "excerpt")
            if item["answer"] not in categories:
                self.fail(
                    item,
                    "answer",
                    f"exercise '{ex_id}': answer '{item['answer']}' is not among the options ({', '.join(categories)})",
                )
        self.distinct(node, "items", [(i["passage"], i.get("excerpt")) for i in node["items"]], f"exercise '{ex_id}'")

    def check_match(self, node, ex_id):
        pairs = self.items(node, "pairs", f"exercise '{ex_id}'", 2)
        rights = []
        for pair in pairs:
            pair = self.mapping(pair, node, "pairs", f"exercise '{ex_id}': each pair")
            check_keys(self.path, pair, {"left", "right"}, {"feedback"}, "match pair")
            rights.append(self.text(pair, "right", "a pair"))
            self.text(pair, "left", "a pair")
        if len(set(rights)) != len(rights):
            self.fail(node, "pairs", f"exercise '{ex_id}': two pairs have the same right-hand item")
        self.distinct(node, "pairs", [p["left"] for p in pairs], f"exercise '{ex_id}' (left-hand items)")

    def check_order(self, node, ex_id):
        items = self.items(node, "items", f"exercise '{ex_id}'", 2)
        if not all(isinstance(i, str) and i.strip() for i in items) or len(set(items)) != len(items):
            self.fail(node, "items", f"exercise '{ex_id}': order items must be distinct, non-empty strings")

    def check_open(self, node, ex_id):
        self.text(node, "model_answer", f"exercise '{ex_id}'")
        rubric = self.items(node, "rubric", f"exercise '{ex_id}'", 1)
        if not all(isinstance(r, str) and r.strip() for r in rubric):
            self.fail(node, "rubric", f"exercise '{ex_id}': rubric items must be non-empty strings")
        self.distinct(node, "rubric", rubric, f"exercise '{ex_id}'")


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
        check_keys(path, top, {"exercises"}, set(), "exercise bank")
        if not isinstance(top["exercises"], list):
            raise DataError(path, top.line_of("exercises"), "'exercises' must be a list")
        checker = _Checker(path, corpus, banks.theses)
        for entry in top["exercises"]:
            exercise = checker.exercise(require_mapping(path, entry, "each exercise", line=top.line_of("exercises")))
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
