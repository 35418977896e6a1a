"""Who is who: students' work files read, identified by the name or id inside them, and merged per student.

A file that cannot be read (see `reading.workfile`), or carries no name, is reported and skipped. Two
files of one student (the same id, or the same name where one has no id) are merged, newer record
wins (the name as the newest file writes it), only when they agree: the same id, or no id on one of them, and the same name. Otherwise
nothing is guessed: the clash is reported and the files are skipped. With a roster, each student is
matched to a member (two students matching one member are reported, matched to neither); members
without a file handed in nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..reading.workfile import WorkFileError, merge, read_work
from .roster import Member, match, name_key


@dataclass
class Student:
    key: str  # "id:..." or "name:...", unique in the class
    name: str
    id: str
    files: list[str]
    work: dict
    member: Member | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass
class ClassWork:
    students: list[Student]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    roster: list[Member] | None = None
    missing: list[Member] = field(default_factory=list)  # on the roster, no file
    unknown_records: dict[str, set[str]] = field(default_factory=dict)  # file -> exercise ids not in the course
    roster_clashes: dict[Member, str] = field(default_factory=dict)  # one roster member, several students

    @property
    def not_on_roster(self) -> list[Student]:
        return [s for s in self.students if self.roster is not None and s.member is None]


def _identity(data: dict) -> tuple[str, str]:
    student = data.get("student") or {}
    return " ".join((student.get("name") or "").split()), (student.get("id") or "").strip()


def _groups(files: list[tuple[str, dict]]) -> tuple[list[list[tuple[str, dict]]], list[tuple[str, str]]]:
    """Files grouped per student, and the files skipped because they clash."""
    by_id: dict[str, list] = {}
    by_name: dict[str, list] = {}
    for name, data in files:
        who, sid = _identity(data)
        (by_id.setdefault(sid.casefold(), []) if sid else by_name.setdefault(name_key(who), [])).append((name, data))
    groups, skipped = [], []
    for group in by_id.values():
        names = {name_key(_identity(d)[0]) for _, d in group} - {""}
        if len(names) > 1:
            shown = " and ".join(sorted(f"'{_identity(d)[0]}' ({n})" for n, d in group))
            skipped += [
                (
                    n,
                    f"its id '{_identity(d)[1]}' is also in a file with another name: {shown}; "
                    "not merged, ask the student",
                )
                for n, d in group
            ]
        else:
            groups.append(group)
    for key, group in by_name.items():
        owners = [g for g in groups if any(name_key(_identity(d)[0]) == key for _, d in g)]
        if len(owners) > 1:
            skipped += [
                (
                    n,
                    f"no id, and {len(owners)} students with ids are called '{_identity(d)[0]}'; "
                    "not merged, ask the student to add their id",
                )
                for n, d in group
            ]
        elif owners:
            owners[0] += group
        else:
            groups.append(group)
    return groups, skipped


def load_class(paths: list[str | os.PathLike], exercises, roster: list[Member] | None = None) -> ClassWork:
    """Read every file; `exercises` are the course's exercise ids (records for others are set aside)."""
    readable, skipped, unknown = [], [], {}
    for path in sorted(Path(p) for p in paths):
        try:
            data = read_work(path)
        except WorkFileError as err:
            skipped.append((path.name, str(err).removeprefix(f"{path.name}: ")))
            continue
        if not any(_identity(data)):
            skipped.append(
                (
                    path.name,
                    "no student name or id in the file (the student types their name on the "
                    "Your progress page before downloading)",
                )
            )
            continue
        extra = set(data["exercises"]) - set(exercises)
        if extra:
            unknown[path.name] = extra
            data["exercises"] = {k: v for k, v in data["exercises"].items() if k not in extra}
        readable.append((path.name, data))
    groups, clashes = _groups(readable)
    students = []
    for group in groups:
        work = group[0][1]
        for _, other in group[1:]:
            work, _report = merge(work, other)
        ids = {_identity(d)[1] for _, d in group} - {""}
        name = max(((d.get("exported", ""), _identity(d)[0]) for _, d in group if _identity(d)[0]), default=("", ""))[1]
        sid = ids.pop() if ids else ""
        key = f"id:{sid.casefold()}" if sid else f"name:{name_key(name)}"
        students.append(Student(key, name, sid, [n for n, _ in group], work))
    result = ClassWork(
        sorted(students, key=lambda s: (name_key(s.label), s.key)), skipped + clashes, roster, unknown_records=unknown
    )
    if roster is not None:
        claims: dict[Member, list[Student]] = {}
        for student in result.students:
            member = match(roster, student.name, student.id)
            if member:
                claims.setdefault(member, []).append(student)
        for member, claimants in claims.items():
            if len(claimants) == 1:
                claimants[0].member = member
            else:  # two students (say, a name and an id) point at one person: not guessed, reported
                result.roster_clashes[member] = (
                    f"roster line {member.line} ({member.name}) matches the files of "
                    + " and ".join(f"'{c.label}' ({', '.join(c.files)})" for c in claimants)
                )
        matched = {s.member for s in result.students if s.member}
        result.missing = [m for m in roster if m not in matched and m not in claims]
    return result
