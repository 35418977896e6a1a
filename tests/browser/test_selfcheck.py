"""Self-checks that teach, in Chromium on the built course: a wrong try of every type names no correct
option, "Show the answer" gives the key and marks the record; every verdict reaches the accessibility
tree once, in a polite live region, with focus where the student was; the review queue brings missed
exercises back on schedule and travels in the work file; a chapter can be tried again."""

import json
import re

import pytest
from playwright.sync_api import expect

from sourcebook.reading.workfile import parse_work

from .found import found
from .keys import ONE_OF_EACH_TYPE, tab_to

PAGE = "book/sources/stronski-2018.html"
TYPES = ONE_OF_EACH_TYPE
DAY = 86400000
START = "2026-12-07T09:00:00Z"


def words(html_or_text: str) -> str:
    """Plain words, lower case, one space: what a student reads."""
    text = re.sub(r"<[^>]+>", " ", html_or_text).replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    return " ".join(re.findall(r"[\w'’]+", text.lower()))


def exercise(page, ex_id):
    root = page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"]')
    root.locator("button.sb-check").wait_for()
    return root


def payload(root) -> dict:
    return json.loads(root.locator("script.sb-exercise-data").text_content())


def shown(root, css) -> list[str]:
    return root.locator(css).evaluate_all("els => els.map(e => e.dataset.key)")


def entries(root) -> list[str]:
    """The keys of an exercise's shuffled entries (its choices, passages to classify or right-hand items), as shown."""
    kind = root.get_attribute("data-exercise-type")
    return shown(root, {"classify": "li.sb-item[data-key]", "match": "ul.sb-match-right li"}.get(kind, ".sb-choice"))


def record(page, ex_id) -> dict:
    return page.evaluate("id => JSON.parse(localStorage.getItem('sourcebook-progress-v1')).exercises[id]", ex_id)


def feedback(root) -> str:
    return root.locator(".sb-feedback").inner_text()


def answer_wrongly(page, root, kind) -> list[tuple[str, ...]]:
    """Give a wrong answer of `kind` and press Check; returns (where, words…) tuples that must not be shown."""
    data = payload(root)
    secret: list[tuple[str, ...]] = []
    if kind in ("single", "multiple", "evidence"):
        rights = [o for o in data["options"] if o["correct"]]
        wrongs = [o for o in data["options"] if not o["correct"]]
        # multiple: one right and one wrong ticked, as the student did; the others right ones are left out
        chosen = wrongs[:1] + (rights[:1] if kind == "multiple" else [])
        for o in chosen:
            root.locator(f'.sb-choice[data-key="{o["key"]}"] input').check()
        for o in rights:
            if o in chosen:
                continue
            secret.append(("correct option", words(o.get("html") or o["passage"]["text"])))
            if kind == "evidence":
                secret.append(("correct passage", o["passage"]["label"].lower()))
    elif kind == "classify":
        labels = {c["key"]: c["label"] for c in data["categories"]}
        for i, key in enumerate(shown(root, "li.sb-item[data-key]"), start=1):
            item = next(it for it in data["items"] if it["key"] == key)
            wrong = next(c for c in labels if c != item["answer"])
            root.get_by_label(f"Category for passage {i}").select_option(wrong)
            secret.append((f"passage {i}", f"Passage {i} ", labels[item["answer"]], words(item["feedback_html"])))
    elif kind == "match":
        keys = [entry["key"] for entry in data["left"]]
        right_words = {r["key"]: words(r["html"]) for r in data["right"]}
        selects = root.locator("select")
        for i, key in enumerate(keys):  # everything shifted by one: all wrong
            selects.nth(i).select_option(data["answer"][keys[(i + 1) % len(keys)]])
            left = words(data["left"][i]["html"])
            secret.append(
                (f"pair {i}", left, right_words[data["answer"][key]], words(data["feedback_html"].get(key, "")))
            )
    elif kind == "order":
        secret.append(
            (
                "the right order",
                " ".join(words(next(i["html"] for i in data["items"] if i["key"] == k)) for k in data["answer"]),
            )
        )
    elif kind == "open":
        root.get_by_label("Your answer").fill("Trade only.")
        root.locator("button.sb-check").click()  # reveals the model answer: this type's key
        root.get_by_role("button", name="Save self-assessment").click()  # no rubric point ticked: short of all
        secret.append(("model answer", words(data["model_answer_html"])))
        return secret
    root.locator("button.sb-check").click()
    if data.get("explanation_html"):
        secret.append(("explanation", words(data["explanation_html"])))
    return secret


@pytest.mark.parametrize("kind", list(TYPES))
def test_a_wrong_try_names_no_correct_option_and_the_revealed_answer_is_recorded(page, site, kind):
    page.goto(site + PAGE)
    root = exercise(page, TYPES[kind])
    secret = answer_wrongly(page, root, kind)
    assert secret
    shown_text = feedback(root)
    seen = words(shown_text)
    checked = 0
    for where, *texts in secret:
        if where.startswith(("passage", "pair")):  # per item: its own line must not carry its key
            line = next(li for li in root.locator(".sb-fb-item").all_inner_texts() if words(texts[0]) in words(li))
            assert line.strip().startswith("✗"), line
            for text in texts[1:]:
                assert not text or text not in words(line), (where, text, line)
                checked += 1
        else:
            assert texts[0] and texts[0] not in seen, (where, texts[0], shown_text)
            checked += 1
    assert checked >= 1
    rec = record(page, TYPES[kind])
    if kind == "open":
        assert shown_text.startswith("Self-assessment saved: 0 of") and "not covered yet" in shown_text
        assert rec["revealed"] is True and rec["first_try_correct"] is False
        return
    assert shown_text.startswith("✗ Not quite") and "Reread before you try again: " in shown_text
    if kind == "multiple":
        assert "1 option you selected is wrong" in shown_text and "still missing" in shown_text
    if kind == "order":
        out = root.locator(".sb-fb-item").count()
        assert out >= 2 and f"{out} items out of position" in shown_text
    assert rec["attempts"] == 1 and rec["first_try_correct"] is False and "revealed" not in rec
    reveal = root.get_by_role("button", name="Show the answer")
    reveal.focus()
    page.keyboard.press("Enter")
    after = record(page, TYPES[kind])
    assert after["revealed"] is True and re.match(r"\d{4}-\d\d-\d\dT", after["revealed_at"])
    assert (
        after["attempts"] == 1 and after["first_try_correct"] is False and after["first_answer"] == rec["first_answer"]
    )
    keyed = feedback(root)
    assert keyed.startswith("The answer (shown on request")
    if kind in ("single", "multiple"):
        assert all(words(o["html"]) in words(keyed) for o in payload(root)["options"] if o["correct"])
    assert page.evaluate("document.activeElement.classList.contains('sb-show-key')")  # focus stayed
    page.reload()  # the key stays shown for a revealed exercise
    assert feedback(exercise(page, TYPES[kind])).startswith("The answer (shown on request")


def live_regions(page) -> list[dict]:
    """Every live region of the page's accessibility tree (Chromium's, over CDP): its politeness and text."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    live = {n["nodeId"]: p["value"]["value"] for n in nodes for p in n.get("properties", []) if p["name"] == "live"}
    parent = {c: n["nodeId"] for n in nodes for c in n.get("childIds", [])}

    def text(node_id):
        n = by_id.get(node_id)
        if not n:
            return ""
        own = (n.get("name") or {}).get("value", "") if n.get("role", {}).get("value") in ("StaticText", "text") else ""
        return own + " " + " ".join(text(c) for c in n.get("childIds", []))

    roots = [i for i, v in live.items() if v != "off" and not any(a in live for a in ancestors(i, parent))]
    return [{"live": live[i], "text": " ".join(text(i).split())} for i in roots]


def ancestors(node_id, parent):
    while node_id in parent:
        node_id = parent[node_id]
        yield node_id


@pytest.mark.parametrize("kind", list(TYPES))
def test_each_verdict_is_announced_once_politely_and_focus_stays(page, site, kind):
    page.goto(site + PAGE)
    root = exercise(page, TYPES[kind])
    if kind == "open":
        root.get_by_label("Your answer").fill("Trade only.")
    elif kind in ("single", "multiple", "evidence"):
        root.locator(".sb-choice input").first.check()
    elif kind in ("classify", "match"):
        for select in found(root.locator("select"), 3).all():
            select.select_option(index=1)
    within = f'.sb-exercise[data-exercise-id="{TYPES[kind]}"]'
    root.locator("button.sb-check").focus()
    page.keyboard.press("Enter")  # by keyboard, as a screen-reader user would
    verdict = root.locator(".sb-verdict").inner_text().strip()
    assert verdict
    regions = live_regions(page)
    assert regions, "no live region in the accessibility tree"
    holding = [r for r in regions if verdict.split(" — ")[0] in r["text"]]
    assert len(holding) == 1, (verdict, holding)
    assert holding[0]["live"] == "polite"
    assert page.evaluate("css => document.activeElement.matches(css)", f"{within} button.sb-check")
    # One live region per exercise: the order exercise's moves are announced in it too.
    assert root.locator('[aria-live], [role="status"], [role="alert"]').count() == 1


def test_order_by_keyboard_only(page, site):
    """Tab to each Move up button and press Enter until solved; every move is said in the one live region."""
    page.goto(site + PAGE)
    root = exercise(page, TYPES["order"])
    within = f'.sb-exercise[data-exercise-id="{TYPES["order"]}"]'
    answer = payload(root)["answer"]
    moves = 0
    for target, key in enumerate(answer):
        while shown(root, "li.sb-order-item").index(key) > target:
            tab_to(page, f'{within} li.sb-order-item[data-key="{key}"] button[aria-label^="Move up"]', back=True)
            page.keyboard.press("Enter")
            moves += 1
            assert feedback(root).startswith("Moved “")
            tab_to(page, f"{within} button.sb-check")  # from the far side, as a keyboard user moves on
    assert moves > 0 and shown(root, "li.sb-order-item") == answer
    tab_to(page, f"{within} button.sb-check")
    page.keyboard.press("Enter")
    assert feedback(root).startswith("✓ Correct")


def miss(page, root):
    """A wrong first try of a single-choice or evidence exercise."""
    wrong = next(o for o in payload(root)["options"] if not o["correct"])
    root.locator(f'.sb-choice[data-key="{wrong["key"]}"] input').check()
    root.locator("button.sb-check").click()


def queue(page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('sourcebook-review-v1') || '{}').items || {}")


MISSED = ["stronski-2018-byline", "stronski-2018-evidence", "stronski-2018-cite-figure"]


def test_missed_exercises_come_back_for_review_and_the_queue_moves_with_the_work_file(browser, site, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(site + PAGE)
    orders = {}
    for ex_id in MISSED:
        root = exercise(page, ex_id)
        orders[ex_id] = shown(root, ".sb-choice")
        miss(page, root)
    page.goto(site + "book/review.html")
    page.locator(".sb-review-summary").wait_for()
    assert page.locator(".sb-review-summary").inner_text() == "Nothing to review today."
    assert page.locator(".sb-review-item").count() == 0
    assert set(queue(page)) == set(MISSED) and all(i["box"] == 1 for i in queue(page).values())
    page.clock.set_system_time(START.replace("07T09", "08T10"))  # a day and an hour later
    page.goto(site + "book/intro.html")
    badge = page.locator('nav a[href$="review.html"] .sb-review-count')
    assert badge.inner_text() == "3 to review"
    assert page.locator('nav a[href$="progress.html"] .sb-review-count').inner_text() == "3 to review"
    page.goto(site + "book/review.html")
    items = page.locator(".sb-review-item")
    items.first.locator("button.sb-check").wait_for()
    assert items.count() == 3 and sorted(items.evaluate_all("els => els.map(e => e.dataset.exercise)")) == sorted(
        MISSED
    )
    reshuffled = sum(
        shown(items.nth(i), ".sb-choice") != orders[items.nth(i).get_attribute("data-exercise")] for i in range(3)
    )
    assert reshuffled >= 1  # a new order of options (and of the exercises: shuffled per visit)
    right, wrong = items.nth(0), items.nth(1)
    right_id, wrong_id = right.get_attribute("data-exercise"), wrong.get_attribute("data-exercise")
    data = json.loads(page.locator("script.sb-review-page-data").text_content())["exercises"]
    key = next(o["key"] for o in data[right_id]["options"] if o["correct"])
    right.locator(f'.sb-choice[data-key="{key}"] input').check()
    right.locator("button.sb-check").click()
    assert right.locator(".sb-review-outcome").inner_text() == "Right: up to box 2 of 4; it comes back in 3 days."
    bad = next(o["key"] for o in data[wrong_id]["options"] if not o["correct"])
    wrong.locator(f'.sb-choice[data-key="{bad}"] input').check()
    wrong.locator("button.sb-check").click()
    assert wrong.locator(".sb-review-outcome").inner_text() == "Missed: back to box 1; it comes back tomorrow."
    q = queue(page)
    assert q[right_id]["box"] == 2 and q[right_id]["due"].startswith("2026-12-11T10")
    assert q[wrong_id]["box"] == 1 and q[wrong_id]["due"].startswith("2026-12-09T10")
    assert record(page, right_id)["correct"] is False  # a review never writes the self-check record
    assert page.locator('nav a[href$="progress.html"] .sb-review-count').inner_text() == "1 to review"
    page.goto(site + "book/progress.html")
    with page.expect_download() as download:
        page.locator("button.sb-progress-download").click()
    path = tmp_path / "work.json"
    download.value.save_as(path)
    work = parse_work(path.read_bytes())
    assert work["version"] == 3 and {k: v["box"] for k, v in work["review"].items()} == {
        right_id: 2,
        wrong_id: 1,
        **{m: 1 for m in MISSED if m not in (right_id, wrong_id)},
    }
    context.close()

    fresh = browser.new_context()  # another computer: restore the file there
    other = fresh.new_page()
    other.clock.install(time=START.replace("07T09", "09T11"))  # two days after the misses
    other.goto(site + "book/progress.html")
    other.locator("#sb-restore-file").set_input_files(str(path))
    expect(other.locator(".sb-progress-status")).to_contain_text("3 review items")
    assert {k: v["box"] for k, v in queue(other).items()} == {k: v["box"] for k, v in work["review"].items()}
    other.goto(site + "book/review.html")
    other.locator(".sb-review-summary").wait_for()
    due = other.locator(".sb-review-item").evaluate_all("els => els.map(e => e.dataset.exercise)")
    assert sorted(due) == sorted(m for m in MISSED if m != right_id)  # box 2 waits three days
    fresh.close()


def test_a_chapter_tried_again_comes_back_unanswered_in_a_new_order_and_keeps_the_first_try(page, site):
    page.goto(site + PAGE)
    ids = [
        "stronski-2018-byline",
        "stronski-2018-hedges",
        "stronski-2018-evidence",
        "stronski-2018-cite-figure",
        "stronski-2018-ukraine-scenario",
        "stronski-2018-classify-theses",
        "stronski-2018-terms",
    ]
    before = {}
    for ex_id in ids:
        root = exercise(page, ex_id)
        kind = root.get_attribute("data-exercise-type")
        before[ex_id] = entries(root)
        if kind in ("single", "evidence"):
            miss(page, root)
            continue
        if kind == "multiple":
            root.locator(".sb-choice input").first.check()
        for select in (
            found(root.locator("select"), 3) if kind in ("classify", "match") else root.locator("select")
        ).all():
            select.select_option(index=1)
        root.locator("button.sb-check").click()
    first = {ex_id: record(page, ex_id) for ex_id in ids}
    page.goto(site + "book/progress.html")
    page.get_by_label("Try a chapter again").select_option("book/sources/stronski-2018")
    page.get_by_role("button", name="Clear its answers").click()
    status = page.locator(".sb-progress-status").inner_text()
    assert f"{len(ids)} answers cleared" in status and "Your first tries are kept" in status, status
    for ex_id in ids:
        rec = record(page, ex_id)
        kept = {k: first[ex_id][k] for k in ("first_try_correct", "first_answer", "attempts", "answer", "correct")}
        assert {k: rec[k] for k in kept} == kept and rec["round"] == 1 and rec["fresh"] is True
    page.goto(site + PAGE)
    after = {}
    for ex_id in ids:
        root = exercise(page, ex_id)
        kind = root.get_attribute("data-exercise-type")
        after[ex_id] = entries(root)
        assert feedback(root).strip() == ""
        assert root.locator("input:checked").count() == 0
        assert all(v == "" for v in root.locator("select").evaluate_all("ss => ss.map(s => s.value)"))
    assert sum(after[i] != before[i] for i in ids) >= len(ids) // 2  # a fresh order
    root = exercise(page, "stronski-2018-byline")
    key = next(o["key"] for o in payload(root)["options"] if o["correct"])
    root.locator(f'.sb-choice[data-key="{key}"] input').check()
    root.locator("button.sb-check").click()
    rec = record(page, "stronski-2018-byline")
    assert rec["correct"] is True and rec["fresh"] is False
    assert rec["first_try_correct"] is False and rec["first_answer"] == first["stronski-2018-byline"]["first_answer"]
