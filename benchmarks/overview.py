"""Benchmark: the class report and both gradebooks of 1,000 and of 10,000 generated work files; exits 1 over budget.

    .venv/bin/python benchmarks/overview.py [--students 1000 10000] [--keep DIR] [--no-browser]

Each generated student answers about two thirds of the course's exercises with options picked at
random (a first and a last answer), writes the open answers and the assignment prompts, and saves a
sealed version-3 work file whose flags (`correct`, `first_try_correct`, `attempts`) follow its answers,
as the course pages record them (checked with `exercises.checking`). For each class size the figure is
that of `python -m sourcebook overview` on those files (reading and checking every file, the analysis,
every page of the report with its charts, both gradebooks): wall clock against the budget, with its CPU
time (the process and its workers), its peak memory (the proportional set size of the process and
its workers, summed, sampled every 50 ms) and the load average beside it: on a shared machine the wall time
grows with the load. Then the report's first page is opened in Chromium (`paper.browser`) from a local
server: its bytes, and the time from navigation start until it is drawn (the load event, then a frame),
median of 3.

Budgets (issue 20): 10,000 files in 20 s with 1 GB, 1,000 files in 5 s; the first page under 2 MB and
drawn in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcebook.course import load_course  # noqa: E402
from sourcebook.exercises.checking import is_right, key_of  # noqa: E402
from sourcebook.exercises.payload import build_payload  # noqa: E402
from sourcebook.reading.workfile import new_work, write_work  # noqa: E402

SECONDS = {1000: 5.0, 10000: 20.0}  # class size -> budget; a size between takes the next one up
MEMORY = 1 << 30
FIRST_PAGE_BYTES, DRAWN_MS = 2_000_000, 2000
T = "2026-12-01T09:00:00.000Z"


def random_answer(payload: dict, rng: random.Random):
    kind = payload["type"]
    if kind in ("single", "evidence"):
        return rng.choice(payload["options"])["key"]
    if kind == "multiple":
        return [o["key"] for o in payload["options"] if rng.random() < 0.5] or [payload["options"][0]["key"]]
    if kind == "classify":
        return {i["key"]: rng.choice(payload["categories"])["key"] for i in payload["items"]}
    if kind == "match":
        return {entry["key"]: rng.choice(payload["right"])["key"] for entry in payload["left"]}
    if kind == "order":
        keys = [i["key"] for i in payload["items"]]
        return rng.sample(keys, len(keys))
    checked = [r["key"] for r in payload["rubric"] if rng.random() < 0.6]
    return {"text": "An answer citing ¶7.", "checked": checked, "revealed": True}


def record(payload: dict, key, rng: random.Random, i: int) -> dict:
    """One exercise as the page records it: flags that follow the answers."""
    if payload["type"] == "open":
        answer = random_answer(payload, rng)
        k, n = len(answer["checked"]), len(payload["rubric"])
        answer["text"] = f"Student {i} writes about ¶{rng.randint(1, 20)}."
        full = k == n
        return {
            "attempts": 1,
            "correct": full,
            "first_try_correct": full,
            "answer": answer,
            "answer_text": answer["text"],
            "self_score": f"{k}/{n}",
        }
    first = random_answer(payload, rng)
    last = first if is_right(key, first) or rng.random() < 0.4 else random_answer(payload, rng)
    return {
        "attempts": 1 if last is first else rng.randint(2, 4),
        "correct": is_right(key, last),
        "first_try_correct": is_right(key, first),
        "answer": last,
        "first_answer": first,
    }


def generate(folder: Path, n: int, seed: int = 1) -> list[Path]:
    course = load_course(ROOT)
    rng = random.Random(seed)
    exercises = list(course.banks.exercises.values())
    payloads = [(build_payload(e, course.corpus, course.banks), key_of(e)) for e in exercises]
    paths = []
    for i in range(n):
        work = new_work(name=f"Student {i:05d}", edition="student", build="bench")
        work["student"]["id"] = f"s{i:05d}"
        for p, key in payloads:
            if rng.random() > 0.66:
                continue
            work["exercises"][p["id"]] = {
                **record(p, key, rng, i),
                "type": p["type"],
                "skill": p["skill"],
                "updated": T,
            }
        for a in course.assignments.values():
            for k in range(1, len(a.prompts) + 1):
                work["answers"][f"{a.name}:{k}"] = {"text": f"Prompt answer by student {i}.", "updated": T}
        paths.append(write_work(folder / f"s{i:05d}.json", work))
    return paths


def _tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants (Linux /proc): the sum of their proportional set sizes
    (pages shared between the process and its forked workers counted once), 0 once it is gone."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def overview(files: list[Path], out: Path) -> dict:
    """Run the overview command on `files`; its wall and CPU seconds and peak memory (tree, sampled)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "sourcebook",
        "overview",
        *map(str, files),
        "--out",
        str(out / "class-report.html"),
    ]
    command += ["--canvas-csv", str(out / "canvas.csv"), "--moodle-csv", str(out / "moodle.csv"), "--draft"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_memory(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"overview failed:\n{stderr}")
    return {
        "seconds": seconds,
        "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "peak": peak[0],
        "load": os.getloadavg()[0],
        "stdout": stdout,
    }


def drawn(folder: Path, runs: int = 3) -> list[float]:
    """Milliseconds from navigation start until the summary page is drawn, in Chromium, `runs` times."""
    from playwright.sync_api import sync_playwright

    from sourcebook.paper.browser import CHROMIUM, CHROMIUM_ARGS, serve

    times = []
    with serve(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page()
            page.goto(base + "class-report.html", wait_until="load")
            times.append(
                page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()))))")
            )
            page.close()
        browser.close()
    return times


def budget(n: int) -> float:
    return next((s for size, s in sorted(SECONDS.items()) if n <= size), max(SECONDS.values()) * n / max(SECONDS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1000, 10000], help="class sizes to run")
    parser.add_argument("--keep", type=Path, help="write the files and the reports here (default: a temporary folder)")
    parser.add_argument("--no-browser", action="store_true", help="do not open the report in Chromium")
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        (folder / "files").mkdir(parents=True, exist_ok=True)
        files = generate(folder / "files", max(args.students))
        for n in sorted(args.students):
            out = folder / f"report-{n}"
            out.mkdir(exist_ok=True)
            got = overview(files[:n], out)
            size = (out / "class-report.html").stat().st_size
            pages = sorted((out / "class-report-pages").glob("*.html"))
            largest = max((p.stat().st_size for p in pages), default=0)
            limit = budget(n)
            print(
                f"overview of {n} student files: {got['seconds']:.2f} s (budget {limit:g} s), "
                f"{got['cpu']:.2f} s of CPU, peak memory {got['peak'] / 2**20:,.0f} MB "
                f"(budget {MEMORY / 2**20:,.0f} MB), "
                f"load average {got['load']:.1f} on {os.cpu_count()} cores"
            )
            print(
                f"  report: first page {size:,} bytes (budget {FIRST_PAGE_BYTES:,}), {len(pages)} more pages, "
                f"the largest {largest:,} bytes"
            )
            over |= got["seconds"] > limit or got["peak"] > MEMORY or size > FIRST_PAGE_BYTES
            if not args.no_browser:
                times = drawn(out)
                print(
                    f"  first page drawn in Chromium: {statistics.median(times):.0f} ms median of {len(times)} "
                    f"({', '.join(f'{t:.0f}' for t in times)} ms; budget {DRAWN_MS} ms)"
                )
                over |= statistics.median(times) > DRAWN_MS
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
