"""An assignment's score for one student, by the rule its file sets (completion, first-try accuracy or a mix)."""

from __future__ import annotations

from dataclasses import dataclass

from .assignments import Assignment


@dataclass(frozen=True)
class Score:
    completion: float  # share of exercises attempted and prompts answered
    first_try: float  # share of checked exercises right at the first attempt
    value: float  # the rule's mix of the two, 0..1

    def points(self, assignment: Assignment) -> float:
        return round(self.value * assignment.points, 2)


def attempted(record: dict | None) -> bool:
    """An exercise counts as done once checked (or, for an open one, once its answer was revealed)."""
    if not record:
        return False
    return int(record.get("attempts") or 0) > 0 or bool(record.get("self_score"))


def score(assignment: Assignment, work: dict, exercises: dict) -> Score:
    """`work` is a student's (merged) work file; `exercises` are the course's, by id."""
    records, answers = work.get("exercises", {}), work.get("answers", {})
    done = sum(attempted(records.get(ex_id)) for ex_id in assignment.exercises)
    written = sum(
        bool((answers.get(f"{assignment.name}:{n}") or {}).get("text", "").strip())
        for n in range(1, len(assignment.prompts) + 1)
    )
    total = len(assignment.exercises) + len(assignment.prompts)
    checked = [ex_id for ex_id in assignment.exercises if exercises[ex_id].type != "open"]
    first = sum(
        bool((records.get(ex_id) or {}).get("first_try_correct")) and attempted(records.get(ex_id)) for ex_id in checked
    )
    completion = (done + written) / total
    first_try = first / len(checked) if checked else completion
    weights = assignment.score
    return Score(
        completion, first_try, weights.get("completion", 0) * completion + weights.get("first-try", 0) * first_try
    )
