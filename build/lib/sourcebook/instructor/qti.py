"""Questions as a QTI 1.2 package, as Canvas' classic quizzes import it: a zip holding `imsmanifest.xml`
and one assessment file (`questestinterop`), with per-option feedback (`itemfeedback`, `displayfeedback`).

Canvas has no ordering question: an order exercise becomes a matching question (each item to its
position). An essay's model answer and rubric go in its general feedback, shown after submission.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .questions import Question

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
TYPES = {
    "choice": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "matching": "matching_question",
    "ordering": "matching_question",
    "essay": "essay_question",
}
IDENT = "sourcebook-questions"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _material(parent, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _feedback(item, ident: str, html_text: str) -> None:
    if html_text:
        _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


def _condition(
    resp,
    respident: str,
    value: str,
    *,
    feedback: str | None = None,
    score: str | None = None,
    action: str = "Set",
    cont: str = "Yes",
):
    cond = _sub(resp, "respcondition", continue_=cont)
    _sub(_sub(cond, "conditionvar"), "varequal", value, respident=respident)
    if score is not None:
        _sub(cond, "setvar", score, action=action, varname="SCORE")
    if feedback:
        _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _choice(item, presentation, resp, q: Question) -> None:
    lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if q.multiple else "Single")
    choices = _sub(lid, "render_choice")
    for n, a in enumerate(q.answers, 1):
        _material(_sub(choices, "response_label", ident=f"a{n}"), a.html)
        if a.feedback_html:
            _condition(resp, "response1", f"a{n}", feedback=f"a{n}_fb")
            _feedback(item, f"a{n}_fb", a.feedback_html)
    right = [f"a{n}" for n, a in enumerate(q.answers, 1) if a.correct]
    if q.multiple:
        cond = _sub(resp, "respcondition", continue_="No")
        both = _sub(_sub(cond, "conditionvar"), "and")
        for n, a in enumerate(q.answers, 1):
            parent = both if a.correct else _sub(both, "not")
            _sub(parent, "varequal", f"a{n}", respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:
        _condition(resp, "response1", right[0], score="100", cont="No")


def _matching(item, presentation, resp, q: Question) -> None:
    if q.kind == "ordering":
        lefts = [(html_text, f"Position {n}") for n, html_text in enumerate(q.order, 1)]
        feedback = ["" for _ in q.order]
        options = [f"Position {n}" for n in range(1, len(q.order) + 1)]
    else:
        lefts = [(p.left_html, p.right_text) for p in q.pairs]
        feedback = [p.feedback_html for p in q.pairs]
        options = list(dict.fromkeys([p.right_text for p in q.pairs] + q.distractors))
    step = f"{100 / len(lefts):.4f}"
    for n, ((left, right), fb) in enumerate(zip(lefts, feedback), 1):
        lid = _sub(presentation, "response_lid", ident=f"response_l{n}")
        _material(lid, left)
        choices = _sub(lid, "render_choice")
        for m, option in enumerate(options, 1):
            _sub(_sub(_sub(choices, "response_label", ident=f"r{m}"), "material"), "mattext", option)
        right_ident = f"r{options.index(right) + 1}"
        _condition(resp, f"response_l{n}", right_ident, score=step, action="Add", feedback=f"l{n}_fb" if fb else None)
        _feedback(item, f"l{n}_fb", fb)


def _item(section, q: Question) -> None:
    item = _sub(section, "item", ident=q.id, title=q.id)
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    qtype = TYPES["multiple" if q.multiple else q.kind]
    for label, entry in (("question_type", qtype), ("points_possible", "1")):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _material(presentation, q.text_html)
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = q.general_feedback_html + q.grader_info_html
    if general:
        cond = _sub(processing, "respcondition", continue_="Yes")
        _sub(_sub(cond, "conditionvar"), "other")
        _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        _feedback(item, "general_fb", general)
    if q.kind == "choice":
        _choice(item, presentation, processing, q)
    elif q.kind in ("matching", "ordering"):
        _matching(item, presentation, processing, q)
    else:
        strings = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(strings, "render_fib"), "response_label", ident="answer1", rshuffle="No")


def assessment_xml(title: str, questions: list[Question]) -> bytes:
    root = ET.Element("questestinterop", xmlns=NS)
    section = _sub(_sub(root, "assessment", ident=IDENT, title=title), "section", ident="root_section")
    for q in questions:
        _item(section, q)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def manifest_xml() -> bytes:
    root = ET.Element("manifest", identifier=f"{IDENT}-manifest", xmlns=MANIFEST_NS)
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resource = _sub(_sub(root, "resources"), "resource", identifier=IDENT, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{IDENT}/{IDENT}.xml")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_qti(path: Path, title: str, questions: list[Question]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", manifest_xml())
        z.writestr(f"{IDENT}/{IDENT}.xml", assessment_xml(title, questions))
    return path
