"""The class's work: who is who, the item analysis, the report, the gradebooks and the score rules."""

import csv
import io
import re
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.exercises.payload import build_payload
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.gradebook import CANVAS, MOODLE, canvas_csv, moodle_csv
from sourcebook.instructor.report import report_html
from sourcebook.instructor.roster import load_roster
from sourcebook.reading.workfile import new_work, write_work

from .conftest import ROOT, copy_course_data

T1, T2 = "2026-12-01T08:00:00.000Z", "2026-12-01T09:00:00.000Z"
A = "week-1-sourcing"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def course():
    return load_course()


def options(course, ex_id):
    return build_payload(course.banks.exercises[ex_id], course.corpus, course.banks)["options"]


def key(course, ex_id, correct: bool, n: int = 0):
    return [o["key"] for o in options(course, ex_id) if o["correct"] == correct][n]


def student(tmp_path, file, name, sid=None, *, exercises=None, answers=None, when=T1):
    work = new_work(name=name, edition="student", build="test")
    if sid:
        work["student"]["id"] = sid
    work["exercises"] = {k: {"updated": when, **v} for k, v in (exercises or {}).items()}
    work["answers"] = {k: {"text": v, "updated": when} for k, v in (answers or {}).items()}
    time.sleep(0.002)  # each file its own `exported` time
    return write_work(tmp_path / file, work)


def chose(answer, *, first=None, correct, attempts=1):
    return {
        "attempts": attempts,
        "correct": correct,
        "first_try_correct": correct if attempts == 1 else False,
        "answer": answer,
        "first_answer": answer if first is None else first,
    }


@pytest.fixture
def files(tmp_path, course):
    right, wrong = key(course, "stronski-2018-byline", True), key(course, "stronski-2018-byline", False)
    return [
        # The same student from a second browser: merged (same id, same name), the newer record wins, and the
        # name as the newest file (a.json) writes it.
        student(
            tmp_path,
            "a-laptop.json",
            "amira  karimova",
            "s1",
            when=T2,
            exercises={"stronski-2018-hedges": chose(key(course, "stronski-2018-hedges", True), correct=True)},
        ),
        student(
            tmp_path,
            "a.json",
            "Amira Karimova",
            "s1",
            exercises={
                "stronski-2018-byline": chose(right, correct=True),
                "stronski-2018-uneasy": {
                    "attempts": 1,
                    "correct": False,
                    "answer_text": "¶7 <script>x()</script>",
                    "self_score": "2/3",
                },
            },
            answers={f"{A}:1": "The claim in ¶5 rests on a removed link."},
        ),
        student(
            tmp_path,
            "b.json",
            "Ben Ito",
            exercises={"stronski-2018-byline": chose(right, first=wrong, correct=True, attempts=2)},
        ),
        student(tmp_path, "c.json", EVIL, exercises={"stronski-2018-byline": chose(wrong, correct=False)}),
        # Amira's id with another name: a clash, never merged.
        student(tmp_path, "x.json", "Someone Else", "s1"),
        student(tmp_path, "noname.json", ""),
    ]


def test_students_are_known_by_the_name_or_id_in_their_file(files, course, tmp_path):
    (tmp_path / "broken.json").write_text('{"format": "sourcebook-work", "version": 2', encoding="utf-8")
    work = load_class([f for f in files if f.name != "x.json"] + [tmp_path / "broken.json"], course.banks.exercises)
    assert [s.label for s in work.students] == [EVIL, "Amira Karimova", "Ben Ito"]
    amira = work.students[1]
    assert amira.files == ["a-laptop.json", "a.json"] and set(amira.work["exercises"]) == {
        "stronski-2018-byline",
        "stronski-2018-uneasy",
        "stronski-2018-hedges",
    }
    skipped = dict(work.skipped)
    assert set(skipped) == {"broken.json", "noname.json"}
    assert "not valid JSON" in skipped["broken.json"] and "no student name" in skipped["noname.json"]


def test_files_that_disagree_are_reported_not_merged(files, course):
    work = load_class(files, course.banks.exercises)
    skipped = dict(work.skipped)
    for name in ("a.json", "a-laptop.json", "x.json"):
        assert "also in a file with another name" in skipped[name], skipped
    assert "Amira Karimova" not in [s.label for s in work.students]


def test_the_roster_matches_files_and_lists_who_handed_in_nothing(files, course, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,email,lms_id,section\nAmira Karimova,amira@uni.example,s1,A\n"
        "Ben Ito,ben@uni.example,1002,A\nChen Wu,chen@uni.example,1003,B\n",
        encoding="utf-8",
    )
    work = load_class([f for f in files if f.name != "x.json"], course.banks.exercises, load_roster(roster))
    assert {s.label: s.member.lms_id for s in work.students if s.member} == {"Amira Karimova": "s1", "Ben Ito": "1002"}
    assert [m.name for m in work.missing] == ["Chen Wu"] and [s.label for s in work.not_on_roster] == [EVIL]
    # Canvas and Moodle: the documented columns, one row per roster student, scores out of the assignment's points.
    rows = list(csv.reader(io.StringIO(canvas_csv(work, course))))
    assert rows[0] == [*CANVAS, course.assignments[A].title] and len(rows) == 5
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Points Possible"][1:] == ["", "", "", "", "10"]
    assert by_name["Amira Karimova"][1:5] == ["s1", "", "amira@uni.example", "A"]
    assert by_name["Chen Wu"][-1] == ""  # handed in nothing: no grade (0 only with --zeros)
    moodle = list(csv.reader(io.StringIO(moodle_csv(work, course))))
    assert moodle[0] == [*MOODLE, course.assignments[A].title] and len(moodle) == 4
    assert moodle[1][:2] == ["amira@uni.example", "s1"]


def test_two_students_matching_one_roster_member_are_reported(files, course, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,lms_id\nBen Ito,ben@uni.example,s1\n", encoding="utf-8")  # Amira's id, Ben's name
    work = load_class([f for f in files if f.name != "x.json"], course.banks.exercises, load_roster(roster))
    assert [m.name for m in work.roster_clashes] == ["Ben Ito"]
    assert "roster line 2 (Ben Ito) matches the files of" in work.roster_clashes[work.roster[0]]
    assert not any(s.member for s in work.students) and work.missing == []
    assert "Roster matches to check" in report_html(work, course)
    rows = list(csv.reader(io.StringIO(canvas_csv(work, course, zeros=True))))
    assert rows[2][0] == "Ben Ito" and rows[2][-1] == ""  # left for the instructor to decide, even with zeros


def test_the_score_follows_the_assignment_rule(files, course):
    from sourcebook.instructor.scores import score

    a = course.assignments[A]
    work = load_class([f for f in files if f.name != "x.json"], course.banks.exercises)
    amira = next(s for s in work.students if s.id == "s1")
    s = score(a, amira.work, course.banks.exercises)
    # 3 of 5 exercises done + 1 of 1 prompt answered = 4/6; right at the first try: 2 of the 4 checked ones.
    assert a.exercises == [
        "stronski-2018-byline",
        "stronski-2018-hedges",
        "stronski-2018-terms",
        "stronski-2018-evidence",
        "stronski-2018-uneasy",
    ]
    assert s.completion == pytest.approx(4 / 6) and s.first_try == pytest.approx(2 / 4)
    assert s.points(a) == pytest.approx(round(10 * (0.5 * 4 / 6 + 0.5 * 2 / 4), 2))


def test_the_report_shows_shares_written_answers_and_escapes_every_student_string(files, course):
    work = load_class([f for f in files if f.name != "x.json"], course.banks.exercises)
    page = report_html(work, course)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script") and not soup.find_all("img")
    assert EVIL in soup.get_text() and "<script>x()</script>" in soup.get_text()
    fetching = [
        t.name for t in soup.find_all(True) if any(a in t.attrs for a in ("src", "href", "xlink:href", "srcset"))
    ]
    assert not fetching  # nothing in the report can load anything
    item = soup.select_one("#item-stronski-2018-byline")
    shares = {}
    for row in item.select("tbody tr"):
        cells = row.find_all(["th", "td"])
        shares[cells[0].get_text(" ", strip=True)] = (cells[2].get_text(strip=True), cells[3].get_text(strip=True))
    by_key = {
        o["key"]: BeautifulSoup(o["html"], "html.parser").get_text(" ", strip=True)
        for o in options(course, "stronski-2018-byline")
    }
    right, wrong = key(course, "stronski-2018-byline", True), key(course, "stronski-2018-byline", False)
    # Three students: first answers right, wrong, wrong; last answers right, right, wrong.
    assert shares[by_key[right]] == ("33%", "67%") and shares[by_key[wrong]] == ("67%", "33%")
    written = soup.select_one("#written-stronski-2018-uneasy").get_text(" ")
    assert "Model answer" in written and "self-rating 2/3" in written and "Amira Karimova" in written
    assert "removed link" in soup.select_one(f"#written-{A}\\:1").get_text()
    assert soup.select("figure svg") and all(f.figcaption.get_text(strip=True) for f in soup.select("figure"))


def test_the_overview_command_writes_report_gradebooks_and_template(files, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcebook",
            "overview",
            *map(str, files),
            "--out",
            str(out / "r.html"),
            "--canvas-csv",
            str(out / "c.csv"),
            "--moodle-csv",
            str(out / "m.csv"),
            "--comments-template",
            str(out / "t.csv"),
            "--draft",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "skipped noname.json: no student name" in result.stderr and "students: 2" in result.stdout
    assert all((out / f).stat().st_size for f in ("r.html", "c.csv", "m.csv", "t.csv"))


@pytest.mark.parametrize(
    "text, error",
    [
        ("name,email\nA,a@x\n", r"roster\.csv:1: the header must name the columns name, email, lms_id"),
        ("name,email,lms_id\nA,a@x,1\nB,b@x,1\n", r"roster\.csv:3: the id '1' is already on line 2"),
        ("name,email,lms_id\n,a@x,1\n", r"roster\.csv:2: a row without a name"),
    ],
)
def test_a_bad_roster_stops_with_file_and_line(tmp_path, text, error):
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=error):
        load_roster(tmp_path / "roster.csv")


@pytest.mark.parametrize(
    "rule, error",
    [
        ("score: best-of", r"week-1-sourcing\.yml:\d+: unknown score rule 'best-of'"),
        ("score: {completion: -1}", r"the weight of 'completion' must be a number, 0 or more"),
        ("score: {completion: 0, first-try: 0}", r"the score weights add up to 0"),
        ("points: 0", r"week-1-sourcing\.yml:\d+: 'points' must be a positive number"),
    ],
)
def test_a_bad_score_rule_stops_with_file_and_line(tmp_path, rule, error):
    copy_course_data(tmp_path)
    path = tmp_path / "exercises/assignments/week-1-sourcing.yml"
    text = re.sub(r"^(score|points):.*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text + rule + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=error):
        load_course(tmp_path)
