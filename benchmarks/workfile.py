"""Benchmark: restoring a work file with 1,000 notes and every exercise answered (budget 500 ms).

    .venv/bin/python benchmarks/workfile.py [HTML_DIR]

Serves a built course (default `_build/html`; run `make book` first) on 127.0.0.1, opens the progress
page in Debian's Chromium and times, in the page, the validation (checksum and JSON Schema) and the
merge of a generated file into an empty browser, then into one that already holds it. Prints the
median of 5 runs of each; exits 1 over budget.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sourcebook.course import load_course  # noqa: E402
from sourcebook.paper.browser import CHROMIUM, serve  # noqa: E402
from sourcebook.reading.workfile import new_work, write_work  # noqa: E402

BUDGET_MS = 500
T = "2026-12-01T08:00:00.000Z"
TIMED = """async ([text, schema]) => {
  const wf = await import("../_static/sourcebook/workfile.js");
  const start = performance.now();
  const work = await wf.parseWork(text, schema);
  const message = wf.restoreWork(work);
  return [performance.now() - start, message];
}"""


def generated_file(folder: Path) -> Path:
    course = load_course(ROOT)
    work = new_work(name="Benchmark Student", edition="student")
    work["exercises"] = {
        ex_id: {
            "attempts": 2,
            "correct": True,
            "first_try_correct": False,
            "answer": "o0123abcd",
            "type": ex.type,
            "skill": ex.skill,
            "updated": T,
        }
        for ex_id, ex in course.banks.exercises.items()
    }
    paragraphs = [p for s in course.corpus.values() for p in s.paragraphs]
    work["notes"] = {
        f"n{i:012x}": {
            "paragraph": paragraphs[i % len(paragraphs)].id,
            "quote": paragraphs[i % len(paragraphs)].text[:60],
            "text": f"Note {i} " * 8,
            "tags": ["hedging", "close-reading"],
            "created": T,
            "updated": T,
        }
        for i in range(1000)
    }
    return write_work(folder / "sourcebook-work.json", work)


def main() -> int:
    html = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "_build" / "html")
    if not (html / "book" / "progress.html").is_file():
        print(f"no built course in {html}: run `make book` first")
        return 2
    path = generated_file(Path(tempfile.mkdtemp()))
    text = path.read_text(encoding="utf-8")
    with serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(base + "book/progress.html")
        schema = json.loads(page.locator("script.sb-progress-data").text_content() or "")["schema"]
        empty, full = [], []
        for _ in range(5):
            page.evaluate("localStorage.clear()")
            empty.append(page.evaluate(TIMED, [text, schema])[0])
            full.append(page.evaluate(TIMED, [text, schema])[0])
        browser.close()
    size = len(text.encode())
    print(f"work file: 1,000 notes, {len(json.loads(text)['exercises'])} exercise records, {size:,} bytes")
    print(f"restore into an empty browser: {statistics.median(empty):.0f} ms (median of 5; budget {BUDGET_MS})")
    print(f"restore into a browser that holds it already: {statistics.median(full):.0f} ms (median of 5)")
    return 0 if max(statistics.median(empty), statistics.median(full)) < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
