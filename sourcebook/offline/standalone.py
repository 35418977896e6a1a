"""What a downloaded notebook carries so that its exercises run with only `anywidget` installed.

Two cells open every exported notebook (a chapter's, `notebooks.py`, and an assignment's,
`instructor/assignments.py`): `%pip install anywidget`, then one setup cell, its source folded away,
that holds the package's own widget modules as text (`MODULES`: writing the work file, the progress
file beside the notebook, the anywidget classes) and runs them under a private name, with the page's
scripts and style sheet (`exercise.js`, `written.js`, `exercise.css`) and the payloads of the notebook's exercises
inline. So there is one implementation: the notebook runs the same Python and the same script as
`sourcebook.exercises.widget.Exercise`, and writes the same `sourcebook-progress.json` and
`sourcebook-work.json`. The cells that follow read as before: `q1 = Exercise("id")`, `q6 = WrittenAnswer("name:1", "…")`.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static" / "sourcebook"
# In import order; each imports only the standard library, anywidget and the modules before it.
MODULES = ("reading/workformat.py", "reading/notebook_store.py", "exercises/live.py")
PRIVATE = "_sourcebook_notebook"  # the name they run under, never that of an installed package
INSTALL = '%pip install --quiet "anywidget>=0.9"'

LOADER = '''\
def _run_module(path, source):
    """Run one of the course package's modules, kept in this cell, as {private}.<path>."""
    parts = [{private!r}, *path.removesuffix(".py").split("/")]
    for depth in range(1, len(parts)):
        package = ".".join(parts[:depth])
        if package not in sys.modules:
            sys.modules[package] = types.ModuleType(package)
            sys.modules[package].__path__ = []
    module = types.ModuleType(".".join(parts))
    module.__package__ = ".".join(parts[:-1])
    sys.modules[module.__name__] = module
    exec(compile(source, f"sourcebook/{{path}}", "exec"), module.__dict__)
    return module


for _path, _source in _MODULES.items():
    _module = _run_module(_path, _source)
NotebookStore = sys.modules[{private!r} + ".reading.notebook_store"].NotebookStore


class Exercise(_module.LiveExercise):
    """`Exercise("id")`: one of this notebook's exercises. `result` holds your last attempt."""

    _esm = _ESM
    _css = _CSS

    def __init__(self, exercise_id, **kwargs):
        if exercise_id not in _EXERCISES:
            raise KeyError(f"unknown exercise '{{exercise_id}}' (this notebook has: {{', '.join(_EXERCISES)}})")
        super().__init__(_EXERCISES[exercise_id], **kwargs)


class WrittenAnswer(_module.LiveWrittenAnswer):
    """`WrittenAnswer("<assignment>:<n>", label)`: the answer box of one of this notebook's questions."""

    _esm = _WRITTEN
    _css = _CSS
'''


def _text(value: str) -> str:
    """`value` as a Python expression, one source line per line of the text."""
    lines = value.splitlines(keepends=True) or [""]
    return '"".join((\n' + "".join(f"    {line!r},\n" for line in lines) + "))"


def setup_source(payloads: dict[str, dict]) -> str:
    """The setup cell's code: the widget modules, script, style sheet and `payloads` (by exercise id)."""
    modules = "".join(f"    {path!r}: {_text((PACKAGE / path).read_text(encoding='utf-8'))},\n" for path in MODULES)
    data = json.dumps(payloads, ensure_ascii=False, sort_keys=True, indent=1)
    return (
        "# This notebook's exercises: the course's widget and each exercise's text, carried here so that\n"
        "# they run with only anywidget installed (the cell above). Your answers are kept in\n"
        "# sourcebook-progress.json beside this notebook. Made by the course's build: do not edit.\n"
        "import json\nimport sys\nimport types\n\n"
        f"_MODULES = {{\n{modules}}}\n"
        f"_ESM = {_text((STATIC / 'exercise.js').read_text(encoding='utf-8'))}\n"
        f"_CSS = {_text((STATIC / 'exercise.css').read_text(encoding='utf-8'))}\n"
        f"_WRITTEN = {_text((STATIC / 'written.js').read_text(encoding='utf-8'))}\n"
        f"_EXERCISES = json.loads({_text(data)})\n\n\n" + LOADER.format(private=PRIVATE)
    )


def opening_cells(payloads: dict[str, dict]) -> list[nbformat.NotebookNode]:
    """The install cell and the setup cell (its source folded in JupyterLab and Notebook 7)."""
    setup = nbformat.v4.new_code_cell(setup_source(payloads))
    setup.metadata["jupyter"] = {"source_hidden": True}
    return [nbformat.v4.new_code_cell(INSTALL), setup]


def exercise_cell(number: int, exercise_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(f'q{number} = Exercise("{exercise_id}")\nq{number}')
