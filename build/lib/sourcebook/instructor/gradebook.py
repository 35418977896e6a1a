"""Gradebook files an LMS imports: Canvas' gradebook CSV and Moodle's grade import CSV.

One row per roster member (or, without a roster, per student whose file was read), one column per
assignment, holding its score in points by the rule the assignment file sets (`scores`). A member
who handed in nothing gets 0; one whose match is in doubt (two students' files match them) an empty cell. Column names as the LMS documentation gives them (see the instructor guide):
Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then the assignments; Moodle: Email address,
ID number, then the assignments (mapped to grade items when imported).
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


def _rows(work: ClassWork) -> list[tuple[Member | None, Student | None]]:
    if work.roster is None:
        return [(None, s) for s in work.students]
    by_member = {}
    for s in work.students:
        if s.member is not None:
            by_member.setdefault(s.member, s)
    return [(m, by_member.get(m)) for m in work.roster]


def _points(student: Student | None, course: Course, unsure: bool = False) -> list[str]:
    """The scores; 0 for no file; empty (left as it is in the LMS) where the roster match is in doubt."""
    return [
        f"{score(a, student.work, course.banks.exercises).points(a):g}" if student else "" if unsure else "0"
        for a in course.assignments.values()
    ]


def _csv(head: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()


def canvas_csv(work: ClassWork, course: Course) -> str:
    head = [*CANVAS, *(a.title for a in course.assignments.values())]
    rows = []
    for member, student in _rows(work):
        if member:
            ids = [member.name, member.lms_id, member.sis_user_id, member.sis_login_id or member.email, member.section]
        else:
            ids = [student.label, student.id, "", "", ""]
        rows.append(ids + _points(student, course, member in work.roster_clashes))
    return _csv(head, rows)


def moodle_csv(work: ClassWork, course: Course) -> str:
    head = [*MOODLE, *(a.title for a in course.assignments.values())]
    rows = [
        [member.email if member else "", member.lms_id if member else student.id]
        + _points(student, course, member in work.roster_clashes)
        for member, student in _rows(work)
    ]
    return _csv(head, rows)
