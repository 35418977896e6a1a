"""Command line: check the course data, list paragraphs, export assignments, summarise progress.

    python -m sourcebook check                       validate everything the build validates
    python -m sourcebook paragraphs SOURCE           a source's numbered paragraphs and their ids
    python -m sourcebook assignment NAME [--out DIR] NAME.ipynb (live exercises) and NAME-handout.md
    python -m sourcebook overview FILE... [--out F]  a class overview from students' progress files
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .course import Course, load_course
from .datafile import DataError


class Failed(Exception):
    """A command's error, printed as `error: ...` with exit status 1."""


def _course(args) -> Course:
    try:
        return load_course(args.root)
    except DataError as err:
        raise Failed(str(err)) from None


def check(args) -> None:
    course = _course(args)
    for source in course.corpus.values():
        print(f"source {source.id}: {len(source.paragraphs)} paragraphs, {source.words} words")
    types = Counter(e.type for e in course.banks.exercises.values())
    print(f"exercises: {len(course.banks.exercises)} in {len(course.banks.files)} bank(s) "
          f"({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})")
    print(f"claims: {len(course.tables.claims)}, events: {course.tables.events.event.nunique()}, "
          f"figures: {len(course.tables.figures)}, assignments: {len(course.assignments)}, "
          f"places: {len(course.places)} ({sum(p.kind != 'unplaced' for p in course.places)} drawn)")
    found = sum(len(entry.findings) for entry in course.lateral.values())
    print(f"lateral reading: {found} findings for {len(course.lateral)} sources")
    print("ok")


def paragraphs(args) -> None:
    course = _course(args)
    source = course.corpus.get(args.source)
    if source is None:
        raise Failed(f"unknown source '{args.source}' (known: {', '.join(course.corpus)})")
    for para in source.paragraphs:
        print(f"{para.id}  (line {para.line})\n    {para.text}\n")


def assignment(args) -> None:
    import nbformat

    from .assignments import handout, install_kernel, notebook

    course = _course(args)
    found = course.assignments.get(args.name)
    if found is None:
        raise Failed(f"unknown assignment '{args.name}' (known: {', '.join(course.assignments) or 'none'})")
    args.out.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(found), args.out / f"{found.name}.ipynb")
    (args.out / f"{found.name}-handout.md").write_text(handout(found, course.banks, course.corpus), encoding="utf-8")
    print(f"wrote {args.out / f'{found.name}.ipynb'} and {args.out / f'{found.name}-handout.md'}")
    print(f"registered the notebook's kernel for this Python in {install_kernel()}")


def overview(args) -> None:
    from .overview import load_progress, report_html

    course = _course(args)
    result = load_progress(args.files, course)
    for name, why in result.skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)
    per_skill = result.per_skill(course)
    print(f"students: {result.students}, skipped files: {len(result.skipped)}")
    for skill, row in per_skill.iterrows():
        print(f"  {skill}: {row.correct}/{row.attempted} correct ({row.accuracy:.0%})")
    for ex_id, row in result.most_missed(course).iterrows():
        print(f"  most missed: {ex_id} ({row.missed} of {row.attempted} missed)")
    args.out.write_text(report_html(result, course), encoding="utf-8")
    print(f"wrote {args.out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcebook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate sources, banks, tables, assignments, lateral reading").set_defaults(run=check)
    cmd = commands.add_parser("paragraphs", help="list a source's numbered paragraphs")
    cmd.add_argument("source", help="a source id from seeds/sources.yml")
    cmd.set_defaults(run=paragraphs)
    cmd = commands.add_parser("assignment", help="export an assignment as a notebook and a handout")
    cmd.add_argument("name", help="a file name (without .yml) in exercises/assignments/")
    cmd.add_argument("--out", type=Path, default=Path("_build/assignments"), help="output folder")
    cmd.set_defaults(run=assignment)
    cmd = commands.add_parser("overview", help="summarise students' downloaded progress files")
    cmd.add_argument("files", type=Path, nargs="+", help="sourcebook-progress JSON files, one per student")
    cmd.add_argument("--out", type=Path, default=Path("class-overview.html"), help="the HTML report to write")
    cmd.set_defaults(run=overview)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except Failed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
