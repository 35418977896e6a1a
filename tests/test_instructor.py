"""Two audiences from one source, and assignments as notebooks and handouts."""

import re
import subprocess
import sys

import nbformat
import pytest
from bs4 import BeautifulSoup

from sourcebook.course import load_course

from .conftest import ROOT, copy_course_data, edition_files, instructor_build, later

NOTE = re.compile(r"```\{instructor-note\}[^\n]*\n(.*?)\n```", re.S)


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def instructor_book(tmp_path_factory):
    build = later("instructor", lambda: instructor_build(tmp_path_factory.mktemp("instructor")))
    assert build.returncode == 0, build.log[-3000:]
    return build


def instructor_only_texts(course) -> list[str]:
    """Every instructor-only text: teacher notes, model answers, instructor-note bodies."""
    texts = [e.data["teacher_notes"] for e in course.banks.exercises.values() if e.data.get("teacher_notes")]
    for page in (ROOT / "book").rglob("*.md"):
        texts += NOTE.findall(page.read_text(encoding="utf-8"))
    return texts


def probe(text: str) -> str:
    """A distinctive run of words from `text`, as it would appear in HTML or the search index."""
    words = re.sub(r"[`*_{}\[\]<>]", " ", text).split()
    return " ".join(words[2:9])


def test_there_is_instructor_only_content_to_protect(course):
    texts = instructor_only_texts(course)
    assert len(texts) >= 10


def test_student_build_contains_no_instructor_only_text(book, course):
    probes = [probe(t) for t in instructor_only_texts(course)]
    files = [
        p
        for p in book.html.rglob("*")
        if p.is_file() and p.suffix in (".html", ".js", ".json", ".txt", ".md", ".ipynb")
    ]
    leaks = []
    for path in files:
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8", errors="replace"))
        leaks += [f"{path.name}: {p}" for p in probes if p in text]
    assert not leaks, leaks
    assert not list(book.html.rglob("_sources"))
    assert "Answer key" not in "".join(p.read_text(encoding="utf-8") for p in book.html.rglob("*.html"))


def test_instructor_build_shows_keys_and_notes(instructor_book, course):
    html = "".join(p.read_text(encoding="utf-8") for p in instructor_book.html.rglob("*.html"))
    text = re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))
    missing = [probe(t) for t in instructor_only_texts(course) if probe(t) not in text]
    assert not missing, missing
    page = BeautifulSoup(instructor_book.page("book/sources/stronski-2018.html"), "html.parser")
    keys = page.select("details.sb-answer-key")
    assert len(keys) == len([e for e in course.banks.exercises.values() if e.file.stem == "stronski-2018"])
    assert "(instructor edition)" in page.title.get_text()


def content_pages(build) -> list:
    """Every page of the theme's layout (not the redirects) of the build's own edition (the English one,
    not `ru/`), the search page and the index included."""
    return [p for p in edition_files(build) if 'class="bd-container"' in p.read_text(encoding="utf-8")]


def test_the_instructor_edition_says_so_on_every_page_on_screen_and_on_paper(instructor_book, book, browser):
    from sourcebook.paper.browser import serve

    pages = content_pages(instructor_book)
    assert len(pages) >= 20
    without = [p.name for p in pages if p.read_text(encoding="utf-8").count('class="sb-edition-banner"') != 1]
    assert not without, without
    # the student edition's English pages, one for one (the instructor edition has no Russian twin)
    assert [p.relative_to(book.html) for p in content_pages(book)] == [
        p.relative_to(instructor_book.html) for p in pages
    ]
    assert not [p for p in book.html.rglob("*.html") if "sb-edition-banner" in p.read_text(encoding="utf-8")]
    with serve(instructor_book.html) as site:
        context = browser.new_context(viewport={"width": 320, "height": 800})
        page = context.new_page()
        page.goto(site + "book/sources/stronski-2018.html")
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            banner = page.locator(".sb-edition-banner")
            assert banner.is_visible() and "Instructor edition" in banner.inner_text(), media
            assert banner.bounding_box()["width"] <= 320
        context.close()


def test_the_instructor_assignments_page_shows_the_rule_and_the_export_command(instructor_book, course):
    page = BeautifulSoup(instructor_book.page("book/assignments.html"), "html.parser")
    checked = 0
    for a in course.assignments.values():
        section = page.select_one(f"#assignment-{a.name}")
        facts = section.select_one("p.sb-instructor").get_text()
        assert f"out of {a.points:g} points" in facts and f"due {a.due_text}" in facts and "completion" in facts
        export = section.select_one(".sb-assignment-export").get_text()
        assert export == f"Export for a class: python -m sourcebook assignment {a.name}"
        checked += 1
    assert checked == len(course.assignments) >= 1


def test_assignment_page_lists_exercises_in_order(book, course):
    page = BeautifulSoup(book.page("book/assignments.html"), "html.parser")
    for assignment in course.assignments.values():
        section = page.select_one(f"#assignment-{assignment.name}")
        assert section.select_one("h2").get_text().startswith(assignment.title)
        assert [d["data-exercise-id"] for d in section.select(".sb-exercise")] == assignment.exercises
        assert f"{assignment.due:%d %B %Y}" in section.get_text()


def test_unknown_exercise_in_an_assignment_stops_with_file_and_line(tmp_path):
    from sourcebook.datafile import DataError

    copy_course_data(tmp_path)
    path = tmp_path / "exercises" / "assignments" / "week-1-sourcing.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("stronski-2018-terms", "stronski-2018-nope"))
    with pytest.raises(DataError, match=r"week-1-sourcing\.yml:\d+: unknown exercise 'stronski-2018-nope'"):
        load_course(tmp_path)


def test_export_command_writes_notebook_and_handout_and_registers_nothing(tmp_path, course, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    monkeypatch.setenv("SOURCEBOOK_AUDIENCE", "student")
    result = subprocess.run(  # its own process: it prints the handout with Chromium (see sourcebook_cli)
        [
            sys.executable,
            "-m",
            "sourcebook",
            "--course",
            str(ROOT),
            "assignment",
            "week-1-sourcing",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    nb = nbformat.read(tmp_path / "week-1-sourcing.ipynb", as_version=4)
    nbformat.validate(nb)
    # No kernel of its own registered behind the instructor's back, and no path of this machine in the notebook.
    assert not (tmp_path / "jupyter").exists() and nb.metadata.kernelspec.name == "python3"
    assert sys.executable not in nbformat.writes(nb) and str(ROOT) not in nbformat.writes(nb)
    # The notebook carries its exercises (tests/test_notebooks.py runs it without the package): any Python 3.
    assignment = course.assignments["week-1-sourcing"]
    codes = [c.source for c in nb.cells if c.cell_type == "code"][2:-1]  # after the install and setup cells
    n = len(assignment.exercises)
    assert codes == [f'q{i} = Exercise("{ex}")\nq{i}' for i, ex in enumerate(assignment.exercises, 1)] + [
        f'q{n + i} = WrittenAnswer("week-1-sourcing:{i}", "Your answer to question {n + i}")\nq{n + i}'
        for i in range(1, len(assignment.prompts) + 1)
    ]
    assert (tmp_path / "week-1-sourcing-handout.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "week-1-sourcing-answers.pdf").exists()  # the answer sheet only for the instructor


def test_widget_state_is_the_exercise_and_survives_a_restart(tmp_path, monkeypatch, course):
    from sourcebook.exercises.widget import Exercise

    monkeypatch.chdir(tmp_path)  # the notebook's folder, outside the course: the course is named
    widget = Exercise("stronski-2018-terms", root=ROOT)
    state = widget.get_state()
    assert state["exercise"]["type"] == "match" and state["exercise"]["id"] == "stronski-2018-terms"
    assert state["_esm"] == (ROOT / "sourcebook/static/sourcebook/exercise.js").read_text(encoding="utf-8")
    assert widget.result == {} and len(widget.seed) == 16
    widget.result = {"attempts": 1, "correct": True}  # what the front end sends back after a check
    assert widget.get_state()["result"]["correct"] is True
    again = Exercise("stronski-2018-terms", root=ROOT)  # a new kernel: same folder, same file
    assert again.result == {"attempts": 1, "correct": True} and again.seed == widget.seed
    with pytest.raises(KeyError, match="unknown exercise 'nope'"):
        Exercise("nope", root=ROOT)


def test_notebook_store_never_overwrites_a_file_it_cannot_read(tmp_path):
    from sourcebook.reading.notebook_store import NotebookStore

    (tmp_path / "sourcebook-progress.json").write_text("{not json", encoding="utf-8")
    store = NotebookStore(tmp_path)
    store.save("x", {"attempts": 1})
    assert (tmp_path / "sourcebook-progress.json").read_text(encoding="utf-8") == "{not json"
    assert store.result("x") == {"attempts": 1}
