"""Shared fixtures: one real build of the course, a local server, and a guarded Chromium page."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sourcebook.paper.browser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent


def copy_course_data(root: Path, exercises: bool = True) -> Path:
    """Copy what `load_course` reads (seeds, data tables, bibliography; the exercise banks unless
    `exercises` is false, then an empty folder) into `root`, for tests that break a copy."""
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "book" / "data", root / "book" / "data")
    shutil.copy2(ROOT / "book" / "references.bib", root / "book" / "references.bib")
    if exercises:
        shutil.copytree(ROOT / "exercises", root / "exercises")
    else:
        (root / "exercises").mkdir(exist_ok=True)
    return root


@dataclass
class Build:
    """The outcome of one `jupyter-book build`: exit code, log, and the HTML folder."""

    returncode: int
    log: str
    html: Path
    seconds: float = 0.0
    ru: Build | None = None

    def page(self, name: str) -> str:
        return (self.html / name).read_text(encoding="utf-8")


def edition_files(build: Build, pattern: str = "*.html") -> list[Path]:
    """The files of `build`'s own edition matching `pattern`, sorted: those under `build.html` without
    the other editions' folders (for the `book` fixture: the English edition's, not `ru/`'s)."""
    from sourcebook.translation import own_files

    return sorted(own_files(build.html, build.html.rglob(pattern)))


def run_build(source: Path, output: Path, *args: str, env: dict[str, str] | None = None) -> Build:
    """Build the book at `source` into `output`/_build with the README's flags (in `env`, else this
    process's environment)."""
    import time

    start = time.perf_counter()
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(source),
            "--path-output",
            str(output),
            "-W",
            "-n",
            "--keep-going",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=source,
        env=env,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, output / "_build" / "html", time.perf_counter() - start)


def run_translated_build(source: Path, output: Path, language: str = "ru") -> Build:
    """Build the `language` edition of the book at `source` into `output`/_build/html/LANGUAGE, as `make
    book` does after the English build."""
    import time

    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcebook.translation.build",
            str(source),
            "--path-output",
            str(output),
            "--language",
            language,
        ],
        capture_output=True,
        text=True,
        cwd=source,
    )
    html = output / "_build" / "html" / language
    return Build(proc.returncode, proc.stdout + proc.stderr, html, time.perf_counter() - start)


def build_both(source: Path, output: Path) -> Build:
    """Both editions of the book at `source`, as `make book-student` builds them: the English one, then the
    Russian one in its `ru` (unless the English failed)."""
    build = run_build(source, output)
    if build.returncode == 0:
        build.ru = run_translated_build(source, output)
    return build


# Builds that later tests compare with or read (a second clean build, the instructor edition), started by
# the `book` fixture once its own build is done (the builds compile the catalogues in the project's
# `locales/`, so none races another), one after another in the background while the browser tests run.
LATER: dict[str, Future] = {}
LATER_BUILDS = {"tests/test_determinism.py": "again", "tests/test_instructor.py": "instructor"}
WANTED: set[str] = set()


def pytest_collection_modifyitems(items):
    WANTED.update(name for path, name in LATER_BUILDS.items() if any(i.nodeid.startswith(path) for i in items))


def later(name: str, build: Callable[[], Build]) -> Build:
    """The build `name` that the `book` fixture started in the background, or `build()` now if it did not
    (and then the fixture, if it comes later, does not start it)."""
    future = LATER.pop(name, None)
    WANTED.discard(name)
    return future.result() if future else build()


def instructor_build(output: Path) -> Build:
    """The instructor edition (answer keys and teaching notes), as `make book-instructor` builds it."""
    return run_build(ROOT, output, env={**os.environ, "SOURCEBOOK_AUDIENCE": "instructor"})


@dataclass
class Ran:
    """What a command printed and returned, as `subprocess.run(..., capture_output=True, text=True)` gives it."""

    returncode: int
    stdout: str
    stderr: str


def sourcebook_cli(*args, course=None) -> Ran:
    """`python -m sourcebook ARGS` run in this process: the same `cli.main` that `__main__` calls, its output
    captured. With `course` (a loaded `Course`), the command uses it instead of loading the course again: for
    tests that run a command many times (each command keeps one subprocess test of its real entry point).
    Not `assignment`: it prints its handout with Playwright, whose sync API cannot start inside the session's
    running one (the `browser` fixture), so it runs as its own process."""
    from unittest import mock

    assert "assignment" not in map(str, args), "run `assignment` as its own process (it prints with Chromium)"

    from sourcebook import cli

    out, err = io.StringIO(), io.StringIO()
    loaded = mock.patch.object(cli, "load_course", lambda root: course) if course else contextlib.nullcontext()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), loaded:
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit:  # argparse's usage errors (an int); as Python exits for None or a message
            code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    return Ran(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Build:
    """The whole course, built once per test session exactly as `make book-student` builds it: the English
    edition in `html`, the Russian one in `html/ru` (its build in `book.ru`)."""
    build = build_both(ROOT, tmp_path_factory.mktemp("book"))
    assert build.returncode == 0, build.log[-4000:]
    assert build.ru and build.ru.returncode == 0, build.ru.log[-4000:] if build.ru else None
    pool = ThreadPoolExecutor(max_workers=1)
    if "again" in WANTED:
        LATER["again"] = pool.submit(build_both, ROOT, tmp_path_factory.mktemp("again"))
    if "instructor" in WANTED:
        LATER["instructor"] = pool.submit(instructor_build, tmp_path_factory.mktemp("instructor"))
    pool.shutdown(wait=False)
    return build


def sphinx_build(src: Path) -> subprocess.CompletedProcess:
    """A plain Sphinx HTML build of a small fixture book (faster than jupyter-book)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(src), str(src / "_out")],
        capture_output=True,
        text=True,
        cwd=src,
    )


@dataclass
class FixtureBook:
    """A minimal book (conf.py + pages) using the real seeds, theses and sourcebook extension."""

    root: Path
    pages: dict = field(default_factory=dict)

    def write(self, relpath: str, text: str) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self) -> subprocess.CompletedProcess:
        return sphinx_build(self.root)


@pytest.fixture
def fixture_book(tmp_path) -> FixtureBook:
    """A fresh fixture book: the real seeds and data tables, no exercise banks, pages to fill in."""
    fb = FixtureBook(copy_course_data(tmp_path, exercises=False))
    fb.write(
        "conf.py",
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        extensions = ["myst_parser", "sourcebook"]
        exclude_patterns = ["_out", "seeds", "exercises", "book"]
        """,
    )
    fb.write(
        "text.md",
        """
        # Texts

        ```{source-text} stronski-2018
        ```
        """,
    )
    return fb


@pytest.fixture(scope="session")
def site(book) -> Iterator[str]:
    """The built course served on 127.0.0.1; yields its base URL."""
    with serve(book.html) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageProblems:
    """Everything a page did that the course forbids: off-host requests, failures, errors."""

    off_host: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def all(self) -> list:
        return self.off_host + self.failed + self.errors


def guard(page) -> PageProblems:
    """Record off-host requests, responses >= 400, failed requests, page and console errors."""
    problems = PageProblems()
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else problems.off_host.append(r.url)
        ),
    )
    page.on("response", lambda r: problems.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # with the reason (net::ERR_ABORTED: left before it loaded; ERR_INTERNET_DISCONNECTED: not served offline)
    page.on("requestfailed", lambda r: problems.failed.append(f"failed {r.url} ({r.failure}, {r.resource_type})"))
    page.on("pageerror", lambda e: problems.errors.append(f"pageerror: {e}"))
    page.on(
        "console",
        lambda m: (
            problems.errors.append(f"console: {m.text} ({m.location.get('url') or page.url})")
            if m.type == "error"
            else None
        ),
    )
    return problems


@pytest.fixture
def page(browser):
    """A fresh browser context and page; the test fails if the page misbehaved in any way."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = guard(page)
    yield page
    problems = page.problems.all()
    context.close()
    assert not problems, "\n".join(problems)
