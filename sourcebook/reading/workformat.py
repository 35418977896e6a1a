"""Writing the student's work file, `sourcebook-work.json`: its format's constants, the canonical
bytes and checksum, an empty file, and sealing and writing one (reading it is `workfile.py`).

Standard library only, so that a downloaded notebook carries this very module (see
`sourcebook/offline/standalone.py`) and writes the same file as the course pages and the package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

FILE_NAME = "sourcebook-work.json"
FORMAT, VERSION, COURSE = "sourcebook-work", 3, "china-russia-central-asia"
SECTIONS = ("exercises", "answers", "notes", "plans", "review")


class WorkFileError(ValueError):
    """Why a work file was refused (shown to the student or the instructor as it is)."""


def canonical(data: dict) -> bytes:
    """Keys sorted, no spaces, UTF-8: the bytes the checksum is taken of (as `JSON.stringify` of sorted keys)."""
    try:
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise WorkFileError("the file holds text that is not valid Unicode") from None


def checksum(data: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical({k: v for k, v in data.items() if k != "checksum"})).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_work(*, name: str = "", edition: str = "notebook", build: str = "", seed: str | None = None) -> dict:
    """An empty file (without its checksum, which `seal` adds)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "course": COURSE,
        "edition": edition,
        "build": build,
        "exported": now(),
        "student": {"name": name},
        **{s: {} for s in SECTIONS},
    }
    if seed:
        data["seed"] = seed
    return data


def seal(data: dict) -> dict:
    """The file with a fresh `exported` time and its checksum."""
    data = {**data, "exported": now()}
    return {**data, "checksum": checksum(data)}


def write_work(path: str | os.PathLike, data: dict) -> Path:
    """Seal and write a work file atomically; returns its path."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(seal(data), indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path
