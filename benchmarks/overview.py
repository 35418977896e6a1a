"""Benchmark: the class report of 1,000 generated student work files (budget 10 s); exits 1 over budget.

    .venv/bin/python benchmarks/overview.py [--students N] [--keep DIR]

Each generated student answers about two thirds of the course's exercises with options picked at
random (first and last answers), writes the open answers and the assignment prompts, and saves a
sealed version-2 work file. The time is that of `python -m sourcebook overview` on those files
(reading and checking every file, the analysis, the HTML report with its charts, both gradebooks),
wall clock against the budget, with the CPU time and the load average beside it: on a shared
machine the wall time grows with the load.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcebook.course import load_course  # noqa: E402
from sourcebook.exercises.payload import build_payload  # noqa: E402
from sourcebook.reading.workfile import new_work, write_work  # noqa: E402

BUDGET = 10.0
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
    return {"text": "An answer citing ¶7.", "checked": [], "revealed": True}


def generate(folder: Path, n: int, seed: int = 1) -> list[Path]:
    course = load_course(ROOT)
    rng = random.Random(seed)
    payloads = [build_payload(e, course.corpus, course.banks) for e in course.banks.exercises.values()]
    paths = []
    for i in range(n):
        work = new_work(name=f"Student {i:04d}", edition="student", build="bench")
        work["student"]["id"] = f"s{i:04d}"
        for p in payloads:
            if rng.random() > 0.66:
                continue
            first, last = random_answer(p, rng), random_answer(p, rng)
            record = {
                "attempts": rng.randint(1, 3),
                "correct": rng.random() < 0.7,
                "first_try_correct": rng.random() < 0.5,
                "answer": last,
                "first_answer": first,
                "type": p["type"],
                "skill": p["skill"],
                "updated": T,
            }
            if p["type"] == "open":
                record.update(answer_text=f"Student {i} writes about ¶{rng.randint(1, 20)}.", self_score="2/3")
            work["exercises"][p["id"]] = record
        for a in course.assignments.values():
            for k in range(1, len(a.prompts) + 1):
                work["answers"][f"{a.name}:{k}"] = {"text": f"Prompt answer by student {i}.", "updated": T}
        paths.append(write_work(folder / f"s{i:04d}.json", work))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="write the files and the report here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = generate(folder, args.students)
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "sourcebook",
                "overview",
                *map(str, files),
                "--out",
                str(folder / "report.html"),
                "--canvas-csv",
                str(folder / "canvas.csv"),
                "--moodle-csv",
                str(folder / "moodle.csv"),
                "--draft",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return 1
        size = (folder / "report.html").stat().st_size
        print(
            f"overview of {len(files)} student files: {seconds:.2f} s (budget {BUDGET:g} s), "
            f"{used:.2f} s of CPU, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
            f"report {size:,} bytes"
        )
    return 0 if seconds <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
