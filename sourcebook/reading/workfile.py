"""The student's portable work file, `sourcebook-work.json` (format in `work.schema.json`).

One file carries everything a student did: exercise records (by stable option keys), written
answers, notes on passages and essay plans, their name, and the edition and build it came from. The
course pages write and read it in the browser (`workfile.js`); this module is the same format in
Python, for notebooks and for the instructor's tools. A file is accepted only whole: malformed JSON, a
foreign format, another course, an unknown version, a failed checksum or any field out of shape is
refused with the reason, and nothing is merged. Version 3 added the student's review queue (`review`:
exercise id -> Leitner box, when it is next due; kept for the student only, never reported) and the
self-check record's `revealed` mark ("Show the answer" was used). Version-2 files are read as version 3
with an empty queue; version-1 progress files (`sourcebook-progress`, exercises only, no checksum) as
the version-2 file they would have been.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from .workformat import COURSE, FORMAT, SECTIONS, VERSION, WorkFileError, checksum, new_work, now
from .workformat import FILE_NAME as FILE_NAME
from .workformat import canonical as canonical
from .workformat import seal as seal
from .workformat import write_work as write_work

V1_FORMAT = "sourcebook-progress"
SCHEMA = Path(__file__).with_name("work.schema.json")


@lru_cache(maxsize=1)
def work_schema() -> dict:
    """The JSON Schema of the file (the course pages validate against the same one)."""
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _is_valid():
    """The schema compiled to Python (fastjsonschema): a check of about a millisecond per file, so a
    class of a thousand files is read in a second or two."""
    return fastjsonschema.compile(work_schema())


def _schema_error(data: dict):
    """The error jsonschema names best (imported only for a file the fast check refused)."""
    import jsonschema

    return jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(work_schema()).iter_errors(data))


def _from_v1(data: dict) -> dict:
    """A version-1 progress file as version 2: its exercise records, dated when they were exported."""
    records = data.get("exercises")
    if not isinstance(records, dict):
        raise WorkFileError('"exercises" must be an object')
    when = data.get("exported") if isinstance(data.get("exported"), str) else now()
    work = new_work(edition="student", seed=data.get("seed") if isinstance(data.get("seed"), str) else None)
    work["exercises"] = {k: {"updated": when, **v} if isinstance(v, dict) else v for k, v in records.items()}
    work["exported"] = when
    return work


def parse_work(text: str | bytes) -> dict:
    """Validate a work file's text; return it as version 2, or raise `WorkFileError` saying why."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise WorkFileError("not a text file (UTF-8)") from None
    except json.JSONDecodeError as err:
        raise WorkFileError(
            f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}); the file may be truncated"
        ) from None
    if not isinstance(data, dict) or data.get("format") not in (FORMAT, V1_FORMAT):
        raise WorkFileError(f'not a work file of this course (expected "format": "{FORMAT}")')
    if data.get("course", COURSE) != COURSE:
        raise WorkFileError(f"from another course ({data.get('course')!r}, expected {COURSE!r})")
    if data["format"] == V1_FORMAT:
        if data.get("version") != 1:
            raise WorkFileError(f"unknown version {data.get('version')!r} of a progress file (expected 1)")
        data = _from_v1(data)
        data["checksum"] = checksum(data)
    elif data.get("version") not in (2, VERSION):
        raise WorkFileError(
            f"unknown version {data.get('version')!r} (this course reads versions 2 and {VERSION} "
            "and version-1 progress files)"
        )
    elif data.get("checksum") != checksum(data):
        raise WorkFileError("its checksum does not match: the file was changed or damaged after it was saved")
    if data.get("version") == 2:
        data = {**data, "version": VERSION, "review": {}}
        data["checksum"] = checksum(data)
    try:
        _is_valid()(data)
        return data
    except fastjsonschema.JsonSchemaException:
        error = _schema_error(data)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        raise WorkFileError(f"{where}: {error.message}")
    return data


def read_work(path: str | os.PathLike) -> dict:
    """`parse_work` of a file; the reason names the file."""
    path = Path(path)
    try:
        return parse_work(path.read_bytes())
    except OSError as err:
        raise WorkFileError(f"{path.name}: cannot be read ({err.strerror})") from None
    except WorkFileError as err:
        raise WorkFileError(f"{path.name}: {err}") from None


def merge(current: dict, incoming: dict) -> tuple[dict, dict]:
    """Both files' work in one: per record, the newer `updated` wins; nothing is dropped.

    Returns the merged file (unsealed) and, per section, how many records came from `incoming`
    ("added" or "newer") and how many of ours were kept because they were newer ("kept").
    """
    merged, report = {**current}, {}
    for section in SECTIONS:
        ours, theirs = dict(current.get(section, {})), incoming.get(section, {})
        counts = {"added": 0, "newer": 0, "kept": 0}
        for key, record in theirs.items():
            if key not in ours:
                ours[key], counts["added"] = record, counts["added"] + 1
            elif record.get("updated", "") > ours[key].get("updated", ""):
                ours[key], counts["newer"] = record, counts["newer"] + 1
            elif record != ours[key]:
                counts["kept"] += 1
        merged[section], report[section] = ours, counts
    if not current.get("student", {}).get("name") and incoming.get("student", {}).get("name"):
        merged["student"] = incoming["student"]
    if "seed" not in current and "seed" in incoming:
        merged["seed"] = incoming["seed"]
    return merged, report
