"""YAML data files that remember line numbers, and the error type that names them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
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


class Seq(list):
    """A YAML list that knows the line of each of its items (1-based)."""

    item_lines: list

    def line_at(self, index: int, default: int = 0) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else default


class NotADate(str):
    """A YAML date that does not exist (`2026-12-32`): kept as its text, with why, for the checker to report."""

    reason: str


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings are `Node`s and lists `Seq`s; an impossible date stays text (`NotADate`)."""


def _construct_node(loader: _LineLoader, node: yaml.MappingNode) -> Node:
    mapping = Node(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return mapping


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Seq:
    items = Seq(loader.construct_sequence(node, deep=True))
    items.item_lines = [item.start_mark.line + 1 for item in node.value]
    return items


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as err:  # the shape of a date, but no such day (datetime's own words say why)
        text = NotADate(loader.construct_scalar(node))
        text.reason = str(err)
        return text


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_node)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


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
    except UnicodeDecodeError as err:
        raise DataError(path, None, f"is not UTF-8 text ({err.reason} at byte {err.start})") from None
    except yaml.YAMLError as err:
        if not isinstance(err, yaml.MarkedYAMLError):
            raise DataError(path, None, f"invalid YAML: {err}") from None
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


SCHEMAS = Path(__file__).resolve().parent / "schemas"


@cache
def schema(name: str) -> dict:
    """One of the JSON Schemas of the files a course author writes (`sourcebook/schemas/NAME.schema.json`)."""
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def check_shape(path: Path, data, name: str, what) -> None:
    """Raise every departure of `data` from schema `name` at once (`file:line: reason` each)."""
    errors = schema_errors(path, data, schema(name), what)
    if errors:
        raise DataErrors(errors)


def schema_errors(path, data, schema: dict, what: Callable[[tuple], str]) -> list[DataError]:
    """Every way `data` (read by `load_yaml`) departs from the JSON Schema `schema`, each as a `DataError`
    with the line of the key or entry at fault, in file order. `what(where)` names the thing at a
    path (a tuple of keys and indexes), e.g. "exercise 't-single'", to begin the message."""
    import jsonschema

    found = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        where = tuple(error.absolute_path)
        holder, line = _locate(data, where)
        field = next((step for step in reversed(where) if isinstance(step, str)), "")
        message = _describe(error, field)
        if error.validator in ("additionalProperties", "not") and isinstance(holder, Node):
            key = error.instance if error.validator == "not" else _unexpected(error.message)
            line = holder.line_of(str(key))
            allowed = ", ".join(sorted(error.schema.get("properties", {}))) if error.validator != "not" else ""
            message = f"has unknown key '{key}'" + (f" (allowed: {allowed})" if allowed else " for its type")
        elif error.validator == "required" and isinstance(holder, Node):
            line = holder.line
        name = what(where)
        if name:
            message = f"{name} {message}" if message.startswith(("has ", "is ")) else f"{name}: {message}"
        found.append(DataError(path, line, message))
    return sorted(found, key=lambda e: e.line or 0)


def _locate(data, where: tuple) -> tuple[object, int | None]:
    """The value at `where` and the line it was written on (a scalar in a list: the list's line)."""
    node, line = data, getattr(data, "line", None)
    for step in where:
        if isinstance(node, Node) and isinstance(step, str) and step in node:
            line, node = node.line_of(step), node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            break
        line = getattr(node, "line", line)
    return node, line


def _unexpected(message: str) -> str:
    """The first key named in jsonschema's "Additional properties are not allowed ('k' was unexpected)"."""
    quoted = message.split("(", 1)[-1]
    return quoted.split("'")[1] if "'" in quoted else quoted


KINDS = {"array": "a list", "object": "a mapping", "string": "text", "boolean": "true or false", "number": "a number"}


def _describe(error, field: str) -> str:
    """A jsonschema error in the words of the course's other data errors."""
    value = error.validator_value
    if error.validator == "required":
        return "is missing '" + error.message.split("'")[1] + "'"
    if error.validator == "enum":
        return f"unknown {field or 'value'} '{error.instance}' (known: {', '.join(map(str, value))})"
    if error.validator == "type":
        return f"'{field}' must be {KINDS.get(value, value) if isinstance(value, str) else ' or '.join(value)}"
    if error.validator == "minItems":
        return f"'{field}' must be a list of at least {value}"
    if error.validator in ("minLength", "pattern") and value in (1, "\\S"):
        return f"'{field}' must not be empty"
    if error.validator == "pattern":
        return f"{field} '{error.instance}' must be {error.schema.get('description') or 'of the form ' + value}"
    if error.validator == "uniqueItems":
        return f"'{field}' lists the same entry twice"
    return f"'{field}': {error.message}" if field else error.message
