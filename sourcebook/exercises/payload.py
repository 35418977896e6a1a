"""Turn a validated exercise into the JSON payload `exercise.js` renders, in pages and in Jupyter.

All prose (prompts, options, feedback) is Markdown rendered by markdown-it with raw HTML
disabled, so a `<script>` written in a bank arrives in the browser as text, never as markup.
Every option, passage and match item is keyed by a stable id made from its own words (`option_key`),
never by its place in the bank, so a stored answer survives a reshuffle and an edit that keeps the
option. The page lists them in an order shuffled from the exercise id (deterministic builds, and the
authored order, where keys were written first, never reaches the page); `exercise.js` then
reshuffles per student.
"""

from __future__ import annotations

import hashlib
import html
import random
import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

from ..sources import Corpus
from .schema import SKILLS, Banks, Exercise

_md = MarkdownIt("commonmark", {"html": False})
HrefFor = Callable[[str], "str | None"]


def block(text: str | None) -> str | None:
    return _md.render(text) if text else None


def inline(text: str) -> str:
    return _md.renderInline(text)


_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Markdown as the plain words a reader sees."""
    return html.unescape(_TAG.sub("", inline(text))).strip()


def text_of(fragment: str) -> str:
    """Rendered HTML (a payload's `..._html`) as its words, on one line."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment or "")).split())


def _shuffled(items: list, seed: str) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


def option_key(*words: str) -> str:
    """A stable id from an option's own words (its text, or its passage and excerpt)."""
    return "o" + hashlib.sha256("\x1f".join(" ".join(w.split()) for w in words).encode()).hexdigest()[:8]


def choice_key(option) -> str:
    return (
        option_key(option["passage"], option.get("excerpt") or "")
        if "passage" in option
        else option_key(option["text"])
    )


def _citation(corpus: Corpus, pid: str, href_for: HrefFor, tr: Callable[[str], str] = lambda text: text) -> dict:
    """A paragraph as a "Read:" link: id, label (the source's, in the edition's language) and (in pages)
    its address."""
    para = corpus.passage(pid)
    return {"id": para.id, "label": f"{tr(corpus[para.source].label)} ¶{para.n}", "href": href_for(para.id)}


def _passage(corpus: Corpus, pid: str, href_for: HrefFor, excerpt: str | None, tr: Callable[[str], str]) -> dict:
    """A paragraph shown to the student: the citation plus the excerpt (or the whole text)."""
    return {**_citation(corpus, pid, href_for, tr), "text": excerpt or corpus.passage(pid).text}


def build_payload(
    exercise: Exercise,
    corpus: Corpus,
    banks: Banks,
    *,
    chapter: str = "",
    chapter_title: str = "",
    href_for: HrefFor = lambda pid: None,
    tr: Callable[[str], str] = lambda text: text,
    english: Callable[[str], bool] = lambda text: False,
) -> dict:
    """The JSON object for one exercise; `href_for(pid)` links passages (None in Jupyter); `tr` gives a
    string of the bank in the edition's language (sourcebook/translation/banks.py), and `english(text)`
    says a translated edition still shows it in English (then it is marked `lang="en"`). Keys are always
    made from the English words, so an answer stored in one edition is the same answer in the other."""

    def prose(text: str | None) -> str | None:
        shown = block(tr(text) if text else text)
        return f'<div lang="en">{shown}</div>' if shown and english(text or "") else shown

    def phrase(text: str) -> str:
        shown = inline(tr(text))
        return f'<span lang="en">{shown}</span>' if english(text) else shown

    data = exercise.data
    payload: dict[str, Any] = {
        "id": exercise.id,
        "type": exercise.type,
        "chapter": chapter,
        "chapter_title": chapter_title,
        "skill": exercise.skill,
        "skill_label": tr(SKILLS[exercise.skill]),
        "theses": [{"id": t, "label": tr(banks.theses[t].label)} for t in data.get("theses") or []],
        "prompt_html": prose(data["prompt"]),
        "passages": [_citation(corpus, pid, href_for, tr) for pid in data["passages"]],
        "explanation_html": prose(data.get("explanation") or ""),
    }
    kind = exercise.type
    if kind in ("single", "multiple"):
        payload["options"] = _shuffled(
            [
                {
                    "key": choice_key(o),
                    "html": phrase(o["text"]),
                    "correct": bool(o.get("correct")),
                    "feedback_html": prose(o["feedback"]),
                }
                for o in data["options"]
            ],
            exercise.id,
        )
    elif kind == "evidence":
        payload["claim_html"] = prose(data["claim"])
        payload["stance"] = data["stance"]
        payload["options"] = _shuffled(
            [
                {
                    "key": choice_key(o),
                    "passage": _passage(corpus, o["passage"], href_for, o.get("excerpt"), tr),
                    "correct": bool(o.get("correct")),
                    "feedback_html": prose(o["feedback"]),
                }
                for o in data["options"]
            ],
            exercise.id,
        )
    elif kind == "classify":
        vocab = banks.theses if data["by"] == "thesis" else corpus
        payload["categories"] = [{"key": k, "label": tr(vocab[k].label)} for k in data.get("categories") or vocab]
        payload["items"] = _shuffled(
            [
                {
                    "key": choice_key(item),
                    "passage": _passage(corpus, item["passage"], href_for, item.get("excerpt"), tr),
                    "answer": item["answer"],
                    "feedback_html": prose(item["feedback"]),
                }
                for item in data["items"]
            ],
            exercise.id,
        )
    elif kind == "match":
        pairs = [(option_key(p["left"]), option_key(p["right"]), p) for p in data["pairs"]]
        payload["left"] = [{"key": left, "html": phrase(p["left"])} for left, _, p in pairs]
        payload["right"] = _shuffled([{"key": right, "html": phrase(p["right"])} for _, right, p in pairs], exercise.id)
        payload["answer"] = {left: right for left, right, _ in pairs}
        payload["feedback_html"] = {left: prose(p["feedback"]) for left, _, p in pairs if p.get("feedback")}
    elif kind == "order":
        keyed = [(option_key(text), text) for text in data["items"]]
        shown = _shuffled(keyed, exercise.id)
        if shown == keyed:  # never start in the solved order
            shown = shown[1:] + shown[:1]
        payload["items"] = [{"key": key, "html": phrase(text)} for key, text in shown]
        payload["answer"] = [key for key, _ in keyed]
    elif kind == "open":
        payload["model_answer_html"] = prose(data["model_answer"])
        payload["rubric"] = [{"key": option_key(r), "html": phrase(r)} for r in data["rubric"]]
    return payload


def notebook_payload(exercise: Exercise, corpus: Corpus, banks: Banks) -> dict:
    """The payload of an exercise in a notebook (no page: its bank is its chapter, passages unlinked)."""
    stem = exercise.file.stem
    return build_payload(exercise, corpus, banks, chapter=stem, chapter_title=f"Notebook: {stem}")
