"""Feedback back to the student: the instructor's comments (CSV or YAML) become one feedback file per
student, which the *Your progress* page opens and shows, each comment beside the student's own answer.

Comments, CSV (`python -m sourcebook overview ... --comments-template comments.csv` starts one, a row
per written answer and per exercise attempted)::

    student,item,comment
    s-1024,stronski-2018-open,"Good use of ¶7; now weigh ¶9 against it."

or YAML: `{student: {item: comment}}`. `student` is the id in the student's file, or their name when the
file has no id; `item` an exercise id or an assignment prompt `<assignment>:<n>`. Rows with an empty
comment are ignored.

The feedback file (`<student>.feedback.json`), version 1::

    {"format": "sourcebook-feedback", "version": 1, "course": "china-russia-central-asia",
     "written": "2026-12-01T09:00:00.000Z", "student": {"name": "...", "id": "..."},
     "scores": [{"assignment": "week-1-sourcing", "title": "Week 1: ...", "score": 7.5, "points": 10,
                 "late": "" or "2026-12-08T10:02Z" (the last save, by the student's clock)}],
     "items": [{"item": "stronski-2018-open", "title": "Week 1: ..., question 3: the question, as text",
                "answer": "the student's answer, as text", "comment": "the instructor's comment"}]}

Every field is plain text: the page shows it as text, never as markup. `scores` are the student's
scores in the published assignments they worked on or whose deadline has passed, computed here from
their answers by each assignment's rule. The file is named for the student's roster e-mail when the
roster matched them (`nour@example.edu.feedback.json`), else for their id or name; `feedback --zip`
writes them all into one archive.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

from ..course import Course
from ..datafile import DataError, Node, load_yaml
from ..exercises.payload import build_payload, text_of
from ..reading.workfile import COURSE, now
from .assignments import Assignment, published
from .classwork import ClassWork, Student
from .gradebook import cell_text, text_cell
from .scores import attempted, score

FORMAT, VERSION = "sourcebook-feedback", 1


def _choice_text(payload: dict, answer) -> str:
    """A stored answer (option keys) in words."""
    kind = payload["type"]
    if kind in ("single", "multiple", "evidence"):
        words = {
            o["key"]: text_of(o["html"]) if "html" in o else f"{o['passage']['label']}: “{o['passage']['text']}”"
            for o in payload["options"]
        }
        keys = answer if isinstance(answer, list) else [answer]
        return "; ".join(words.get(k, "?") for k in keys)
    if kind == "classify" and isinstance(answer, dict):
        cats = {c["key"]: c["label"] for c in payload["categories"]}
        return "; ".join(f"{i['passage']['label']} → {cats.get(answer.get(i['key']), '–')}" for i in payload["items"])
    if kind == "match" and isinstance(answer, dict):
        rights = {r["key"]: text_of(r["html"]) for r in payload["right"]}
        return "; ".join(f"{text_of(e['html'])} → {rights.get(answer.get(e['key']), '–')}" for e in payload["left"])
    if kind == "order" and isinstance(answer, list):
        words = {i["key"]: text_of(i["html"]) for i in payload["items"]}
        return " → ".join(words.get(k, "?") for k in answer)
    return ""


def all_payloads(course: Course) -> dict[str, dict]:
    """Every exercise's payload, built once for a class (it does not depend on the student)."""
    return {ex_id: build_payload(ex, course.corpus, course.banks) for ex_id, ex in course.banks.exercises.items()}


def numbered(course: Course, item: str) -> tuple[Assignment, int] | None:
    """The first published assignment holding `item` (an exercise id or `<assignment>:<n>`) and its question number."""
    for a in published(course.assignments).values():
        if item in a.exercises or item.startswith(f"{a.name}:"):
            return a, a.number(item)
    return None


def question_label(course: Course, item: str) -> str:
    """How every place names a question: "Week 1: Sourcing …, question 6" (the one numbering), or ""."""
    found = numbered(course, item)
    return f"{found[0].title}, question {found[1]}" if found else ""


def student_items(student: Student, course: Course, payloads: dict[str, dict]) -> list[dict]:
    """Everything a comment can be attached to: each exercise attempted and each prompt answered, in course order."""
    out = []
    for ex_id, ex in course.banks.exercises.items():
        record = student.work["exercises"].get(ex_id)
        if not attempted(record, ex):
            continue
        payload = payloads[ex_id]
        answer = (record.get("answer_text") or "") if ex.type == "open" else _choice_text(payload, record.get("answer"))
        out.append({"item": ex_id, "title": _titled(course, ex_id, text_of(payload["prompt_html"])), "answer": answer})
    for a in published(course.assignments).values():
        for n, prompt in enumerate(a.prompts, 1):
            text = (student.work["answers"].get(a.answer_id(n)) or {}).get("text", "")
            if text.strip():
                key = a.answer_id(n)
                out.append({"item": key, "title": _titled(course, key, " ".join(prompt.split())), "answer": text})
    return out


def _titled(course: Course, item: str, words: str) -> str:
    label = question_label(course, item)
    return f"{label[0].upper()}{label[1:]}: {words}" if label else words


def student_scores(student: Student, course: Course, at: dt.datetime) -> list[dict]:
    """The student's score in each published assignment they worked on or whose deadline has passed."""
    out = []
    for a in published(course.assignments).values():
        result = score(a, student.work, course.banks.exercises, student.results)
        if result.completion > 0 or a.deadline < at:
            out.append(
                {
                    "assignment": a.name,
                    "title": a.title,
                    "score": result.points(a),
                    "points": a.points,
                    "late": result.late,
                }
            )
    return out


def who(student: Student) -> str:
    """How a comments file names a student."""
    return student.id or student.name


def comments_template(work: ClassWork, course: Course) -> str:
    """A CSV to fill in: one row per student and item, with the question (its number and words) and the
    student's whole answer to read (both ignored when read back); the student's name or id and answer as
    text, never a formula (`gradebook.text_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "item", "question", "comment", "their answer (for reference)"])
    built = all_payloads(course)
    for s in work.students:
        for item in student_items(s, course, built):
            writer.writerow([text_cell(who(s)), item["item"], text_cell(item["title"]), "", text_cell(item["answer"])])
    return out.getvalue()


def load_comments(path: str | os.PathLike) -> dict[str, dict[str, tuple[str, int]]]:
    """{student: {item: (comment, line)}} from a CSV or YAML file; a malformed one stops with `file:line`."""
    path = Path(path)
    found: dict[str, dict[str, tuple[str, int]]] = {}
    if path.suffix in (".yml", ".yaml"):
        top = load_yaml(path)
        if not isinstance(top, Node):
            raise DataError(path, 1, "the comments must be a mapping {student: {item: comment}}")
        for student, items in top.items():
            if not isinstance(items, Node):
                raise DataError(path, top.line_of(student), f"'{student}' must map items to comments")
            for item, comment in items.items():
                if not isinstance(comment, str):
                    raise DataError(path, items.line_of(item), f"the comment on '{item}' must be text")
                if comment.strip():
                    found.setdefault(str(student), {})[str(item)] = (comment.strip(), items.line_of(item))
        return found
    try:
        reader = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(path, None, f"cannot be read as UTF-8 text ({err})") from None
    if not {"student", "item", "comment"} <= set(reader.fieldnames or []):
        raise DataError(path, 1, "the header must name the columns student, item, comment")
    for row in reader:
        comment = (row.get("comment") or "").strip()
        if comment:
            if not (row.get("student") or "").strip() or not (row.get("item") or "").strip():
                raise DataError(path, reader.line_num, "a comment without its student or item")
            found.setdefault(cell_text(row["student"].strip()), {})[row["item"].strip()] = (comment, reader.line_num)
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "student"


def feedback_files(
    work: ClassWork, course: Course, comments, source: Path, at: dt.datetime | None = None
) -> dict[str, dict]:
    """{file name: feedback file} for every student with a comment, named for their roster e-mail when
    there is one; an unknown student or item stops with `file:line`."""
    at = at or dt.datetime.now(dt.UTC)
    students = {who(s): s for s in work.students}
    built = all_payloads(course)
    out = {}
    for name, by_item in comments.items():
        student = students.get(name)
        if student is None:
            line = min(line for _, line in by_item.values())
            raise DataError(source, line, f"no student '{name}' among the files read (known: {', '.join(students)})")
        items = {i["item"]: i for i in student_items(student, course, built)}
        entries = []
        for item, (comment, line) in by_item.items():
            if item not in items:
                raise DataError(source, line, f"'{name}' has no answer to '{item}' to comment on")
            entries.append({**items[item], "comment": comment})
        email = student.member.email if student.member else ""
        file = f"{re.sub(r'[^A-Za-z0-9@._+-]+', '-', email).strip('.-') if email else _slug(name)}.feedback.json"
        while file in out:
            file = file.replace(".feedback.json", "-2.feedback.json")
        identity = {"name": student.name, **({"id": student.id} if student.id else {})}
        out[file] = {
            "format": FORMAT,
            "version": VERSION,
            "course": COURSE,
            "written": now(),
            "student": identity,
            "scores": student_scores(student, course, at),
            "items": entries,
        }
    return out


def write_zip(files: dict[str, dict], path: Path) -> Path:
    """Every feedback file in one archive, to send to each student (or upload to the LMS) at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, json.dumps(data, ensure_ascii=False, indent=1))
    return path


def write_feedback(files: dict[str, dict], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
