"""Questions into an LMS: every bank and assignment exported as QTI 1.2 (Canvas) and Moodle XML, parsed back
with zipfile and xml.etree, and compared with the bank itself: text, passages, answers, keys, feedback."""

import subprocess
import sys
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

import pytest

from sourcebook.course import load_course
from sourcebook.exercises.payload import block, inline, text_of
from sourcebook.instructor.qti import characters
from sourcebook.instructor.questions import passage_html

from .conftest import ROOT, Ran, sourcebook_cli

Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
M = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def course():
    return load_course()


def targets(course):
    return sorted({e.file.stem for e in course.banks.exercises.values()}) + sorted(course.assignments)


def ids_of(course, target):
    if target in course.assignments:
        return course.assignments[target].exercises
    return [e.id for e in course.banks.exercises.values() if e.file.stem == target]


def quote(course, pid, excerpt=None):
    para = course.corpus.passage(pid)
    return passage_html(f"{course.corpus[para.source].label} ¶{para.n}", excerpt or para.text)


def expected(course, ex_id):
    """What an export must hold for one exercise, straight from its bank entry."""
    ex = course.banks.exercises[ex_id]
    d = ex.data
    out = {
        "passages": [quote(course, pid) for pid in d["passages"]],
        "prompt": block(d["prompt"]),
        "explanation": block(d.get("explanation")) or "",
    }
    if ex.type in ("single", "multiple"):
        out["answers"] = Counter(
            (inline(o["text"]), bool(o.get("correct")), block(o["feedback"])) for o in d["options"]
        )
    elif ex.type == "evidence":
        out["answers"] = Counter(
            (quote(course, o["passage"], o.get("excerpt")), bool(o.get("correct")), block(o["feedback"]))
            for o in d["options"]
        )
    elif ex.type == "match":
        out["pairs"] = Counter(
            (inline(p["left"]), text_of(inline(p["right"])), block(p.get("feedback")) or "") for p in d["pairs"]
        )
    elif ex.type == "classify":
        vocab = course.banks.theses if d["by"] == "thesis" else course.corpus
        out["pairs"] = Counter(
            (quote(course, i["passage"], i.get("excerpt")), vocab[i["answer"]].label, block(i["feedback"]))
            for i in d["items"]
        )
        out["choices"] = {vocab[k].label for k in d.get("categories") or vocab}
    elif ex.type == "order":
        out["order"] = [inline(i) for i in d["items"]]
    else:
        out["model"] = block(d["model_answer"])
        out["rubric"] = [inline(r) for r in d["rubric"]]
    return ex.type, out


def check_text(text, exp):
    assert text.startswith(exp["prompt"]) and all(p in text for p in exp["passages"])


# ---------------------------------------------------------------- QTI


def mattext(node):
    found = node.find(f".//{Q}mattext")
    return found.text if found is not None else ""


def read_qti(path):
    with zipfile.ZipFile(path) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        resource = manifest.find(f"{M}resources/{M}resource[@type='imsqti_xmlv1p2']")
        assert resource.get("type") == "imsqti_xmlv1p2"
        return ET.fromstring(z.read(resource.find(f"{M}file").get("href")))


def qti_item(item):
    meta = {f.find(f"{Q}fieldlabel").text: f.find(f"{Q}fieldentry").text for f in item.iter(f"{Q}qtimetadatafield")}
    feedback = {fb.get("ident"): mattext(fb) for fb in item.findall(f"{Q}itemfeedback")}
    conds = item.findall(f"{Q}resprocessing/{Q}respcondition")
    shown = {}
    for c in conds:
        link = c.find(f"{Q}displayfeedback")
        eq = c.find(f"{Q}conditionvar/{Q}varequal")
        if link is not None and eq is not None:
            shown[(eq.get("respident"), eq.text)] = feedback[link.get("linkrefid")]
    scored = [c for c in conds if c.find(f"{Q}setvar") is not None]
    lids = item.findall(f"{Q}presentation/{Q}response_lid")
    return (
        meta["question_type"],
        mattext(item.find(f"{Q}presentation")),
        lids,
        scored,
        shown,
        feedback.get("general_fb", ""),
    )


def export(target: str, fmt: str, out, *options: str, course=None) -> None:
    """Run the README's `export-questions` command; it must succeed. Without `course`, as its own process (the
    real entry point); with it, in this process on that loaded course (the same `main`, no new start-up)."""
    args = ["export-questions", target, "--format", fmt, "--out", str(out), *options]
    result: Ran | subprocess.CompletedProcess
    if course is None:
        result = subprocess.run([sys.executable, "-m", "sourcebook", *args], capture_output=True, text=True, cwd=ROOT)
    else:
        result = sourcebook_cli("--course", ROOT, *args, course=course)
    assert result.returncode == 0, result.stderr


def as_characters(value):
    """The expected HTML as the QTI export writes it: entities as characters (`qti.characters`)."""
    if isinstance(value, str):
        return characters(value)
    if isinstance(value, Counter):
        return Counter({as_characters(k): n for k, n in value.items()})
    if isinstance(value, (list, tuple, set)):
        return type(value)(as_characters(v) for v in value)
    if isinstance(value, dict):
        return {k: as_characters(v) for k, v in value.items()}
    return value


def test_qti_round_trip(course, tmp_path):
    for n, target in enumerate(targets(course)):
        out = tmp_path / f"{target}.zip"
        export(target, "qti", out, "--essay-guidance", "feedback", course=course if n else None)  # the first: a process
        items = read_qti(out).findall(f".//{Q}item")
        assert [i.get("ident") for i in items] == ids_of(course, target)
        for item in items:
            kind, exp = expected(course, item.get("ident"))
            exp = as_characters(exp)
            qtype, text, lids, scored, shown, general = qti_item(item)
            check_text(text, exp)
            assert general.startswith(exp["explanation"])
            if kind in ("single", "multiple", "evidence"):
                assert qtype == ("multiple_answers_question" if kind == "multiple" else "multiple_choice_question")
                labels = {lab.get("ident"): mattext(lab) for lab in lids[0].iter(f"{Q}response_label")}
                if kind == "multiple":
                    cond = scored[0].find(f"{Q}conditionvar/{Q}and")
                    right = {v.text for v in cond.findall(f"{Q}varequal")}
                    assert {v.text for v in cond.findall(f"{Q}not/{Q}varequal")} == set(labels) - right
                else:
                    right = {scored[0].find(f".//{Q}varequal").text}
                got = Counter((labels[k], k in right, shown[("response1", k)]) for k in labels)
                assert got == exp["answers"]
            elif kind in ("match", "classify", "order"):
                assert qtype == "matching_question"
                rights = {}
                for c in scored:
                    eq = c.find(f".//{Q}varequal")
                    rights[eq.get("respident")] = eq.text
                pairs = []
                for lid in lids:
                    options = {
                        lab.get("ident"): lab.find(f".//{Q}mattext").text for lab in lid.iter(f"{Q}response_label")
                    }
                    rid = rights[lid.get("ident")]
                    pairs.append((mattext(lid), options[rid], shown.get((lid.get("ident"), rid), "")))
                if kind == "order":
                    assert [p[1] for p in pairs] == [f"Position {n}" for n in range(1, len(pairs) + 1)]
                    assert [p[0] for p in pairs] == exp["order"]
                else:
                    assert Counter(pairs) == exp["pairs"]
                    if kind == "classify":
                        assert set(options.values()) == exp["choices"]
            else:
                assert qtype == "essay_question" and exp["model"] in general
                assert all(r in general for r in exp["rubric"])


# ---------------------------------------------------------------- Moodle XML


def text(node, tag):
    found = node.find(f"{tag}/text")
    return (found.text or "") if found is not None else ""


def test_moodle_round_trip(course, tmp_path):
    for n, target in enumerate(targets(course)):
        out = tmp_path / f"{target}.xml"
        export(target, "moodle", out, course=course if n else None)  # the first as its own process
        questions = [q for q in ET.parse(out).getroot() if q.get("type") != "category"]
        assert [text(q, "name") for q in questions] == ids_of(course, target)
        for q in questions:
            kind, exp = expected(course, text(q, "name"))
            check_text(text(q, "questiontext"), exp)
            general = text(q, "generalfeedback")
            assert general.startswith(exp["explanation"])
            if kind in ("single", "multiple", "evidence"):
                assert q.get("type") == "multichoice" and q.findtext("single") == (
                    "false" if kind == "multiple" else "true"
                )
                answers = q.findall("answer")
                got = Counter((a.find("text").text, float(a.get("fraction")) > 0, text(a, "feedback")) for a in answers)
                assert got == exp["answers"]
                right = [float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0]
                assert sum(right) == pytest.approx(100, abs=1e-4)
            elif kind in ("match", "classify"):
                assert q.get("type") == "matching"
                subs = [(s.find("text").text or "", s.find("answer/text").text) for s in q.findall("subquestion")]
                pairs = [s for s in subs if s[0]]
                assert Counter((left, right) for left, right, _ in exp["pairs"]) == Counter(pairs)
                assert all(f"{r}: {fb}" in general for _, r, fb in exp["pairs"] if fb)
                if kind == "classify":
                    assert {r for _, r in subs} == exp["choices"]
            elif kind == "order":
                assert q.get("type") == "ordering"
                answers = sorted(q.findall("answer"), key=lambda a: int(a.get("fraction")))
                assert [a.find("text").text for a in answers] == exp["order"]
            else:
                assert q.get("type") == "essay"
                grader = text(q, "graderinfo")
                assert exp["model"] in grader and all(r in grader for r in exp["rubric"])


def test_an_unknown_target_is_named(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcebook",
            "export-questions",
            "nope",
            "--format",
            "qti",
            "--out",
            str(tmp_path / "x.zip"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "'nope' is neither an assignment (week-1-sourcing) nor a bank" in result.stderr
