"""Command line: check the course data, list paragraphs, export assignments, read the class's work.

python -m sourcebook [--course PATH] check       validate everything the build validates
python -m sourcebook paragraphs SOURCE           a source's numbered paragraphs and their ids
python -m sourcebook assignment NAME [--out DIR] [--answers]   NAME.ipynb (live exercises, written
                     answers), NAME-handout.pdf; with --answers (or SOURCEBOOK_AUDIENCE=instructor)
                     NAME-answers.pdf too
python -m sourcebook overview FILE... [--roster R.csv] [--out report.html] [--canvas-csv F]
                     [--moodle-csv F] [--draft] [--zeros] [--comments-template F] [--assignment NAME]...
                     the class report from students' work files; the gradebooks get a column for each
                     --assignment, or else for each published assignment past its due date
python -m sourcebook feedback FILE... --comments C.csv [--out DIR] [--zip F.zip]  one feedback file per student
python -m sourcebook export-questions BANK|ASSIGNMENT --format qti|moodle --out PATH
                     [--moodle-version X.Y] [--essay-guidance omit|feedback]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .course import Course, CourseNotFound, find_course, load_course
from .datafile import DataError
from .translation.banks import check_catalogues


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
    for line in check_catalogues(args.root, course):
        print(line)
    print("ok")


def paragraphs(args) -> None:
    course = load_course(args.root)
    source = course.corpus.get(args.source)
    if source is None:
        raise Failed(f"unknown source '{args.source}' (known: {', '.join(course.corpus)})")
    for para in source.paragraphs:
        print(f"{para.id}  (line {para.line})\n    {para.text}\n")


def _assignment(course: Course, name: str):
    from .instructor.assignments import did_you_mean

    found = course.assignments.get(name)
    if found is None:
        raise Failed(
            f"unknown assignment '{name}'{did_you_mean(name, course.assignments)} "
            f"(known: {', '.join(course.assignments) or 'none'})"
        )
    return found


def assignment(args) -> None:
    import os

    import nbformat

    from .instructor.assignments import notebook
    from .instructor.handout import answer_sheet_html, handout_html
    from .paper.pdf import print_html

    course = load_course(args.root)
    found = _assignment(course, args.name)
    if found.draft:
        print(
            f"note: '{found.name}' is a draft (draft: true): not in the student edition, the gradebooks or the exports"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(found, course.banks, course.corpus), args.out / f"{found.name}.ipynb")
    print(f"wrote {args.out / f'{found.name}.ipynb'}: {len(found.exercises) + len(found.prompts)} questions")
    documents = {args.out / f"{found.name}-handout.pdf": handout_html(found, course)}
    if args.answers or os.environ.get("SOURCEBOOK_AUDIENCE") == "instructor":
        documents[args.out / f"{found.name}-answers.pdf"] = answer_sheet_html(found, course)
    for path in print_html(documents, footer=found.title):
        print(f"wrote {path}")


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
    from .instructor.report import write_report

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
    pages = write_report(args.out, work, course)
    print(f"wrote {args.out} and {len(pages) - 1} page(s) in {pages[-1].parent}")
    if work.disputed:
        print(
            f"{len(work.disputed)} file(s) whose flags disagree with their answers (listed in the report; "
            "scores come from the answers)"
        )
    graded = (
        replace(course, assignments=_graded(course, args.assignment)) if args.canvas_csv or args.moodle_csv else course
    )
    draft = "" if args.roster else " (a draft without a roster: not for import)"
    for path, text, note in (
        (args.canvas_csv, lambda: canvas_csv(work, graded, args.zeros), draft),
        (args.moodle_csv, lambda: moodle_csv(work, graded, args.zeros), draft),
        (args.comments_template, lambda: comments_template(work, course), ""),
    ):
        if path:
            path.write_text(text(), encoding="utf-8")
            print(f"wrote {path}{note}")


def _graded(course: Course, names: list[str] | None) -> dict:
    """The assignments the gradebooks get a column for (named, or published and past due), said aloud."""
    import datetime as dt

    from .instructor.assignments import for_gradebook

    try:
        picked = for_gradebook(course.assignments, names or [], dt.datetime.now(dt.UTC))
    except ValueError as err:
        raise Failed(str(err)) from None
    if picked:
        print(
            "gradebook columns: " + "; ".join(f"{a.title} (due {a.due_text}, of {a.points:g})" for a in picked.values())
        )
    else:
        print(
            "gradebook columns: none (no assignment is published and past its due date; "
            "name one with --assignment NAME)"
        )
    return picked


def feedback(args) -> None:
    from .instructor.feedback import feedback_files, load_comments, write_feedback, write_zip

    course = load_course(args.root)
    work = _class(args, course)
    files = feedback_files(work, course, load_comments(args.comments), args.comments)
    if args.zip:
        print(f"wrote {write_zip(files, args.zip)}: {len(files)} feedback file(s): {', '.join(files)}")
        return
    for path in write_feedback(files, args.out):
        print(f"wrote {path}")


def export_questions(args) -> None:
    from .instructor.moodlexml import ORDERING_SINCE, write_moodle
    from .instructor.qti import write_qti
    from .instructor.questions import select

    course = load_course(args.root)
    if args.target in course.assignments and course.assignments[args.target].draft:
        raise Failed(f"assignment '{args.target}' is a draft (draft: true): not exported")
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
    cmd = commands.add_parser("assignment", help="export an assignment as a notebook and a PDF handout")
    cmd.add_argument("name", help="a file name (without .yml) in exercises/assignments/")
    cmd.add_argument("--out", type=Path, default=Path("_build/assignments"), help="output folder")
    cmd.add_argument("--answers", action="store_true", help="also print the instructor's answer sheet")
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
    cmd.add_argument(
        "--assignment",
        action="append",
        metavar="NAME",
        help="give this assignment a gradebook column (repeat for more; default: the published ones past due)",
    )
    cmd.set_defaults(run=overview)
    cmd = commands.add_parser("feedback", help="one feedback file per student from the instructor's comments")
    cmd.add_argument("files", type=Path, nargs="+", help="the students' sourcebook-work.json files")
    cmd.add_argument("--comments", type=Path, required=True, help="comments, CSV (student,item,comment) or YAML")
    cmd.add_argument("--roster", type=Path, help="a CSV with the columns name,email,lms_id")
    cmd.add_argument("--out", type=Path, default=Path("feedback"), help="the folder to write them to")
    cmd.add_argument("--zip", type=Path, help="write them all into this one .zip instead")
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
