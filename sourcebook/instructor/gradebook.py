"""Gradebook files an LMS imports: Canvas' gradebook CSV and Moodle's grade import CSV.

One row per roster member, one column per assignment, holding its score in points by the rule the
assignment file sets (`scores`). A member who handed in nothing gets an empty cell (no grade; 0 with
`zeros`), and so does one whose match is in doubt (two students' files match them). Without a roster the
files cannot be imported (`NO_ROSTER` says why): a draft has one row per student whose file was read.
Column names as the LMS's importer reads them (see the instructor guide): Canvas: Student, ID, SIS User ID,
SIS Login ID, Section, then the assignments (`Title (ID)` when the assignment file names the Canvas
assignment), and a "Points Possible" row first; Moodle: Email address, ID number, then the assignments.

Every cell that comes from a file (a name, an id, an e-mail, a section) is data, never a formula: one
that begins as a formula does in a spreadsheet gets a leading `'` (OWASP, CSV injection); the scores,
which this program computes, stay numbers.
"""

from __future__ import annotations

import csv
import io

from ..course import Course
from .classwork import ClassWork, Student
from .roster import Member
from .scores import score

CANVAS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE = ("Email address", "ID number")
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula
NO_ROSTER = {
    "canvas": "Canvas matches each row to a student by the Canvas user ID or SIS ID, which only the roster "
    "gives, and makes a new placeholder student for a row it cannot match",
    "moodle": "Moodle matches each row by the e-mail address or ID number of an existing account, which only "
    "the roster gives, and refuses the whole file for one row it cannot match",
}


def text_cell(value: str) -> str:
    """A cell from a file, as text a spreadsheet will not run: `'` before a leading = + - @ tab or CR."""
    return f"'{value}" if value.startswith(FORMULA) else value


def cell_text(cell: str) -> str:
    """A cell read back from a CSV this program wrote: the value `text_cell` was given."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA) else cell


def _rows(work: ClassWork) -> list[tuple[Member | None, Student | None]]:
    if work.roster is None:
        return [(None, s) for s in work.students]
    by_member: dict[Member, Student] = {}
    for s in work.students:
        if s.member is not None:
            by_member.setdefault(s.member, s)
    return [(m, by_member.get(m)) for m in work.roster]


def _points(student: Student | None, course: Course, unsure: bool, zeros: bool) -> list[str]:
    """The scores; for no file, empty (no grade) or 0 with `zeros`; empty where the roster match is in doubt."""
    return [
        f"{score(a, student.work, course.banks.exercises, student.results).points(a):g}"
        if student
        else "0"
        if zeros and not unsure
        else ""
        for a in course.assignments.values()
    ]


def _csv(head: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()


def _canvas_title(assignment) -> str:
    """`Title (ID)`, how Canvas's import recognises an existing assignment, when the file gives the id."""
    title = text_cell(assignment.title)
    return f"{title} ({assignment.canvas_assignment_id})" if assignment.canvas_assignment_id else title


def canvas_csv(work: ClassWork, course: Course, zeros: bool = False) -> str:
    head = [*CANVAS, *(_canvas_title(a) for a in course.assignments.values())]
    rows = [["Points Possible", "", "", "", "", *(f"{a.points:g}" for a in course.assignments.values())]]
    for member, student in _rows(work):
        if member:
            ids = [member.name, member.lms_id, member.sis_user_id, member.sis_login_id or member.email, member.section]
        else:
            assert student is not None  # a row has a member, a student or both
            ids = [student.label, student.id, "", "", ""]
        rows.append([text_cell(v) for v in ids] + _points(student, course, member in work.roster_clashes, zeros))
    return _csv(head, rows)


def moodle_csv(work: ClassWork, course: Course, zeros: bool = False) -> str:
    head = [*MOODLE, *(text_cell(a.title) for a in course.assignments.values())]
    rows = [
        [
            text_cell(member.email if member else ""),
            text_cell(member.lms_id if member else student.id if student else ""),
        ]
        + _points(student, course, member in work.roster_clashes, zeros)
        for member, student in _rows(work)
    ]
    return _csv(head, rows)
