"""Python's check of an answer (`exercises.checking`, which the class report and the gradebooks use) and the
page's (`exercise.js`) agree: every exercise of the course is rendered by exercise.js in Chromium with a
stored answer, as a restored work file would show it, and its verdict is compared with Python's, over
every answer the page can record for choice exercises and a spread of right, near and random answers
for the others."""

import itertools
import random
import shutil
from collections import Counter

from sourcebook.course import load_course
from sourcebook.exercises.checking import is_right, key_of
from sourcebook.exercises.payload import build_payload
from sourcebook.paper.browser import serve

from ..conftest import ROOT

# In the page: each payload rendered with a model holding one stored answer; the verdict the page shows.
VERDICTS = """async (cases) => {
  const { default: widget } = await import("./exercise.js");
  const out = [];
  for (const { payload, answers } of cases) {
    for (const answer of answers) {
      const el = document.createElement("div");
      document.body.append(el);
      const model = { get: (n) => (n === "exercise" ? payload : n === "result" ? { answer, attempts: 1 } : undefined),
        set() {}, save_changes() {}, on() {}, off() {} };
      const stop = widget.render({ model, el });
      const verdict = el.querySelector(".sb-verdict");
      out.push(verdict ? verdict.dataset.verdict : null);
      stop();
      el.remove();
    }
  }
  return out;
}"""


def answers(payload: dict, rng: random.Random) -> list:
    """Answers the page can store: all of them for choices, else the key, near misses and random ones."""
    kind = payload["type"]
    if kind in ("single", "evidence"):
        return [o["key"] for o in payload["options"]]
    if kind == "multiple":
        keys = [o["key"] for o in payload["options"]]
        return [list(c) for n in range(1, len(keys) + 1) for c in itertools.combinations(keys, n)]
    if kind in ("classify", "match"):
        if kind == "classify":
            slots = {i["key"]: [c["key"] for c in payload["categories"]] for i in payload["items"]}
            right = {i["key"]: i["answer"] for i in payload["items"]}
        else:
            slots = {left["key"]: [r["key"] for r in payload["right"]] for left in payload["left"]}
            right = dict(payload["answer"])
        near = [{**right, k: v} for k, values in slots.items() for v in values if v != right[k]]
        return [right, *near, *({k: rng.choice(v) for k, v in slots.items()} for _ in range(5))]
    keys = payload["answer"]
    swaps = [keys[:i] + [keys[i + 1], keys[i]] + keys[i + 2 :] for i in range(len(keys) - 1)]
    return [list(keys), *swaps, *(rng.sample(keys, len(keys)) for _ in range(5))]


def test_python_and_the_page_agree_on_every_answer(page, tmp_path):
    shutil.copy(ROOT / "sourcebook/static/sourcebook/exercise.js", tmp_path / "exercise.js")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>checks</title></html>', encoding="utf-8"
    )
    course = load_course()
    rng = random.Random(20)
    cases, expected, labels = [], [], []
    for ex in course.banks.exercises.values():
        if ex.type == "open":  # no key: read by the instructor
            continue
        payload = build_payload(ex, course.corpus, course.banks)
        given = answers(payload, rng)
        cases.append({"payload": payload, "answers": given})
        expected += [(ex.type, is_right(key_of(ex), a)) for a in given]
        labels += [(ex.id, a) for a in given]
    with serve(tmp_path) as base:
        page.goto(base + "index.html")
        shown = page.evaluate(VERDICTS, cases)
    assert len(shown) == len(expected) and None not in shown
    disagree = [
        (label, verdict)
        for label, verdict, (_, right) in zip(labels, shown, expected, strict=True)
        if (verdict == "correct") != right
    ]
    counts = Counter((kind, right) for kind, right in expected)
    # Count what was compared: every keyed type, with right and wrong answers both.
    assert {kind for kind, _ in counts} == {"single", "multiple", "evidence", "classify", "match", "order"}
    assert all(counts[(kind, True)] > 0 and counts[(kind, False)] > 0 for kind, _ in counts), counts
    assert disagree == [], disagree[:5]
