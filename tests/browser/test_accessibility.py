"""axe-core on every built page, in light and dark mode: no serious or critical violation."""

import pytest

from ..test_book import html_pages
from .test_phones import DRAW_CHARTS


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_or_critical_violations(book, site, browser, mode):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=mode)  # the course follows the system's mode by itself
    found, checked = {}, 0
    for path in html_pages(book):
        name = path.relative_to(book.html).as_posix()
        if name in ("genindex.html", "index.html"):  # generated index and a redirect page
            continue
        page = context.new_page()
        page.goto(site + name, wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode, name
        assert page.evaluate(DRAW_CHARTS), name  # charts and the map in this mode's palette, checked too
        results = axe.run(page)
        checked += 1
        bad = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[name] = bad
        page.close()
    context.close()
    assert checked >= 25 and found == {}
