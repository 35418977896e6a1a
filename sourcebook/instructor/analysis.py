"""What the class did: per student, per exercise (item analysis with the share choosing each option) and
every written answer beside its model answer. Options are mapped from the keys stored in students'
files to their words and feedback through `build_payload`, as the pages show them."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..course import Course
from ..exercises.payload import block, build_payload
from ..exercises.schema import SKILLS
from .classwork import ClassWork, Student
from .scores import Score, attempted, score


@dataclass
class Choice:
    """One option (or category, or match) and the share of the class that chose it."""

    html: str
    correct: bool
    first: float | None  # share among first answers (None: no file recorded one)
    last: float  # share among last answers
    feedback_html: str | None = None


@dataclass
class Group:
    """The choices for one question of an exercise (one group for single-choice; one per passage to classify)."""

    heading_html: str
    choices: list[Choice]
    feedback_html: str | None = None


@dataclass
class Item:
    id: str
    type: str
    skill: str
    prompt_html: str
    attempted: int
    attempts: float  # mean attempts of those who attempted
    first_try: float  # share right at the first attempt, of those who attempted
    final: float  # share right now
    groups: list[Group] = field(default_factory=list)
    assignments: list[str] = field(default_factory=list)


@dataclass
class Written:
    """An open exercise or an assignment prompt, with every student's text and self-rating."""

    key: str
    prompt_html: str
    model_answer_html: str | None
    rubric_html: list[str]
    entries: list[tuple[Student, str, str]]  # (student, text, self-rating or "")
    assignments: list[str] = field(default_factory=list)


@dataclass
class StudentRow:
    student: Student
    attempted: int
    first_try: tuple[int, int]  # right at the first try, checked exercises attempted
    assignments: dict[str, Score]
    skills: dict[str, tuple[int, int]]
    chapters: dict[str, tuple[int, int]]


def _quoted(passage: dict) -> str:
    return f"{html.escape(passage['label'])}: “{html.escape(passage['text'])}”"


def _share(counts: Counter, key, n: int) -> float:
    return counts[key] / n if n else 0.0


def _done(students: list[Student]) -> dict[str, list[tuple[Student, dict]]]:
    """Per exercise, the students who attempted it and their records (one pass over the class)."""
    out: dict[str, list[tuple[Student, dict]]] = {}
    for s in students:
        for ex_id, record in s.work["exercises"].items():
            if attempted(record):
                out.setdefault(ex_id, []).append((s, record))
    return out


def _given(records: list[dict], field_name: str) -> list:
    return [r[field_name] for r in records if r.get(field_name) is not None]


def _counts(answers: list, pick) -> Counter:
    counts: Counter = Counter()
    for a in answers:
        for key in pick(a):
            counts[key] += 1
    return counts


def _groups(payload: dict, firsts: list, lasts: list) -> list[Group]:
    """The item analysis of one exercise's options, from its first and last answers (option keys)."""
    kind = payload["type"]

    def tally(pick) -> Callable[[str], tuple[float | None, float]]:
        """Count once what `pick` takes from each answer; returns key -> (first share, last share)."""
        first, last = _counts(firsts, pick), _counts(lasts, pick)
        return lambda key: ((_share(first, key, len(firsts)) if firsts else None), _share(last, key, len(lasts)))

    def per(k):
        return tally(lambda a: [a.get(k)] if isinstance(a, dict) else [])

    if kind in ("single", "multiple", "evidence"):
        share = tally((lambda a: a if isinstance(a, list) else []) if kind == "multiple" else (lambda a: [a]))
        return [
            Group(
                "",
                [
                    Choice(
                        o["html"] if "html" in o else _quoted(o["passage"]),
                        o["correct"],
                        *share(o["key"]),
                        o["feedback_html"],
                    )
                    for o in payload["options"]
                ],
            )
        ]
    if kind == "classify":
        groups = []
        for item in payload["items"]:
            share = per(item["key"])
            groups.append(
                Group(
                    _quoted(item["passage"]),
                    [
                        Choice(html.escape(c["label"]), c["key"] == item["answer"], *share(c["key"]))
                        for c in payload["categories"]
                    ],
                    item["feedback_html"],
                )
            )
        return groups
    if kind == "match":
        groups = []
        for left in payload["left"]:
            share = per(left["key"])
            groups.append(
                Group(
                    left["html"],
                    [
                        Choice(r["html"], payload["answer"][left["key"]] == r["key"], *share(r["key"]))
                        for r in payload["right"]
                    ],
                    payload["feedback_html"].get(left["key"]),
                )
            )
        return groups
    if kind == "order":
        right = payload["answer"]
        by_key = {i["key"]: i["html"] for i in payload["items"]}
        placed = tally(
            lambda a: [k for i, k in enumerate(a) if i < len(right) and k == right[i]] if isinstance(a, list) else []
        )
        whole = tally(lambda a: ["all"] if a == right else [])
        return [
            Group(
                "Placed in its right position",
                [Choice(f"{n}. {by_key[k]}", True, *placed(k)) for n, k in enumerate(right, 1)],
            ),
            Group("The whole order right", [Choice("All items in order", True, *whole("all"))]),
        ]
    return []


def analyse(work: ClassWork, course: Course) -> tuple[list[StudentRow], list[Item], list[Written]]:
    """Per-student rows, the item analysis of every exercise attempted or assigned, and the written answers."""
    banks, students = course.banks.exercises, work.students
    in_assignments: dict[str, list[str]] = {}
    for a in course.assignments.values():
        for ex_id in a.exercises:
            in_assignments.setdefault(ex_id, []).append(a.name)
    done = _done(students)
    items, written = [], []
    for ex_id, ex in banks.items():
        if ex_id not in done and ex_id not in in_assignments:
            continue
        payload = build_payload(ex, course.corpus, course.banks)
        records = [r for _, r in done.get(ex_id, [])]
        n = len(records)
        item = Item(
            ex_id,
            ex.type,
            ex.skill,
            payload["prompt_html"],
            n,
            sum(int(r.get("attempts") or 0) for r in records) / n if n else 0.0,
            sum(bool(r.get("first_try_correct")) for r in records) / n if n else 0.0,
            sum(bool(r.get("correct")) for r in records) / n if n else 0.0,
            _groups(payload, _given(records, "first_answer"), _given(records, "answer")),
            in_assignments.get(ex_id, []),
        )
        items.append(item)
        if ex.type == "open":
            entries = [
                (s, r.get("answer_text") or "", r.get("self_score") or "")
                for s, r in done.get(ex_id, [])
                if (r.get("answer_text") or "").strip()
            ]
            written.append(
                Written(
                    ex_id,
                    payload["prompt_html"],
                    payload["model_answer_html"],
                    [r["html"] for r in payload["rubric"]],
                    entries,
                    item.assignments,
                )
            )
    for a in course.assignments.values():
        for n, prompt in enumerate(a.prompts, 1):
            key = f"{a.name}:{n}"
            entries = [
                (s, text, "") for s in students if (text := (s.work["answers"].get(key) or {}).get("text", "")).strip()
            ]
            written.append(Written(key, block(prompt) or "", None, [], entries, [a.name]))
    where = {ex_id: (ex.skill, chapter_of(course, ex_id)) for ex_id, ex in banks.items()}
    rows = [_student_row(s, course, where) for s in students]
    return rows, items, written


def chapter_of(course: Course, ex_id: str) -> str:
    stem = course.banks.exercises[ex_id].file.stem
    return course.corpus[stem].label if stem in course.corpus else stem.replace("-", " ").capitalize()


def _student_row(student: Student, course: Course, where: dict[str, tuple[str, str]]) -> StudentRow:
    skills = {k: [0, 0] for k in SKILLS}
    chapters: dict[str, list[int]] = {}
    count = 0
    for ex_id, record in student.work["exercises"].items():
        if not attempted(record):
            continue
        count += 1
        if course.banks.exercises[ex_id].type == "open":
            continue
        right = int(bool(record.get("first_try_correct")))
        skill, chapter = where[ex_id]
        for table, key in ((skills, skill), (chapters, chapter)):
            cell = table.setdefault(key, [0, 0])
            cell[0] += right
            cell[1] += 1
    first = (sum(v[0] for v in skills.values()), sum(v[1] for v in skills.values()))
    scores = {a.name: score(a, student.work, course.banks.exercises) for a in course.assignments.values()}
    return StudentRow(
        student,
        count,
        first,
        scores,
        {k: (v[0], v[1]) for k, v in skills.items()},
        {k: (v[0], v[1]) for k, v in sorted(chapters.items())},
    )
