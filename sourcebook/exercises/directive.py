"""Place exercises in pages, and the progress report, as markup that `exercise.js` brings to life.

MyST syntax::

    ```{exercise} stronski-2018-sourcing
    ```            (one exercise, by id)

    ```{exercise-set} stronski-2018
    ```            (every exercise in exercises/stronski-2018.yml, in file order)

    ```{progress-report}
    ```            (the student's progress per chapter, read from the browser's localStorage)

    ```{review-queue}
    ```            (today's exercises due for review, from the student's queue in the browser)
"""

from __future__ import annotations

import functools
import html

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..citations import passage_href, report, text_page
from ..htmlnodes import add_every_page_module, add_html_node, data_widget, json_script
from ..reading.workfile import work_schema
from ..translation.banks import shared_label, untranslated
from ..translation.banks import translator as bank_translator
from ..translation.interface import tr
from .payload import build_payload, plain
from .schema import SKILLS


class exercise_node(nodes.General, nodes.Element):
    """One exercise; its JSON payload is filled in when the page is resolved."""


class progress_node(nodes.General, nodes.Element):
    """The progress report; lists every page's exercises when the page is resolved."""


class review_node(nodes.General, nodes.Element):
    """The review page; holds every placed exercise's payload when the page is resolved."""


def visit_exercise_html(self, node):
    payload = node["payload"]
    needs = tr(self.builder.env, "This exercise needs JavaScript: open the page in a browser with scripts enabled.")
    self.body.append(
        f'<div class="sb-exercise" id="ex-{html.escape(payload["id"])}" '
        f'data-exercise-id="{html.escape(payload["id"])}" data-exercise-type="{payload["type"]}" '
        f'data-chapter="{html.escape(payload["chapter"])}">'
        + json_script("sb-exercise-data", payload)
        + f'<p class="sb-noscript">{html.escape(needs, quote=False)}</p></div>\n'
        + node.get("answer_key_html", "")
    )
    raise nodes.SkipNode


def visit_progress_html(self, node):
    self.body.append(
        data_widget(
            "sb-progress", node["data"], tr(self.builder.env, "Your progress is shown here when scripts are enabled.")
        )
    )
    raise nodes.SkipNode


def visit_review_html(self, node):
    self.body.append(
        data_widget(
            "sb-review-page",
            node["data"],
            tr(self.builder.env, "Your reviews are shown here when scripts are enabled."),
        )
    )
    raise nodes.SkipNode


def place_exercise(env, ex_id: str) -> exercise_node:
    """An exercise node for the page being read, recorded for the progress report."""
    env.sourcebook_placements.setdefault(env.docname, []).append(ex_id)
    return exercise_node(exercise_id=ex_id)


class ExerciseDirective(SphinxDirective):
    """``{exercise} <id>``: one exercise from the banks."""

    required_arguments = 1

    def ids(self) -> list[str]:
        return [self.arguments[0]]

    def run(self):
        banks = self.env.app.sourcebook.banks
        out = []
        for ex_id in self.ids():
            if ex_id not in banks.exercises:
                report(
                    self.env,
                    f"exercise '{ex_id}' is placed here but is not in any bank under "
                    f"{self.config.sourcebook_exercises}/",
                    self.get_location(),
                )
                continue
            out.append(place_exercise(self.env, ex_id))
        return out


class ExerciseSetDirective(ExerciseDirective):
    """``{exercise-set} <bank>``: every exercise of `exercises/<bank>.yml`, in file order."""

    def ids(self) -> list[str]:
        stem = self.arguments[0]
        ids = self.env.app.sourcebook.banks.bank(stem)  # type: ignore[attr-defined]  # the course, set at builder-inited
        if not ids:
            report(
                self.env,
                f"no exercise bank '{self.config.sourcebook_exercises}/{stem}.yml' (or it holds no exercises)",
                self.get_location(),
            )
        return ids


class ProgressDirective(SphinxDirective):
    """``{progress-report}``: a table of the student's progress, per chapter."""

    def run(self):
        return [progress_node()]


class ReviewDirective(SphinxDirective):
    """``{review-queue}``: the exercises due for review, brought back from the student's queue."""

    def run(self):
        return [review_node()]


def purge_placements(app, env, docname):
    """env-purge-doc: forget the exercises a re-read page placed."""
    env.sourcebook_placements.pop(docname, None)


def merge_placements(app, env, docnames, other):
    """env-merge-info: combine placements from parallel readers."""
    env.sourcebook_placements.update(
        {d: other.sourcebook_placements[d] for d in docnames if d in other.sourcebook_placements}
    )


def _title(env, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def _reading_order(env) -> list[str]:
    order, stack = [], [env.config.root_doc]
    while stack:
        doc = stack.pop(0)
        if doc not in order:
            order.append(doc)
            stack[:0] = env.toctree_includes.get(doc, [])
    return order


def _review_payloads(app, docname: str, href_for) -> dict:
    """Every placed exercise's payload (as its first chapter in reading order places it), with links
    from the review page and the chapter's address."""
    env, corpus, banks = app.env, app.sourcebook.corpus, app.sourcebook.banks
    out = {}
    for doc in _reading_order(env):
        for ex_id in env.sourcebook_placements.get(doc, []):
            if ex_id in out:
                continue
            exercise = banks.exercises[ex_id]
            payload = build_payload(
                exercise,
                corpus,
                banks,
                chapter=doc,
                chapter_title=_title(env, doc),
                href_for=href_for,
                tr=bank_translator(app, exercise),
                english=untranslated(app, exercise),
            )
            out[ex_id] = {**payload, "chapter_href": f"{app.builder.get_relative_uri(docname, doc)}#ex-{ex_id}"}
    return out


def fill_exercises(app, doctree, docname):
    """doctree-resolved: give each exercise its payload, with links relative to this page."""
    env, corpus, banks = app.env, app.sourcebook.corpus, app.sourcebook.banks
    href_for = functools.partial(passage_href, app, docname)
    for node in doctree.findall(exercise_node):
        node["payload"] = build_payload(
            banks.exercises[node["exercise_id"]],
            corpus,
            banks,
            chapter=docname,
            chapter_title=_title(env, docname),
            href_for=href_for,
            tr=bank_translator(app, banks.exercises[node["exercise_id"]]),
            english=untranslated(app, banks.exercises[node["exercise_id"]]),
        )
    for node in doctree.findall(review_node):
        node["data"] = {"exercises": _review_payloads(app, docname, href_for)}
    for node in doctree.findall(progress_node):
        placements = env.sourcebook_placements
        placed = {ex_id for ids in placements.values() for ex_id in ids}
        node["data"] = {
            "chapters": [
                {
                    "docname": doc,
                    "title": _title(env, doc),
                    "href": app.builder.get_relative_uri(docname, doc),
                    "exercises": placements[doc],
                }
                for doc in _reading_order(env)
                if placements.get(doc)
            ],
            "exercises": {
                ex_id: {
                    "skill": shared_label(app, SKILLS[banks.exercises[ex_id].skill]),
                    "prompt": plain(
                        bank_translator(app, banks.exercises[ex_id])(banks.exercises[ex_id].data["prompt"])
                    ),
                }
                for ex_id in sorted(placed)
            },
            "sources": {
                sid: {"label": shared_label(app, source.label), "href": text_page(app, docname, sid)}
                for sid, source in corpus.items()
            },
            "schema": work_schema(),
        }


def setup_exercises(app):
    add_html_node(app, exercise_node, visit_exercise_html, "sourcebook/exercise.css", "sourcebook/exercise.js")
    add_html_node(app, progress_node, visit_progress_html, "sourcebook/exercise.css", "sourcebook/progress.js")
    add_html_node(app, review_node, visit_review_html, "sourcebook/exercise.css", "sourcebook/review.js")
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("exercise-set", ExerciseSetDirective)
    app.add_directive("progress-report", ProgressDirective)
    app.add_directive("review-queue", ReviewDirective)
    add_every_page_module(app, "sourcebook/review-store.js")  # the count of due reviews on the sidebar's links
    app.connect("env-purge-doc", purge_placements)  # event order - reading, before each re-read
    app.connect("env-merge-info", merge_placements)  # event order - after parallel reads
    app.connect("doctree-resolved", fill_exercises)  # event order - writing, each page
