"""Feedback back to the student: a comments template from the class's files, comments (CSV or YAML) turned into
one feedback file per student, each comment beside the student's own answer; bad comments stop with file:line."""

import csv
import io
import json

import pytest

from sourcebook.course import load_course
from sourcebook.datafile import DataError
from sourcebook.instructor.classwork import load_class
from sourcebook.instructor.feedback import FORMAT, comments_template, feedback_files, load_comments
from sourcebook.reading.workfile import new_work, write_work

T = "2026-12-01T08:00:00.000Z"


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture
def work(tmp_path, course):
    amira = new_work(name="Amira K.", edition="student")
    amira["student"]["id"] = "s1"
    amira["exercises"] = {
        "stronski-2018-uneasy": {"attempts": 1, "answer_text": "Calm on trade (¶7).", "self_score": "1/3", "updated": T}
    }
    amira["answers"] = {"week-1-sourcing:1": {"text": "The figure in ¶4 lost its link.", "updated": T}}
    ben = new_work(name="Ben", edition="student")
    return load_class(
        [write_work(tmp_path / "a.json", amira), write_work(tmp_path / "b.json", ben)], course.banks.exercises
    )


def test_the_template_lists_every_answer_to_comment_on(work, course):
    rows = list(csv.DictReader(io.StringIO(comments_template(work, course))))
    assert [(r["student"], r["item"]) for r in rows] == [("s1", "stronski-2018-uneasy"), ("s1", "week-1-sourcing:1")]
    assert rows[0]["their answer (for reference)"] == "Calm on trade (¶7)." and rows[0]["comment"] == ""


@pytest.mark.parametrize(
    "suffix, text",
    [
        (".csv", 'student,item,comment\ns1,stronski-2018-uneasy,"Good: now weigh ¶12."\ns1,week-1-sourcing:1,\n'),
        (".yml", 's1:\n  stronski-2018-uneasy: "Good: now weigh ¶12."\n'),
    ],
)
def test_comments_become_a_feedback_file_per_student(work, course, tmp_path, suffix, text):
    path = tmp_path / f"comments{suffix}"
    path.write_text(text, encoding="utf-8")
    files = feedback_files(work, course, load_comments(path), path)
    assert list(files) == ["s1.feedback.json"]
    data = json.loads(json.dumps(files["s1.feedback.json"]))
    assert data["format"] == FORMAT and data["version"] == 1 and data["student"] == {"name": "Amira K.", "id": "s1"}
    assert data["items"] == [
        {
            "item": "stronski-2018-uneasy",
            "title": data["items"][0]["title"],
            "answer": "Calm on trade (¶7).",
            "comment": "Good: now weigh ¶12.",
        }
    ]
    # The question as every place numbers it, then its words.
    prompt = course.banks.exercises["stronski-2018-uneasy"].data["prompt"][:20]
    assert data["items"][0]["title"].startswith(f"Week 1: Sourcing a policy commentary, question 5: {prompt}")
    # The assignment's score by its rule, and what it is out of.
    week1 = course.assignments["week-1-sourcing"]
    assert [(s["assignment"], s["points"], s["late"]) for s in data["scores"]] == [
        ("week-1-sourcing", week1.points, "")
    ]


@pytest.mark.parametrize(
    "text, error",
    [
        ("who,comment\n", r"comments\.csv:1: the header must name the columns student, item, comment"),
        ("student,item,comment\nnobody,x,Hi\n", r"comments\.csv:2: no student 'nobody' among the files read"),
        (
            "student,item,comment\ns1,stronski-2018-hedges,Hi\n",
            r"comments\.csv:2: 's1' has no answer to 'stronski-2018-hedges'",
        ),
    ],
)
def test_bad_comments_stop_with_file_and_line(work, course, tmp_path, text, error):
    path = tmp_path / "comments.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=error):
        feedback_files(work, course, load_comments(path), path)
