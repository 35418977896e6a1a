"""Exercises as LMS questions, in a form both exports share (`qti`, `moodlexml`): a question's text with
the source passages it rests on, its answers with their feedback, and how it is graded.

single, multiple, evidence → choice (evidence: the passages are the options); match and classify →
matching (classify: each passage to a category); order → ordering; open → essay, the model answer and
rubric as grader information. All text is the HTML the course pages show (Markdown, raw HTML disabled).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace

from ..course import Course
from ..datafile import DataError
from ..exercises.payload import build_payload, text_of

KINDS = {
    "single": "choice",
    "multiple": "choice",
    "evidence": "choice",
    "match": "matching",
    "classify": "matching",
    "order": "ordering",
    "open": "essay",
}


@dataclass
class Answer:
    html: str
    correct: bool
    feedback_html: str = ""


@dataclass
class Pair:
    left_html: str
    right_text: str  # LMS drop-downs show plain text
    feedback_html: str = ""


@dataclass
class Question:
    id: str
    kind: str  # choice | matching | ordering | essay
    multiple: bool  # choice: more than one correct answer
    text_html: str  # prompt, claim, and the source passages
    answers: list[Answer] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)  # matching: right-hand options that match nothing
    order: list[str] = field(default_factory=list)  # ordering: items in the right order
    general_feedback_html: str = ""
    grader_info_html: str = ""


def as_matching(q: Question) -> Question:
    """An ordering question as matching each item to its position ("Position 1", ...), for an LMS without ordering."""
    pairs = [Pair(item, f"Position {n}") for n, item in enumerate(q.order, 1)]
    return replace(q, kind="matching", pairs=pairs, order=[])


def passage_html(label: str, text: str) -> str:
    return f"<blockquote><p>{html.escape(text)}</p><footer>{html.escape(label)}</footer></blockquote>"


def question(ex, course: Course) -> Question:
    payload = build_payload(ex, course.corpus, course.banks)
    kind = KINDS[ex.type]
    text = payload["prompt_html"]
    if ex.type == "evidence":
        text += payload["claim_html"]
    text += "<p>The sources:</p>" + "".join(
        passage_html(p["label"], course.corpus.passage(p["id"]).text) for p in payload["passages"]
    )
    q = Question(ex.id, kind, ex.type == "multiple", text, general_feedback_html=payload["explanation_html"] or "")
    if ex.type in ("single", "multiple"):
        q.answers = [Answer(o["html"], o["correct"], o["feedback_html"] or "") for o in payload["options"]]
    elif ex.type == "evidence":
        q.answers = [
            Answer(passage_html(o["passage"]["label"], o["passage"]["text"]), o["correct"], o["feedback_html"] or "")
            for o in payload["options"]
        ]
    elif ex.type == "match":
        rights = {r["key"]: text_of(r["html"]) for r in payload["right"]}
        q.pairs = [
            Pair(e["html"], rights[payload["answer"][e["key"]]], payload["feedback_html"].get(e["key"]) or "")
            for e in payload["left"]
        ]
    elif ex.type == "classify":
        labels = {c["key"]: c["label"] for c in payload["categories"]}
        q.pairs = [
            Pair(
                passage_html(i["passage"]["label"], i["passage"]["text"]), labels[i["answer"]], i["feedback_html"] or ""
            )
            for i in payload["items"]
        ]
        used = {p.right_text for p in q.pairs}
        q.distractors = [c["label"] for c in payload["categories"] if c["label"] not in used]
    elif ex.type == "order":
        by_key = {i["key"]: i["html"] for i in payload["items"]}
        q.order = [by_key[k] for k in payload["answer"]]
    elif ex.type == "open":
        q.grader_info_html = (
            "<p><strong>Model answer</strong></p>"
            + payload["model_answer_html"]
            + "<p><strong>Rubric</strong></p><ol>"
            + "".join(f"<li>{r['html']}</li>" for r in payload["rubric"])
            + "</ol>"
        )
    return q


def select(course: Course, target: str) -> tuple[str, list[Question]]:
    """An assignment's exercises (by name) or a bank's (by file stem), with a title."""
    if target in course.assignments:
        a = course.assignments[target]
        ids, title = a.exercises, a.title
    else:
        ids = [e.id for e in course.banks.exercises.values() if e.file.stem == target]
        title = f"Exercises: {target}"
        if not ids:
            banks = sorted({e.file.stem for e in course.banks.exercises.values()})
            raise DataError(
                target,
                None,
                f"neither an assignment ({', '.join(course.assignments) or 'none'}) nor a bank ({', '.join(banks)})",
            )
    return title, [question(course.banks.exercises[i], course) for i in ids]
