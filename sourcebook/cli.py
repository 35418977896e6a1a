"""Command line: check the course data, list paragraphs, export assignments, read the class's work.

python -m sourcebook [--course PATH] check       validate everything the build validates
python -m sourcebook paragraphs SOURCE           a source's numbered paragraphs and their ids
python -m sourcebook assignment NAME [--out DIR] NAME.ipynb (live exercises) and NAME-handout.md
python -m sourcebook overview FILE... [--roster R.csv] [--out report.html] [--canvas-csv F]
                     [--moodle-csv F] [--draft] [--zeros] [--comments-template F]   the class report
python -m sourcebook feedback FILE... --comments C.csv [--out DIR]  one feedback file per student
python -m sourcebook export-questions BANK|ASSIGNMENT --format qti|moodle --out PATH
                     [--moodle-version X.Y] [--essay-guidance omit|feedback]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .course import Course, CourseNotFound, find_course, load_course
from .datafile import DataError


class Failed(Exception):
    """A command's error, printed as `error: ...` with exit status 1."""


def check(args) -> None:
    course = load_course(args.root)
    for source in course.corpus.values():
        print(f"source {source.id}: {len(source.paragraphs)} paragraphs, {source.words} words")
    types = Counter(e.type for e in course.banks.exercises.values())
    print(
        f"exercises: {len(course.banks.exercises)} in {len(course.banks.files)} bank(s) "
        f"({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})"
    )
    print(
        f"claims: {len(course.tables.claims)}, events: {course.tables.events.event.nunique()}, "
        f"figures: {len(course.tables.figures)}, assignments: {len(course.assignments)}, "
        f"places: {len(course.places)} ({sum(p.kind != 'unplaced' for p in course.places)} drawn)"
    )
    found = sum(len(entry.findings) for entry in course.lateral.values())
    print(f"lateral reading: {found} findings for {len(course.lateral)} sources")
    print("ok")


def paragraphs(args) -> None:
    course = load_course(args.root)
    source = course.corpus.get(args.source)
    if source is None:
        raise Failed(f"unknown source '{args.source}' (known: {', '.join(course.corpus)})")
    for para in source.paragraphs:
        print(f"{para.id}  (line {para.line})\n    {para.text}\n")


def assignment(args) -> None:
    import nbformat

    from .instructor.assignments import handout, notebook

    course = load_course(args.root)
    found = course.assignments.get(args.name)
    if found is None:
        raise Failed(f"unknown assignment '{args.name}' (known: {', '.join(course.assignments) or 'none'})")
    args.out.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(found, course.banks, course.corpus), args.out / f"{found.name}.ipynb")
    (args.out / f"{found.name}-handout.md").write_text(handout(found, course.banks, course.corpus), encoding="utf-8")
    print(f"wrote {args.out / f'{found.name}.ipynb'} and {args.out / f'{found.name}-handout.md'}")


def _class(args, course: Course):
    from .instructor.classwork import load_class
    from .instructor.roster import load_roster

    roster = load_roster(args.roster) if args.roster else None
    work = load_class(args.files, course.banks.exercises, roster)
    for name, why in work.skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)
    for clash in work.roster_clashes.values():
        print(f"not matched: {clash}", file=sys.stderr)
    for name, ids in work.unknown_records.items():
        print(
            f"{name}: set aside answers to exercises this course does not have: {', '.join(sorted(ids))}",
            file=sys.stderr,
        )
    return work


def overview(args) -> None:
    from .instructor.feedback import comments_template
    from .instructor.gradebook import NO_ROSTER, canvas_csv, moodle_csv
    from .instructor.report import report_html

    if not args.roster and not args.draft:
        for lms, path in (("canvas", args.canvas_csv), ("moodle", args.moodle_csv)):
            if path:
                raise Failed(
                    f"--{lms}-csv needs --roster: {NO_ROSTER[lms]}; add --draft to write it anyway, "
                    "to read, not to import"
                )
    course = load_course(args.root)
    work = _class(args, course)
    print(f"students: {len(work.students)}, skipped files: {len(work.skipped)}")
    if work.roster is not None:
        print(
            f"roster: {len(work.roster)}, handed in nothing: {len(work.missing)}"
            + "".join(f"\n  {m.name} ({m.email})" for m in work.missing)
        )
    args.out.write_text(report_html(work, course), encoding="utf-8")
    print(f"wrote {args.out}")
    draft = "" if args.roster else " (a draft without a roster: not for import)"
    for path, text, note in (
        (args.canvas_csv, lambda: canvas_csv(work, course, args.zeros), draft),
        (args.moodle_csv, lambda: moodle_csv(work, course, args.zeros), draft),
        (args.comments_template, lambda: comments_template(work, course), ""),
    ):
        if path:
            path.write_text(text(), encoding="utf-8")
            print(f"wrote {path}{note}")


def feedback(args) -> None:
    from .instructor.feedback import feedback_files, load_comments, write_feedback

    course = load_course(args.root)
    work = _class(args, course)
    files = feedback_files(work, course, load_comments(args.comments), args.comments)
    for path in write_feedback(files, args.out):
        print(f"wrote {path}")


def export_questions(args) -> None:
    from .instructor.moodlexml import ORDERING_SINCE, write_moodle
    from .instructor.qti import write_qti
    from .instructor.questions import select

    course = load_course(args.root)
    try:
        title, questions = select(course, args.target)
    except DataError as err:
        raise Failed(f"'{args.target}' is {err.message}") from None
    if args.format == "qti":
        if args.moodle_version:
            raise Failed("--moodle-version is for --format moodle")
        written = write_qti(args.out, args.target, title, questions, args.essay_guidance)
    else:
        written = [write_moodle(args.out, title, questions, args.moodle_version or ORDERING_SINCE)]
    print(f"wrote {args.out}: {len(questions)} question(s), {args.format}")
    for extra in written[1:]:
        print(f"wrote {extra}: the essays' model answers and rubrics, for graders only (not in the package)")


def _version(text: str) -> tuple[int, int]:
    major, dot, minor = text.partition(".")
    if not (major.isdigit() and (minor.isdigit() or not dot)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a Moodle version such as 4.1 or 4.5")
    return int(major), int(minor or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sourcebook", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--course",
        "--root",
        dest="root",
        type=Path,
        help="the course folder (default: the current folder or the first folder above it with seeds/sources.yml)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate sources, banks, tables, assignments, lateral reading").set_defaults(
        run=check
    )
    cmd = commands.add_parser("paragraphs", help="list a source's numbered paragraphs")
    cmd.add_argument("source", help="a source id from seeds/sources.yml")
    cmd.set_defaults(run=paragraphs)
    cmd = commands.add_parser("assignment", help="export an assignment as a notebook and a handout")
    cmd.add_argument("name", help="a file name (without .yml) in exercises/assignments/")
    cmd.add_argument("--out", type=Path, default=Path("_build/assignments"), help="output folder")
    cmd.set_defaults(run=assignment)
    cmd = commands.add_parser("overview", help="the class report from students' work files")
    cmd.add_argument("files", type=Path, nargs="+", help="sourcebook-work.json files (any names)")
    cmd.add_argument("--roster", type=Path, help="a CSV with the columns name,email,lms_id")
    cmd.add_argument("--out", type=Path, default=Path("class-report.html"), help="the HTML report to write")
    cmd.add_argument("--canvas-csv", type=Path, help="write a Canvas gradebook import CSV")
    cmd.add_argument("--moodle-csv", type=Path, help="write a Moodle grade import CSV")
    cmd.add_argument("--draft", action="store_true", help="write the gradebooks without a roster (not importable)")
    cmd.add_argument("--zeros", action="store_true", help="0, not an empty cell, for who handed in nothing")
    cmd.add_argument("--comments-template", type=Path, help="write a comments CSV to fill in for `feedback`")
    cmd.set_defaults(run=overview)
    cmd = commands.add_parser("feedback", help="one feedback file per student from the instructor's comments")
    cmd.add_argument("files", type=Path, nargs="+", help="the students' sourcebook-work.json files")
    cmd.add_argument("--comments", type=Path, required=True, help="comments, CSV (student,item,comment) or YAML")
    cmd.add_argument("--roster", type=Path, help="a CSV with the columns name,email,lms_id")
    cmd.add_argument("--out", type=Path, default=Path("feedback"), help="the folder to write them to")
    cmd.set_defaults(run=feedback)
    cmd = commands.add_parser("export-questions", help="a bank or an assignment as QTI 1.2 (Canvas) or Moodle XML")
    cmd.add_argument("target", help="a bank (file name in exercises/, without .yml) or an assignment name")
    cmd.add_argument("--format", choices=("qti", "moodle"), required=True)
    cmd.add_argument("--out", type=Path, required=True, help="the .zip (qti) or .xml (moodle) to write")
    cmd.add_argument(
        "--moodle-version",
        type=_version,
        metavar="X.Y",
        help="the Moodle that imports it (default 4.3 and later); before 4.3, order questions become matching",
    )
    cmd.add_argument(
        "--essay-guidance",
        choices=("omit", "feedback"),
        default="omit",
        help="qti: an essay's model answer and rubric in a separate file for graders (omit, the default) or in "
        "its general feedback, which Canvas shows students after they submit (feedback)",
    )
    cmd.set_defaults(run=export_questions)
    args = parser.parse_args(argv)
    try:
        args.root = find_course(args.root)
        args.run(args)
    except (Failed, DataError, CourseNotFound) as err:  # a bad data file: `path:line: reason`, as the error says it
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
