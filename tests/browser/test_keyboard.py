"""Keyboard-only walkthroughs: every exercise type, the concordance and the chart's source menu.

No clicks and no programmatic form filling: only Tab, arrows, Space, Enter and typing.
"""

import json

import pytest

from .found import found
from .keys import choose_in_select, tab_to
from .redraw import redrawn

PAGE = "book/sources/stronski-2018.html"


def start(page, site, ex_id, edition=""):
    page.goto(site + edition + PAGE)
    root = page.locator(f'.sb-exercise[data-exercise-id="{ex_id}"]')
    root.locator("button.sb-check").wait_for()
    data = json.loads(root.locator("script.sb-exercise-data").text_content())
    for field, css, kinds in (  # as this student sees them
        ("options", ".sb-choice", ("single", "multiple", "evidence")),
        ("items", "li.sb-item[data-key]", ("classify",)),
    ):
        if data["type"] in kinds:
            shown = found(root.locator(css), len(data[field])).evaluate_all("els => els.map(e => e.dataset.key)")
            by_key = {entry["key"]: entry for entry in data[field]}
            data[field] = [by_key[k] for k in shown]
    within = f'.sb-exercise[data-exercise-id="{ex_id}"]'
    return root, data, within


def press_check(page, within):
    tab_to(page, f"{within} button.sb-check")
    page.keyboard.press("Enter")


def verdict(root):
    return root.locator('[role="status"]').inner_text().strip()


def pick_radio(page, within, index: int):
    """Tab into a radio group, select its first radio with Space, then arrow down to `index`."""
    tab_to(page, f"{within} input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def answer_selects(page, within, values):
    """Fill the exercise's <select>s in order, each reached with Tab and set with the arrows."""
    for value in values:
        tab_to(page, f"{within} select")  # the next select, past any passage links in between
        choose_in_select(page, value)
        page.keyboard.press("Tab")


@pytest.mark.parametrize("edition", ["", "ru/"], ids=["en", "ru"])
@pytest.mark.parametrize("ex_id", ["stronski-2018-byline", "stronski-2018-evidence"], ids=["single", "evidence"])
def test_pick_one_by_keyboard(page, site, ex_id, edition):
    """Single choice and pick-the-evidence: one radio group, answered the same way (in both editions)."""
    root, data, within = start(page, site, ex_id, edition)
    pick_radio(page, within, next(i for i, o in enumerate(data["options"]) if o["correct"]))
    press_check(page, within)
    assert verdict(root).startswith("✓")


def test_multiple_by_keyboard(page, site):
    root, data, within = start(page, site, "stronski-2018-hedges")
    tab_to(page, f"{within} input[type=checkbox]")
    for option in data["options"]:
        if option["correct"]:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    press_check(page, within)
    assert verdict(root).startswith("✓ Correct")


def test_classify_by_keyboard(page, site):
    root, data, within = start(page, site, "stronski-2018-classify-theses")
    answer_selects(page, within, [item["answer"] for item in data["items"]])
    press_check(page, within)
    assert verdict(root).startswith("✓ Correct")


def test_match_by_keyboard(page, site):
    root, data, within = start(page, site, "stronski-2018-terms")
    answer_selects(page, within, [data["answer"][left["key"]] for left in data["left"]])
    press_check(page, within)
    assert verdict(root).startswith("✓ Correct")


def test_open_response_by_keyboard(page, site):
    root, data, within = start(page, site, "stronski-2018-uneasy")
    tab_to(page, f"{within} textarea")
    page.keyboard.type("Unconcerned about trade (¶7), uneasy about security (¶12).")
    press_check(page, within)
    assert verdict(root).startswith("Model answer revealed")
    for _ in data["rubric"]:
        tab_to(page, f"{within} input[type=checkbox]:not(:checked)")
        page.keyboard.press("Space")
    tab_to(page, f"{within} button:not(.sb-check)")
    while page.evaluate("document.activeElement.textContent.trim()") != "Save self-assessment":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert verdict(root).startswith(f"Self-assessment saved: {len(data['rubric'])} of {len(data['rubric'])}")


def test_concordance_by_keyboard(page, site):
    page.goto(site + "book/compare/concordance.html")
    tab_to(page, '.sb-concordance input[type="search"]')
    page.keyboard.type("hegemony")
    page.wait_for_function("document.querySelector('.sb-kwic-summary').textContent.includes('hegemony')")
    assert "in 3 of 5 sources" in page.locator(".sb-kwic-summary").inner_text()
    tab_to(page, ".sb-kwic-column a.sb-cite")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sources/*.html#*-p*")


def test_chart_source_menu_by_keyboard(page, site):
    page.goto(site + "book/compare/charts.html")
    page.keyboard.press("End")  # scroll with the keyboard: charts are drawn as they come near
    page.keyboard.press("Home")
    tab_to(page, "#chart-stance-matrix .sb-chart-view")  # focusable chart; drawing starts on the way
    page.wait_for_selector("#chart-stance-matrix .sb-chart-view[data-drawn='1'] svg")
    bars = "#chart-stance-matrix svg .mark-rect path"
    before = page.locator(bars).count()
    tab_to(page, "#chart-stance-matrix .vega-bindings select")
    page.keyboard.press("ArrowDown")  # from "All sources" to the first source
    assert 0 < redrawn(page, bars, before) < before


@pytest.mark.parametrize("width", [360, 1280])
def test_the_exercises_are_a_few_tabs_from_the_top_of_a_source(page, site, width):
    """ "Jump to the exercises", at the top of each source page: a few Tab presses from the page's top (it was
    304 to the first exercise), and Enter then Tab lands in the first exercise; a feedback's "Read ¶N" link
    offers the way back to its exercise."""
    page.set_viewport_size({"width": width, "height": 800})
    for name in ("unsigned-article", "stronski-2018", "firdous-2023", "recalibration-2023", "carnegie-tsinghua-2016"):
        page.goto(site + f"book/sources/{name}.html", wait_until="networkidle")
        tab_to(page, ".sb-jump a", limit=40)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.closest('.sb-exercise')?.id")
        assert first == page.locator(".sb-exercise").first.get_attribute("id"), name
    page.goto(site + "book/sources/stronski-2018.html")
    root = page.locator('.sb-exercise[data-exercise-id="stronski-2018-byline"]')
    root.locator(".sb-choice input").first.check()
    root.locator("button.sb-check").click()
    read = root.locator(".sb-read a").first
    target = read.get_attribute("href").split("#")[1]
    read.click()
    back = page.locator(f"#{target} + a.sb-back-to-exercise")
    assert back.inner_text() == "↩ Back to the exercise"
    back.click()
    page.wait_for_url("**#ex-stronski-2018-byline")
    assert page.locator("a.sb-back-to-exercise").count() == 0
