"""Command line: `python -m sourcebook check` validates the course data without a build."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .course import EXERCISES, SOURCES, THESES, load_course
from .datafile import DataError


def check(args) -> int:
    """Validate sources, theses and banks; print a summary, or the first error as file:line."""
    try:
        course = load_course(args.root, SOURCES, THESES, EXERCISES)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for source in course.corpus.values():
        print(f"source {source.id}: {len(source.paragraphs)} paragraphs, {source.words} words")
    types = Counter(e.type for e in course.banks.exercises.values())
    print(f"exercises: {len(course.banks.exercises)} in {len(course.banks.files)} bank(s) "
          f"({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})")
    print("ok")
    return 0


def paragraphs(args) -> int:
    """Print a source's numbered paragraphs with their ids, for writing citations and exercises."""
    try:
        course = load_course(args.root, SOURCES, THESES, EXERCISES)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    source = course.corpus.get(args.source)
    if source is None:
        print(f"error: unknown source '{args.source}' (known: {', '.join(course.corpus)})", file=sys.stderr)
        return 1
    for para in source.paragraphs:
        print(f"{para.id}  (line {para.line})\n    {para.text}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcebook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate sources, theses and exercise banks").set_defaults(run=check)
    listing = commands.add_parser("paragraphs", help="list a source's numbered paragraphs")
    listing.add_argument("source", help="a source id from seeds/sources.yml")
    listing.set_defaults(run=paragraphs)
    args = parser.parse_args(argv)
    return args.run(args)
