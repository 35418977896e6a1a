"""An assignment run end to end: its file checked like a bank, what reaches the gradebook, late work, the
notebook's written answers, the PDF handout and feedback with the score."""

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import nbformat
import pytest

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.exercises.payload import build_payload, text_of
from sourcebook.instructor.assignments import for_gradebook, notebook
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.report import report_pages
from sourcebook.instructor.scores import score
from sourcebook.reading.workfile import new_work, write_work

from .conftest import ROOT, copy_course_data, sourcebook_cli

A = "week-1-sourcing"
DUE = dt.datetime(2026, 12, 7, 23, 59, 59, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def course():
    return load_course()


def run(*args, root=ROOT, env=None):
    return subprocess.run(
        [sys.executable, "-m", "sourcebook", "--root", str(root), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def cli(*args, root=ROOT, course=None):
    """The command in this process (`sourcebook_cli`; `run` starts it as its own process, as a user does); with
    `course`, on that loaded course."""
    return sourcebook_cli("--root", root, *args, course=course)


def write(root, name, text):
    path = root / "exercises/assignments" / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


BROKEN = {
    # name: (file text, [(line, words the error must say)])
    "bad-date": (
        "title: Dates\ndue: 2026-12-32\ninstructions: Read.\nexercises:\n  - stronski-2018-byline\n"
        "  - stronski-2018-bylin\n",
        [
            (2, "due date '2026-12-32' is not a day of the calendar (day is out of range for month)"),
            (6, "unknown exercise 'stronski-2018-bylin' (not in any bank) (did you mean 'stronski-2018-byline'?)"),
        ],
    ),
    "twice": (
        "title: Twice\ndue: 2026-12-01\ninstructions: Read.\nexercises:\n  - stronski-2018-hedges\n"
        "  - stronski-2018-terms\n  - stronski-2018-hedges\npromts: [Write.]\n",
        [
            (7, "exercise 'stronski-2018-hedges' is listed twice (first on line 5)"),
            (8, "unknown key 'promts' (did you mean 'prompts'?)"),
        ],
    ),
    "not-a-mapping": ("- stronski-2018-byline\n- stronski-2018-hedges\n", [(1, "an assignment must be a mapping")]),
    "rules": (
        "title: Rules\ndue: 2026-02-30\ninstructions: Read.\nexercises: [stronski-2018-byline]\n"
        "score: {completion: 1, frist-try: 2}\npoints: 0\nlate: 1.5\ndraft: maybe\nprompts:\n  - ''\n",
        [
            (2, "due date '2026-02-30' is not a day of the calendar"),
            (5, "unknown score rule 'frist-try' (did you mean 'first-try'?)"),
            (6, "'points' must be a positive number (not 0)"),
            (7, "'late' must be a number from 0 to 1"),
            (8, "'draft' must be true or false (not 'maybe')"),
            (10, "prompt 1 must be non-empty text"),
        ],
    ),
}


def test_four_broken_assignment_files_give_every_error_at_once_at_its_line(tmp_path):
    copy_course_data(tmp_path)
    for name, (text, _) in BROKEN.items():
        write(tmp_path, name, text)
    result = cli("check", root=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    expected = [(name, line, words) for name, (_, errors) in BROKEN.items() for line, words in errors]
    for name, line, words in expected:
        assert any(f"exercises/assignments/{name}.yml:{line}: " in got and words in got for got in lines), (
            name,
            line,
            words,
            result.stderr,
        )
    assert len(lines) == len(expected) == 11  # every error, and nothing else (the good file has none)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "title: [a]\ndue: []\ninstructions: {a: 1}\nexercises: stronski-2018-byline\n",
        "title: T\ndue: 2026-13-01\ninstructions: R\nexercises: [3, {a: b}, [x]]\nprompts: yes\n",
        "title: T\ndue: tomorrow\ninstructions: R\nexercises: []\nscore: [1]\npoints: true\nlate: no\n",
        "title: T\ndue: 2026-12-01\ninstructions: R\nexercises: [stronski-2018-byline]\nscore: {completion: x}\n",
        "{unclosed: [\n",
        "? [a, b]\n: c\n",
        "\xff\xfe binary",
    ],
)
def test_no_assignment_file_gives_a_traceback(tmp_path, text):
    copy_course_data(tmp_path)
    path = tmp_path / "exercises/assignments/odd.yml"
    path.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode("utf-8"))
    with pytest.raises(DataError) as err:
        load_course(tmp_path)
    assert all("odd.yml" in line for line in str(err.value).splitlines()) and str(err.value)


def dated_course(tmp_path):
    """The course with a draft (past due), a published one not yet due and the example (due 7 December)."""
    copy_course_data(tmp_path)
    body = "instructions: Read.\nexercises: [stronski-2018-byline]\npoints: 5\n"
    write(tmp_path, "week-2-draft", f"title: Week 2 draft\ndue: 2026-11-01\ndraft: true\n{body}")
    write(tmp_path, "week-9-later", f"title: Week 9 later\ndue: 2027-03-01\n{body}")
    return load_course(tmp_path)


def test_an_unpublished_or_draft_assignment_never_reaches_a_gradebook_column(tmp_path):
    course = dated_course(tmp_path)
    after = dt.datetime(2026, 12, 10, tzinfo=dt.UTC)
    assert list(for_gradebook(course.assignments, [], after)) == [A]  # not the draft, not the one not yet due
    assert list(for_gradebook(course.assignments, [], DUE - dt.timedelta(hours=1))) == []
    assert list(for_gradebook(course.assignments, ["week-9-later"], after)) == ["week-9-later"]
    with pytest.raises(ValueError, match="'week-2-draft' is a draft"):
        for_gradebook(course.assignments, ["week-2-draft"], after)
    # The command: named columns only, in both gradebooks; a draft named is refused and nothing is written.
    work = new_work(name="Nour Haddad", edition="student")
    files = [write_work(tmp_path / "nour.json", work)]
    out = tmp_path / "out"
    out.mkdir()
    result = cli(
        "overview",
        *files,
        "--out",
        out / "r.html",
        "--canvas-csv",
        out / "c.csv",
        "--moodle-csv",
        out / "m.csv",
        "--assignment",
        "week-9-later",
        "--draft",
        root=tmp_path,
        course=course,
    )
    assert result.returncode == 0, result.stderr
    assert "gradebook columns: Week 9 later (due 01 March 2027, of 5)" in result.stdout
    canvas = next(csv.reader(io.StringIO((out / "c.csv").read_text())))
    moodle = next(csv.reader(io.StringIO((out / "m.csv").read_text())))
    assert canvas[5:] == ["Week 9 later"] and moodle[2:] == ["Week 9 later"]
    for f in ("c.csv", "m.csv"):
        (out / f).unlink()
    refused = cli(
        "overview",
        *files,
        "--out",
        out / "r.html",
        "--canvas-csv",
        out / "c.csv",
        "--assignment",
        "week-2-draft",
        "--draft",
        root=tmp_path,
        course=course,
    )
    assert refused.returncode == 1 and "is a draft" in refused.stderr and not (out / "c.csv").exists()
    assert (
        "is a draft"
        in cli(
            "export-questions", "week-2-draft", "--format", "qti", "--out", out / "q.zip", root=tmp_path, course=course
        ).stderr
    )


def test_a_file_saved_after_the_due_date_is_marked_late_and_keeps_its_late_share(tmp_path, course):
    week1 = course.assignments[A]
    record = {"attempts": 1, "correct": True, "first_try_correct": True, "answer": "x"}

    def work(when):
        data = new_work(name=f"Student {when[:10]}", edition="student")
        data["exercises"] = {ex: {**record, "updated": when} for ex in week1.exercises}
        data["answers"] = {f"{A}:1": {"text": "An answer.", "updated": when}}
        return data

    on_time, late = work("2026-12-07T20:00:00.000Z"), work("2026-12-08T10:02:00.000Z")
    assert score(week1, on_time, course.banks.exercises).late == ""
    marked = score(week1, late, course.banks.exercises)
    assert marked.late == "2026-12-08T10:02Z" and marked.value == pytest.approx(
        score(week1, on_time, course.banks.exercises).value
    )
    halved = type(week1)(**{**week1.__dict__, "late": 0.5})
    assert score(halved, late, course.banks.exercises).value == pytest.approx(0.5 * marked.value)
    files = [write_work(tmp_path / "on-time.json", on_time), write_work(tmp_path / "late.json", late)]
    page = "".join(report_pages(load_class(files, course.banks.exercises), course).values())
    assert page.count("late: saved 08 Dec 2026 10:02 UTC (student's clock)") == 1


def notebook_work(tmp_path, course, text, name="Nour Haddad"):
    """Execute the exported notebook in a real kernel, answer its written question as the front end
    does (setting the widget's `text`), then run its hand-in cell under the student's name."""
    from nbclient import NotebookClient

    nb = notebook(course.assignments[A], course.banks, course.corpus)
    hand_in = nb.cells.pop()
    nb.cells.append(nbformat.v4.new_code_cell(f"q6.text = {text!r}"))
    nb.cells.append(nbformat.v4.new_code_cell(hand_in.source.replace("Your name", name)))
    NotebookClient(nb, timeout=180, resources={"metadata": {"path": str(tmp_path)}}).execute()
    views = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert len(views) == len(course.assignments[A].exercises) + len(course.assignments[A].prompts) == 6
    return tmp_path / "sourcebook-work.json"


def test_a_notebooks_written_answer_reaches_the_report_and_a_feedback_file(tmp_path, course):
    nb = notebook(course.assignments[A], course.banks, course.corpus)
    text = nbformat.writes(nb)
    assert nb.metadata.kernelspec.name == "python3" and sys.executable not in text and str(ROOT) not in text
    answer = "The removed link behind ¶9 (the Tajik base) leaves only Stronski's word; " * 12 + "(a cut here?)"
    handed_in = notebook_work(tmp_path, course, answer)
    out = tmp_path / "out"
    out.mkdir()
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,lms_id\nNour Haddad,nour@example.edu,101\n", encoding="utf-8")
    result = cli(
        "overview",
        handed_in,
        "--roster",
        roster,
        "--out",
        out / "r.html",
        "--comments-template",
        out / "t.csv",
        course=course,
    )
    assert result.returncode == 0, result.stderr
    pages = [p.read_text(encoding="utf-8").replace("&#x27;", "'") for p in sorted(out.rglob("*.html"))]
    assert len(pages) > 1 and any(answer in page for page in pages)  # the summary and its pages
    # The written answer's heading: the question's one number (6, as in the notebook), not its stored key.
    headings = [h for page in pages for h in re.findall(r'id="written-week-1-sourcing:1"><h3>([^<]*)</h3>', page)]
    assert headings == ["Week 1: Sourcing a policy commentary · question 6"], headings
    rows = list(csv.DictReader((out / "t.csv").read_text(encoding="utf-8").splitlines()))
    row = next(r for r in rows if r["item"] == f"{A}:1")
    assert row["their answer (for reference)"] == answer  # whole, not cut
    assert row["question"].startswith("Week 1: Sourcing a policy commentary, question 6: Stronski's copy has lost")
    row["comment"] = "Good: now say what the link would have shown."
    comments = tmp_path / "comments.csv"
    with comments.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(row)
    zipped = run("feedback", handed_in, "--comments", comments, "--roster", roster, "--zip", out / "feedback.zip")
    assert zipped.returncode == 0, zipped.stderr
    with zipfile.ZipFile(out / "feedback.zip") as archive:
        assert archive.namelist() == ["nour@example.edu.feedback.json"]
        fb = json.loads(archive.read("nour@example.edu.feedback.json"))
    assert [i["answer"] for i in fb["items"]] == [answer] and fb["items"][0]["comment"].startswith("Good")
    assert fb["items"][0]["title"].startswith("Week 1: Sourcing a policy commentary, question 6")
    week1 = course.assignments[A]
    assert [(s["assignment"], s["points"]) for s in fb["scores"]] == [(A, week1.points)]
    assert 0 < fb["scores"][0]["score"] <= week1.points


def test_the_handout_pdf_has_every_question_with_its_choices_and_no_answer(tmp_path):
    copy_course_data(tmp_path)
    ids = [
        "stronski-2018-byline",
        "stronski-2018-hedges",
        "stronski-2018-terms",
        "stronski-2018-evidence",
        "stronski-2018-classify-theses",
        "stronski-2018-chronology",
        "stronski-2018-uneasy",
        "thesis-condominium-classify-source",
    ]
    write(
        tmp_path,
        "every-type",
        "title: Every type\ndue: 2026-12-01\ninstructions: Answer in 100–120 words.\n"
        f"exercises: [{', '.join(ids)}]\nprompts: [Compare two paragraphs.]\n",
    )
    course = load_course(tmp_path)
    result = run(
        "assignment",
        "every-type",
        "--out",
        tmp_path / "out",
        root=tmp_path,
        env={**os.environ, "SOURCEBOOK_AUDIENCE": "student", "JUPYTER_DATA_DIR": str(tmp_path / "jd")},
    )
    assert result.returncode == 0, result.stderr
    assert (
        not (tmp_path / "jd").exists() and not (tmp_path / "out/every-type-answers.pdf").exists()
    )  # no kernel registered
    text = subprocess.run(
        ["pdftotext", tmp_path / "out/every-type-handout.pdf", "-"], capture_output=True, text=True
    ).stdout
    flat = " ".join(text.replace("’", "'").split())
    squashed = "".join(flat.split())  # the words, whatever the line breaks and the spaces around inline markup
    assert "Name:" in flat and "Due: 01 December 2026" in flat
    checked = 0
    for n, ex_id in enumerate(ids, 1):
        ex = course.banks.exercises[ex_id]
        p = build_payload(ex, course.corpus, course.banks)
        words = [text_of(p["prompt_html"])]
        words += [text_of(o["html"]) if "html" in o else o["passage"]["label"] for o in p.get("options", [])]
        words += [text_of(o["html"]) for o in p.get("items", []) if "html" in o]
        if ex.data.get("by") == "source":  # its citations would name the answer: only the words are printed
            words += [i["passage"]["text"] for i in p["items"]]
            assert not [i for i in p["items"] if "".join(i["passage"]["label"].split()) in squashed]
        else:
            words += [i["passage"]["label"] for i in p.get("items", []) if "passage" in i]
        words += [c["label"] for c in p.get("categories", [])] + [
            text_of(x["html"]) for x in p.get("left", []) + p.get("right", [])
        ]
        for w in words:
            assert "".join(w.replace("’", "'").split()) in squashed, (ex_id, w)
            checked += 1
        assert f"Question {n}" in flat
        for o in ex.data.get("options", []) + ex.data.get("items", []) + ex.data.get("pairs", []):
            if isinstance(o, dict) and o.get("feedback"):
                assert " ".join(o["feedback"].split())[:40] not in flat
        if "model_answer" in ex.data:
            assert " ".join(ex.data["model_answer"].split())[:40] not in flat
    assert checked > 40 and "Question 9" in flat and "Compare two paragraphs." in flat
    assert "Choose one" in flat and "Number them 1–" in flat and "one of: " in flat and "Stronski 2018 ¶" in flat
    for word in ("Answer key", "correct", "Model answer", "Rubric"):
        assert word not in flat
    # The instructor edition prints the answer sheet beside it.
    sheet = run(
        "assignment", "every-type", "--out", tmp_path / "out", "--answers", root=tmp_path
    )  # prints: see sourcebook_cli
    assert sheet.returncode == 0, sheet.stderr
    answers = subprocess.run(
        ["pdftotext", tmp_path / "out/every-type-answers.pdf", "-"], capture_output=True, text=True
    ).stdout
    assert "Instructor edition" in answers and "Model answer" in answers and answers.count("Question ") == 9


def test_a_draft_is_only_in_the_instructor_edition(fixture_book, monkeypatch):
    import shutil

    from bs4 import BeautifulSoup

    root = fixture_book.root
    shutil.copy2(ROOT / "exercises/stronski-2018.yml", root / "exercises/stronski-2018.yml")
    (root / "exercises/assignments").mkdir()
    body = "due: 2026-12-01\ninstructions: Read.\nexercises: [stronski-2018-byline]\nprompts: [Write.]\n"
    write(root, "week-1", f"title: Week one\n{body}")
    write(root, "week-2", f"title: Week two\ndraft: true\n{body}")
    fixture_book.write("index.md", "# Assignments\n\n```{assignments}\n```\n\n```{toctree}\ntext\n```\n")
    sections = {}
    for audience in ("student", "instructor"):
        monkeypatch.setenv("SOURCEBOOK_AUDIENCE", audience)
        shutil.rmtree(root / "_out", ignore_errors=True)
        result = fixture_book.build()
        assert result.returncode == 0, result.stderr
        page = BeautifulSoup((root / "_out/index.html").read_text(encoding="utf-8"), "html.parser")
        sections[audience] = {s["id"]: s.h2.get_text(" ", strip=True) for s in page.select("section[id^=assignment-]")}
        built = [p for p in (root / "_out").rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".json", ".txt")]
        everything = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in built)
        assert ("Week two" in everything) == (audience == "instructor")
    assert list(sections["student"]) == ["assignment-week-1"]
    assert list(sections["instructor"]) == ["assignment-week-1", "assignment-week-2"]
    assert "(draft)" in sections["instructor"]["assignment-week-2"]
