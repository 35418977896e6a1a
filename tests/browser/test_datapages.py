"""Charts and the concordance in Chromium, offline: drawn, tooltips, selection, search."""

from sourcebook.concordance import counts as python_counts
from sourcebook.course import load_course

from .found import found
from .redraw import redrawn


def test_charts_draw_and_show_tooltips(page, site):
    page.goto(site + "book/compare/charts.html")
    figures = page.locator("figure.sb-chart")
    assert figures.count() == 3
    for i in range(3):  # each chart is drawn when it comes near the viewport
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).locator(".sb-chart-view[data-drawn='1'] svg").wait_for()
    point = page.locator(
        "#chart-stance-matrix svg path[aria-roledescription='point'], #chart-stance-matrix svg .mark-symbol path"
    ).first
    point.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "Quote" in tooltip.inner_text()


def test_clicking_a_source_filters_the_bars(page, site):
    page.goto(site + "book/compare/charts.html")
    page.locator("#chart-stance-matrix").scroll_into_view_if_needed()
    page.wait_for_selector("#chart-stance-matrix .sb-chart-view[data-drawn='1'] svg")
    bars = "#chart-stance-matrix svg .mark-rect path"
    before = page.locator(bars).count()
    page.locator("#chart-stance-matrix svg .mark-symbol path").first.click()
    assert 0 < redrawn(page, bars, before) < before


def test_concordance_finds_a_term_in_every_source_that_uses_it(page, site):
    page.goto(site + "book/compare/concordance.html")
    box = page.get_by_label("Search the five sources for a word or phrase")
    box.fill("SCO")
    page.wait_for_function("document.querySelector('.sb-kwic-summary').textContent.includes('SCO')")
    counts = {
        row.get_attribute("data-source"): int(row.locator(".sb-kwic-count").inner_text())
        for row in found(page.locator(".sb-kwic-counts tbody tr"), 5).all()
    }
    corpus = load_course().corpus
    expected = python_counts(corpus, "SCO")  # the pandas twin, written independently
    assert counts == {s.id: expected[s.label] for s in corpus.values()}
    assert sum(1 for n in counts.values() if n) == 3
    first = page.locator(".sb-kwic-column[data-source='recalibration-2023'] a.sb-cite").first
    first.click()
    page.wait_for_url("**/recalibration-2023.html#recalibration-2023-p9")


def test_vega_loads_only_when_a_chart_is_near(page, site):
    """The 0.9 MB vega bundle is not part of the page load; scrolling to a chart brings it in."""
    vendor = []
    page.on("request", lambda r: vendor.append(r.url) if "/vendor/vega-" in r.url else None)
    page.set_viewport_size({"width": 400, "height": 300})
    page.goto(site + "book/compare/charts.html", wait_until="networkidle")
    assert vendor == []
    page.locator("#chart-event-timeline").scroll_into_view_if_needed()
    page.locator("#chart-event-timeline .sb-chart-view[data-drawn='1'] svg").wait_for()
    assert len(vendor) == 1


def test_the_concordance_prints_its_key_terms_in_context(page, site):
    """On paper the search cannot run: the page prints every occurrence of its key terms, verbatim, and
    the PDF edition no longer leaves the chapter out."""
    import re

    from sourcebook.paper.pdf import SCREEN_ONLY

    assert "book/compare/concordance" not in SCREEN_ONLY
    corpus = load_course().corpus
    page.goto(site + "book/compare/concordance.html")
    printed = page.locator(".sb-concordance-print")
    assert not printed.is_visible()  # on screen: the search
    page.emulate_media(media="print")
    assert printed.is_visible() and not page.locator(".sb-concordance").is_visible()
    lines = printed.locator("li").all_inner_texts()
    assert (
        len(lines) == 36
    )  # hegemon 8, division of labor 2, condominium 2, hedging 2, rival 11, great game 3, pipeline 8
    labels = {s.label: s for s in corpus.values()}
    for line in lines:
        words, label, n = re.fullmatch(r"…(.*)… \((.+) ¶(\d+)\)", line, re.S).groups()
        assert " ".join(words.split()) in " ".join(labels[label].paragraphs[int(n) - 1].text.split()), line
