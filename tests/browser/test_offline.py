"""Offline after one visit, in Chromium: the service worker saves exactly the files the pages use,
every page works with the network cut, a second build at the same address is announced and taken
only on reload, and the progress page removes the offline copy."""

import os
import shutil

import pytest

from sourcebook.offline.serviceworker import page_files, write_worker
from sourcebook.paper.browser import serve

from ..test_book import html_pages

CACHED = """async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith("sourcebook-"));
  const urls = names.length === 1 ? (await (await caches.open(names[0])).keys()).map((r) => r.url) : [];
  return {names, urls};
}"""
NOTICE = "A new version of the course is available: reload"


@pytest.fixture
def served(book, tmp_path):
    """A copy of the build served on 127.0.0.1 through a symlink, so a second build can replace it at
    the same address. Yields the base URL, the first build's folder, and a function that serves the
    folder given instead."""
    live = tmp_path / "live"
    first = tmp_path / "first"
    shutil.copytree(book.html, first)
    live.symlink_to(first, target_is_directory=True)

    def serve_instead(folder):
        swap = tmp_path / "swap"
        swap.symlink_to(folder, target_is_directory=True)
        os.replace(swap, live)

    with serve(live) as base:
        yield base, first, serve_instead


def wait_until_saved(page):
    """The worker is active (its install, the whole precache, succeeded) and controls the page."""
    page.wait_for_function("navigator.serviceWorker.controller?.state === 'activated'", timeout=30000)


def test_the_whole_course_works_offline_and_a_new_build_is_announced(page, book, served, tmp_path):
    base, first, serve_instead = served
    page.goto(base)  # the home address: Jupyter Book's redirect to the intro
    page.wait_for_url("**/book/intro.html", wait_until="networkidle")
    wait_until_saved(page)
    cached = page.evaluate(CACHED)
    assert sorted(cached["urls"]) == sorted(base + name for name in page_files(book.html))
    assert not [u for u in cached["urls"] if "/_static/sourcebook/exercise.js" in u]  # pages link its classic form

    page.context.set_offline(True)
    page.goto(base)  # a folder's address is served as its index.html
    page.wait_for_url("**/book/intro.html", wait_until="networkidle")
    for path in html_pages(book):
        name = path.relative_to(book.html).as_posix()
        page.goto(base + name, wait_until="networkidle")
        if name == "index.html":  # Jupyter Book's redirect to the intro
            page.wait_for_url("**/book/intro.html", wait_until="networkidle")
        assert page.locator("h1").count(), name
    page.goto(base + "book/sources/stronski-2018.html")
    root = page.locator('.sb-exercise[data-exercise-id="stronski-2018-byline"]')
    root.get_by_label("It is a republication of a piece first published by the East Asia Forum.").check()
    root.locator("button.sb-check").click()
    assert root.locator(".sb-feedback").inner_text().startswith("✓ Correct")
    page.goto(base + "book/compare/charts.html")
    page.locator("#chart-event-timeline").scroll_into_view_if_needed()
    page.locator("#chart-event-timeline .sb-chart-view[data-drawn='1'] svg").wait_for()
    page.goto(base + "search.html?q=hegemony")
    page.wait_for_function(
        "/found \\d+ page/.test(document.querySelector('#search-results')?.textContent || '')", timeout=30000
    )
    page.goto(base + "book/progress.html")
    assert page.locator('tr[data-chapter="book/sources/stronski-2018"] .sb-count-correct').inner_text() == "1"

    # A second build at the same address: one page changed, so the worker's build hash changes.
    second = tmp_path / "second"
    shutil.copytree(first, second)
    intro = second / "book" / "intro.html"
    intro.write_text(intro.read_text(encoding="utf-8").replace("</h1>", " (second edition)</h1>", 1), encoding="utf-8")
    assert write_worker(second)["version"] != write_worker(first)["version"]
    serve_instead(second)
    page.context.set_offline(False)
    page.goto(base + "book/intro.html")
    notice = page.get_by_role("status").filter(has_text=NOTICE)
    notice.wait_for()
    assert "(second edition)" not in page.locator("h1").first.inner_text()  # the old build, whole, until reload
    with page.expect_navigation():
        notice.get_by_role("button", name="reload").click()
    assert "(second edition)" in page.locator("h1").first.inner_text()
    page.wait_for_function("caches.keys().then((k) => k.length === 1)")
    assert page.evaluate(CACHED)["urls"] and NOTICE not in page.locator("body").inner_text()


def test_the_progress_page_removes_the_offline_copy(page, site):
    page.goto(site + "book/progress.html")
    wait_until_saved(page)
    box = page.locator(".sb-offline-copy")
    box.get_by_text("saved in this browser for reading offline").wait_for()
    box.get_by_role("button", name="Remove the offline copy").click()
    box.get_by_role("status").filter(has_text="The offline copy was removed").wait_for()
    assert page.evaluate(CACHED)["names"] == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    page.reload()  # removed stays removed: no worker is registered again
    page.wait_for_timeout(500)
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    box.get_by_role("button", name="Save for offline reading").click()
    box.get_by_text("saved in this browser for reading offline").wait_for()


# Each edition's caches, by scope, and how many files each holds.
EDITION_CACHES = """async () => {
  const copies = {};
  for (const name of await caches.keys())
    if (name.startsWith("sourcebook-")) copies[name] = (await (await caches.open(name)).keys()).length;
  return copies;
}"""
SCOPES = "navigator.serviceWorker.getRegistrations().then((r) => r.map((reg) => reg.scope).sort())"


def test_each_edition_keeps_its_own_offline_copy(page, book, site):
    """With the English edition saved, a Russian page (first in the hands of the English worker, whose
    scope holds `ru/`) is not reloaded when its own edition's worker takes over, and is not told of a new
    version; both copies stay; the Russian progress page counts and removes only the Russian copy."""
    english, russian = len(page_files(book.html)), len(page_files(book.ru.html))
    page.goto(site + "book/intro.html")
    wait_until_saved(page)
    page.add_init_script("window.firstWorker = navigator.serviceWorker.controller?.scriptURL || null")
    # Documents loaded (not `framenavigated`: Sphinx's search highlighting calls history.replaceState on
    # every page, a same-document navigation).
    loads = []
    page.on("domcontentloaded", lambda p: loads.append(p.url))
    page.goto(site + "ru/book/intro.html")
    page.wait_for_function(
        "navigator.serviceWorker.controller?.scriptURL.endsWith('/ru/sw.js')"
        " && navigator.serviceWorker.controller.state === 'activated'",
        timeout=30000,
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # a reload on the take-over would have started by now
    assert loads == [site + "ru/book/intro.html"]
    assert page.evaluate("window.firstWorker") == site + "sw.js"  # the English worker had the page first
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "navigate"
    assert page.locator(".sb-update").inner_text() == ""  # not announced as a new version
    en_cache, ru_cache = f"sourcebook-{site}#", f"sourcebook-{site}ru/#"
    copies = page.evaluate(EDITION_CACHES)
    assert sorted(copies.values()) == sorted([english, russian]) and len(copies) == 2, copies
    assert [n for n in copies if n.startswith(en_cache)] and [n for n in copies if n.startswith(ru_cache)], copies
    assert page.evaluate(SCOPES) == [site, site + "ru/"]

    page.goto(site + "ru/book/progress.html")
    box = page.locator(".sb-offline-copy")
    state = box.locator(".sb-offline-state")
    state.filter(has_text=f"— {russian},").wait_for()  # «файлов — N, M МБ»: the Russian copy's files alone
    box.locator("button.sb-offline-toggle").click()
    box.locator(".sb-offline-status").filter(has_text="удалена").wait_for()
    copies = page.evaluate(EDITION_CACHES)
    assert list(copies.values()) == [english] and next(iter(copies)).startswith(en_cache), copies
    assert page.evaluate(SCOPES) == [site]  # the English edition's worker stays registered
    page.goto(site + "book/progress.html")
    page.locator(".sb-offline-state").filter(has_text=f"{english} files").wait_for()


def test_a_copy_saved_before_the_editions_had_caches_of_their_own_is_replaced(page, book, site):
    """A cache named by the old rule ("sourcebook-" + build hash) goes when its own edition's worker
    takes over; the other edition's stays until its own worker does."""
    english, russian = page_files(book.html)[0], "ru/" + page_files(book.ru.html)[0]
    page.goto(site + "_static/sourcebook/offline.js")  # the site's origin, no page: no worker yet
    page.evaluate(
        """async ([en, ru]) => {
          await (await caches.open("sourcebook-00000000000000e1")).put(en, new Response("old"));
          await (await caches.open("sourcebook-00000000000000f1")).put(ru, new Response("old"));
        }""",
        [site + english, site + russian],
    )
    page.goto(site + "book/intro.html")
    wait_until_saved(page)
    copies = page.evaluate(EDITION_CACHES)
    assert len(copies) == 2 and "sourcebook-00000000000000f1" in copies, copies
    assert [n for n in copies if n.startswith(f"sourcebook-{site}#")], copies
