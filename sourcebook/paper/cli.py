"""Command line of the PDF maker: thin argparse over `pdf.make_pdf`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .pdf import make_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcebook.paper", description=__doc__)
    parser.add_argument("html", type=Path, help="a built edition's HTML folder (e.g. _build/html)")
    parser.add_argument("out", type=Path, help="the folder to write the PDFs into (e.g. _build/pdf)")
    parser.add_argument("--toc", type=Path, default=Path("_toc.yml"), help="the book's table of contents")
    parser.add_argument("--edition", default="Student edition", help="printed on the title page")
    parser.add_argument(
        "--chapter",
        action="append",
        default=[],
        help="print only this chapter (a docname, e.g. book/intro; repeatable)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    book = make_pdf(args.html, args.out, args.toc, args.edition, only=args.chapter)
    print(f"{book.path}: {book.pages} pages, {len(book.chapters)} chapters, {time.perf_counter() - start:.1f} s")
    return 0
