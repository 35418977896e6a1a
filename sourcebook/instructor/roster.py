"""The class roster: an optional CSV (`name,email,lms_id`, and optionally `sis_user_id`, `sis_login_id`,
`section`) that matches students' files to the people the institution knows, and shows who handed in nothing.

A student's file is matched by its `student.id` (against `lms_id`, `sis_user_id` or `email`), else by
its name (case and spacing ignored).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from ..datafile import DataError

REQUIRED = ("name", "email", "lms_id")
OPTIONAL = ("sis_user_id", "sis_login_id", "section")


def name_key(name: str) -> str:
    """A name as compared: case folded, spacing collapsed."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    lms_id: str
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    line: int = 0

    def ids(self) -> set[str]:
        return {v.casefold() for v in (self.lms_id, self.sis_user_id, self.email) if v}


def load_roster(path: str | os.PathLike) -> list[Member]:
    """Read a roster CSV; a missing column, an empty name or a repeated person stops with `file:line`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(path, None, f"cannot be read as UTF-8 text ({err})") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataError(
            path,
            1,
            f"the header must name the columns {', '.join(REQUIRED)} "
            f"(missing: {', '.join(missing)}; optional: {', '.join(OPTIONAL)})",
        )
    reader.fieldnames = header
    members: list = []
    seen: dict = {}
    for row in reader:
        line = reader.line_num
        values = {k: (row.get(k) or "").strip() for k in REQUIRED + OPTIONAL}
        if not values["name"]:
            raise DataError(path, line, "a row without a name")
        member = Member(**values, line=line)
        for kind, key in [("name", name_key(member.name)), *(("id", i) for i in member.ids())]:
            if (kind, key) in seen:
                raise DataError(
                    path, line, f"the {kind} '{key}' is already on line {seen[kind, key]} (one row per student)"
                )
            seen[kind, key] = line
        members.append(member)
    return members


def match(members: list[Member], name: str, student_id: str) -> Member | None:
    """The roster member a file belongs to: by id first, then by name."""
    if student_id:
        found = [m for m in members if student_id.casefold() in m.ids()]
        if found:
            return found[0]
    return next((m for m in members if name and name_key(m.name) == name_key(name)), None)
