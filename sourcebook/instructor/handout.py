"""An assignment on paper: the handout students write on, and the instructor's answer sheet beside it,
as HTML for the course's PDF printer (`paper.pdf.print_html`, Chromium).

The handout has a name line, the due date and instructions, then every question under its number (the
one the page, notebook, CSV and feedback use): its prompt, what to do ("Choose one.", "Number them
1–4 …", the categories to classify by), the options lettered in the order the page shows them (never
as written, where the key may come first), passages as "Stronski 2018 ¶10" with their words, and room
to write sized to the length asked ("150–200 words" in the prompt or the instructions). It holds no
answer, no feedback, no model answer. The answer sheet gives, per number, the letters and words of the
key, the model answer and rubric of an open exercise.
"""

from __future__ import annotations

import html
import math
import re

from ..course import Course
from ..exercises.payload import block, build_payload, text_of
from .assignments import Assignment

WORDS = re.compile(r"(\d+)\s*(?:[–—-]|to)\s*(\d+)\s*words|(\d+)\s*words", re.I)
NUMBER = r"(\d+|two|three|four|five|six|seven|eight|nine|ten)"
SENTENCES = re.compile(rf"{NUMBER}(?:\s*(?:[–—-]|to|or)\s*{NUMBER})?\s+sentences", re.I)
NUMBERS = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), 2)}
WORDS_PER_SENTENCE = 25
WORDS_PER_LINE = 11  # handwriting on an A4 line of 17 cm
DEFAULT_WORDS = 150
STYLE = """<style>
@page { size: A4; margin: 16mm; }
body { font: 11pt/1.4 "DejaVu Serif", Georgia, serif; color: #000; }
h1 { font-size: 17pt; margin: 0 0 .3em; } h2 { font-size: 12.5pt; margin: 1.2em 0 .3em; break-after: avoid; }
.name { display: flex; gap: 2em; margin: .6em 0 1em; } .name span { flex: 1; border-bottom: 1px solid #000; }
.how { font-style: italic; margin: .3em 0; } .q { break-inside: avoid-page; }
ol.choices { list-style: none; padding-left: 0; } ol.choices li { margin: .3em 0 .3em 2.2em; text-indent: -2.2em; }
.box { display: inline-block; width: 1.6em; height: 1.2em; border: 1px solid #000; vertical-align: -.25em;
  margin-right: .5em; }
.circle { border-radius: 50%; width: 1.1em; height: 1.1em; }
blockquote { margin: .3em 0 .3em 1.2em; } .cite { font-weight: 600; }
.write { margin-top: .4em; } .write div { height: 8.5mm; border-bottom: 1px solid #777; }
.blank { display: inline-block; min-width: 12em; border-bottom: 1px solid #000; }
.edition { border: 2px solid #000; padding: .2em .5em; font-weight: 700; }
</style>"""


def asked_words(*texts: str) -> int:
    """The length asked for in the first text that names one ("150–200 words": 200; "four or five
    sentences": 125), else the default."""
    for text in texts:
        found = WORDS.search(text or "")
        if found:
            return int(found.group(2) or found.group(3))
        found = SENTENCES.search(text or "")
        if found:
            most = (found.group(2) or found.group(1)).lower()
            return WORDS_PER_SENTENCE * int(NUMBERS.get(most, most))
    return DEFAULT_WORDS


def _lines(words: int) -> str:
    return '<div class="write">' + "<div></div>" * max(3, math.ceil(words / WORDS_PER_LINE)) + "</div>"


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def _quote(passage: dict) -> str:
    return f'<span class="cite">{html.escape(passage["label"])}</span>: “{html.escape(passage["text"])}”'


def _choices(items: list[str], mark: str) -> str:
    rows = "".join(f'<li><span class="{mark}"></span>{_letter(i)}. {text}</li>' for i, text in enumerate(items))
    return f'<ol class="choices">{rows}</ol>'


def _question(payload: dict, assignment: Assignment, course: Course) -> str:
    """One exercise as a printed question: prompt, instructions, choices; no key."""
    kind, parts = payload["type"], [payload["prompt_html"]]
    if kind == "single":
        parts += [
            '<p class="how">Choose one: tick its circle.</p>',
            _choices([o["html"] for o in payload["options"]], "box circle"),
        ]
    elif kind == "multiple":
        parts += ['<p class="how">Tick every option that applies (one or more).</p>']
        parts.append(_choices([o["html"] for o in payload["options"]], "box"))
    elif kind == "evidence":
        stance = "best supports" if payload["stance"] == "supports" else "best undermines"
        parts += [f"<p><strong>Claim:</strong></p>{payload['claim_html']}"]
        parts += [f'<p class="how">Choose one: the passage that {stance} the claim.</p>']
        parts.append(_choices([_quote(o["passage"]) for o in payload["options"]], "box circle"))
    elif kind == "classify":
        cats = "; ".join(html.escape(c["label"]) for c in payload["categories"])
        by = course.banks.exercises[payload["id"]].data["by"]
        parts += [f'<p class="how">For each passage, write the {by} it belongs to, one of: {cats}.</p><ol>']
        # By source, the passage's citation would name the answer: the words alone are printed.
        shown = (lambda p: f"“{html.escape(p['text'])}”") if by == "source" else _quote
        parts += [
            f"<li><blockquote>{shown(i['passage'])}</blockquote>{by.capitalize()}: <span class=blank></span></li>"
            for i in payload["items"]
        ]
        parts.append("</ol>")
    elif kind == "match":
        rights = [r["html"] for r in payload["right"]]
        parts += ['<p class="how">Write beside each item the letter of the one it matches.</p><ol>']
        parts += [
            f"<li>{left['html']} → <span class=blank style='min-width:3em'></span></li>" for left in payload["left"]
        ]
        parts += ["</ol><p>Choose from:</p>", _choices(rights, "")]
    elif kind == "order":
        n = len(payload["items"])
        parts += [f'<p class="how">Number them 1–{n} in the right order: write 1 in the box of the first.</p>']
        parts.append(_choices([i["html"] for i in payload["items"]], "box"))
    elif kind == "open":
        words = asked_words(text_of(payload["prompt_html"]), assignment.instructions)
        parts += [f'<p class="how">Answer in writing (about {words} words).</p>', _lines(words)]
    return "".join(parts)


def _key(payload: dict) -> str:
    """One exercise's answer, for the answer sheet, by the letters the handout prints."""
    kind = payload["type"]
    if kind in ("single", "multiple", "evidence"):
        right = [
            f"{_letter(i)}. {o['html'] if 'html' in o else _quote(o['passage'])}"
            for i, o in enumerate(payload["options"])
            if o["correct"]
        ]
        return "<br>".join(right)
    if kind == "classify":
        cats = {c["key"]: c["label"] for c in payload["categories"]}
        return "<br>".join(
            f"{n}. {html.escape(i['passage']['label'])} → {html.escape(cats[i['answer']])}"
            for n, i in enumerate(payload["items"], 1)
        )
    if kind == "match":
        letters = {r["key"]: _letter(i) for i, r in enumerate(payload["right"])}
        return "<br>".join(
            f"{n}. → {letters[payload['answer'][left['key']]]}" for n, left in enumerate(payload["left"], 1)
        )
    if kind == "order":
        place = {key: n for n, key in enumerate(payload["answer"], 1)}
        return "<br>".join(f"{_letter(i)}. {place[item['key']]}" for i, item in enumerate(payload["items"]))
    rubric = "".join(f"<li>{r['html']}</li>" for r in payload["rubric"])
    return f"Model answer:{payload['model_answer_html']}Rubric:<ul>{rubric}</ul>"


def _payloads(assignment: Assignment, course: Course) -> list[dict]:
    return [build_payload(course.banks.exercises[e], course.corpus, course.banks) for e in assignment.exercises]


def handout_html(assignment: Assignment, course: Course) -> str:
    """The handout: name line, due date, instructions, every question numbered, room to answer; no answers."""
    parts = [
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(assignment.title)}</title>{STYLE}",
        f"<h1>{html.escape(assignment.title)}</h1>",
        '<p class="name">Name: <span></span> Date: <span style="flex:.4"></span></p>',
        f"<p><strong>Due:</strong> {html.escape(assignment.due_text)}</p>",
        block(assignment.instructions) or "",
    ]
    for ex_id, payload in zip(assignment.exercises, _payloads(assignment, course), strict=True):
        n = assignment.number(ex_id)
        parts.append(f'<section class="q"><h2>Question {n}</h2>{_question(payload, assignment, course)}</section>')
    for i, prompt in enumerate(assignment.prompts, 1):
        n = assignment.number(assignment.answer_id(i))
        words = asked_words(prompt, assignment.instructions)
        parts.append(
            f'<section class="q"><h2>Question {n}</h2>{block(prompt)}'
            f'<p class="how">Answer in writing (about {words} words).</p>{_lines(words)}</section>'
        )
    return "".join(parts)


def answer_sheet_html(assignment: Assignment, course: Course) -> str:
    """The instructor's sheet: each question's key by the handout's letters and numbers."""
    title = html.escape(assignment.title)
    parts = [
        f"<!doctype html><html lang=en><meta charset=utf-8><title>Answers: {title}</title>{STYLE}",
        f'<p class="edition">Instructor edition: answer sheet, not for students</p><h1>Answers: {title}</h1>',
    ]
    for ex_id, payload in zip(assignment.exercises, _payloads(assignment, course), strict=True):
        n = assignment.number(ex_id)
        parts.append(f'<section class="q"><h2>Question {n}</h2>{_key(payload)}</section>')
    for i, _ in enumerate(assignment.prompts, 1):
        n = assignment.number(assignment.answer_id(i))
        parts.append(
            f'<section class="q"><h2>Question {n}</h2><p>Written answer: graded by the instructor.</p></section>'
        )
    return "".join(parts)
