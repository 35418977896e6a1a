"""The `make dist` zip, unzipped and opened from disk (file://) in Chromium: pages, an exercise, the
progress page, a chart and the concordance work, with no page or console error."""

import zipfile

from sourcebook.offline.dist import make_zip

from ..test_book import html_pages


def test_the_zip_holds_the_site_under_one_folder(book, tmp_path):
    names = zipfile.ZipFile(make_zip(book.html, tmp_path / "c.zip")).namelist()
    assert "c/index.html" in names and "c/book/sources/stronski-2018.html" in names
    assert all(n.startswith("c/") for n in names) and "c/.buildinfo" not in names
    assert make_zip(book.html, tmp_path / "c.zip").read_bytes() == (tmp_path / "c.zip").read_bytes()


def test_the_course_works_from_disk(disk, book):
    base, page = disk
    pages = html_pages(book)
    assert len(pages) >= 25
    for path in pages:  # every page opens without an error; leaving it only once its loads are done (a
        # navigation that cut off a load still in flight, the vega bundle say, was counted as a failure)
        page.goto(base + path.relative_to(book.html).as_posix(), wait_until="networkidle")
    page.goto(base + "book/sources/stronski-2018.html")
    root = page.locator('.sb-exercise[data-exercise-id="stronski-2018-byline"]')
    root.get_by_label("It was first published by the Carnegie Endowment for International Peace.").check()
    root.locator("button.sb-check").click()
    assert root.locator(".sb-feedback").inner_text().startswith("✗ Not quite")
    root.get_by_label("It is a republication of a piece first published by the East Asia Forum.").check()
    root.locator("button.sb-check").click()
    assert root.locator(".sb-feedback").inner_text().startswith("✓ Correct")

    page.goto(base + "book/progress.html")
    row = page.locator('tr[data-chapter="book/sources/stronski-2018"]')
    assert row.locator(".sb-count-attempted").inner_text() == "1"
    assert row.locator(".sb-count-correct").inner_text() == "1"

    page.goto(base + "book/compare/charts.html")
    for chart in ("stance-matrix", "event-timeline"):
        page.locator(f"#chart-{chart}").scroll_into_view_if_needed()
        page.locator(f"#chart-{chart} .sb-chart-view[data-drawn='1'] svg").wait_for()

    page.goto(base + "book/compare/concordance.html")
    page.get_by_label("Search the five sources for a word or phrase").fill("SCO")
    page.wait_for_function("document.querySelector('.sb-kwic-summary').textContent.includes('in 3 of 5 sources')")
