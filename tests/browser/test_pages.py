"""Every built page in Chromium: no request off 127.0.0.1, no failed response, no page or console error."""

import re

import pytest

from ..test_book import RUSSIAN_PAGES, html_pages
from .found import found


def test_every_page_is_clean_offline(book, site, browser):
    from ..conftest import guard

    pages = [p.relative_to(book.html).as_posix() for p in html_pages(book)] + list(RUSSIAN_PAGES)
    assert len(pages) >= 13
    context = browser.new_context()
    report = {}
    for name in pages:
        page = context.new_page()
        problems = guard(page)
        page.goto(site + name, wait_until="networkidle")
        page.wait_for_timeout(150)  # late console errors from deferred scripts
        report[name] = problems.all()
        page.close()
    context.close()
    assert {name: p for name, p in report.items() if p} == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_paragraph_link_opens_the_paragraph(page, site, theme):
    page.goto(site + "book/intro.html")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    link = page.locator("a.sb-cite", has_text="Stronski 2018 ¶7").first
    assert "Russia seems unconcerned" in link.get_attribute("title")
    link.click()
    page.wait_for_url("**/stronski-2018.html#stronski-2018-p7")
    target = page.locator("#stronski-2018-p7")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "stronski-2018-p7"


def test_search_works_from_the_search_page_only(page, site, book):
    """The search index loads only on search.html (lighter pages), and search still finds the sources."""
    assert "searchindex.js" not in book.page("book/intro.html")
    page.goto(site + "search.html?q=hegemony")
    # Sphinx lists results one by one, then writes its summary: wait for the summary.
    page.wait_for_function(
        "/found \\d+ page/.test(document.querySelector('#search-results')?.textContent || '')", timeout=30000
    )
    hrefs = [a.get_attribute("href") or "" for a in found(page.locator("#search-results li a")).all()]
    assert any("recalibration-2023" in h for h in hrefs), hrefs


def test_sidebar_button_hides_the_sidebar_on_a_wide_screen(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "book/intro.html")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.get_by_role("button", name="Toggle primary sidebar").click()
    sidebar.wait_for(state="hidden")
    page.get_by_role("button", name="Toggle primary sidebar").click()
    sidebar.wait_for(state="visible")


def test_sidebar_button_opens_the_navigation_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "book/sources/stronski-2018.html")
    assert not page.get_by_role("link", name="Glossary").first.is_visible()
    page.get_by_role("button", name="Toggle primary sidebar").click()
    dialog = page.locator("dialog#pst-primary-sidebar-modal")
    dialog.get_by_role("link", name="Glossary").click()
    page.wait_for_url("**/book/glossary.html")


# What the course's machinery and page scripts write into a page (not the chapters' prose, whose catalogues
# the translators keep, nor the theme's header, sidebars and footer): the charts and the map with what
# vega drew, the exercises, the notes, progress, review, concordance, written-answer, feedback and
# offline widgets, the source cards, the review count on the menu, the untranslated-page notice.
MACHINERY = (
    ".sb-chart, .sb-exercise, .sb-progress, .sb-review-page, .sb-notes, .sb-mynotes, .sb-essay-plan, "
    ".sb-concordance, .sb-written, .sb-feedback-viewer, .sb-offline-copy, .sb-review-count, .sb-source-card, "
    ".sb-untranslated, .sb-note-bar"
)
ENGLISH_RUNS = r"""([selector, skip]) => {
  // Text and the attributes a reader meets (tooltips, labels), outside what is English by design.
  const outside = (el) => !el.closest(skip);
  const runs = [];
  let words = 0;
  const RUN = /[A-Za-z][A-Za-z'’]*(?:[\s,()\-–—/]+[A-Za-z][A-Za-z'’]*){2,}/g;  // within a clause
  const check = (text) => {
    text = text.replace(/[\w-]+:p\d+|\S*\.html\S*|https?:\/\/\S+/g, " ");  // paragraph ids, addresses
    words += (text.match(/\p{L}+/gu) || []).length;
    for (const m of text.matchAll(RUN)) runs.push(m[0]);
  };
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (outside(n.parentElement)) check(n.textContent);
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (!outside(el)) continue;
      for (const name of ["title", "aria-label", "placeholder", "alt"]) {
        const value = el.getAttribute(name);
        // vega describes each axis and legend in English itself ("X-axis titled …"): not the course's words
        if (value && !(name === "aria-label" && el.matches("[aria-roledescription=axis], [aria-roledescription=legend]"))) check(value);
      }
    }
  }
  return { runs, words, roots: document.querySelectorAll(selector).length };
}"""
SKIP_ENGLISH = "[lang=en], code, pre, script, style, .sb-source-text, .sb-passage, a.sb-cite[title]"


def english_runs(page, quotable) -> tuple[list[str], int, int]:
    """The runs of three or more English words the course writes on this page, not the sources' own words
    (verbatim in a text, or a title, author or venue of a source or a bibliography entry); a paragraph's
    hover preview is the source's text."""
    found = page.evaluate(ENGLISH_RUNS, [MACHINERY, SKIP_ENGLISH])
    runs = [r for r in found["runs"] if r.strip(" ,;:()-–—/") not in quotable]
    return runs, found["words"], found["roots"]


def test_the_russian_pages_show_no_english_the_course_writes(book, site, browser):
    """Every Russian page after its scripts ran (charts drawn, a wrong try made, the review count shown):
    no run of three or more English words in what the machinery and scripts write, outside `lang="en"`."""
    from sourcebook.bibliography import read_bib
    from sourcebook.course import load_course
    from sourcebook.places.boundaries import countries
    from sourcebook.sources import Quotable

    from ..conftest import ROOT

    course = load_course(ROOT)
    texts = [p.text for s in course.corpus.values() for p in s.paragraphs]
    texts += [str(v) for s in course.corpus.values() for v in (s.title, s.author, s.venue, s.date)]
    texts += [
        v for entry in read_bib(ROOT / "book" / "references.bib").values() for k, v in entry.items() if k != "note"
    ]
    # the titles of the works the map's places rest on, and the boundary file's country names, as written
    texts += [p.reference_label for p in course.places if p.reference]
    texts += list(countries())
    # outside words quoted with their reference (lateral reading, bibliography notes)
    texts += [q for text in course.outside for q in re.findall(r'"([^"]+)"|“([^”]+)”', text) for q in q if q]
    quotable = Quotable(texts)
    pages = sorted(
        p.relative_to(book.html).as_posix() for p in (book.html / "ru").rglob("*.html") if "_static" not in p.parts
    )
    assert len(pages) >= 25, pages
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    # One missed exercise, due for review: every page's menu shows the count.
    context.add_init_script(
        "localStorage.setItem('sourcebook-review-v1', JSON.stringify({format: 'sourcebook-review', version: 1,"
        " items: {'stronski-2018-byline': {box: 1, due: '2020-01-01T00:00:00Z', updated: '2020-01-01T00:00:00Z'}}}))"
    )
    page = context.new_page()
    english, words, roots, charts = {}, 0, 0, 0
    for name in pages:
        page.goto(site + name, wait_until="networkidle")
        for figure in page.locator(".sb-chart").all():
            figure.scroll_into_view_if_needed()
            figure.locator(".sb-chart-view svg, .sb-chart-view canvas").first.wait_for(timeout=30000)
            charts += 1
        choice = page.locator(".sb-exercise input[type=radio]").first
        if choice.count():
            choice.check()
            page.locator(".sb-exercise button", has_text="Проверить").first.click()
        runs, counted, found_roots = english_runs(page, quotable)
        words, roots = words + counted, roots + found_roots
        if runs:
            english[name] = sorted(set(runs))
    # the scan sees English where the machinery writes it: a Russian page given one English sentence
    page.goto(site + "ru/book/progress.html", wait_until="networkidle")
    page.evaluate("document.querySelector('.sb-progress').append('Download your work file here.')")
    planted = english_runs(page, quotable)[0]
    context.close()
    assert charts >= 4 and roots > 100 and words > 5000, (charts, roots, words)
    assert planted == ["Download your work file here"], planted
    assert english == {}, english
