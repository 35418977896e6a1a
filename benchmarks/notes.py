"""Benchmark: My notes with 1,000 notes in the browser's storage; prints render times (budget 200 ms).

    .venv/bin/python benchmarks/notes.py [--html _build/html] [--notes 1000] [--runs 5]

Reads the built site (`make book` first), serves it on 127.0.0.1, puts generated notes (real words of
real paragraphs, theses, skills and own tags, a few detached) in a fresh Chromium profile's
localStorage, then times, in the page, `renderMyNotes` drawing the whole view (grouped list,
side-by-side grid, detached list) with its layout, then a search keystroke and a change of grouping
redrawn; and the time from navigation start until the page's own render showed the notes. Prints the median and every run; exits 1 when the median first render is over budget.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcebook.course import load_course  # noqa: E402
from sourcebook.paper.browser import CHROMIUM, serve  # noqa: E402

BUDGET_MS = 200
PAGE = "book/my-notes.html"

# In the page: draw My notes afresh into a new element from the page's own data block, with layout.
MEASURE = """async () => {
  const { renderMyNotes } = window.sourcebookModules.mynotes;  // the page's own script (its classic form)
  const data = document.querySelector(".sb-mynotes > script.sb-mynotes-data").cloneNode(true);
  const root = document.createElement("div");
  root.className = "sb-mynotes";
  root.append(data);
  document.querySelector(".sb-mynotes").replaceWith(root);
  const time = (act) => { const t = performance.now(); act(); void root.offsetHeight; return performance.now() - t; };
  const first = time(() => renderMyNotes(root));
  const search = root.querySelector("input[type=search]");
  const typed = time(() => { search.value = "russia"; search.dispatchEvent(new Event("input")); });
  const by = root.querySelector("select");
  const regroup = time(() => { search.value = ""; by.value = "tag"; by.dispatchEvent(new Event("input")); });
  return { first, typed, regroup, ready: window.__ready, shown: root.querySelectorAll(".sb-mynote").length };
}"""


# From navigation start until the page's own render has drawn the notes (scripts load deferred).
READY_PROBE = """new MutationObserver((_, obs) => {
  if (document.querySelector(".sb-mynotes .sb-mynote")) { window.__ready = performance.now(); obs.disconnect(); }
}).observe(document, {subtree: true, childList: true});"""


def generated_notes(count: int) -> dict:
    """`count` notes on random paragraphs: a run of the paragraph's own words, tags, some detached."""
    course = load_course(ROOT)
    rng = random.Random(14)
    paragraphs = [p for s in course.corpus.values() for p in s.paragraphs if len(p.text.split()) >= 6]
    vocabulary = list(course.banks.theses) + ["sourcing", "contextualization", "close-reading", "corroboration"]
    notes = {}
    for i in range(count):
        para = rng.choice(paragraphs)
        words = para.text.split()
        start = rng.randrange(len(words) - 4)
        note = {
            "paragraph": para.id,
            "quote": " ".join(words[start : start + rng.randint(3, 12)]),
            "text": f"Note {i}: what this shows about Russia and China, and what it leaves out.",
            "tags": rng.sample(vocabulary, rng.randint(0, 3)) + (["my-word"] if i % 7 == 0 else []),
            "created": f"2026-11-{1 + i % 28:02d}T10:00:00.000Z",
            "updated": "2026-12-01T10:00:00.000Z",
        }
        if i % 50 == 0:
            note["detached"] = True
        notes[f"n{i:012x}"] = note
    return notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built site")
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (args.html / PAGE).exists():
        sys.exit(f"{args.html / PAGE} not found: run `make book` first")
    from playwright.sync_api import sync_playwright

    store = json.dumps({"format": "sourcebook-notes", "version": 1, "notes": generated_notes(args.notes), "plans": {}})
    runs = []
    with serve(args.html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        for _ in range(args.runs):
            context = browser.new_context()
            context.add_init_script(f"localStorage.setItem('sourcebook-notes-v1', {json.dumps(store)});" + READY_PROBE)
            page = context.new_page()
            page.goto(base + PAGE, wait_until="networkidle")
            runs.append(page.evaluate(MEASURE))
            context.close()
        browser.close()
    print(
        f"My notes with {args.notes:,} notes ({runs[0]['shown']:,} note entries drawn: a note is listed under "
        f"each of its theses, and in the grid), {args.runs} fresh browser contexts:"
    )
    for key, what in (
        ("first", "first render"),
        ("typed", "search keystroke"),
        ("regroup", "group by tag"),
        ("ready", "page load to notes"),
    ):
        times = [r[key] for r in runs]
        print(f"  {what:18} median {statistics.median(times):6.1f} ms   runs: {', '.join(f'{t:.1f}' for t in times)}")
    median = statistics.median(r["first"] for r in runs)
    print(f"budget {BUDGET_MS} ms for the first render: {'met' if median <= BUDGET_MS else 'OVER'}")
    return 0 if median <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
