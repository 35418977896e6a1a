"""Questions as a QTI 1.2 package, as Canvas' classic quizzes import it: a zip holding `imsmanifest.xml`,
one assessment file (`questestinterop`), with per-option feedback (`itemfeedback`, `displayfeedback`), and
Canvas's own `assessment_meta.xml` beside it, which gives the quiz its title.

Canvas has no ordering question: an order exercise becomes a matching question (each item to its
position). Canvas shows an essay's general feedback to the student after submission and has no field
that only graders see, so an essay's model answer and rubric stay out of the package by default and go
in an instructor's file beside it (`essay_guidance="feedback"` puts them in the general feedback instead).
HTML is written with characters, not entities, where it can be (`&quot;` would show as such in a
reader that takes the text as it is); only `&`, `<` and `>` stay escaped.
"""

from __future__ import annotations

import hashlib
import html
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .questions import Question, as_matching

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
TYPES = {
    "choice": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "matching": "matching_question",
    "ordering": "matching_question",
    "essay": "essay_question",
}
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
META = "assessment_meta.xml"
_TAG = re.compile(r"(<[^>]*>)")
_IDENT = re.compile(r"[A-Za-z0-9_-]+")


def ident(name: str) -> str:
    """The quiz's identifier, stable for one bank or assignment (Canvas updates the quiz it imported before
    under the same one): `sourcebook-NAME` for an ASCII name, else a hash of it (Canvas's converter keeps only
    `[A-Za-z0-9_-]`)."""
    return f"sourcebook-{name if _IDENT.fullmatch(name) else hashlib.sha256(name.encode()).hexdigest()[:16]}"


def characters(html_text: str) -> str:
    """The same HTML with its text's entities written as characters (`&quot;` → `"`), but `&`, `<`, `>`."""
    return "".join(
        part if part.startswith("<") else html.escape(html.unescape(part), quote=False)
        for part in _TAG.split(html_text)
    )


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _material(parent, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", characters(html_text), texttype="text/html")


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
    _sub(_sub(cond, "conditionvar"), "varequal", value, respident=respident, case="Yes")
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
            _sub(parent, "varequal", f"a{n}", respident="response1", case="Yes")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:
        _condition(resp, "response1", right[0], score="100", cont="No")


def _matching(item, presentation, resp, q: Question) -> None:
    if q.kind == "ordering":
        q = as_matching(q)
    lefts = [(p.left_html, p.right_text) for p in q.pairs]
    feedback = [p.feedback_html for p in q.pairs]
    options = list(dict.fromkeys([p.right_text for p in q.pairs] + q.distractors))
    step = f"{100 / len(lefts):.4f}"
    for n, ((left, right), fb) in enumerate(zip(lefts, feedback, strict=True), 1):
        lid = _sub(presentation, "response_lid", ident=f"response_l{n}")
        _material(lid, left)
        choices = _sub(lid, "render_choice")
        for m, option in enumerate(options, 1):
            _sub(_sub(_sub(choices, "response_label", ident=f"r{m}"), "material"), "mattext", option)
        right_ident = f"r{options.index(right) + 1}"
        _condition(resp, f"response_l{n}", right_ident, score=step, action="Add", feedback=f"l{n}_fb" if fb else None)
        _feedback(item, f"l{n}_fb", fb)


def _item(section, q: Question, essay_guidance: str) -> None:
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
    general = q.general_feedback_html + (q.grader_info_html if essay_guidance == "feedback" else "")
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
    if processing.find("respcondition") is None:  # an essay without general feedback: nothing to process
        item.remove(processing)


def assessment_xml(name: str, title: str, questions: list[Question], essay_guidance: str = "omit") -> bytes:
    root = ET.Element("questestinterop", xmlns=NS)
    section = _sub(_sub(root, "assessment", ident=ident(name), title=title), "section", ident="root_section")
    for q in questions:
        _item(section, q, essay_guidance)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def meta_xml(name: str, title: str) -> bytes:
    """Canvas's quiz settings file (its common-cartridge extension): here only the title."""
    root = ET.Element("quiz", identifier=ident(name), xmlns=CANVAS_NS)
    _sub(root, "title", title)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def manifest_xml(name: str) -> bytes:
    """The package: the assessment, and the settings file Canvas looks for at `IDENT/assessment_meta.xml`
    through a `learning-application-resource` the assessment depends on, as Canvas's own QTI export has it."""
    key = ident(name)
    root = ET.Element("manifest", identifier=f"{key}-manifest", xmlns=MANIFEST_NS)
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=key, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{key}/{key}.xml")
    _sub(resource, "dependency", identifierref=f"{key}-meta")
    settings = _sub(
        resources,
        "resource",
        identifier=f"{key}-meta",
        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
        href=f"{key}/{META}",
    )
    _sub(settings, "file", href=f"{key}/{META}")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def guidance_html(title: str, questions: list[Question]) -> str:
    """The instructor's page of the essays' model answers and rubrics (HTML rendered from the banks)."""
    essays = [q for q in questions if q.grader_info_html]
    body = "".join(f"<section><h2>{html.escape(q.id)}</h2>{q.text_html}{q.grader_info_html}</section>" for q in essays)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}: essay guidance'
        f"</title></head><body><h1>{html.escape(title)}: essay guidance (for graders only)</h1>{body}</body></html>\n"
    )


def write_qti(path: Path, name: str, title: str, questions: list[Question], essay_guidance: str = "omit") -> list[Path]:
    """The zip at `path`; with `essay_guidance="omit"` and essays in it, `STEM-essay-guidance.html` beside it.
    Returns the files written."""
    key = ident(name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", manifest_xml(name))
        z.writestr(f"{key}/{key}.xml", assessment_xml(name, title, questions, essay_guidance))
        z.writestr(f"{key}/{META}", meta_xml(name, title))
    written = [path]
    if essay_guidance == "omit" and any(q.grader_info_html for q in questions):
        guide = path.with_name(f"{path.stem}-essay-guidance.html")
        guide.write_text(guidance_html(title, questions), encoding="utf-8")
        written.append(guide)
    return written
