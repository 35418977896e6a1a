"""The Assignments page of the student edition, in Chromium: questions numbered as the notebook, handout,
CSV and feedback number them; written-answer boxes the full width, growing with the text; no instructor
command and no instructor banner."""

import pytest

from sourcebook.course import load_course

LONG = " ".join(["Stronski's removed link leaves only his word."] * 36)  # about 250 words


@pytest.mark.parametrize("width", [1280, 320])
def test_written_answer_boxes_are_full_width_and_grow_with_the_text(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + "book/assignments.html")
    box = page.get_by_label("Your answer to question 6")
    box.wait_for()
    room = page.evaluate("() => document.querySelector('#assignment-week-1-sourcing').getBoundingClientRect().width")
    before = box.bounding_box()
    assert before["width"] >= room - 1 and before["height"] >= 150, (before, room)
    box.fill(LONG)
    page.wait_for_timeout(100)
    after = box.bounding_box()
    scroll = box.evaluate("el => el.scrollHeight")
    assert after["height"] > before["height"] and after["height"] >= scroll, (before, after, scroll)
    context.close()


def test_questions_are_numbered_once_and_students_see_no_instructor_command(page, site):
    page.goto(site + "book/assignments.html")
    a = load_course().assignments["week-1-sourcing"]
    numbers = page.locator("#assignment-week-1-sourcing p.rubric").all_inner_texts()
    assert numbers == [f"Question {n}" for n in range(1, len(a.exercises) + len(a.prompts) + 1)] and len(numbers) == 6
    assert page.get_by_label(f"Your answer to question {len(a.exercises) + 1}").count() == 1
    assert page.locator(".sb-assignment-export").count() == 0 and "python -m sourcebook" not in page.content()
    assert page.locator(".sb-edition-banner").count() == 0
