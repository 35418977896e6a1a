"""The class report's structure: the summary first, a page per assignment (and per chapter answered outside
them) reachable by link and anchor, exercise titles instead of ids, order items as the places the class
chose. Each check counts what it found."""

import re
from collections import Counter
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from sourcebook.course import load_course
from sourcebook.exercises.checking import is_right, key_of
from sourcebook.exercises.payload import build_payload
from sourcebook.instructor.analysis import titles
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.report import report_pages, write_report
from sourcebook.reading.workfile import new_work, write_work

T = "2026-12-01T09:00:00.000Z"
A = "week-1-sourcing"
ORDER = "stronski-2018-chronology"  # answered outside the assignment
OUTSIDE = ["stronski-2018-chronology", "stronski-2018-monopoly", "firdous-2023-sources-declared"]


@pytest.fixture(scope="module")
def course():
    return load_course()


def payload(course, ex_id):
    return build_payload(course.banks.exercises[ex_id], course.corpus, course.banks)


def first_key(course, ex_id, right):
    p = payload(course, ex_id)
    return next(o["key"] for o in p["options"] if o["correct"] == right)


def orders(course) -> list[list[str]]:
    """The order each of six students gives: three right, two reversed, one rotated by one."""
    right = payload(course, ORDER)["answer"]
    return [list(right)] * 3 + [right[::-1]] * 2 + [right[1:] + right[:1]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory, course):
    folder = tmp_path_factory.mktemp("class")
    paths = []
    for i, order in enumerate(orders(course)):
        work = new_work(name=f"Student {i}", edition="student", build="test")
        records = {
            "stronski-2018-byline": first_key(course, "stronski-2018-byline", i % 2 == 0),
            "stronski-2018-monopoly": first_key(course, "stronski-2018-monopoly", i < 2),
            "firdous-2023-sources-declared": first_key(course, "firdous-2023-sources-declared", True),
            ORDER: order,
        }
        for ex_id, answer in records.items():
            right = is_right(key_of(course.banks.exercises[ex_id]), answer)
            work["exercises"][ex_id] = {
                "attempts": 1,
                "correct": right,
                "first_try_correct": right,
                "answer": answer,
                "first_answer": answer,
                "updated": T,
            }
        work["answers"][f"{A}:1"] = {"text": f"Answer {i}", "updated": T}
        paths.append(write_work(folder / f"s{i}.json", work))
    work = load_class(paths, course.banks.exercises)
    assert len(work.students) == 6 and not work.disputed
    return report_pages(work, course)


def soup(pages, name) -> BeautifulSoup:
    return BeautifulSoup(pages[name], "html.parser")


def test_the_summary_comes_first_and_holds_no_item_analysis(pages):
    names = list(pages)
    assert names[0] == "class-report.html" and len(names) == 3 + 1 + 2  # students, files; an assignment; 2 chapters
    first = soup(pages, names[0])
    headings = [h.get_text() for h in first.select("main h2")]
    order = ["Assignments and scores", "Items most missed", "Written answers waiting", "Skill profile"]
    assert [h for h in headings if h in order] == order
    assert not first.select(".item, .written")
    assignments = first.select_one("#assignments").find_next("table").select("tbody tr")
    assert len(assignments) == 1 and "6 of 6" in assignments[0].get_text()
    missed = first.select_one("#missed").find_next("table").select("tbody tr")
    assert len(missed) == 4  # the checked exercises answered: byline, monopoly, firdous sources, chronology
    waiting = first.select_one("#waiting").find_next("table").select("tbody tr")
    assert [r.find_all("td")[-1].get_text() for r in waiting] == ["6"]  # the prompt, six answers


def test_every_link_reaches_a_page_and_its_anchor(pages, course):
    checked = 0
    for name in pages:
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for a in soup(pages, name).find_all("a"):
            path, _, anchor = a["href"].partition("#")
            target = re.sub(r"[^/]+/\.\./", "", base + unquote(path)) if path else name
            assert target in pages, (name, a["href"])
            if anchor:
                assert soup(pages, target).find(id=unquote(anchor)), (name, a["href"])
            checked += 1
    assert checked > 30
    # Each assignment's exercises on its page, each reachable from the summary's items most missed.
    page = soup(pages, f"class-report-pages/assignment-{A}.html")
    assert [s["id"] for s in page.select("section.item")] == [f"item-{e}" for e in course.assignments[A].exercises]
    links = {a["href"].split("#")[1] for a in soup(pages, "class-report.html").select("#missed ~ div a")}
    assert {"item-stronski-2018-byline", "item-stronski-2018-monopoly", f"item-{ORDER}"} <= links
    outside = soup(pages, "class-report-pages/chapter-stronski-2018.html")
    assert [s["id"] for s in outside.select("section.item")] == [
        "item-stronski-2018-chronology",
        "item-stronski-2018-monopoly",
    ]


def test_exercises_are_headed_by_their_titles_not_their_ids(pages, course):
    named = titles(course)
    found = 0
    for name in pages:
        for section in soup(pages, name).select("section.item"):
            ex_id = section["id"].removeprefix("item-")
            heading = section.find("h3").get_text()
            assert heading == named[ex_id] and ex_id not in heading and " · " in heading
            found += 1
    assert found == 5 + 3
    assert named["stronski-2018-byline"] == (
        "Stronski 2018 · What does the byline tell us about this copy of Stronski's commentary? (single choice)"
    )


def test_order_items_show_the_places_the_class_chose(pages, course):
    section = soup(pages, "class-report-pages/chapter-stronski-2018.html").select_one(f"#item-{ORDER}")
    right = payload(course, ORDER)["answer"]
    n, students = len(right), orders(course)
    tables = section.find_all("table")
    assert len(tables) == 2  # first answers, last answers
    for table in tables:
        head = [th.get_text() for th in table.select("thead th")]
        assert head[1:] == [f"Place {k}" for k in range(1, n + 1)]
        rows = table.select("tbody tr")
        assert len(rows) == n
        marked = Counter()
        for place, row in enumerate(rows):
            cells = [td.get_text() for td in row.find_all("td")]
            expected = [sum(s.index(right[place]) == k for s in students) / len(students) for k in range(n)]
            assert [float(c.strip("✓ %")) / 100 for c in cells] == pytest.approx(expected, abs=0.005)
            marked.update(k for k, c in enumerate(cells) if "✓" in c)
        assert marked == Counter(range(n))  # one right place per row, each place once: not every row marked


def test_the_report_is_written_as_a_page_and_a_folder_and_old_pages_go(tmp_path, course):
    work = load_class([], course.banks.exercises)
    stale = tmp_path / "r-pages" / "chapter-gone.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    written = write_report(tmp_path / "r.html", work, course)
    assert written[0] == tmp_path / "r.html" and all(p.parent == tmp_path / "r-pages" for p in written[1:])
    assert len(written) == 4 and not stale.exists()  # summary, students, files, the assignment
    assert 'href="r-pages/students.html"' in written[0].read_text(encoding="utf-8")
