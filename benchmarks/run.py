"""Benchmarks: build times, page weight and time-to-interactive-exercise, the PDF edition, Lighthouse; exits 1 over
budget.

    .venv/bin/python benchmarks/run.py [--no-lighthouse] [--runs N]

Prints every figure. The time until an exercise accepts input is the median of N loads of each page
(5 by default: one load on this 2-core machine varies by +-150 ms). Builds a copy of the repository in
a temporary folder (so the working tree is untouched), serves it on 127.0.0.1 with gzip as a static
host would, and drives Debian's Chromium. Lighthouse 12 (npm) is installed on first use into ~/.cache/sourcebook-lighthouse.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sourcebook.paper.browser import CHROMIUM, QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"
LIGHTHOUSE_DIR = Path.home() / ".cache" / "sourcebook-lighthouse"
BUDGET = {
    "plain_page_bytes": 1_000_000,
    "chart_page_bytes": 2_500_000,
    "exercise_ready_ms": 500,
    "noop_rebuild_s": 10,
    "one_chapter_rebuild_s": 20,
    "lighthouse_performance": 90,
    "lighthouse_accessibility": 100,
    "offline_cache_bytes": 5_000_000,
    "pdf_build_s": 120,
}
LIGHTHOUSE_PAGES = {
    "introduction": "book/intro.html",
    "longest source chapter": "book/sources/firdous-2023.html",
    "heaviest chart page": "book/compare/charts.html",
    "map page": "book/compare/places.html",
}


def build(src: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(JB), "build", str(src), "-W", "-n", "--keep-going"], cwd=src, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times() -> tuple[dict, Path]:
    work = Path(tempfile.mkdtemp(prefix="sourcebook-bench-"))
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, work / name)
    figures = {"clean_build_s": build(work), "noop_rebuild_s": build(work)}
    chapter = work / "book" / "sources" / "stronski-2018.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAn added sentence of commentary.\n", encoding="utf-8")
    figures["one_chapter_rebuild_s"] = build(work)
    return figures, work / "_build" / "html"


@functools.cache
def gzipped(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), 6)


class GzipHandler(QuietHandler):
    """A static server that serves text gzipped (compressed once, as static hosts cache it), with
    keep-alive connections (HTTP/1.1), as any static host does."""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        types = (".html", ".js", ".css", ".json", ".svg", ".txt")
        if path.suffix not in types or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzipped(path, path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return __import__("io").BytesIO(body)


READY_PROBE = """
window.__ready = null;
new MutationObserver((_, obs) => {
  const b = document.querySelector('.sb-exercise[data-wired] button.sb-check');
  if (b && !b.disabled) { window.__ready = performance.now(); obs.disconnect(); }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


# Requests and uncompressed bytes of the page and everything it loaded, from the browser's own
# resource timing (read after the load, so measuring adds no work during it).
TRANSFERS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return [entries.length, entries.reduce((sum, e) => sum + e.decodedBodySize, 0)];
}"""


def page_figures(html: Path, base: str, runs: int) -> dict:
    """For each page, from fresh browser contexts: requests and bytes (first load) and the median time
    until its first exercise accepts input, with all the times measured."""
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html") if "_static" not in p.parts)
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        for run in range(runs):  # round by round, so a slow moment of the machine spreads over pages
            for name in pages:
                # no service worker: its background save of the course is measured apart (offline_cache)
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.add_init_script(READY_PROBE)
                page.goto(base + name, wait_until="networkidle")
                ready = page.evaluate("window.__ready")
                if run == 0:
                    requests, size = page.evaluate(TRANSFERS)
                    out[name] = {
                        "requests": requests,
                        "bytes": size,
                        "chart": page.locator(".sb-chart").count() > 0,
                        "exercises": page.locator(".sb-exercise").count(),
                        "ready_ms": [],
                    }
                if ready is not None:
                    out[name]["ready_ms"].append(round(ready))
                context.close()
        browser.close()
    for fig in out.values():
        fig["exercise_ready_ms"] = round(statistics.median(fig["ready_ms"])) if fig["ready_ms"] else None
    return out


def offline_cache(html: Path) -> tuple[int, int, int]:
    """Files, bytes and gzipped bytes of the offline copy: the service worker's precache list."""
    from sourcebook.offline.serviceworker import page_files

    data = [(html / name).read_bytes() for name in page_files(html)]
    return len(data), sum(map(len, data)), sum(len(gzip.compress(d, 9, mtime=0)) for d in data)


def lighthouse(base: str) -> dict:
    cli = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR), "lighthouse@12"],
            check=True,
            capture_output=True,
        )
    results = {}
    for label, name in LIGHTHOUSE_PAGES.items():
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    str(cli),
                    base + name,
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                    "--only-categories=performance,accessibility,best-practices,seo",
                ],
                check=True,
                env={**os.environ, "CHROME_PATH": CHROMIUM or ""},
                capture_output=True,
            )
            data = json.loads(report.read_text())
        cats, audits = data["categories"], data["audits"]
        results[label] = {
            "page": name,
            **{k: round(100 * cats[k]["score"]) for k in cats},
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
        }
    return results


def pdf_figures(html: Path) -> dict:
    """`make pdf` on the benchmark's build: the whole book's page count and the time to print it."""
    from sourcebook.paper.pdf import make_pdf

    start = time.perf_counter()
    book = make_pdf(html, html.parent / "pdf", html.parent.parent / "_toc.yml")
    return {"pdf_pages": book.pages, "pdf_build_s": time.perf_counter() - start}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (no npm install)")
    parser.add_argument("--runs", type=int, default=5, help="loads of each page for the exercise time (median)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    over = []
    times, html = build_times()
    for key, value in times.items():
        limit = BUDGET.get(key)
        print(f"{key}: {value:.1f} s" + (f" (budget {limit} s)" if limit else ""))
        if limit and value > limit:
            over.append(f"{key} {value:.1f} s > {limit} s")
    files, size, packed = offline_cache(html)
    print(
        f"offline copy (service worker precache): {files} files, {size:,} bytes, {packed:,} gzipped "
        f"(budget {BUDGET['offline_cache_bytes']:,})"
    )
    if size > BUDGET["offline_cache_bytes"]:
        over.append(f"offline copy {size:,} bytes > {BUDGET['offline_cache_bytes']:,}")
    pdf = pdf_figures(html)
    print(
        f"PDF edition: {pdf['pdf_pages']} pages, printed in {pdf['pdf_build_s']:.1f} s "
        f"(budget {BUDGET['pdf_build_s']} s)"
    )
    if pdf["pdf_build_s"] > BUDGET["pdf_build_s"]:
        over.append(f"pdf_build_s {pdf['pdf_build_s']:.1f} s > {BUDGET['pdf_build_s']} s")
    with serve(html, GzipHandler) as base:
        print(
            f"\npage                                      requests      bytes  exercise ready (median of {args.runs}; all)"
        )
        for name, fig in page_figures(html, base, args.runs).items():
            ready = (
                f"{fig['exercise_ready_ms']} ms ({', '.join(map(str, fig['ready_ms']))})"
                if fig["exercise_ready_ms"] is not None
                else "-"
            )
            print(f"{name:42} {fig['requests']:8} {fig['bytes']:10,}  {ready}")
            limit = BUDGET["chart_page_bytes" if fig["chart"] else "plain_page_bytes"]
            if fig["bytes"] > limit:
                over.append(f"{name}: {fig['bytes']:,} bytes > {limit:,}")
            if fig["exercises"] and len(fig["ready_ms"]) < args.runs:
                over.append(
                    f"{name}: no exercise accepted input in {args.runs - len(fig['ready_ms'])} of {args.runs} loads"
                )
            elif fig["exercises"] and fig["exercise_ready_ms"] > BUDGET["exercise_ready_ms"]:
                over.append(f"{name}: first exercise ready after {fig['exercise_ready_ms']} ms (median)")
        if not args.no_lighthouse:
            print("\nLighthouse 12, mobile (gzip-served):")
            for label, r in lighthouse(base).items():
                print(
                    f"  {label} ({r['page']}): performance {r['performance']}, accessibility {r['accessibility']}, "
                    f"best practices {r['best-practices']}, SEO {r['seo']}, LCP {r['lcp_s']} s, TBT {r['tbt_ms']} ms, "
                    f"{r['transfer_kb']} KB transferred"
                )
                if r["performance"] < BUDGET["lighthouse_performance"]:
                    over.append(f"{label}: Lighthouse performance {r['performance']}")
                if r["accessibility"] < BUDGET["lighthouse_accessibility"]:
                    over.append(f"{label}: Lighthouse accessibility {r['accessibility']}")
    print("\n" + ("over budget:\n  " + "\n  ".join(over) if over else "all budgets met"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
