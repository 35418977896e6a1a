"""Every exercise type on the built site, offline, in Chromium: wrong answer, then right; keyboard only;
the progress page counts it; and a bank cannot inject markup."""

import json

import pytest

from sourcebook.paper.browser import serve
from sourcebook.reading.workfile import parse_work

from .found import found

PAGE = "book/sources/stronski-2018.html"


def exercise(page, ex_id):
    root = page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"]')
    root.locator("button.sb-check").wait_for()
    return root


def feedback(root) -> str:
    return root.locator('.sb-feedback[role="status"]').inner_text().strip()


def payload(root) -> dict:
    return json.loads(root.locator("script.sb-exercise-data").text_content())


def check(root):
    root.locator("button.sb-check").click()


def shown_keys(root, selector) -> list[str]:
    """The keys of the rendered entries, in the order this student sees them."""
    return found(root.locator(selector)).evaluate_all("els => els.map(e => e.dataset.key)")


@pytest.fixture
def stronski(page, site):
    page.goto(site + PAGE)
    return page


def test_markup_contract(stronski):
    roots = stronski.locator(".sb-exercise")
    assert roots.count() >= 7
    for i in range(roots.count()):
        root = roots.nth(i)
        root.locator("button.sb-check").wait_for()
        assert root.get_attribute("data-exercise-id") and root.get_attribute("data-exercise-type")
        assert root.locator("button.sb-check").get_attribute("type") == "button"
        assert root.locator('[role="status"]').get_attribute("aria-live") == "polite"


def test_single_choice(stronski):
    root = exercise(stronski, "stronski-2018-byline")
    check(root)
    assert feedback(root) == "Choose an answer first."
    root.get_by_label("It was first published by the Carnegie Endowment for International Peace.").check()
    check(root)
    text = feedback(root)
    assert text.startswith("✗ Not quite") and "author's affiliation" in text
    root.get_by_label("It is a republication of a piece first published by the East Asia Forum.").check()
    check(root)
    assert feedback(root).startswith("✓ Correct")
    link = root.locator(".sb-read a").first
    assert link.get_attribute("href").endswith("#stronski-2018-p2")


def test_multiple_select(stronski):
    root = exercise(stronski, "stronski-2018-hedges")
    root.get_by_label("China is building a military base on the Tajik-Afghan border.").check()
    check(root)
    text = feedback(root)
    # The right options left unticked are counted, never named (a wrong try must not hand over the key).
    assert text.startswith("✗ Not quite — 1 right option is still missing.")
    assert "You missed" not in text and "it is unclear how long this stability will last" not in text
    root.get_by_label("The partnership's stability will last.").check()
    check(root)
    assert feedback(root).startswith("✓ Correct")


def test_classify_passages(stronski):
    root = exercise(stronski, "stronski-2018-classify-theses")
    by_key = {item["key"]: item for item in payload(root)["items"]}
    items = [by_key[k] for k in shown_keys(root, "li.sb-item")]
    for i, item in enumerate(items, start=1):
        wrong = "hedging" if item["answer"] != "hedging" else "condominium"
        root.get_by_label(f"Category for passage {i}").select_option(item["answer"] if i > 1 else wrong)
    check(root)
    assert feedback(root).startswith("✗ Not quite")
    root.get_by_label("Category for passage 1").select_option(items[0]["answer"])
    check(root)
    assert feedback(root).startswith("✓ Correct")


def test_match_pairs(stronski):
    root = exercise(stronski, "stronski-2018-terms")
    data = payload(root)
    left = {entry["key"]: entry for entry in data["left"]}
    letters = {key: chr(65 + i) for i, key in enumerate(shown_keys(root, "ul.sb-match-right li"))}
    selects = root.locator("select")
    assert selects.count() == len(left)
    keys = [entry["key"] for entry in data["left"]]  # the order of the selects
    for i in range(len(keys)):  # first try: everything shifted by one, all wrong
        wrong = data["answer"][keys[(i + 1) % len(keys)]]
        selects.nth(i).select_option(
            label=next(
                o for o in selects.nth(i).locator("option").all_text_contents() if o.startswith(letters[wrong] + ".")
            )
        )
    check(root)
    assert feedback(root).startswith("✗ Not quite")
    for i, key in enumerate(keys):
        selects.nth(i).select_option(
            label=next(
                o
                for o in selects.nth(i).locator("option").all_text_contents()
                if o.startswith(letters[data["answer"][key]] + ".")
            )
        )
    check(root)
    assert feedback(root).startswith("✓ Correct")


def test_order_with_keyboard_buttons(stronski):
    root = exercise(stronski, "stronski-2018-chronology")
    answer = payload(root)["answer"]
    check(root)
    assert feedback(root).startswith("✗ Not quite")
    for target, key in enumerate(answer):
        current = root.locator("li.sb-order-item").evaluate_all("ls => ls.map(l => l.dataset.key)")
        for _ in range(current.index(key) - target):
            button = root.locator(f'li.sb-order-item[data-key="{key}"] button[aria-label^="Move up"]')
            button.focus()
            stronski.keyboard.press("Enter")  # keyboard, no drag and drop
    assert root.locator("li.sb-order-item").evaluate_all("ls => ls.map(l => l.dataset.key)") == answer
    check(root)
    assert feedback(root).startswith("✓ Correct")


def test_pick_the_evidence(stronski):
    root = exercise(stronski, "stronski-2018-evidence")
    root.get_by_label("isolation pushed Moscow even closer to Beijing").check()
    check(root)
    assert feedback(root).startswith("✗ Not quite") and "not whether Russia can resist" in feedback(root)
    root.get_by_label("Moscow knows it can do little about China's presence.").check()
    check(root)
    assert feedback(root).startswith("✓ Correct")


def test_open_response(stronski):
    root = exercise(stronski, "stronski-2018-uneasy")
    check(root)
    assert feedback(root) == "Write your answer first."
    root.get_by_label("Your answer").fill("Unconcerned about trade, uneasy about security (¶7, ¶12).")
    check(root)
    assert feedback(root).startswith("Model answer revealed")
    assert root.locator(".sb-model-answer").is_visible()
    rubric = payload(root)["rubric"]
    for item in rubric:
        root.get_by_label(item["html"].replace("&quot;", '"')).check()
    root.get_by_role("button", name="Save self-assessment").click()
    assert feedback(root).startswith(f"Self-assessment saved: {len(rubric)} of {len(rubric)}")


def test_progress_page_counts_attempts(stronski, site):
    right = exercise(stronski, "stronski-2018-byline")
    right.get_by_label("It is a republication of a piece first published by the East Asia Forum.").check()
    check(right)
    wrong = exercise(stronski, "stronski-2018-evidence")
    wrong.get_by_label("isolation pushed Moscow even closer to Beijing").check()
    check(wrong)
    stronski.goto(site + "book/progress.html")
    row = stronski.locator('tr[data-chapter="book/sources/stronski-2018"]')
    row.wait_for()
    assert row.locator(".sb-count-attempted").inner_text() == "2"
    assert row.locator(".sb-count-correct").inner_text() == "1"
    assert int(row.locator(".sb-count-total").inner_text()) >= 7
    with stronski.expect_download() as download:
        stronski.locator("button.sb-progress-download").click()
    data = parse_work(open(download.value.path(), "rb").read())  # the Python reader accepts it: checksum, schema
    assert download.value.suggested_filename == "sourcebook-work.json"
    assert data["format"] == "sourcebook-work" and data["exercises"]["stronski-2018-byline"]["correct"] is True
    stronski.once("dialog", lambda d: d.accept())
    stronski.locator("button.sb-progress-reset").click()
    assert row.locator(".sb-count-attempted").inner_text() == "0"


def test_exercise_text_is_never_markup(fixture_book, browser):
    """A <script>/onerror payload in a bank shows as text and never runs (its attributes in single
    quotes: double quotes in a bank are quotations, and the check would refuse them first)."""
    (fixture_book.root / "exercises" / "evil.yml").write_text(
        "exercises:\n  - id: evil\n    type: single\n    skill: sourcing\n    passages: [stronski-2018:p2]\n"
        "    prompt: 'Who <script>window.pwned=1</script> <img src=x onerror=''window.pwned=2''>'\n"
        "    options:\n      - {text: '<b onmouseover=''window.pwned=3''>bold</b>', correct: true, feedback: ok}\n"
        "      - {text: 'another option that is longer than the bold one', feedback: 'no'}\n",
        encoding="utf-8",
    )
    fixture_book.write("index.md", "# Evil\n\n```{toctree}\ntext\n```\n\n```{exercise} evil\n```\n")
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(fixture_book.root / "_out") as base:
        page.goto(base + "index.html", wait_until="networkidle")
        root = exercise(page, "evil")
        assert "<script>window.pwned=1</script>" in root.inner_text()
        assert "<b onmouseover='window.pwned=3'>bold</b>" in root.inner_text()
        root.locator("label").first.hover()
        assert page.evaluate("window.pwned") is None and dialogs == []
        assert root.locator("script:not(.sb-exercise-data), img, b").count() == 0
    context.close()
