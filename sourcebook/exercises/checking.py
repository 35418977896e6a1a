"""Is this answer right? The Python twin of the `grade` functions of `exercise.js`, for the instructor's tools.

A work file records, for each exercise, the answer first checked (`first_answer`) and the last one
(`answer`), as option keys (`payload.choice_key`, `payload.option_key`). The class report and the
gradebooks score those answers against the bank's key, here, and never read the flags the file states
about them (`correct`, `first_try_correct`, `attempts`): anyone can edit a file and recompute its
checksum. The rule per type is the page's (`tests/browser/test_checking.py` runs both on the same
answers): single and evidence, the chosen option is a correct one; multiple, exactly the correct options
are chosen; classify and match, every passage or item has its key; order, every item in its place. An
answer the page could never have stored (another shape, keys the exercise does not have) is wrong.
Open exercises have no key: they count as done once their answer has words, and are read by the
instructor.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .payload import choice_key, option_key
from .schema import Exercise


class Key(NamedTuple):
    """What a right answer is, for one exercise (built from the bank, keyed as the page keys answers)."""

    type: str
    right: Any  # single, evidence, multiple: frozenset of correct option keys; classify, match: dict; order: tuple


class Checked(NamedTuple):
    """One exercise's record, checked: answered at all, first answer right, last answer right. There are
    eight of them, each made once (a class has a million records), also when unpickled from a worker."""

    done: bool
    first: bool
    last: bool

    def __reduce__(self):
        return (checked, tuple(self))


_CHECKED = {(d, f, last): Checked(d, f, last) for d in (False, True) for f in (False, True) for last in (False, True)}


def checked(done: bool, first: bool, last: bool) -> Checked:
    return _CHECKED[(bool(done), bool(first), bool(last))]


_KEYS: dict[int, tuple[Exercise, Key]] = {}


def key_of(exercise: Exercise) -> Key:
    """The exercise's key (made once per exercise: the class's gradebooks ask for it per student)."""
    hit = _KEYS.get(id(exercise))
    if hit is None or hit[0] is not exercise:
        hit = _KEYS[id(exercise)] = (exercise, _key(exercise))
    return hit[1]


def _key(exercise: Exercise) -> Key:
    data, kind = exercise.data, exercise.type
    if kind in ("single", "multiple", "evidence"):
        return Key(kind, frozenset(choice_key(o) for o in data["options"] if o.get("correct")))
    if kind == "classify":
        return Key(kind, {choice_key(item): item["answer"] for item in data["items"]})
    if kind == "match":
        return Key(kind, {option_key(p["left"]): option_key(p["right"]) for p in data["pairs"]})
    if kind == "order":
        return Key(kind, tuple(option_key(text) for text in data["items"]))
    return Key(kind, None)


def keys_of(exercises: dict[str, Exercise]) -> dict[str, Key]:
    """Every exercise's key, by id (plain data: it can be sent to a worker process)."""
    return {ex_id: key_of(ex) for ex_id, ex in exercises.items()}


def is_right(key: Key, answer) -> bool:
    """Whether `answer` (as a work file stores it) is right; an open exercise's answer never is."""
    kind, right = key
    if kind in ("single", "evidence"):
        return isinstance(answer, str) and answer in right
    if kind == "multiple":
        return isinstance(answer, list) and all(isinstance(k, str) for k in answer) and set(answer) == right
    if kind in ("classify", "match"):
        return isinstance(answer, dict) and all(answer.get(k) == v for k, v in right.items())
    if kind == "order":
        return isinstance(answer, list) and tuple(answer) == right
    return False


def written(record: dict) -> str:
    """An open exercise's answer text, as the page keeps it."""
    text = record.get("answer_text")
    return text if isinstance(text, str) else ""


def check(key: Key, record: dict | None) -> Checked:
    """A record checked from its answers alone."""
    if not record:
        return checked(False, False, False)
    if key.type == "open":
        return checked(bool(written(record).strip()), False, False)
    answer, first = record.get("answer"), record.get("first_answer")
    return checked(answer is not None, first is not None and is_right(key, first), is_right(key, answer))


def disputed(key: Key, record: dict, checked: Checked) -> list[str]:
    """What the record's own flags claim that its answers do not bear out (empty for an honest file whose
    exercise has kept its key since). Open exercises are rated by the student, so nothing is disputed."""
    if key.type == "open":
        return []
    out = []
    if "correct" in record and bool(record["correct"]) != checked.last:
        out.append("says its last answer is right" if record["correct"] else "says its last answer is wrong")
    if "first_try_correct" in record and bool(record["first_try_correct"]) != checked.first:
        if not record["first_try_correct"]:
            out.append("says its first answer is wrong")
        elif record.get("first_answer") is None:
            out.append("says right at the first try, with no first answer recorded")
        else:
            out.append("says right at the first try, but its first answer is wrong")
    attempts = record.get("attempts")
    if checked.done and isinstance(attempts, int):
        if attempts < 1:
            out.append(f"says {attempts} attempts beside a checked answer")
        elif attempts == 1 and "first_answer" in record and record["first_answer"] != record.get("answer"):
            out.append("says 1 attempt, but its first and last answers differ")
    return out
