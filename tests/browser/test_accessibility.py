"""axe-core on every built page, in light and dark mode: no serious or critical violation."""

import pytest

from ..test_book import html_pages


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_or_critical_violations(book, site, browser, mode):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context()
    found = {}
    for path in html_pages(book):
        name = path.relative_to(book.html).as_posix()
        if name in ("genindex.html", "index.html"):  # generated index and a redirect page
            continue
        page = context.new_page()
        page.goto(site + name, wait_until="networkidle")
        page.evaluate(
            f"document.documentElement.dataset.theme = '{mode}'; document.documentElement.dataset.mode = '{mode}'"
        )
        page.wait_for_timeout(100)
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[name] = bad
        page.close()
    context.close()
    assert found == {}
