"""Self-checks measure reading: a student who never reads scores no better than chance.

Plays the test-wise student over the whole built course, both editions, in Chromium: always the first
option, and always the longest, on every single-choice and pick-the-evidence exercise; and checks that
the order each student sees is their own (stable across a reload, different for another browser profile).
"""

import re
from collections import Counter

import pytest

from sourcebook.translation import EDITIONS

from .found import found

KEYED = ("single", "evidence")
SHUFFLED = {
    "single": ".sb-choice",
    "multiple": ".sb-choice",
    "evidence": ".sb-choice",
    "classify": "li.sb-item[data-key]",
    "match": "ul.sb-match-right li",
}


def pages_with(book, types) -> list[str]:
    """Built pages (relative paths) of both editions holding an exercise of one of `types`."""
    pattern = re.compile(r'data-exercise-type="(' + "|".join(types) + ')"')
    return sorted(
        str(p.relative_to(book.html)) for p in book.html.rglob("*.html") if pattern.search(p.read_text("utf-8"))
    )


def edition(name: str) -> str:
    """The edition of a built page (its path from the English site's root): "ru" for `ru/…`, else "en"."""
    top = name.split("/", 1)[0]
    return top if top in EDITIONS else "en"


def wired(page, url):
    page.goto(url)
    page.wait_for_function("[...document.querySelectorAll('div.sb-exercise')].every(e => e.dataset.wired)")


def play(page, url, strategy) -> list[bool]:
    """Answer every keyed exercise of the page by `strategy` (index of the option to pick); True if right,
    by the verdict's kind (`data-verdict`, the same in every edition), not its words."""
    wired(page, url)
    outcomes = []
    for root in found(page.locator(", ".join(f'.sb-exercise[data-exercise-type="{t}"]' for t in KEYED))).all():
        labels = root.locator(".sb-choice label").all_inner_texts()
        root.locator(".sb-choice input").nth(strategy(labels)).check()
        root.locator("button.sb-check").click()
        outcomes.append(root.locator(".sb-verdict").get_attribute("data-verdict") == "correct")
    return outcomes


def first(labels):
    return 0


def longest(labels):
    return max(range(len(labels)), key=lambda i: len(labels[i].strip()))


@pytest.mark.parametrize("strategy", [first, longest], ids=["always-first", "always-longest"])
def test_a_student_who_never_reads_scores_under_40_percent(browser, book, site, strategy):
    pages = pages_with(book, KEYED)
    scores = []
    # Three students (fresh browser profiles), each with their own order; length does not depend on it.
    for _ in range(3 if strategy is first else 1):
        context = browser.new_context()
        page = context.new_page()
        played = {name: play(page, site + name, strategy) for name in pages}
        context.close()
        outcomes = [ok for name in pages for ok in played[name]]
        scores.append(sum(outcomes) / len(outcomes))
    per_page = Counter(edition(name) for name in pages)
    per_exercise = Counter(edition(name) for name in pages for _ in played[name])
    right = Counter(edition(name) for name in pages for ok in played[name] if ok)
    print(f"{strategy.__name__}: {[f'{s:.0%}' for s in scores]} over {len(outcomes)} exercises")
    print(f"played per edition: pages {dict(per_page)}, exercises {dict(per_exercise)}, right {dict(right)}")
    assert per_page.keys() == per_exercise.keys() == {"en", "ru"} and min(per_exercise.values()) >= 30
    # the verdict is read in each edition: some guesses are right (by chance), in Russian as in English
    assert right.keys() == {"en", "ru"}, right
    assert sum(scores) / len(scores) < 0.40, scores


def orders(page, site, pages) -> dict[tuple[str, str], list[str]]:
    """(page, exercise id) -> the keys of its shuffled entries, as shown (an exercise has one id in both
    editions, so the page tells them apart)."""
    seen = {}
    for name in pages:
        wired(page, site + name)
        for root in found(page.locator("div.sb-exercise")).all():
            kind = root.get_attribute("data-exercise-type")
            if kind in SHUFFLED:
                seen[name, root.get_attribute("data-exercise-id") or ""] = root.locator(SHUFFLED[kind]).evaluate_all(
                    "els => els.map(e => e.dataset.key)"
                )
    return seen


def test_each_student_keeps_an_order_of_their_own(browser, book, site):
    pages = pages_with(book, SHUFFLED)
    one = browser.new_context()
    page = one.new_page()
    mine = orders(page, site, pages)
    assert orders(page, site, pages) == mine  # reloaded: the same order
    other = browser.new_context()
    theirs = orders(other.new_page(), site, pages)
    one.close()
    other.close()
    assert mine.keys() == theirs.keys() and len(mine) >= 40
    per_edition = Counter(edition(name) for name, _ in mine)
    print(f"orders compared per edition: pages {dict(Counter(map(edition, pages)))}, exercises {dict(per_edition)}")
    assert per_edition.keys() == {"en", "ru"} and min(per_edition.values()) >= 40
    assert all(sorted(mine[k]) == sorted(theirs[k]) for k in mine)  # same entries, same stable keys
    differ = sum(mine[k] != theirs[k] for k in mine)
    assert differ > len(mine) / 2, f"only {differ} of {len(mine)} exercises differ between two students"
