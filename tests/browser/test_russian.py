"""The Russian edition (`_build/html/ru/`) in Chromium, as a student uses it: search in Russian, every page on
a 320-pixel phone, a note and an open answer through a reload, an exercise by keyboard, and the `make dist`
copy opened from disk."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

from playwright.sync_api import expect

from ..conftest import guard
from ..test_book import html_pages
from .found import found
from .test_keyboard import answer_selects, press_check, start, verdict
from .test_phones import CARD_LABELS, DRAW_CHARTS, SMALL_TARGETS
from .test_workfile import exercise, pick

RU = "ru/"
STRONSKI = RU + "book/sources/stronski-2018.html"
# Sphinx's summary once the search is done, in Russian (sourcebook/translation/sphinxjs.py): its count.
SUMMARY = "document.querySelector('#search-results .search-summary')?.textContent.match(/найдено страниц: (\\d+)/)"


def search(page, site, query: str) -> list[str]:
    """The addresses (absolute, without query or anchor) of the pages the Russian search lists for `query`,
    as many as its Russian summary says."""
    page.goto(site + RU + "search.html?q=" + quote(query))
    count = int(page.wait_for_function(SUMMARY, timeout=30000).json_value()[1])
    page.wait_for_load_state("networkidle")  # the snippets' fetches of each result page are done too
    hrefs = found(page.locator("#search-results li a")).evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == count, (count, hrefs)
    return sorted({href.split("#")[0].split("?")[0] for href in hrefs})


def test_search_in_russian(page, site, book):
    """An inflected Russian word finds the pages that use any of its forms (Sphinx's Russian stemmer, shipped
    with the edition), an English source word quoted in the Russian commentary is found too, and every result
    is a page of the Russian edition."""
    assert (book.ru.html / "_static" / "russian-stemmer.js").is_file()
    # «хеджированием» (instrumental case) is the rarest form in the pages: found by its stem, on every page
    # that says «хеджирование», «хеджирования», «хеджировании» …
    hedging = search(page, site, "хеджированием")
    stem_pages = {
        p.relative_to(book.ru.html).as_posix()
        for p in html_pages(book.ru)
        if "хеджировани" in p.read_text(encoding="utf-8").split("<main", 1)[-1].lower()
    }
    assert len(hedging) >= 5
    assert site + RU + "book/theses/hedging.html" in hedging
    assert {h.removeprefix(site + RU) for h in hedging} <= stem_pages, hedging
    # Stronski's own words, quoted verbatim in the Russian chapter: the English source text is indexed too.
    quoted = search(page, site, "seems unconcerned")
    assert site + STRONSKI in quoted
    results = hedging + quoted
    assert len(results) >= 6 and all(h.startswith(site + RU) for h in results), results


def test_every_russian_page_fits_a_320_pixel_phone(book, site, browser):
    """Every page of the Russian edition at 320×640 on a touch screen (light): no wider than the screen, the
    sourcing cards' Russian labels unbroken inside a word, thumb-sized exercise controls, and no off-host
    request, failed response or console error."""
    from sourcebook.citations import CARD_LABELS as FIELDS

    pages = [RU + p.relative_to(book.ru.html).as_posix() for p in html_pages(book.ru)]
    english = html_pages(book)
    assert len(pages) == len(english) >= 25  # the Russian edition has every page of the English one
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    report, cards, small = {}, {}, {}
    started = time.perf_counter()
    for name in pages:
        page = context.new_page()
        problems = guard(page)
        page.goto(site + name, wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "ru", name
        assert page.evaluate(DRAW_CHARTS), name
        width = page.evaluate("document.documentElement.scrollWidth")
        labels = page.evaluate(CARD_LABELS)
        if labels:
            cards[name] = labels
        small[name] = page.evaluate(SMALL_TARGETS)
        broken = [f"{label['label']}: {label['broken']}" for label in labels if label["broken"]]
        report[name] = ([f"scrollWidth {width}"] if width > 320 else []) + broken + problems.all()
        page.close()
    context.close()
    print(f"{len(pages)} Russian pages at 320 px in {time.perf_counter() - started:.1f} s")
    sources = [p for p in pages if p.startswith(RU + "book/sources/")]
    assert len(sources) == 5 and sorted(cards) == sorted(sources)  # one sourcing card on each source page
    assert all(len(labels) == len(FIELDS) and all(label["words"] for label in labels) for labels in cards.values())
    assert {name: r for name, r in report.items() if r} == {}
    assert {name: s for name, s in small.items() if s} == {}


NOTE = "Россия признаёт экономическое лидерство Китая: «seems unconcerned»."
ANSWER = "Торговля не тревожит Москву (¶7), безопасность тревожит (¶12)."


def test_a_note_and_an_answer_survive_a_reload_in_russian(page, site):
    """On a Russian source page: a note on ¶7 saved, an open answer typed (not checked), then a reload: both
    are there, shown in the Russian interface."""
    page.goto(site + STRONSKI, wait_until="networkidle")
    page.get_by_role("button", name="Добавить заметку к Стронски 2018 ¶7", exact=True).click()
    form = page.locator("form.sb-note-form")
    form.get_by_label("Заметка", exact=True).fill(NOTE)
    form.get_by_role("button", name="Сохранить заметку").click()
    assert page.get_by_role("status").filter(has_text="Заметка к Стронски 2018 ¶7 сохранена.").count() == 1
    box = exercise(page, "stronski-2018-uneasy").get_by_label("Ваш ответ")
    box.click()
    page.keyboard.type(ANSWER)
    expect(exercise(page, "stronski-2018-uneasy").locator(".sb-kept")).to_have_text("Сохранено в этом браузере")

    page.reload(wait_until="networkidle")
    notes = found(page.locator("#stronski-2018-p7 + .sb-note-bar li.sb-note"))
    assert notes.count() == 1
    assert notes.locator(".sb-note-body").inner_text() == NOTE
    assert notes.locator(".sb-note-quoted").inner_text() == "Ко всему абзацу"
    stored = json.loads(page.evaluate("localStorage.getItem('sourcebook-notes-v1')"))
    assert [(n["paragraph"], n["text"]) for n in stored["notes"].values()] == [("stronski-2018:p7", NOTE)]
    assert exercise(page, "stronski-2018-uneasy").get_by_label("Ваш ответ").input_value() == ANSWER


def test_classify_by_keyboard_in_russian(page, site):
    """A classify exercise on a Russian page answered with Tab, the arrows and Enter only; the verdict in
    Russian. (Single choice and evidence are played in both editions by test_keyboard.py.)"""
    root, data, within = start(page, site, "stronski-2018-classify-theses", RU)
    assert len(data["items"]) >= 3
    answer_selects(page, within, [item["answer"] for item in data["items"]])
    press_check(page, within)
    assert verdict(root).startswith("✓ Верно"), verdict(root)


def test_the_dist_zip_opens_the_russian_edition_from_disk(disk):
    """`make dist` zips both editions: unzipped, a Russian source page opened on file:// has every exercise
    wired and checks an answer in Russian, with no error and no request outside the unzipped folder."""
    base, page = disk
    page.goto(base + STRONSKI, wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "ru"
    exercises = found(page.locator("div.sb-exercise"), 10).count()
    page.wait_for_function(f"document.querySelectorAll('div.sb-exercise[data-wired]').length === {exercises}")
    root = exercise(page, "stronski-2018-byline")
    pick(root, False)
    assert root.locator(".sb-feedback").inner_text().startswith("✗")
    pick(root, True)
    assert root.locator(".sb-feedback").inner_text().startswith("✓ Верно")
    page.goto(base + RU + "book/progress.html", wait_until="networkidle")
    row = page.locator('tr[data-chapter="book/sources/stronski-2018"]')
    assert row.locator(".sb-count-attempted").inner_text() == "1"
