"""What the class did: per student, per exercise (item analysis with the share choosing each option, or
placing each item at each position) and every written answer beside its model answer.

Right and wrong come from the answers checked against the bank's key (`Student.results`, made by
`classwork` with `exercises.checking`), never from the flags in a file. Options are mapped from the keys
stored in students' files to their words and feedback through `build_payload`, as the pages show them.
Each exercise gets a title made from its chapter and its prompt (exercises have no title of their own).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain

from ..course import Course
from ..exercises.checking import Checked
from ..exercises.payload import block, build_payload, plain
from ..exercises.schema import SKILLS, Exercise
from .classwork import ClassWork, Student
from .scores import Score, score

KINDS = {
    "single": "single choice",
    "multiple": "select all",
    "evidence": "evidence",
    "classify": "classify",
    "match": "match",
    "order": "order",
    "open": "written answer",
}


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
class Placement:
    """An order exercise's item: its right position and the share of the class placing it at each position."""

    html: str
    right: int  # 1-based
    first: list[float] | None  # per position (None: no file recorded a first answer)
    last: list[float]


@dataclass
class Item:
    id: str
    type: str
    skill: str
    title: str
    chapter: str
    prompt_html: str
    attempted: int
    first_try: float  # share whose first answer is right, of those who answered
    final: float  # share whose last answer is right
    groups: list[Group] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    assignments: list[str] = field(default_factory=list)
    revealed: float = 0.0  # share who asked to see the answer ("Show the answer"; the record's `revealed`)

    @property
    def missed(self) -> tuple[str, float] | None:
        """The wrong answer chosen most often (first answers where recorded): its words as HTML and its share."""
        wrong = [
            (c.first if c.first is not None else c.last, f"{g.heading_html} → {c.html}" if g.heading_html else c.html)
            for g in self.groups
            for c in g.choices
            if not c.correct
        ]
        wrong += [(1 - (p.first or p.last)[p.right - 1], f"{p.html}, not in place {p.right}") for p in self.placements]
        share, words = max(wrong, default=(0.0, ""))
        return (words, share) if share > 0 else None


@dataclass
class Written:
    """An open exercise or an assignment prompt, with every student's text and self-rating."""

    key: str
    title: str
    prompt_html: str
    model_answer_html: str | None
    rubric_html: list[str]
    entries: list[tuple[Student, str, str]]  # (student, text, self-rating or "")
    assignments: list[str] = field(default_factory=list)
    chapter: str = ""  # an open exercise's chapter ("" for an assignment prompt)


@dataclass
class StudentRow:
    student: Student
    attempted: int
    first_try: tuple[int, int]  # first answer right, checked exercises answered
    assignments: dict[str, Score]
    skills: dict[str, tuple[int, int]]
    chapters: dict[str, tuple[int, int]]


def _quoted(passage: dict) -> str:
    return f"{html.escape(passage['label'])}: “{html.escape(passage['text'])}”"


def chapter_of(course: Course, ex_id: str) -> str:
    stem = course.banks.exercises[ex_id].file.stem
    return course.corpus[stem].label if stem in course.corpus else stem.replace("-", " ").capitalize()


def _sentence(markdown: str, limit: int = 90) -> str:
    """The first sentence of some Markdown as plain words, cut at a word within `limit` characters."""
    text = re.split(r"(?<=[.?!:])\s", plain(markdown), maxsplit=1)[0].rstrip(":")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


def title_of(course: Course, exercise: Exercise) -> str:
    """'Stronski 2018 · What does the byline tell us about this copy of Stronski's commentary? (single choice)';
    an evidence exercise is named by its claim."""
    data = exercise.data
    if exercise.type == "evidence":
        words, kind = _sentence(data["claim"]), f"evidence {'for' if data['stance'] == 'supports' else 'against'}"
    else:
        words, kind = _sentence(data["prompt"]), KINDS[exercise.type]
    return f"{chapter_of(course, exercise.id)} · {words} ({kind})"


def titles(course: Course) -> dict[str, str]:
    """Every exercise's title; two alike are told apart by a number."""
    out: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for ex_id, ex in course.banks.exercises.items():
        title = title_of(course, ex)
        seen[title] += 1
        out[ex_id] = title if seen[title] == 1 else f"{title} #{seen[title]}"
    return out


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _shares(counts: Counter, n: int) -> Callable[[object], float]:
    return lambda key: counts[key] / n if n else 0.0


def _groups(payload: dict, firsts: list, lasts: list) -> tuple[list[Group], list[Placement]]:
    """The item analysis of one exercise's options, from its first and last answers (option keys)."""
    kind = payload["type"]

    def count(pick, answers: list) -> Counter:
        try:
            return Counter(chain.from_iterable(map(pick, answers)))
        except TypeError:  # an answer no page writes (a list where a key belongs): counted without it
            return Counter(k for k in chain.from_iterable(map(pick, answers)) if _hashable(k))

    def tally(pick) -> Callable[[object], tuple[float | None, float]]:
        """Count what `pick` takes from each answer; returns key -> (first share, last share)."""
        f, last = _shares(count(pick, firsts), len(firsts)), _shares(count(pick, lasts), len(lasts))
        return lambda key: (f(key) if firsts else None, last(key))

    def pairs(a):
        return a.items() if type(a) is dict else ()

    if kind in ("single", "multiple", "evidence"):
        if kind == "multiple":
            share = tally(lambda a: {k for k in a if isinstance(k, str)} if isinstance(a, list) else ())
        else:
            share = tally(lambda a: (a,) if isinstance(a, str) else ())
        choices = [
            Choice(
                o["html"] if "html" in o else _quoted(o["passage"]), o["correct"], *share(o["key"]), o["feedback_html"]
            )
            for o in payload["options"]
        ]
        return [Group("", choices)], []
    if kind == "classify":
        share = tally(pairs)
        return [
            Group(
                _quoted(item["passage"]),
                [
                    Choice(html.escape(c["label"]), c["key"] == item["answer"], *share((item["key"], c["key"])))
                    for c in payload["categories"]
                ],
                item["feedback_html"],
            )
            for item in payload["items"]
        ], []
    if kind == "match":
        share = tally(pairs)
        return [
            Group(
                left["html"],
                [
                    Choice(r["html"], payload["answer"][left["key"]] == r["key"], *share((left["key"], r["key"])))
                    for r in payload["right"]
                ],
                payload["feedback_html"].get(left["key"]),
            )
            for left in payload["left"]
        ], []
    if kind == "order":
        share = tally(lambda a: [(i, k) for i, k in enumerate(a) if isinstance(k, str)] if isinstance(a, list) else [])
        words = {i["key"]: i["html"] for i in payload["items"]}
        right = payload["answer"]
        placements = []
        for n, k in enumerate(right, 1):
            cells = [share((i, k)) for i in range(len(right))]
            first = None if cells[0][0] is None else [c[0] or 0.0 for c in cells]
            placements.append(Placement(words[k], n, first, [c[1] for c in cells]))
        return [], placements
    return [], []


def _done(students: list[Student]) -> dict[str, list[tuple[Student, dict, Checked]]]:
    """Per exercise, the students who answered it, their records and the records checked (one pass)."""
    out: dict[str, list[tuple[Student, dict, Checked]]] = {}
    for s in students:
        records = s.work["exercises"]
        for ex_id, checked in s.results.items():
            if checked.done:
                out.setdefault(ex_id, []).append((s, records[ex_id], checked))
    return out


def _given(records: list[dict], name: str) -> list:
    return [a for r in records if (a := r.get(name)) is not None]


def analyse(work: ClassWork, course: Course) -> tuple[list[StudentRow], list[Item], list[Written]]:
    """Per-student rows, the item analysis of every exercise answered or assigned, and the written answers."""
    banks, students = course.banks.exercises, work.students
    in_assignments: dict[str, list[str]] = {}
    for a in course.assignments.values():
        for ex_id in a.exercises:
            in_assignments.setdefault(ex_id, []).append(a.name)
    done, named = _done(students), titles(course)
    items, written = [], []
    for ex_id, ex in banks.items():
        if ex_id not in done and ex_id not in in_assignments:
            continue
        payload = build_payload(ex, course.corpus, course.banks)
        answered = done.get(ex_id, [])
        records = [r for _, r, _ in answered]
        n = len(records)
        groups, placements = _groups(payload, _given(records, "first_answer"), _given(records, "answer"))
        item = Item(
            ex_id,
            ex.type,
            ex.skill,
            named[ex_id],
            chapter_of(course, ex_id),
            payload["prompt_html"],
            n,
            sum(c.first for _, _, c in answered) / n if n else 0.0,
            sum(c.last for _, _, c in answered) / n if n else 0.0,
            groups,
            placements,
            in_assignments.get(ex_id, []),
        )
        item.revealed = sum(r.get("revealed") is True for r in records) / n if n else 0.0
        items.append(item)
        if ex.type == "open":
            entries = [(s, r.get("answer_text") or "", r.get("self_score") or "") for s, r, _ in answered]
            written.append(
                Written(
                    ex_id,
                    item.title,
                    payload["prompt_html"],
                    payload["model_answer_html"],
                    [r["html"] for r in payload["rubric"]],
                    entries,
                    item.assignments,
                    item.chapter,
                )
            )
    for a in course.assignments.values():
        for i, prompt in enumerate(a.prompts, 1):
            key, n = a.answer_id(i), a.number(a.answer_id(i))  # numbered as the notebook and the handout number it
            entries = [
                (s, text, "") for s in students if (text := (s.work["answers"].get(key) or {}).get("text", "")).strip()
            ]
            written.append(Written(key, f"{a.title} · question {n}", block(prompt) or "", None, [], entries, [a.name]))
    where = {ex_id: (ex.skill, chapter_of(course, ex_id), ex.type != "open") for ex_id, ex in banks.items()}
    rows = [_student_row(s, course, where) for s in students]
    return rows, items, written


def _student_row(student: Student, course: Course, where: dict[str, tuple[str, str, bool]]) -> StudentRow:
    skills = {k: [0, 0] for k in SKILLS}
    chapters: dict[str, list[int]] = {}
    count = 0
    for ex_id, checked in student.results.items():
        if not checked.done:
            continue
        count += 1
        skill, chapter, keyed = where[ex_id]
        if not keyed:
            continue
        for cell in (skills[skill], chapters.setdefault(chapter, [0, 0])):
            cell[0] += checked.first
            cell[1] += 1
    first = (sum(v[0] for v in skills.values()), sum(v[1] for v in skills.values()))
    exercises = course.banks.exercises
    scores = {a.name: score(a, student.work, exercises, student.results) for a in course.assignments.values()}
    return StudentRow(
        student,
        count,
        first,
        scores,
        {k: (v[0], v[1]) for k, v in skills.items()},
        {k: (v[0], v[1]) for k, v in sorted(chapters.items())},
    )
