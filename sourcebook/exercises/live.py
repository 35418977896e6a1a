"""The exercise widget: an anywidget fed one exercise's payload, whose front end is `exercise.js`,
with the student's answers and shuffling seed kept by a `NotebookStore` beside the notebook; and the
written-answer widget of an assignment's prompt (front end `written.js`), kept by the same store.

Needs only anywidget and the standard library. `widget.Exercise` (in the course's folder, with the
package) and a downloaded notebook (which carries this module, see `sourcebook/offline/standalone.py`)
both subclass them, naming the front end's script and style sheet.
"""

from __future__ import annotations

import anywidget
import traitlets

from ..reading.notebook_store import NotebookStore


class LiveExercise(anywidget.AnyWidget):
    """An interactive exercise. `result` holds the student's last attempt."""

    exercise = traitlets.Dict().tag(sync=True)
    result = traitlets.Dict().tag(sync=True)
    seed = traitlets.Unicode().tag(sync=True)

    def __init__(self, payload: dict, store: NotebookStore | None = None, **kwargs):
        self._store = store or NotebookStore()
        exercise_id = payload["id"]
        super().__init__(exercise=payload, seed=self._store.seed, result=self._store.result(exercise_id), **kwargs)
        self.observe(lambda change: self._store.save(exercise_id, change["new"]), names="result")


class LiveWrittenAnswer(anywidget.AnyWidget):
    """A written answer to an assignment prompt; its text is saved as it is typed and goes into the work file."""

    answer_id = traitlets.Unicode().tag(sync=True)
    label = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)

    def __init__(self, answer_id: str, label: str = "Your answer", store: NotebookStore | None = None, **kwargs):
        self._store = store or NotebookStore()
        super().__init__(answer_id=answer_id, label=label, text=self._store.answer(answer_id), **kwargs)
        self.observe(lambda change: self._store.save_answer(answer_id, change["new"]), names="text")
