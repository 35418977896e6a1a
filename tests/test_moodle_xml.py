"""Moodle XML as Moodle's own importer needs it (the rules found by importing every bank into Moodle 4.5.6;
CI has no Moodle): each question has the elements Moodle's exporter writes for its type (compared with
files Moodle exported, `tests/fixtures/moodle/`), grades from Moodle's list, `single` said, a stable and
unique idnumber, a category per bank, essays' grader information kept from students, and ordering turned
into matching for a Moodle before 4.3."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.instructor.moodlexml import fraction, moodle_xml
from sourcebook.instructor.questions import select

from .conftest import ROOT, sourcebook_cli
from .test_lms_export import expected, ids_of, targets

FIXTURES = Path(__file__).parent / "fixtures" / "moodle"
# Moodle's grade list, copied from question_bank::fraction_options_full() (question/engine/bank.php, 4.5.6)
MOODLE_GRADES = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2]
MOODLE_GRADES += [0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0]
OPTIONAL = {"hint", "tags"}  # Moodle writes these only when the question has some
STUDENT_VISIBLE = ("questiontext", "generalfeedback", "responsetemplate", "correctfeedback")


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def exports(course):
    """Every bank's and assignment's Moodle XML, parsed: {target: (title, root)}."""
    out = {}
    for target in targets(course):
        title, questions = select(course, target)
        out[target] = (title, ET.fromstring(moodle_xml(title, questions)))
    return out


def questions_of(root):
    return [q for q in root.findall("question") if q.get("type") != "category"]


def shape(question) -> tuple[set, dict, dict]:
    """A question's child element names, each child's own child names, and each child's attribute names."""
    top = {c.tag for c in question}
    inner: dict = {}
    attrs: dict = {}
    for child in question:
        inner.setdefault(child.tag, set()).update(g.tag for g in child)
        attrs.setdefault(child.tag, set()).update(child.attrib)
    return top, inner, attrs


@pytest.fixture(scope="module")
def golden():
    """The shape of each question type as Moodle itself exported it."""
    found = {}
    for path in sorted(FIXTURES.glob("*.xml")):
        for q in ET.parse(path).getroot().findall("question"):
            found.setdefault(q.get("type"), shape(q))
    return found


def test_elements_match_moodles_own_export(exports, golden):
    assert {"multichoice", "matching", "ordering", "essay", "category"} <= set(golden)
    checked = Counter()
    for target, (_, root) in exports.items():
        for q in root.findall("question"):
            kind = q.get("type")
            top, inner, attrs = shape(q)
            want_top, want_inner, want_attrs = golden[kind]
            where = f"{target}: {q.findtext('name/text') or kind}"
            assert top - OPTIONAL == want_top - OPTIONAL, f"{where}: {sorted(top ^ want_top)}"
            for tag in top & want_top:
                assert inner[tag] <= want_inner[tag], f"{where}: <{tag}> holds {sorted(inner[tag] - want_inner[tag])}"
                assert attrs[tag] == want_attrs[tag], f"{where}: <{tag}> attributes {sorted(attrs[tag])}"
            checked[kind] += 1
    assert checked["category"] == len(exports) and all(checked[k] > 0 for k in golden)


def test_grades_are_on_moodles_list(exports):
    checked = 0
    for target, (_, root) in exports.items():
        for q in root.iter("question"):
            if q.get("type") != "multichoice":
                continue
            grades = [float(a.get("fraction")) / 100 for a in q.findall("answer")]
            for g in grades:
                assert any(abs(abs(g) - m) < 0.00001 for m in MOODLE_GRADES), f"{target}: {g} not on Moodle's list"
                checked += 1
            assert round(sum(g for g in grades if g > 0), 2) == 1  # as multichoice's save_question_options rounds
    assert checked > 100


def test_a_grade_off_the_list_is_refused():
    assert fraction(1 / 3) == "33.33333" and fraction(-1 / 7) == "-14.28571" and fraction(0) == "0"
    with pytest.raises(DataError, match="not one Moodle accepts"):
        fraction(1 / 11, "x")


def test_single_is_always_said(course, exports):
    checked = 0
    for _, root in exports.values():
        for q in root.findall("question[@type='multichoice']"):
            ex = course.banks.exercises[q.findtext("name/text")]
            assert q.findtext("single") == ("false" if ex.type == "multiple" else "true")
            checked += 1
    assert checked == sum(
        len([i for i in ids_of(course, t) if course.banks.exercises[i].type in ("single", "multiple", "evidence")])
        for t in exports
    )


def test_idnumbers_are_the_exercise_ids_unique_and_stable(course, exports):
    checked = 0
    for target, (_, root) in exports.items():
        ids = [q.findtext("idnumber") for q in questions_of(root)]
        assert ids == ids_of(course, target) and len(set(ids)) == len(ids)
        assert all(0 < len(i) <= 100 for i in ids)  # Moodle's idnumber column
        again = ET.fromstring(moodle_xml(*select(course, target)))
        assert [q.findtext("idnumber") for q in questions_of(again)] == ids
        checked += len(ids)
    assert checked == sum(len(ids_of(course, t)) for t in exports) > 0


def test_one_category_per_bank_named_after_it(course, exports):
    paths = []
    for title, root in exports.values():
        cats = root.findall("question[@type='category']")
        assert len(cats) == 1 and root[0] is cats[0]
        path = cats[0].findtext("category/text")
        assert path == "$course$/top/" + title.replace("/", "//")  # Moodle's escape for a / in a name
        paths.append(path)
    assert len(set(paths)) == len(paths) == len(targets(course))
    assert f"$course$/top/{course.assignments['week-1-sourcing'].title}" in paths


def test_essay_grader_information_is_not_shown_to_students(course, exports):
    checked = 0
    for _, root in exports.values():
        for q in root.findall("question[@type='essay']"):
            _, exp = expected(course, q.findtext("name/text"))
            grader = q.findtext("graderinfo/text")
            secrets = [exp["model"], *exp["rubric"]]
            assert all(s in grader for s in secrets)
            for tag in STUDENT_VISIBLE:
                shown = "".join(t.text or "" for t in q.iterfind(f"{tag}/text"))
                assert not any(s in shown for s in secrets), f"{q.findtext('name/text')}: grader text in <{tag}>"
            checked += 1
    assert checked >= 1


def export_cli(tmp_path, target, *extra, course=None):
    """`export-questions TARGET --format moodle`: as its own process, or with `course` in this one on that course."""
    out = tmp_path / f"{target}.xml"
    args = ["export-questions", target, "--format", "moodle", "--out", str(out), *extra]
    if course is not None:
        return sourcebook_cli("--course", ROOT, *args, course=course), out
    result = subprocess.run([sys.executable, "-m", "sourcebook", *args], capture_output=True, text=True, cwd=ROOT)
    return result, out


def test_moodle_before_4_3_gets_no_ordering_question(course, tmp_path):
    banks = sorted({e.file.stem for e in course.banks.exercises.values() if e.type == "order"})
    checked = 0
    for bank in banks:
        result, out = export_cli(tmp_path, bank, "--moodle-version", "4.1", course=course)
        assert result.returncode == 0, result.stderr
        root = ET.parse(out).getroot()
        assert root.findall("question[@type='ordering']") == []
        for q in root.findall("question[@type='matching']"):
            ex = course.banks.exercises[q.findtext("name/text")]
            if ex.type != "order":
                continue
            _, exp = expected(course, ex.id)
            subs = [(s.findtext("text"), s.findtext("answer/text")) for s in q.findall("subquestion")]
            assert subs == [(item, f"Position {n}") for n, item in enumerate(exp["order"], 1)]
            checked += 1
        result, out = export_cli(tmp_path, bank, "--moodle-version", "4.3", course=course)
        assert result.returncode == 0 and ET.parse(out).getroot().findall("question[@type='ordering']")
    assert checked == sum(e.type == "order" for e in course.banks.exercises.values()) > 0


def test_a_bad_moodle_version_is_named(tmp_path):
    result, _ = export_cli(tmp_path, "stronski-2018", "--moodle-version", "four")
    assert result.returncode == 2 and re.search(r"'four' is not a Moodle version", result.stderr)
