"""Build a translated edition beside the English one: `python -m sourcebook.translation.build SOURCE
[--path-output DIR] [--language ru]` writes DIR/_build/html/ru/ (DIR defaults to SOURCE), with the
flags `make book` gives the English build (-W -n --keep-going).

It calls jupyter-book's own `build_sphinx` with the book's `_config.yml` and `_toc.yml`, as
`jupyter-book build` does, adding only `language`; its doctrees are kept apart (`.doctrees-ru`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def build(source: Path, output: Path, language: str) -> int:
    from jupyter_book.sphinx import build_sphinx

    start = time.perf_counter()
    built = output / "_build"
    result = build_sphinx(
        source,
        built / "html" / language,
        noconfig=True,
        path_config=str(source / "_config.yml"),
        confoverrides={
            "language": language,
            "nitpicky": True,
            "external_toc_path": (source / "_toc.yml").as_posix(),
            "latex_individualpages": False,
        },
        doctreedir=built / f".doctrees-{language}",
        warningiserror=True,
        keep_going=True,
    )
    code = result if isinstance(result, int) else 1
    print(f"{language} edition: {'built' if code == 0 else 'FAILED'} in {time.perf_counter() - start:.1f} s")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sourcebook.translation.build", description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--path-output", type=Path)
    parser.add_argument("--language", default="ru")
    args = parser.parse_args(argv)
    source = args.source.resolve()
    return build(source, (args.path_output or source).resolve(), args.language)


if __name__ == "__main__":
    sys.exit(main())
