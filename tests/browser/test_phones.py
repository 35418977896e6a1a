"""Every page on a 360-pixel phone: nothing wider than the screen, sourcing-card labels whole, thumb-sized
exercise controls; and each chart's layout fits its column on a phone, a tablet and a desktop."""

import pytest

from ..test_book import RUSSIAN_PAGES, html_pages

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

# Every sourcing-card label, and the words of each that the browser broke across lines (a word drawn on
# one line has all its rectangles on one line box).
CARD_LABELS = """() => [...document.querySelectorAll('.sb-source-card > dl.field-list > dt')].map(dt => {
  const walker = document.createTreeWalker(dt, NodeFilter.SHOW_TEXT), words = [], broken = [];
  for (let node; (node = walker.nextNode());) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      words.push(m[0]);
      if (lines.size !== 1) broken.push(m[0]);
    }
  }
  return {label: dt.textContent.replace(/:$/, '').replace(/’/g, "'").trim(), words: words.length, broken};
})"""

# Exercise controls smaller than a thumb: buttons, menus and the choices' labels under 44 pixels.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.sb-exercise button, .sb-exercise select, .sb-choice label, .sb-progress button')]
  .filter(el => el.checkVisibility())
  .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 || r.width < 44).map(([text, r]) => `${text} ${r.width}x${r.height}`)"""

# Each drawn chart: its layout, the SVG's own width and the room its view has for it.
CHART_FIT = """() => [...document.querySelectorAll('.sb-chart-view')].map(view => {
  const s = getComputedStyle(view), svg = view.querySelector('svg');
  const texts = [...svg.querySelectorAll('.role-axis-label text, .role-title-text text')].map(t => t.textContent);
  const cut = texts.filter(t => t.includes('…'));
  return {chart: view.closest('figure').id, layout: view.dataset.layout, svg: svg.width.baseVal.value,
          room: view.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight), cut, texts: texts.length};
})"""


@pytest.mark.parametrize(
    "phone, scheme",
    [
        ({"width": 360, "height": 740}, "light"),
        ({"width": 320, "height": 640}, "light"),
        ({"width": 320, "height": 640}, "dark"),
    ],
    ids=["360-light", "320-light", "320-dark"],
)
def test_every_page_fits_a_phone(book, site, browser, phone, scheme):
    """Every page of the build no wider than the screen (WCAG 2.1 reflow at 320 pixels); on each source page
    the sourcing card's every label, none broken inside a word; thumb-sized exercise controls."""
    from sourcebook.citations import CARD_LABELS as FIELDS

    from ..conftest import ROOT, guard

    pages = [p.relative_to(book.html).as_posix() for p in html_pages(book)] + list(RUSSIAN_PAGES)
    sources = sorted(p.stem for p in (ROOT / "book" / "sources").glob("*.md"))
    context = browser.new_context(
        viewport=phone, is_mobile=True, has_touch=True, device_scale_factor=2, color_scheme=scheme
    )
    report, cards, small, words = {}, {}, {}, 0
    for name in pages:
        page = context.new_page()
        problems = guard(page)
        page.goto(site + name, wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme, name
        assert page.evaluate(DRAW_CHARTS), name
        width = page.evaluate("document.documentElement.scrollWidth")
        labels = page.evaluate(CARD_LABELS)
        if labels:
            cards[name] = [label["label"] for label in labels]
            words += sum(label["words"] for label in labels)
        small[name] = page.evaluate(SMALL_TARGETS)
        broken = [f"{label['label']}: {label['broken']}" for label in labels if label["broken"]]
        report[name] = ([f"scrollWidth {width}"] if width > phone["width"] else []) + broken + problems.all()
        page.close()
    context.close()
    assert len(pages) >= 25 and len(sources) >= 5  # every page of the build was looked at
    # One card per source page, each with every field's label (a selector that matches nothing fails here).
    russian = [p for p in RUSSIAN_PAGES if p.startswith("ru/book/sources/")]
    assert cards == {
        **{f"book/sources/{s}.html": list(FIELDS) for s in sources},
        **{p: cards.get(p, []) for p in russian},
    }
    assert russian and all(len(cards[p]) == len(FIELDS) for p in russian)  # the Russian card, its labels translated
    assert words >= (len(sources) + len(russian)) * len(FIELDS)
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
        if chart["layout"] == "narrow":  # axis labels and titles wrap onto lines, none cut with "…"
            assert chart["texts"] > 0 and chart["cut"] == [], chart


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


def test_selected_words_button_inside_the_screen(browser, site):
    """The first words of a paragraph longer than the screen, selected on a phone: the button is on the
    screen, below the words (a phone's own copy menu sits above them), and opens the form in "Note"."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(site + "book/sources/unsigned-article.html", wait_until="networkidle")
    chosen = page.evaluate("""() => {
        const p = document.getElementById('unsigned-article-p3');
        p.scrollIntoView({block: 'center'});
        window.scrollBy(0, p.getBoundingClientRect().top - 120);  // its first line near the top
        const node = p.childNodes[1], words = node.textContent.trim().split(/\\s+/).slice(0, 3).join(' ');
        const at = node.textContent.indexOf(words);
        getSelection().setBaseAndExtent(node, at, node, at + words.length);
        const r = getSelection().getRangeAt(0).getBoundingClientRect();
        return {words, top: r.top, bottom: r.bottom, end: p.getBoundingClientRect().bottom};
    }""")
    assert chosen["end"] > 740 and 0 < chosen["top"] < 300  # the paragraph runs on below the screen
    button = page.get_by_role("button", name="Add a note to the selected words")
    button.wait_for()
    box = button.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 360, box
    assert chosen["bottom"] + 16 <= box["y"] and box["y"] + box["height"] <= 740, (chosen, box)
    button.tap()
    form = page.locator("form.sb-note-form")
    assert form.get_by_label("Words marked (optional)").input_value() == chosen["words"]
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Note"
    context.close()


# The page's and each drawn chart's background, as [r, g, b] (the chart's SVG paints its own, vega's).
BACKGROUNDS = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const svg = (v) => v.querySelector('svg');
  return {page: rgb(getComputedStyle(document.body).backgroundColor),
          charts: [...document.querySelectorAll('.sb-chart-view')].map(v => rgb(
            getComputedStyle(svg(v)).backgroundColor !== 'rgba(0, 0, 0, 0)' ? getComputedStyle(svg(v)).backgroundColor
            : svg(v).querySelector('.background, rect')?.getAttribute('fill') || getComputedStyle(v).backgroundColor))};
}"""


def _luminance(rgb) -> float:
    """WCAG relative luminance of an [r, g, b] in 0-255."""
    lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_dark_mode_follows_the_system_until_the_reader_chooses(browser, site):
    """A phone in dark mode and no choice stored: a dark page, dark charts and a dark map. Once the reader
    picks light with the theme's button, light it stays, whatever the system says; a mode the theme stored
    on its own (it stores one on every visit) is not a choice."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    seen = 0
    for name in ("book/compare/charts.html", "book/compare/places.html"):
        page.goto(site + name, wait_until="networkidle")
        assert page.evaluate("localStorage.getItem('sourcebook-mode-chosen')") is None
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate(DRAW_CHARTS)
        found = page.evaluate(BACKGROUNDS)
        assert _luminance(found["page"]) < 0.05, found
        assert found["charts"] and all(_luminance(c) < 0.1 for c in found["charts"]), found
        seen += len(found["charts"])
    assert seen == 4  # three charts and the map

    # The theme stores its mode on every visit; before this course followed the system it stored "light".
    # A reader who came back with that stored, and never pressed the button, still gets the system's dark.
    page.evaluate("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light')")
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"

    while page.evaluate("document.documentElement.dataset.theme") != "light":
        page.locator(".theme-switch-button").first.click()
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert page.evaluate(DRAW_CHARTS)
    assert all(_luminance(c) > 0.9 for c in page.evaluate(BACKGROUNDS)["charts"])
    context.close()


@pytest.mark.parametrize("name", ["ru/book/compare/charts.html", "ru/book/compare/places.html"])
def test_the_russian_charts_fit_a_phone(page, site, name):
    """Russian words are longer: on a phone each Russian chart takes its narrow layout within its column (as
    `test_charts_fit_their_column` checks the English at 360 pixels), its axis labels and titles wrapped,
    none cut with "…"; the map takes its narrow layout; at 320 pixels, data tables open, the page is no
    wider than the screen."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + name)
    assert page.evaluate(DRAW_CHARTS)
    charts = page.evaluate(CHART_FIT)
    assert [c["layout"] for c in charts] == ["narrow"] * (3 if "charts" in name else 1)
    for chart in charts if "charts" in name else []:  # the map scrolls in its view, in English too
        assert chart["svg"] <= chart["room"] and chart["texts"] > 0 and chart["cut"] == [], chart
    page.set_viewport_size({"width": 320, "height": 740})
    for summary in page.locator(".sb-chart-data summary").all():
        summary.click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
