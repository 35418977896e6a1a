"""Who is who: students' work files read, identified by the name or id inside them, and merged per student.

Each file is read whole (`reading.workfile`) and its exercise records checked against the bank's key
(`exercises.checking`); a record whose own flags disagree with its answers is listed with its file. What
is kept of a file is what the report, the gradebooks and the feedback read: the student, the written
answers and, per exercise, the answers, attempts, written text, self-rating and time. A large class is
read by one worker process per core.

A file that cannot be read (see `reading.workfile`), or carries no name, is reported and skipped. Two
files of one student (the same id, or the same name where one has no id) are merged, newer record
wins (the name as the newest file writes it), only when they agree: the same id, or no id on one of them, and the same name. Otherwise
nothing is guessed: the clash is reported and the files are skipped. With a roster, each student is
matched to a member (two students matching one member are reported, matched to neither); members
without a file handed in nothing.
"""

from __future__ import annotations

import gc
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises.checking import Checked, Key, check, disputed, keys_of
from ..reading.workfile import WorkFileError, merge, read_work
from .roster import Member, match, name_key

KEPT = ("answer", "first_answer", "attempts", "answer_text", "self_score", "updated", "revealed")
PARALLEL = 200  # files from which the class is read by several processes


@dataclass
class Student:
    key: str  # "id:..." or "name:...", unique in the class
    name: str
    id: str
    files: list[str]
    work: dict
    results: dict[str, Checked] = field(default_factory=dict)  # exercise id -> its record checked
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
    disputed: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)  # file -> (exercise, claims)

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


@dataclass
class _File:
    """One file as read and checked (what a worker process sends back)."""

    name: str
    data: dict | None = None
    why: str = ""  # why it was skipped
    unknown: set[str] = field(default_factory=set)
    results: dict[str, Checked] = field(default_factory=dict)
    disputed: list[tuple[str, list[str]]] = field(default_factory=list)


def _read(path: Path, keys: dict[str, Key]) -> _File:
    try:
        data = read_work(path)
    except WorkFileError as err:
        return _File(path.name, why=str(err).removeprefix(f"{path.name}: "))
    if not any(_identity(data)):
        return _File(
            path.name,
            why="no student name or id in the file (the student types their name on the "
            "Your progress page before downloading)",
        )
    kept_data = {"student": data["student"], "exported": data["exported"], "answers": data["answers"]}
    out = _File(path.name, kept_data)
    records = {}
    for ex_id, record in data["exercises"].items():
        ex_id = sys.intern(ex_id)  # one string per id for the whole class, not one per file (the ids' memory)
        key = keys.get(ex_id)
        if key is None:
            out.unknown.add(ex_id)
            continue
        checked = out.results[ex_id] = check(key, record)
        claims = disputed(key, record, checked)
        if claims:
            out.disputed.append((ex_id, claims))
        kept = records[ex_id] = {k: _shared(record[k]) for k in KEPT if k in record}
        if "first_answer" in kept and kept["first_answer"] == kept.get("answer"):
            kept["first_answer"] = kept["answer"]  # one object for both (and one in the pickle from a worker)
    kept_data["exercises"] = records
    return out


def _shared(value):
    """`value` with its strings interned: a class repeats the same option keys millions of times."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [_shared(v) for v in value]
    if isinstance(value, dict):
        return {sys.intern(k): _shared(v) for k, v in value.items()}
    return value


_worker_keys: dict[str, Key] = {}


def _start_worker(keys: dict[str, Key]) -> None:
    global _worker_keys
    _worker_keys = keys


def _read_in_worker(path: Path) -> _File:
    return _read(path, _worker_keys)


def _read_all(paths: list[Path], keys: dict[str, Key], workers: int | None) -> list[_File]:
    """Every file read and checked, in order; by `workers` processes (default: one per core, for a large class)."""
    if workers is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        workers = cores if len(paths) >= PARALLEL else 1
    if workers <= 1:
        return [_read(p, keys) for p in paths]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(keys,)) as pool:
        return list(pool.map(_read_in_worker, paths, chunksize=max(1, len(paths) // (workers * 8))))


def load_class(
    paths: list[str | os.PathLike], exercises, roster: list[Member] | None = None, workers: int | None = None
) -> ClassWork:
    """Read every file; `exercises` are the course's, by id (records for others are set aside)."""
    # A class is millions of small objects kept to the end, none in a cycle: the collector's passes over
    # them would cost more than the analysis. It is paused while they are made, and they are left out of
    # its later passes (frozen).
    gc.collect()
    gc.disable()
    try:
        return _load(paths, exercises, roster, workers)
    finally:
        gc.freeze()
        gc.enable()


def _load(paths, exercises, roster: list[Member] | None, workers: int | None) -> ClassWork:
    keys = keys_of(exercises)
    readable, skipped, unknown, results = [], [], {}, {}
    claims: dict[str, list] = {}
    for got in _read_all(sorted(Path(p) for p in paths), keys, workers):
        if got.data is None:
            skipped.append((got.name, got.why))
            continue
        if got.unknown:
            unknown[got.name] = got.unknown
        if got.disputed:
            claims.setdefault(got.name, []).extend(got.disputed)
        results[id(got.data)] = got.results
        readable.append((got.name, got.data))
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
        checked = (
            results[id(group[0][1])]
            if len(group) == 1
            else {ex_id: check(keys[ex_id], r) for ex_id, r in work["exercises"].items()}
        )
        students.append(Student(key, name, sid, [n for n, _ in group], work, checked))
    result = ClassWork(
        sorted(students, key=lambda s: (name_key(s.label), s.key)),
        skipped + clashes,
        roster,
        unknown_records=unknown,
        disputed=claims,
    )
    if roster is not None:
        twins: dict[Member, list[Student]] = {}
        for student in result.students:
            member = match(roster, student.name, student.id)
            if member:
                twins.setdefault(member, []).append(student)
        for member, claimants in twins.items():
            if len(claimants) == 1:
                claimants[0].member = member
            else:  # two students (say, a name and an id) point at one person: not guessed, reported
                result.roster_clashes[member] = (
                    f"roster line {member.line} ({member.name}) matches the files of "
                    + " and ".join(f"'{c.label}' ({', '.join(c.files)})" for c in claimants)
                )
        matched = {s.member for s in result.students if s.member}
        result.missing = [m for m in roster if m not in matched and m not in twins]
    return result
