"""An assignment's score for one student, by the rule its file sets (completion, first-try accuracy or a mix).

Both shares come from the answers the student's file records, checked against the bank's key
(`exercises.checking`), never from the file's own `correct`, `first_try_correct` or `attempts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..exercises.checking import Checked, check, key_of
from .assignments import Assignment
from .late import saved_late


@dataclass(frozen=True)
class Score:
    completion: float  # share of exercises answered and prompts written
    first_try: float  # share of checked exercises whose first answer is right
    value: float  # the rule's mix of the two, 0..1 (times the assignment's `late` share when late)
    late: str = ""  # late work: the time of its last save, by the student's clock (late.py); else ""

    def points(self, assignment: Assignment) -> float:
        return round(self.value * assignment.points, 2)


def attempted(record: dict | None, exercise) -> bool:
    """An exercise counts as done once an answer was checked (for an open one, once its answer has words)."""
    return check(key_of(exercise), record).done


def score(assignment: Assignment, work: dict, exercises: dict, results: dict[str, Checked] | None = None) -> Score:
    """`work` is a student's (merged) work file; `exercises` are the course's, by id; `results`, when given,
    are its records already checked (`classwork.Student.results`)."""
    records, answers = work.get("exercises", {}), work.get("answers", {})
    if results is None:
        results = {ex_id: check(key_of(exercises[ex_id]), records.get(ex_id)) for ex_id in assignment.exercises}
    got = [results.get(ex_id) or Checked(False, False, False) for ex_id in assignment.exercises]
    written = sum(
        bool((answers.get(f"{assignment.name}:{n}") or {}).get("text", "").strip())
        for n in range(1, len(assignment.prompts) + 1)
    )
    total = len(assignment.exercises) + len(assignment.prompts)
    checked = [c for ex_id, c in zip(assignment.exercises, got, strict=True) if exercises[ex_id].type != "open"]
    completion = (sum(c.done for c in got) + written) / total
    first_try = sum(c.first for c in checked) / len(checked) if checked else completion
    weights = assignment.score
    value = weights.get("completion", 0) * completion + weights.get("first-try", 0) * first_try
    late = saved_late(assignment, work)
    return Score(completion, first_try, value * assignment.late if late else value, late)
