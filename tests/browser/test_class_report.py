"""End to end, in Chromium: students answer and write in the course, download their work; the instructor's
report reads the files (skipping a malformed one, showing a name made of markup as text, the share of the
class choosing each option as they clicked); the feedback written back opens on the student's progress page."""

import csv
import json
import subprocess
import sys

from sourcebook.reading.workfile import parse_work

from ..conftest import ROOT

STRONSKI = "book/sources/stronski-2018.html"
EVIL = "<img src=x onerror=alert(1)>"
COMMENT = "Good use of ¶7. <img src=x onerror=alert(2)>"


def exercise(page, ex_id):
    root = page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"]')
    root.locator("button.sb-check").wait_for()
    return root


def options(root) -> list[dict]:
    return json.loads(root.locator("script.sb-exercise-data").text_content())["options"]


def click(root, key):
    root.locator(f'.sb-choice[data-key="{key}"] input').check()
    root.locator("button.sb-check").click()
    root.locator(".sb-verdict").wait_for()


def student(browser, site, tmp_path, name, picks, *, essay=None, prompt=None):
    """One student in their own browser: `picks` are (exercise, option index) clicks in order; returns
    the downloaded file and the option keys clicked."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site + STRONSKI)
    clicked = []
    for ex_id, n in picks:
        root = exercise(page, ex_id)
        key = sorted(o["key"] for o in options(root))[n]
        click(root, key)
        clicked.append((ex_id, key))
    if essay:
        root = exercise(page, "stronski-2018-uneasy")
        root.get_by_label("Your answer").fill(essay)
        root.locator("button.sb-check").click()
        root.locator(".sb-reveal .sb-choice input").first.check()
        root.get_by_role("button", name="Save self-assessment").click()
    if prompt:
        page.goto(site + "book/assignments.html")
        page.get_by_label("Your answer to question 6").fill(prompt)
    page.goto(site + "book/progress.html")
    page.get_by_label("Your name").fill(name)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work").click()
    path = tmp_path / f"{len(list(tmp_path.glob('*.json')))}-{download.value.suggested_filename}"
    download.value.save_as(path)
    context.close()
    return path, clicked


def overview(*args):
    result = subprocess.run(
        [sys.executable, "-m", "sourcebook", "overview", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result


def shares_in_report(page, ex_id) -> dict:
    """{option words: (first answers, last answers)} from the report's item analysis."""
    rows = page.locator(f"#item-{ex_id} tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td")
        out[" ".join(cells.nth(0).inner_text().split())] = (
            cells.nth(2).inner_text().strip(),
            cells.nth(3).inner_text().strip(),
        )
    return out


def test_from_students_clicks_to_the_class_report_and_back(browser, page, site, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    # Amira: byline option 0 then option 1; monopoly option 2; writes an essay and the assignment prompt.
    amira, a_clicks = student(
        browser,
        site,
        files,
        "Amira K.",
        [("stronski-2018-byline", 0), ("stronski-2018-byline", 1), ("stronski-2018-monopoly", 2)],
        essay="Calm on trade (¶7), <b>uneasy</b> on security.",
        prompt="¶4 lost its link.",
    )
    ben, b_clicks = student(
        browser,
        site,
        files,
        "Ben",
        [("stronski-2018-byline", 1), ("stronski-2018-monopoly", 0)],
        essay="Both, says ¶12.",
    )
    evil, e_clicks = student(browser, site, files, EVIL, [("stronski-2018-byline", 2)])
    broken = files / "broken.json"
    broken.write_text(amira.read_text(encoding="utf-8")[:200], encoding="utf-8")
    assert parse_work(evil.read_bytes())["student"]["name"] == EVIL

    report, template = tmp_path / "report.html", tmp_path / "comments.csv"
    result = overview(amira, ben, evil, broken, "--out", report, "--comments-template", template)
    assert "skipped broken.json: not valid JSON" in result.stderr and "students: 3, skipped files: 1" in result.stdout

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = tmp_path / "report-pages"
    # Each page is self-contained (nothing to fetch) and readable on a phone and by a screen reader: nothing
    # wider than 360 pixels, no serious axe violation, every string from a file shown as text.
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 360, "height": 740})
    shown = [report, pages / "students.html", pages / "assignment-week-1-sourcing.html"]
    for path in shown:
        page.set_content(path.read_text(encoding="utf-8"))
        assert page.locator("main img, main script").count() == 0 and dialogs == [], path.name
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path.name
        violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert violations == [], (path.name, violations)
        if path.name == "students.html":
            assert EVIL in page.locator("table").first.inner_text()
    # The summary links each assignment's page; its written answers open from their fold.
    page.set_content(report.read_text(encoding="utf-8"))
    # In a dark system the report is dark, its charts drawn in the dark palette, and as readable.
    page.emulate_media(color_scheme="dark")
    shown = page.evaluate("""() => ({
        page: getComputedStyle(document.body).backgroundColor,
        charts: [...document.querySelectorAll('figure svg')].filter(s => s.checkVisibility())
          .map(s => s.querySelector('rect')?.getAttribute('fill') || getComputedStyle(s).backgroundColor)})""")
    assert shown["page"] == "rgb(20, 24, 30)" and len(shown["charts"]) == page.locator("figure").count() >= 1, (
        shown
    )  # the summary: the skill profile
    assert all(fill.lower() not in ("#fff", "#ffffff", "white", "rgb(255, 255, 255)") for fill in shown["charts"]), (
        shown
    )
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == []
    page.emulate_media(color_scheme="light")
    assert page.get_by_role("link", name="Week 1: Sourcing a policy commentary").first.get_attribute("href") == (
        "report-pages/assignment-week-1-sourcing.html"
    )
    page.set_content((pages / "assignment-week-1-sourcing.html").read_text(encoding="utf-8"))
    assert page.locator("#item-stronski-2018-byline").is_visible()
    assert page.locator("#item-stronski-2018-monopoly").count() == 0  # not in the assignment: on Stronski's page
    essay = page.locator("#written-stronski-2018-uneasy")
    assert not essay.get_by_text("Both, says ¶12.").is_visible()
    essay.get_by_text("answer(s)").click()
    assert essay.get_by_text("Both, says ¶12.").is_visible()

    # The shares match the clicks: first answers are each student's first click, last answers their last.
    byline = exercise_words(browser, site, "stronski-2018-byline")
    firsts = {"Amira": a_clicks[0][1], "Ben": b_clicks[0][1], "Evil": e_clicks[0][1]}
    lasts = {"Amira": a_clicks[1][1], "Ben": b_clicks[0][1], "Evil": e_clicks[0][1]}
    shown = shares_in_report(page, "stronski-2018-byline")
    for key, words in byline.items():
        first = sum(k == key for k in firsts.values()) / 3
        last = sum(k == key for k in lasts.values()) / 3
        assert shown[words] == (f"{first:.0%}", f"{last:.0%}"), (words, shown)
    written = page.locator("#written-stronski-2018-uneasy").text_content()
    assert "Calm on trade (¶7), <b>uneasy</b> on security." in written and "Both, says ¶12." in written
    assert "¶4 lost its link." in page.locator("#written-week-1-sourcing\\:1").text_content()

    # The instructor comments on Amira's essay; the feedback file opens on her progress page, as text.
    rows = list(csv.DictReader(template.open(encoding="utf-8")))
    rows = [
        {**r, "comment": COMMENT} for r in rows if r["student"] == "Amira K." and r["item"] == "stronski-2018-uneasy"
    ]
    with (tmp_path / "filled.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sourcebook",
            "feedback",
            str(amira),
            str(ben),
            "--comments",
            str(tmp_path / "filled.csv"),
            "--out",
            str(tmp_path / "fb"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    page.goto(site + "book/progress.html")
    page.get_by_label("Open feedback from your instructor").set_input_files(tmp_path / "fb" / "amira-k.feedback.json")
    item = page.locator('.sb-feedback-item[data-item="stronski-2018-uneasy"]')
    assert "Calm on trade (¶7), <b>uneasy</b> on security." in item.locator(".sb-feedback-answer").inner_text()
    assert COMMENT in item.locator(".sb-feedback-comment").inner_text()
    assert page.locator(".sb-feedback-viewer img, .sb-feedback-viewer b").count() == 0 and dialogs == []
    feedback_violations = [
        v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.sb-feedback-viewer *')].map(e => e.getBoundingClientRect().right))"
    )
    assert feedback_violations == [] and widest <= 360
    page.get_by_label("Open feedback from your instructor").set_input_files(amira)  # a work file, not feedback
    page.wait_for_function("() => !document.querySelector('.sb-feedback-status').textContent.startsWith('Opened')")
    assert "not a feedback file" in page.locator(".sb-feedback-status").inner_text()


def exercise_words(browser, site, ex_id) -> dict:
    """{option key: its words as the page shows them}."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + STRONSKI)
    root = exercise(page, ex_id)
    words = {
        o["key"]: " ".join(root.locator(f'.sb-choice[data-key="{o["key"]}"]').inner_text().split())
        for o in options(root)
    }
    context.close()
    return words
