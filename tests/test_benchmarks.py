"""The benchmark scripts still run against the course as built today, on small inputs.

Benchmarks print figures and are not timed tests: these runs check only that each script completes
and prints its figures (a script that reads the page by an old name fails here, not on the day
someone needs its numbers). `benchmarks/run.py` rebuilds the whole course several times and is left
to be run by hand.
"""

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

FIGURE = r"\d[\d,.]* (ms|s)\b"


def run(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: over budget, which is a figure too
    return proc.stdout


@pytest.mark.parametrize(
    "script, args, lines",
    [
        (
            "notes.py",
            ["--notes", "30", "--runs", "1"],
            ["first render", "search keystroke", "group by tag", "page load to notes"],
        ),
        ("workfile.py", [], ["restore into an empty browser", "restore into a browser that holds it already"]),
    ],
)
def test_a_browser_benchmark_prints_its_figures(book, script, args, lines):
    html = ["--html", str(book.html)] if script == "notes.py" else [str(book.html)]
    out = run(f"benchmarks/{script}", *html, *args)
    for line in lines:
        assert re.search(line + r".*" + FIGURE, out), out


def test_the_overview_benchmark_prints_its_figures():
    out = run("benchmarks/overview.py", "--students", "3", "5")
    for n in (3, 5):
        assert re.search(rf"overview of {n} student files: {FIGURE}.*of CPU, peak memory [\d,]+ MB", out), out
    assert len(re.findall(r"report: first page [\d,]+ bytes .*, 1\d more pages", out)) == 2, out
    assert len(re.findall(r"first page drawn in Chromium: " + FIGURE, out)) == 2, out
