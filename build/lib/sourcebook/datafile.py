"""YAML data files that remember line numbers, and the error type that names them."""

from __future__ import annotations

import os
from pathlib import Path

import yaml


class DataError(Exception):
    """A problem in a data file, reported as `path:line: message`."""

    def __init__(self, path: str | os.PathLike, line: int | None, message: str):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


class DataErrors(DataError):
    """Several problems found in one pass, reported one `path:line: message` per line."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.line, first.message)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class Node(dict):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings are `Node`s."""


def _construct_node(loader: _LineLoader, node: yaml.MappingNode) -> Node:
    mapping = Node(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_node)


def display_path(path: str | os.PathLike) -> str:
    """`path` relative to the working directory when it lies below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_yaml(path: str | os.PathLike):
    """Parse a YAML file into `Node` mappings; syntax errors become `DataError` with a line."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, "file not found")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        message = f"invalid YAML: {err.problem or err.context}"
        if err.context and err.context_mark and err.problem_mark and err.context.startswith("while parsing a "):
            kind = err.context.removeprefix("while parsing a ")
            message += f" (in the {kind} that starts on line {err.context_mark.line + 1})"
        raise DataError(path, line, message) from None


def require_mapping(path, value, what: str, line: int | None = None) -> Node:
    """Check that `value` is a mapping, else raise a `DataError` naming `what`."""
    if not isinstance(value, Node):
        raise DataError(path, getattr(value, "line", None) or line, f"{what} must be a mapping")
    return value


def check_keys(path, node: Node, required: set[str], optional: set[str], what: str) -> None:
    """Raise for a missing required key or an unknown key in `node`."""
    for key in sorted(required - node.keys()):
        raise DataError(path, node.line, f"{what} is missing '{key}'")
    for key in node:
        if key not in required | optional:
            allowed = ", ".join(sorted(required | optional))
            raise DataError(path, node.line_of(key), f"{what} has unknown key '{key}' (allowed: {allowed})")
