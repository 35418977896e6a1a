"""The class's work: who is who, the item analysis, the report, the gradebooks and the score rules."""

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.exercises.checking import check, disputed, key_of
from sourcebook.exercises.payload import build_payload
from sourcebook.instructor.analysis import titles
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.gradebook import CANVAS, MOODLE, canvas_csv, moodle_csv
from sourcebook.instructor.report import report_pages
from sourcebook.instructor.roster import load_roster
from sourcebook.instructor.scores import score
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


def every_key(course, ex_id, correct: bool = True) -> list[str]:
    """A multiple-choice answer: every correct (or every wrong) option."""
    return [o["key"] for o in options(course, ex_id) if o["correct"] == correct]


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
            exercises={"stronski-2018-hedges": chose(every_key(course, "stronski-2018-hedges"), correct=True)},
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
    assert "Roster matches to check" in report_pages(work, course)["class-report.html"]
    rows = list(csv.reader(io.StringIO(canvas_csv(work, course, zeros=True))))
    assert rows[2][0] == "Ben Ito" and rows[2][-1] == ""  # left for the instructor to decide, even with zeros


def test_the_score_follows_the_assignment_rule(files, course):
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
    pages = report_pages(work, course)
    assert len(pages) >= 4  # the summary, students, files, the assignment (and chapters answered outside it)
    for name, page in pages.items():
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.find_all("script") and not soup.find_all("img"), name
        fetching = [t.name for t in soup.find_all(True) if any(a in t.attrs for a in ("src", "xlink:href", "srcset"))]
        assert not fetching, name  # nothing in the report can load anything
        outside = [a["href"] for a in soup.find_all("a") if ":" in a["href"].split("#")[0]]
        assert not outside, name  # links only between the report's own pages
    assert EVIL in BeautifulSoup(pages["class-report-pages/students.html"], "html.parser").get_text()
    soup = BeautifulSoup(pages[f"class-report-pages/assignment-{A}.html"], "html.parser")
    assert "<script>x()</script>" in soup.get_text()
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
    figures = [f for page in pages.values() for f in BeautifulSoup(page, "html.parser").select("figure")]
    assert len(figures) == 2 and all(f.svg and f.figcaption.get_text(strip=True) for f in figures)


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


def resealed(path, forge) -> None:
    """Edit a work file as a student could, and recompute its checksum as the schema describes it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    forge(data)
    body = {k: v for k, v in data.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    data["checksum"] = "sha256:" + hashlib.sha256(canonical).hexdigest()
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_resealed_file_that_claims_its_wrong_answers_are_right_scores_as_an_honest_one(tmp_path, course):
    a = course.assignments[A]
    wrong = {
        "stronski-2018-byline": key(course, "stronski-2018-byline", False),
        "stronski-2018-hedges": every_key(course, "stronski-2018-hedges", False),
        "stronski-2018-evidence": key(course, "stronski-2018-evidence", False),
    }
    # The answers the page recorded: three exercises answered wrongly, the prompt written.
    honest = {ex_id: chose(answer, correct=False) for ex_id, answer in wrong.items()}
    prompt = {f"{A}:1": "¶5's link is gone."}
    files = [
        student(tmp_path, "honest.json", "Honest Student", exercises=honest, answers=prompt),
        student(tmp_path, "forged.json", "Forging Student", exercises=honest, answers=prompt),
    ]

    def claim_right(data):
        for ex_id in wrong:
            data["exercises"][ex_id].update(correct=True, first_try_correct=True, attempts=1)

    resealed(files[1], claim_right)
    work = load_class(files, course.banks.exercises)
    assert [s.label for s in work.students] == ["Forging Student", "Honest Student"] and work.skipped == []
    forged, honest_one = work.students
    scores = [score(a, s.work, course.banks.exercises).points(a) for s in work.students]
    assert [score(a, s.work, course.banks.exercises, s.results).points(a) for s in work.students] == scores
    # 3 of 5 exercises and 1 of 1 prompt done (4/6), no first answer right (0/4): 0.5 * 4/6 + 0.5 * 0 of 10.
    assert scores == [round(10 * 0.5 * 4 / 6, 2)] * 2
    for make in (canvas_csv, moodle_csv):
        rows = [r for r in csv.reader(io.StringIO(make(work, course))) if r[0] != "Points Possible"]
        assert len(rows) == 3 and rows[1][-1] == rows[2][-1] == f"{scores[0]:g}"
    # Listed, exercise by exercise, with what it claims; the honest file is not.
    assert list(work.disputed) == ["forged.json"] and [e for e, _ in work.disputed["forged.json"]] == list(wrong)
    assert all("says its last answer is right" in why for _, why in work.disputed["forged.json"])
    pages = report_pages(work, course)
    summary = BeautifulSoup(pages["class-report.html"], "html.parser")
    listed = summary.select_one("#claims").find_next("ul").find_all("li")
    assert len(listed) == 1 and "forged.json" in listed[0].get_text() and "honest.json" not in summary.get_text()
    named = titles(course)
    assert all(named[ex_id] in listed[0].get_text() for ex_id in wrong)
    # The item analysis counts no first answer right: the claims are not shown as results.
    page = BeautifulSoup(pages[f"class-report-pages/assignment-{A}.html"], "html.parser")
    for ex_id in wrong:
        assert "first answer right 0%" in page.select_one(f"#item-{ex_id}").get_text(), ex_id
    students = BeautifulSoup(pages["class-report-pages/students.html"], "html.parser").select("tbody")[0]
    rows = {r.find("th").get_text(): [c.get_text() for c in r.find_all("td")] for r in students.find_all("tr")}
    assert rows["Forging Student"][4] == "3" and rows["Honest Student"][4] == "0"  # claims to check
    assert rows["Forging Student"][3] == rows["Honest Student"][3] == "0/3"  # first answers right


@pytest.mark.parametrize(
    "forge, reason",
    [
        ({"first_try_correct": True}, "says right at the first try, but its first answer is wrong"),
        ({"correct": True}, "says its last answer is right"),
        ({"attempts": 0}, "says 0 attempts beside a checked answer"),
    ],
)
def test_each_claim_is_checked_against_the_answers(course, forge, reason):
    ex = course.banks.exercises["stronski-2018-byline"]
    record = {**chose(key(course, ex.id, False), correct=False), **forge}
    assert disputed(key_of(ex), record, check(key_of(ex), record)) == [reason]
    honest = chose(key(course, ex.id, True), first=key(course, ex.id, False), correct=True, attempts=2)
    assert disputed(key_of(ex), honest, check(key_of(ex), honest)) == []
    assert disputed(key_of(ex), {**honest, "attempts": 1}, check(key_of(ex), honest)) == [
        "says 1 attempt, but its first and last answers differ"
    ]


def test_a_large_class_is_read_by_worker_processes_with_the_same_result(files, course):
    readable = [f for f in files if f.name != "x.json"]
    alone, shared = (load_class(readable, course.banks.exercises, workers=n) for n in (1, 2))
    assert len(alone.students) == 3 and len(alone.skipped) == 1
    assert [(s.key, s.files, s.work, s.results) for s in alone.students] == [
        (s.key, s.files, s.work, s.results) for s in shared.students
    ]
    assert alone.skipped == shared.skipped and alone.disputed == shared.disputed


def test_answers_no_page_writes_are_wrong_and_counted_without_breaking_the_report(tmp_path, course):
    odd = {
        "stronski-2018-classify-theses": {"answer": {"x": ["not", "a", "key"]}, "first_answer": [1, 2]},
        "stronski-2018-byline": {"answer": ["a", "list"], "first_answer": {"k": "v"}},
        "stronski-2018-chronology": {"answer": [["nested"]], "first_answer": "o123"},
    }
    files = [student(tmp_path, "odd.json", "Odd", exercises={k: {"attempts": 1, **v} for k, v in odd.items()})]
    work = load_class(files, course.banks.exercises)
    assert [c for c in work.students[0].results.values()] == [(True, False, False)] * 3
    pages = report_pages(work, course)
    page = BeautifulSoup(pages["class-report-pages/chapter-stronski-2018.html"], "html.parser")
    assert len(page.select("section.item")) == 2 and "1 answered" in page.get_text()


def test_the_report_shows_who_asked_to_see_the_answer_and_first_tries_are_unchanged(tmp_path, course):
    """A record marked revealed ("Show the answer", work file version 3) is counted apart; the first try stays."""
    right, wrong = key(course, "stronski-2018-byline", True), key(course, "stronski-2018-byline", False)
    shown = {**chose(wrong, correct=False), "revealed": True, "revealed_at": T2}
    later = {**chose(right, first=wrong, correct=True, attempts=2), "revealed": True, "revealed_at": T2}
    paths = [
        student(tmp_path, "a.json", "Ann", exercises={"stronski-2018-byline": shown}),
        student(tmp_path, "b.json", "Bo", exercises={"stronski-2018-byline": later}),
        student(tmp_path, "c.json", "Cy", exercises={"stronski-2018-byline": chose(right, correct=True)}),
        student(tmp_path, "d.json", "Di", exercises={"stronski-2018-byline": chose(wrong, correct=False)}),
    ]
    pages = report_pages(load_class(paths, course.banks.exercises), course)
    text = BeautifulSoup(pages[f"class-report-pages/assignment-{A}.html"], "html.parser")
    stats = text.select_one("#item-stronski-2018-byline").get_text(" ", strip=True)
    assert "first answer right 25% · last answer right 50% · answer shown to 50%" in stats, stats
