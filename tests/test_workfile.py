"""The portable work file: sealed, validated, refused with a reason, merged without loss."""

import json

import pytest

from sourcebook.reading.notebook_store import NotebookStore
from sourcebook.reading.workfile import (
    WorkFileError,
    canonical,
    checksum,
    merge,
    new_work,
    parse_work,
    read_work,
    seal,
    write_work,
)

T1, T2 = "2026-12-01T08:00:00.000Z", "2026-12-01T09:00:00.000Z"


def work(**sections):
    data = new_work(name="Amira", edition="student", build="abc123")
    data.update(sections)
    return seal(data)


NOTE = {
    "paragraph": "stronski-2018:p7",
    "quote": "seems unconcerned",
    "text": "Trade is fine",
    "tags": ["hedging"],
    "created": T1,
    "updated": T1,
}


def test_a_sealed_file_round_trips(tmp_path):
    data = work(
        notes={"n1": NOTE}, exercises={"x": {"attempts": 1, "correct": True, "answer": "o12345678", "updated": T1}}
    )
    path = write_work(tmp_path / "w.json", data)
    back = read_work(path)
    assert back["notes"] == {"n1": NOTE} and back["student"] == {"name": "Amira"}
    assert back["checksum"] == checksum(back)


def test_canonical_json_matches_javascript_stringify_of_sorted_keys():
    # JSON.stringify({a:"é\\n",b:[1,{c:true}]}) with keys sorted, as workfile.js computes it
    assert canonical({"b": [1, {"c": True}], "a": "é\n"}) == '{"a":"é\\n","b":[1,{"c":true}]}'.encode()


@pytest.mark.parametrize(
    "text, reason",
    [
        ('{"format": "sourcebook-work", "version": 2, "course"', "not valid JSON (line 1, column 53"),
        ("[1, 2]", "not a work file of this course"),
        ('{"format": "other"}', "not a work file of this course"),
        (
            '{"format": "sourcebook-work", "version": 2, "course": "another-course"}',
            "from another course ('another-course'",
        ),
        ('{"format": "sourcebook-work", "version": 4, "course": "china-russia-central-asia"}', "unknown version 4"),
        ('{"format": "sourcebook-progress", "version": 7}', "unknown version 7 of a progress file"),
    ],
)
def test_a_bad_file_is_refused_with_the_reason(text, reason):
    with pytest.raises(WorkFileError) as err:
        parse_work(text)
    assert reason in str(err.value)


def test_an_edited_file_fails_its_checksum():
    data = work(notes={"n1": NOTE})
    data["notes"]["n1"]["text"] = "edited by hand"
    with pytest.raises(WorkFileError, match="checksum does not match"):
        parse_work(json.dumps(data))


def test_a_field_out_of_shape_is_named():
    data = work(notes={"n1": {**NOTE, "tags": "hedging"}})
    with pytest.raises(WorkFileError, match=r"^notes/n1/tags: 'hedging' is not of type 'array'"):
        parse_work(json.dumps(data))


def test_a_version_1_progress_file_still_reads():
    v1 = {
        "format": "sourcebook-progress",
        "version": 1,
        "course": "china-russia-central-asia",
        "exported": T1,
        "exercises": {"x": {"attempts": 2, "correct": False}},
    }
    data = parse_work(json.dumps(v1))
    assert data["version"] == 3 and data["exercises"]["x"] == {"attempts": 2, "correct": False, "updated": T1}
    assert data["review"] == {}


def test_a_version_2_file_reads_as_version_3_with_an_empty_review_queue():
    from sourcebook.reading.workfile import checksum, new_work

    v2 = {k: v for k, v in new_work(name="Ada").items() if k != "review"}
    v2["version"] = 2
    v2["exercises"] = {"x": {"attempts": 1, "correct": False, "updated": T1}}
    v2["checksum"] = checksum(v2)
    data = parse_work(json.dumps(v2))
    assert data["version"] == 3 and data["review"] == {} and data["exercises"] == v2["exercises"]
    assert data["checksum"] == checksum(data)  # sealed again as version 3
    tampered = {**v2, "student": {"name": "Eve"}}
    with pytest.raises(WorkFileError, match="checksum does not match"):  # checked as the version it was written in
        parse_work(json.dumps(tampered))


def test_a_review_item_out_of_shape_is_named():
    data = work()
    data["review"] = {"x": {"box": 6, "due": T1, "updated": T1}}
    from sourcebook.reading.workfile import checksum

    data["checksum"] = checksum(data)
    with pytest.raises(WorkFileError, match=r"^review/x/box: 6 is greater than the maximum of 5"):
        parse_work(json.dumps(data))


def test_merge_keeps_the_newer_record_and_drops_nothing():
    ours = work(notes={"n1": NOTE, "n2": {**NOTE, "text": "mine, newer", "updated": T2}})
    theirs = work(notes={"n1": {**NOTE, "text": "theirs, newer", "updated": T2}, "n2": NOTE, "n3": NOTE})
    merged, report = merge(ours, theirs)
    assert merged["notes"]["n1"]["text"] == "theirs, newer" and merged["notes"]["n2"]["text"] == "mine, newer"
    assert set(merged["notes"]) == {"n1", "n2", "n3"}
    assert report["notes"] == {"added": 1, "newer": 1, "kept": 1}


def test_a_notebook_writes_the_same_file(tmp_path):
    store = NotebookStore(tmp_path)
    store.save("stronski-2018-byline", {"attempts": 1, "correct": True, "answer": "o1", "updated": T1})
    data = read_work(store.save_work("Amira"))
    assert data["edition"] == "notebook" and data["seed"] == store.seed
    assert data["exercises"]["stronski-2018-byline"]["correct"] is True
