"""Two audiences from one source, and assignments as notebooks and handouts."""

import re
import subprocess
import sys

import nbformat
import pytest
from bs4 import BeautifulSoup

from sourcebook.course import load_course

from .conftest import ROOT, copy_course_data, run_build

NOTE = re.compile(r"```\{instructor-note\}[^\n]*\n(.*?)\n```", re.S)


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def instructor_book(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SOURCEBOOK_AUDIENCE", "instructor")
    build = run_build(ROOT, tmp_path_factory.mktemp("instructor"))
    assert build.returncode == 0, build.log[-3000:]
    return build


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


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


def test_export_command_writes_notebook_and_handout(tmp_path, course):
    result = subprocess.run(
        [sys.executable, "-m", "sourcebook", "assignment", "week-1-sourcing", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    nb = nbformat.read(tmp_path / "week-1-sourcing.ipynb", as_version=4)
    nbformat.validate(nb)
    # The notebook carries its exercises (tests/test_notebooks.py runs it without the package): any Python 3.
    assert nb.metadata.kernelspec.name == "python3"
    codes = [c.source for c in nb.cells if c.cell_type == "code"][2:-1]
    assert codes == [
        f'q{i} = Exercise("{ex}")\nq{i}' for i, ex in enumerate(course.assignments["week-1-sourcing"].exercises, 1)
    ]
    text = (tmp_path / "week-1-sourcing-handout.md").read_text(encoding="utf-8")
    assignment = course.assignments["week-1-sourcing"]
    assert text.startswith(f"# {assignment.title}")
    for ex_id in assignment.exercises:
        assert course.banks.exercises[ex_id].data["prompt"].split("**")[0][:30] in text
    # The handout never gives answers: no feedback and no model answer.
    for ex_id in assignment.exercises:
        data = course.banks.exercises[ex_id].data
        for option in data.get("options", []):
            assert option["feedback"] not in text
        if "model_answer" in data:
            assert data["model_answer"][:40] not in text


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
