"""Questions as Moodle XML (question bank import): multichoice, matching, ordering and essay questions, with
per-answer feedback; a matching question's per-pair feedback and an order's go in its general feedback
(Moodle has no place for them), an essay's model answer and rubric in its grader information."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from .questions import Question

TYPES = {"choice": "multichoice", "matching": "matching", "ordering": "ordering", "essay": "essay"}


def _text(parent, tag: str, html_text: str, fmt: str = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = html_text
    return node


def fraction(n: int) -> str:
    """A Moodle grade fraction, 100/n to 7 digits (Moodle accepts 33.3333333, 14.2857143, ...)."""
    return f"{100 / n:.7f}".rstrip("0").rstrip(".")


def _feedback_list(q: Question) -> str:
    items = [f"<li>{p.left_html} → {p.right_text}: {p.feedback_html}</li>" for p in q.pairs if p.feedback_html]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _question(quiz, q: Question) -> None:
    node = ET.SubElement(quiz, "question", type=TYPES[q.kind])
    _text(node, "name", q.id, fmt="")
    _text(node, "questiontext", q.text_html)
    _text(node, "generalfeedback", q.general_feedback_html + (_feedback_list(q) if q.kind == "matching" else ""))
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "idnumber").text = q.id
    if q.kind == "choice":
        ET.SubElement(node, "single").text = "false" if q.multiple else "true"
        ET.SubElement(node, "shuffleanswers").text = "true"
        ET.SubElement(node, "answernumbering").text = "abc"
        right = sum(a.correct for a in q.answers)
        wrong = len(q.answers) - right
        for a in q.answers:
            value = fraction(right) if a.correct else ("-" + fraction(wrong) if q.multiple else "0")
            answer = _text(node, "answer", a.html)
            answer.set("fraction", value)
            _text(answer, "feedback", a.feedback_html)
    elif q.kind == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        for p in q.pairs:
            sub = _text(node, "subquestion", p.left_html)
            _text(sub, "answer", p.right_text, fmt="")
        for label in q.distractors:  # a right-hand option that matches nothing: an empty subquestion
            sub = _text(node, "subquestion", "")
            _text(sub, "answer", label, fmt="")
    elif q.kind == "ordering":
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
        ):
            ET.SubElement(node, tag).text = value
        for n, item in enumerate(q.order, 1):
            _text(node, "answer", item).set("fraction", str(n))
    else:
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "15")):
            ET.SubElement(node, tag).text = value
        _text(node, "graderinfo", q.grader_info_html)


def moodle_xml(category: str, questions: list[Question]) -> bytes:
    quiz = ET.Element("quiz")
    cat = ET.SubElement(quiz, "question", type="category")
    _text(cat, "category", f"$course$/{category}", fmt="")
    for q in questions:
        _question(quiz, q)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)


def write_moodle(path: Path, title: str, questions: list[Question]) -> Path:
    path.write_bytes(moodle_xml(title, questions))
    return path
