"""The student's work kept and portable, in Chromium: written answers survive a reload, one file
carries everything to a fresh browser, and a bad file is refused without touching what is there."""

import json

from sourcebook.reading.workfile import new_work, parse_work, write_work

STRONSKI = "book/sources/stronski-2018.html"
KEYS = ("sourcebook-progress-v1", "sourcebook-student-v1", "sourcebook-notes-v1")
T = "2026-12-01T08:00:00.000Z"
NOTES = {
    "format": "sourcebook-notes",
    "version": 1,
    "plans": {},
    "notes": {
        "n0123456789ab": {
            "paragraph": "stronski-2018:p7",
            "quote": "seems unconcerned",
            "text": "Trade: calm.",
            "tags": ["hedging", "close-reading"],
            "created": T,
            "updated": T,
        }
    },
}


def exercise(page, ex_id):
    root = page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"]')
    root.locator("button.sb-check").wait_for()
    return root


def pick(root, correct: bool):
    """Choose a (in)correct option of a single-choice exercise by its key, wherever it is shown."""
    data = json.loads(root.locator("script.sb-exercise-data").text_content())
    key = next(o["key"] for o in data["options"] if o["correct"] == correct)
    root.locator(f'.sb-choice[data-key="{key}"] input').check()
    root.locator("button.sb-check").click()


def stored(page) -> dict:
    return page.evaluate(
        "keys => Object.fromEntries(keys.map(k => [k, JSON.parse(localStorage.getItem(k))]))", list(KEYS)
    )


def do_some_work(page, site):
    page.goto(site + STRONSKI)
    pick(exercise(page, "stronski-2018-byline"), True)
    pick(exercise(page, "stronski-2018-monopoly"), False)
    box = exercise(page, "stronski-2018-uneasy").get_by_label("Your answer")
    box.fill("Unconcerned about trade (¶7), <b>uneasy</b> about security.")
    box.blur()
    page.goto(site + "book/assignments.html")
    page.get_by_label("Your answer to question 1").fill("The figure in ¶4 had a link; now it has none.")
    page.evaluate("notes => localStorage.setItem('sourcebook-notes-v1', JSON.stringify(notes))", NOTES)
    page.goto(site + "book/progress.html")
    page.get_by_label("Your name").fill("Amira K.")


def restore(page, site, path_or_file):
    page.goto(site + "book/progress.html")
    page.get_by_label("Restore from a file").set_input_files(path_or_file)
    status = page.locator(".sb-progress-status")
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    return status.inner_text()


def test_written_answers_survive_a_reload(page, site):
    do_some_work(page, site)
    page.goto(site + STRONSKI)
    assert exercise(page, "stronski-2018-uneasy").get_by_label("Your answer").input_value().startswith("Unconcerned")
    page.goto(site + "book/assignments.html")
    assert (
        page.get_by_label("Your answer to question 1").input_value() == "The figure in ¶4 had a link; now it has none."
    )


def test_one_file_carries_the_work_to_a_fresh_browser(browser, site, tmp_path):
    first = browser.new_context()
    page = first.new_page()
    do_some_work(page, site)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "sourcebook-work.json"
    work = parse_work(path.read_bytes())  # the instructor's Python tools read it too
    assert work["student"]["name"] == "Amira K." and work["notes"] == NOTES["notes"]
    assert work["answers"]["week-1-sourcing:1"]["text"].startswith("The figure in ¶4")
    before = stored(page)
    first.close()

    second = browser.new_context()
    fresh = second.new_page()
    assert restore(fresh, site, path).startswith("Restored from the file: 3 exercise records, 1 written answer, 1 note")
    after = stored(fresh)
    assert after["sourcebook-progress-v1"]["exercises"] == before["sourcebook-progress-v1"]["exercises"]
    assert (
        after["sourcebook-progress-v1"]["seed"] == before["sourcebook-progress-v1"]["seed"]
    )  # the same order of options
    assert after["sourcebook-student-v1"] == before["sourcebook-student-v1"]
    assert after["sourcebook-notes-v1"]["notes"] == before["sourcebook-notes-v1"]["notes"]
    fresh.goto(site + STRONSKI)
    assert exercise(fresh, "stronski-2018-uneasy").get_by_label("Your answer").input_value().startswith("Unconcerned")
    assert exercise(fresh, "stronski-2018-byline").locator(".sb-verdict").inner_text().startswith("✓ Correct")
    assert restore(fresh, site, path).startswith("Restored from the file: 0 exercise records")  # again: nothing new
    second.close()


def bad_files(tmp_path) -> dict:
    good = write_work(tmp_path / "good.json", new_work(name="X", edition="student"))
    text = good.read_text(encoding="utf-8")
    edited = json.loads(text)
    edited["student"]["name"] = "Someone else"
    return {
        "truncated": (text[: len(text) // 2], "not valid JSON"),
        "foreign": ('{"format": "lecture-notes", "version": 1}', "not a work file of this course"),
        "other course": (text.replace('"china-russia-central-asia"', '"another-course"'), "another course"),
        "unknown version": (text.replace('"version": 2', '"version": 9'), "unknown version (9)"),
        "edited": (json.dumps(edited), "checksum does not match"),
    }


def test_a_bad_file_is_refused_and_changes_nothing(page, site, tmp_path):
    do_some_work(page, site)
    before = stored(page)
    for name, (text, reason) in bad_files(tmp_path).items():
        status = restore(page, site, {"name": f"{name}.json", "mimeType": "application/json", "buffer": text.encode()})
        assert status.startswith("Not restored:") and reason in status and "unchanged" in status, (name, status)
        assert stored(page) == before, name


def test_markup_in_a_file_shows_as_text(page, site, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    work = new_work(name="<img src=x onerror=alert(1)>", edition="student")
    work["notes"] = {
        "nabcdefabcdef": {
            "paragraph": "stronski-2018:p7",
            "quote": "<script>alert(2)</script>",
            "text": "<img src=x onerror=alert(3)>",
            "tags": [],
            "created": T,
            "updated": T,
            "detached": True,
        }
    }
    status = restore(page, site, write_work(tmp_path / "evil.json", work))
    assert status.startswith("Restored from the file")
    assert "“<script>alert(2)</script>” — Stronski 2018 ¶7" in page.locator(".sb-review-detached").inner_text()
    assert page.get_by_label("Your name").input_value() == "<img src=x onerror=alert(1)>"
    assert page.locator(".sb-progress img, .sb-progress script:not(.sb-progress-data)").count() == 0 and dialogs == []


def test_review_lists_what_to_look_at_again(page, site):
    do_some_work(page, site)
    page.goto(site + "book/progress.html")
    chapter = page.locator('.sb-review-chapter[data-chapter="book/sources/stronski-2018"]')
    assert "answered wrongly" in chapter.locator('li[data-exercise="stronski-2018-monopoly"]').inner_text()
    assert chapter.locator('li[data-exercise="stronski-2018-byline"]').count() == 0  # answered correctly
    assert "not yet answered" in chapter.locator('li[data-exercise="stronski-2018-hedges"]').inner_text()
    chapter.locator('li[data-exercise="stronski-2018-monopoly"] a').click()
    page.wait_for_url("**/stronski-2018.html#ex-stronski-2018-monopoly")
    assert page.locator("#ex-stronski-2018-monopoly").is_visible()
