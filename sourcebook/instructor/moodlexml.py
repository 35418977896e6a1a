"""Questions as Moodle XML (question bank import), with every element Moodle's own exporter (`qformat_xml`,
Moodle 4.5) writes for the type, so that Moodle's importer meets nothing it fills in badly by itself: without
`<shownumcorrect>` an ordering question gets empty hints, which PostgreSQL refuses, and the import stops there.

Multichoice, matching, ordering (Moodle 4.3 and later; before that, matching each item to its position, as
for Canvas) and essay questions, each with an `idnumber` (the exercise id) in a category named after the
bank or assignment. Per-answer feedback where Moodle has a place for it; a matching question's per-pair
feedback in its general feedback; an essay's model answer and rubric in its grader information, which
students never see. Grades are fractions from Moodle's own list (`question_bank::fraction_options_full`).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from ..datafile import DataError
from .questions import Question, as_matching

TYPES = {"choice": "multichoice", "matching": "matching", "ordering": "ordering", "essay": "essay"}
ORDERING_SINCE = (4, 3)  # the first Moodle with the ordering question type in core
# The grades Moodle accepts for an answer (question_bank::fraction_options_full; also their negatives).
GRADES: tuple[float, ...] = (1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2)
GRADES += (0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0)
COMBINED = {  # Moodle's default texts for the feedback after a whole response
    "correctfeedback": "Your answer is correct.",
    "partiallycorrectfeedback": "Your answer is partially correct.",
    "incorrectfeedback": "Your answer is incorrect.",
}
HINTS = 2  # tries after the first (interactive behaviour): each says how many parts are right, never which


def _text(parent, tag: str, html_text: str, fmt: str | None = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = html_text
    return node


def _sub(parent, tag: str, text: str = "") -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = text
    return node


def fraction(share: float, question_id: str = "") -> str:
    """A share of the mark as the percentage Moodle accepts: the nearest of its grades, if within 0.00001."""
    for grade in GRADES:
        if abs(abs(share) - grade) < 0.00001:
            percent = f"{100 * grade:.5f}".rstrip("0").rstrip(".")
            return f"-{percent}" if share < 0 and grade else percent
    raise DataError(question_id, None, f"a grade of {share:.7f} is not one Moodle accepts (1/n for n ≤ 10, ...)")


def _feedback_list(q: Question) -> str:
    items = [f"<li>{p.left_html} → {p.right_text}: {p.feedback_html}</li>" for p in q.pairs if p.feedback_html]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _combined(node, ordering: bool = False) -> None:
    for tag, default in COMBINED.items():
        _text(node, tag, f"<p>{default}</p>")
    if ordering:  # qtype_ordering writes the value; the others write an empty element
        _sub(node, "shownumcorrect", "1")
    else:
        ET.SubElement(node, "shownumcorrect")


def _hints(node) -> None:
    for _ in range(HINTS):
        hint = _text(node, "hint", "")
        ET.SubElement(hint, "shownumcorrect")


def _choice(node, q: Question) -> None:
    _sub(node, "single", "false" if q.multiple else "true")
    _sub(node, "shuffleanswers", "true")
    _sub(node, "answernumbering", "abc")
    _sub(node, "showstandardinstruction", "0")
    _combined(node)
    right = sum(a.correct for a in q.answers)
    wrong = len(q.answers) - right
    for a in q.answers:
        share = 1 / right if a.correct else (-1 / wrong if q.multiple else 0)
        answer = _text(node, "answer", a.html)
        answer.set("fraction", fraction(share, q.id))
        _text(answer, "feedback", a.feedback_html)
    _hints(node)


def _matching(node, q: Question) -> None:
    _sub(node, "shuffleanswers", "true")
    _combined(node)
    for p in q.pairs:
        sub = _text(node, "subquestion", p.left_html)
        _text(sub, "answer", p.right_text, fmt=None)
    for label in q.distractors:  # a right-hand option that matches nothing: an empty subquestion
        sub = _text(node, "subquestion", "")
        _text(sub, "answer", label, fmt=None)
    _hints(node)


def _ordering(node, q: Question) -> None:
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ABSOLUTE_POSITION"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        _sub(node, tag, value)
    _combined(node, ordering=True)
    for n, item in enumerate(q.order, 1):
        _text(node, "answer", item).set("fraction", str(n))
    _hints(node)


def _essay(node, q: Question) -> None:
    for tag, value in (
        ("responseformat", "editor"),
        ("responserequired", "1"),
        ("responsefieldlines", "15"),
        ("minwordlimit", ""),
        ("maxwordlimit", ""),
        ("attachments", "0"),
        ("attachmentsrequired", "0"),
        ("maxbytes", "0"),
        ("filetypeslist", ""),
    ):
        _sub(node, tag, value)
    _text(node, "graderinfo", q.grader_info_html)  # shown to graders only
    _text(node, "responsetemplate", "")


def _question(quiz, q: Question) -> None:
    node = ET.SubElement(quiz, "question", type=TYPES[q.kind])
    _text(node, "name", q.id, fmt=None)
    _text(node, "questiontext", q.text_html)
    _text(node, "generalfeedback", q.general_feedback_html + (_feedback_list(q) if q.kind == "matching" else ""))
    _sub(node, "defaultgrade", "1.0000000")
    _sub(node, "penalty", "0.0000000" if q.kind == "essay" else "0.3333333")
    _sub(node, "hidden", "0")
    _sub(node, "idnumber", q.id)  # unique within the category: Moodle drops a repeated one
    {"choice": _choice, "matching": _matching, "ordering": _ordering, "essay": _essay}[q.kind](node, q)


def category_path(title: str) -> str:
    """The category as Moodle writes it: the course's question bank, its top category, then ours."""
    return "$course$/top/" + title.replace("/", "//")  # a single / separates categories


def moodle_xml(title: str, questions: list[Question], version: tuple[int, int] = ORDERING_SINCE) -> bytes:
    """A quiz file for Moodle `version`: before 4.3, an ordering question becomes matching to positions."""
    quiz = ET.Element("quiz")
    cat = ET.SubElement(quiz, "question", type="category")
    _text(cat, "category", category_path(title), fmt=None)
    _text(cat, "info", "", fmt="moodle_auto_format")
    _sub(cat, "idnumber", "")
    for q in questions:
        _question(quiz, as_matching(q) if q.kind == "ordering" and version < ORDERING_SINCE else q)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)


def write_moodle(path: Path, title: str, questions: list[Question], version: tuple[int, int] = ORDERING_SINCE) -> Path:
    path.write_bytes(moodle_xml(title, questions, version))
    return path
