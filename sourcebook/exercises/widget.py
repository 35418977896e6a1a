"""`Exercise("id")`: the same exercise, live in Jupyter, rendered by the same `exercise.js`;
`WrittenAnswer("<assignment>:<n>", label)`: an assignment prompt's answer box, as on the page (`written.js`).

The student's answers (written ones included) and shuffling seed are kept in `sourcebook-progress.json` beside the notebook,
so a kernel restart loses nothing and the options keep their order.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from ..course import ROOT, load_course
from ..reading.notebook_store import NotebookStore
from .payload import build_payload

STATIC = Path(__file__).resolve().parent.parent / "static" / "sourcebook"


class Exercise(anywidget.AnyWidget):
    """An interactive exercise from the banks. `result` holds the student's last attempt."""

    _esm = STATIC / "exercise.js"
    _css = STATIC / "exercise.css"
    exercise = traitlets.Dict().tag(sync=True)
    result = traitlets.Dict().tag(sync=True)
    seed = traitlets.Unicode().tag(sync=True)

    def __init__(self, exercise_id: str, root: str | Path = ROOT, store: NotebookStore | None = None, **kwargs):
        course = load_course(root)
        if exercise_id not in course.banks.exercises:
            raise KeyError(f"unknown exercise '{exercise_id}' (known: {', '.join(course.banks.exercises)})")
        found = course.banks.exercises[exercise_id]
        payload = build_payload(
            found, course.corpus, course.banks, chapter=found.file.stem, chapter_title=f"Notebook: {found.file.stem}"
        )
        self._store = store or NotebookStore()
        super().__init__(exercise=payload, seed=self._store.seed, result=self._store.result(exercise_id), **kwargs)
        self.observe(lambda change: self._store.save(exercise_id, change["new"]), names="result")


class WrittenAnswer(anywidget.AnyWidget):
    """A written answer to an assignment prompt; its text is saved as it is typed and goes into the work file."""

    _esm = STATIC / "written.js"
    _css = STATIC / "exercise.css"
    answer_id = traitlets.Unicode().tag(sync=True)
    label = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)

    def __init__(self, answer_id: str, label: str = "Your answer", store: NotebookStore | None = None, **kwargs):
        self._store = store or NotebookStore()
        super().__init__(answer_id=answer_id, label=label, text=self._store.answer(answer_id), **kwargs)
        self.observe(lambda change: self._store.save_answer(answer_id, change["new"]), names="text")
