"""Every page on a 360-pixel phone: nothing wider than the screen, sourcing-card labels whole, thumb-sized
exercise controls; and each chart's layout fits its column on a phone, a tablet and a desktop."""

import pytest

from ..test_book import html_pages

PHONE = {"width": 360, "height": 740}

# Draw every chart on the page (each is drawn when it comes into view), then wait for all of them.
DRAW_CHARTS = """async () => {
  for (const figure of document.querySelectorAll('figure.sb-chart')) {
    figure.scrollIntoView();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  const done = () => [...document.querySelectorAll('.sb-chart-view')].every(v => v.dataset.drawn === '1');
  for (let i = 0; i < 200 && !done(); i++) await new Promise(r => setTimeout(r, 50));
  return done();
}"""

# The words of each sourcing-card label that the browser broke across lines (a word drawn on one line
# has one client rectangle).
LABELS = ".sb-source-card dt"  # was '.sb-source-card > dt', which matched nothing once the card held a list
BROKEN_LABEL_WORDS = """() => [...document.querySelectorAll(LABELS)].flatMap(dt => {
  const walker = document.createTreeWalker(dt, NodeFilter.SHOW_TEXT), broken = [];
  for (let node; (node = walker.nextNode());) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (range.getClientRects().length !== 1) broken.push(`${dt.textContent}: "${m[0]}"`);
    }
  }
  return broken;
})""".replace("LABELS", repr(LABELS))

# Exercise controls smaller than a thumb: buttons, menus and the choices' labels under 44 pixels.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.sb-exercise button, .sb-exercise select, .sb-choice label, .sb-progress button')]
  .filter(el => el.checkVisibility())
  .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 || r.width < 44).map(([text, r]) => `${text} ${r.width}x${r.height}`)"""

# Each drawn chart: its layout, the SVG's own width and the room its view has for it.
CHART_FIT = """() => [...document.querySelectorAll('.sb-chart-view')].map(view => {
  const s = getComputedStyle(view), svg = view.querySelector('svg');
  return {chart: view.closest('figure').id, layout: view.dataset.layout, svg: svg.width.baseVal.value,
          room: view.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)};
})"""


def test_every_page_fits_a_phone(book, site, browser):
    from ..conftest import guard

    pages = [p.relative_to(book.html).as_posix() for p in html_pages(book)]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    report, cards, labels, small = {}, 0, 0, {}
    for name in pages:
        page = context.new_page()
        problems = guard(page)
        page.goto(site + name, wait_until="networkidle")
        assert page.evaluate(DRAW_CHARTS), name
        width = page.evaluate("document.documentElement.scrollWidth")
        broken = page.evaluate(BROKEN_LABEL_WORDS)
        cards += page.locator(".sb-source-card").count()
        labels += page.locator(LABELS).count()  # what BROKEN_LABEL_WORDS measures
        small[name] = page.evaluate(SMALL_TARGETS)
        report[name] = ([f"scrollWidth {width}"] if width > PHONE["width"] else []) + broken + problems.all()
        page.close()
    context.close()
    assert cards >= 5  # one sourcing card per source chapter, checked above
    assert labels >= 4 * cards  # their labels, each measured: a selector that matches nothing fails here
    assert {name: r for name, r in report.items() if r} == {}
    assert {name: s for name, s in small.items() if s} == {}


@pytest.mark.parametrize("width, layout", [(360, "narrow"), (800, None), (1000, None), (1280, "wide"), (1600, None)])
def test_charts_fit_their_column(page, site, width, layout):
    """The wide layout where the column has room for it (as the desktop's 688-pixel column has), else the narrow."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "book/compare/charts.html")
    assert page.evaluate(DRAW_CHARTS)
    charts = page.evaluate(CHART_FIT)
    assert len(charts) == 3
    for chart in charts:
        assert chart["layout"] == (layout or chart["layout"]) and chart["svg"] <= chart["room"], chart


def test_a_chart_changes_layout_when_its_column_does(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "book/compare/charts.html")
    assert page.evaluate(DRAW_CHARTS)
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_function(
        "[...document.querySelectorAll('.sb-chart-view')].every(v => "
        "v.dataset.layout === 'narrow' && v.dataset.drawn === '1')"
    )
    assert all(chart["svg"] <= chart["room"] for chart in page.evaluate(CHART_FIT))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_hover_styles_only_where_a_pointer_hovers():
    """On a touch screen :hover sticks after a tap: the course's own style sheets use it only under
    `@media (hover: hover)` or beside the same style for keyboard focus."""
    import tinycss2

    from sourcebook.extension import STATIC

    def offenders(rules, hover_ok=False):
        for rule in rules:
            if rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                yield from offenders(
                    inner, hover_ok or "hover:hover" in tinycss2.serialize(rule.prelude).replace(" ", "")
                )
            elif rule.type == "qualified-rule":
                selector = tinycss2.serialize(rule.prelude)
                if ":hover" in selector and not hover_ok and ":focus-visible" not in selector:
                    yield selector.strip()

    found = {
        path.name: list(
            offenders(
                tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
            )
        )
        for path in (STATIC / "sourcebook").glob("*.css")
    }
    assert sum(":hover" in (STATIC / "sourcebook" / name).read_text() for name in found) >= 2
    assert {name: bad for name, bad in found.items() if bad} == {}
