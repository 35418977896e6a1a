"""Every built page in Chromium: no request off 127.0.0.1, no failed response, no page or console error."""

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
