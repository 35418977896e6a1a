"""`Exercise("id")`: the same exercise, live in Jupyter, rendered by the same `exercise.js`;
`WrittenAnswer("<assignment>:<n>", label)`: an assignment prompt's answer box, as on the page (`written.js`).

For notebooks in the course's folder (the course is found from the notebook's folder upward, or
named with `root=`). The student's answers (written ones included) and shuffling seed are kept in `sourcebook-progress.json`
beside the notebook, so a kernel restart loses nothing and the options keep their order. A
downloaded notebook carries the same widget without the package (`sourcebook/offline/standalone.py`).
"""

from __future__ import annotations

from pathlib import Path

from ..course import load_course
from ..reading.notebook_store import NotebookStore
from .live import LiveExercise, LiveWrittenAnswer
from .payload import notebook_payload

STATIC = Path(__file__).resolve().parent.parent / "static" / "sourcebook"
ESM, CSS, WRITTEN = STATIC / "exercise.js", STATIC / "exercise.css", STATIC / "written.js"


class Exercise(LiveExercise):
    """An interactive exercise from the banks. `result` holds the student's last attempt."""

    _esm = ESM
    _css = CSS

    def __init__(self, exercise_id: str, root: str | Path | None = None, store: NotebookStore | None = None, **kwargs):
        course = load_course(root)
        if exercise_id not in course.banks.exercises:
            raise KeyError(f"unknown exercise '{exercise_id}' (known: {', '.join(course.banks.exercises)})")
        payload = notebook_payload(course.banks.exercises[exercise_id], course.corpus, course.banks)
        super().__init__(payload, store, **kwargs)


class WrittenAnswer(LiveWrittenAnswer):
    """A written answer to an assignment prompt; its text is saved as it is typed and goes into the work file."""

    _esm = WRITTEN
    _css = CSS
