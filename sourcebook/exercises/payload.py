"""Turn a validated exercise into the JSON payload `exercise.js` renders, in pages and in Jupyter.

All prose (prompts, options, feedback) is Markdown rendered by markdown-it with raw HTML
disabled, so a `<script>` written in a bank arrives in the browser as text, never as markup.
Options are shuffled with a seed taken from the exercise id, so builds are deterministic.
"""

from __future__ import annotations

import random
from typing import Callable

from markdown_it import MarkdownIt

from ..sources import Corpus
from .schema import SKILLS, Banks, Exercise

_md = MarkdownIt("commonmark", {"html": False})
HrefFor = Callable[[str], "str | None"]


def block(text: str | None) -> str | None:
    return _md.render(text) if text else None


def inline(text: str) -> str:
    return _md.renderInline(text)


def _shuffled(items: list, seed: str) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


def _citation(corpus: Corpus, pid: str, href_for: HrefFor) -> dict:
    """A paragraph as a "Read:" link: id, label and (in pages) its address."""
    para = corpus.passage(pid)
    return {"id": para.id, "label": f"{corpus[para.source].label} ¶{para.n}", "href": href_for(para.id)}


def _passage(corpus: Corpus, pid: str, href_for: HrefFor, excerpt: str | None = None) -> dict:
    """A paragraph shown to the student: the citation plus the excerpt (or the whole text)."""
    return {**_citation(corpus, pid, href_for), "text": excerpt or corpus.passage(pid).text}


def build_payload(exercise: Exercise, corpus: Corpus, banks: Banks, *, chapter: str = "",
                  chapter_title: str = "", href_for: HrefFor = lambda pid: None) -> dict:
    """The JSON object for one exercise; `href_for(pid)` links passages (None in Jupyter)."""
    data = exercise.data
    payload = {
        "id": exercise.id, "type": exercise.type, "chapter": chapter, "chapter_title": chapter_title,
        "skill": exercise.skill, "skill_label": SKILLS[exercise.skill],
        "theses": [{"id": t, "label": banks.theses[t].label} for t in data.get("theses") or []],
        "prompt_html": block(data["prompt"]),
        "passages": [_citation(corpus, pid, href_for) for pid in data["passages"]],
        "explanation_html": block(data.get("explanation")),
    }
    kind = exercise.type
    if kind in ("single", "multiple"):
        payload["options"] = [
            {"key": chr(97 + i), "html": inline(o["text"]), "correct": bool(o.get("correct")),
             "feedback_html": block(o["feedback"])} for i, o in enumerate(data["options"])]
    elif kind == "evidence":
        payload["claim_html"] = block(data["claim"])
        payload["stance"] = data["stance"]
        payload["options"] = [
            {"key": chr(97 + i), "passage": _passage(corpus, o["passage"], href_for, o.get("excerpt")),
             "correct": bool(o.get("correct")), "feedback_html": block(o["feedback"])}
            for i, o in enumerate(data["options"])]
    elif kind == "classify":
        vocab = banks.theses if data["by"] == "thesis" else corpus
        payload["categories"] = [{"key": k, "label": vocab[k].label} for k in data.get("categories") or vocab]
        payload["items"] = [
            {"key": f"i{i + 1}", "passage": _passage(corpus, item["passage"], href_for, item.get("excerpt")),
             "answer": item["answer"], "feedback_html": block(item["feedback"])}
            for i, item in enumerate(data["items"])]
    elif kind == "match":
        pairs = data["pairs"]
        rights = _shuffled([(f"r{i + 1}", p["right"]) for i, p in enumerate(pairs)], exercise.id)
        payload["left"] = [{"key": f"l{i + 1}", "html": inline(p["left"])} for i, p in enumerate(pairs)]
        payload["right"] = [{"key": key, "html": inline(text)} for key, text in rights]
        payload["answer"] = {f"l{i + 1}": f"r{i + 1}" for i in range(len(pairs))}
        payload["feedback_html"] = {f"l{i + 1}": block(p["feedback"]) for i, p in enumerate(pairs) if p.get("feedback")}
    elif kind == "order":
        keyed = [(f"k{i + 1}", text) for i, text in enumerate(data["items"])]
        shown = _shuffled(keyed, exercise.id)
        if shown == keyed:  # never start in the solved order
            shown = shown[1:] + shown[:1]
        payload["items"] = [{"key": key, "html": inline(text)} for key, text in shown]
        payload["answer"] = [key for key, _ in keyed]
    elif kind == "open":
        payload["model_answer_html"] = block(data["model_answer"])
        payload["rubric"] = [{"key": f"c{i + 1}", "html": inline(r)} for i, r in enumerate(data["rubric"])]
    return payload
