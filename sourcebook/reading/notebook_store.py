"""A notebook's saved work: `sourcebook-progress.json` beside the notebook, in the browser's format.

The file holds the student's shuffling seed (so options keep their order across kernel restarts) and
one record per exercise, exactly as the course pages keep them in localStorage, and the written answers
to assignment prompts (`answers`: {"<assignment>:<n>": {"text", "updated"}}, as in the work file). It is written
atomically; an unreadable or foreign file is left untouched and the notebook starts afresh in memory.
Standard library only: a downloaded notebook carries this module (`sourcebook/offline/standalone.py`).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from .workformat import FILE_NAME as WORK_FILE
from .workformat import new_work, write_work

FILE_NAME = "sourcebook-progress.json"
FORMAT, VERSION = "sourcebook-progress", 1


class NotebookStore:
    """Read and update the progress file in `folder` (the notebook's working directory)."""

    def __init__(self, folder: str | os.PathLike = "."):
        self.path = Path(folder) / FILE_NAME
        self.writable = True
        self.data = self._read()
        if not isinstance(self.data.get("seed"), str):
            self.data["seed"] = secrets.token_hex(8)
            self._write()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "version": VERSION, "exercises": {}}
        except (OSError, ValueError):
            data = None
        if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("exercises"), dict)):
            self.writable = False  # never overwrite a file we cannot read
            return {"format": FORMAT, "version": VERSION, "exercises": {}}
        return data

    def _write(self) -> None:
        if not self.writable:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.data, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    @property
    def seed(self) -> str:
        return self.data["seed"]

    def result(self, exercise_id: str) -> dict:
        record = self.data["exercises"].get(exercise_id)
        return record if isinstance(record, dict) else {}

    def save_work(self, name: str, path: str | os.PathLike | None = None) -> Path:
        """Write the notebook's answers as the portable work file (`sourcebook-work.json` beside it)."""
        work = new_work(name=name, edition="notebook", seed=self.seed)
        saved = self._read()
        work["exercises"] = {k: v for k, v in saved["exercises"].items() if isinstance(v, dict) and "updated" in v}
        work["answers"] = {
            k: v
            for k, v in (saved.get("answers") or {}).items()
            if isinstance(v, dict) and isinstance(v.get("text"), str) and "updated" in v
        }
        return write_work(path or self.path.with_name(WORK_FILE), work)

    def answer(self, answer_id: str) -> str:
        record = (self.data.get("answers") or {}).get(answer_id)
        return record["text"] if isinstance(record, dict) and isinstance(record.get("text"), str) else ""

    def save_answer(self, answer_id: str, text: str) -> None:
        """Record one written answer (with the time, as the pages do), re-reading the file first."""
        from .workformat import now

        if self.writable:
            self.data = self._read()
        self.data.setdefault("answers", {})[answer_id] = {"text": text, "updated": now()}
        self._write()

    def save(self, exercise_id: str, result: dict) -> None:
        """Record one exercise, re-reading the file first: every widget of the notebook writes to it."""
        if self.writable:
            self.data = self._read()
        self.data["exercises"][exercise_id] = result
        self._write()
