"""The map of places in Chromium, offline: drawn as geoshapes, every mark's link resolves, filtered by
source from the menu (keyboard) and the legend (click), and the page fits a 360-pixel phone."""

import json
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from sourcebook.course import load_course

from .keys import tab_to
from .redraw import redrawn

PAGE = "book/compare/places.html"
MAP = "#chart-place-map"
SHAPES = f"{MAP} svg path[aria-roledescription='geoshape']"
POINTS = f"{MAP} svg path[aria-roledescription='point']"


def open_map(page, site):
    page.goto(site + PAGE)
    page.locator(MAP).scroll_into_view_if_needed()
    page.locator(f"{MAP} .sb-chart-view[data-drawn='1'] svg").wait_for()


def hrefs(value):
    """Every href in the map's data rows (not the `href` channel of an encoding)."""
    if isinstance(value, dict):
        own = [value["href"]] if "href" in value and not isinstance(value["href"], dict) else []
        return own + [h for v in value.values() for h in hrefs(v)]
    if isinstance(value, list):
        return [h for v in value for h in hrefs(v)]
    return []


def test_map_draws_geoshapes_and_every_mark_links_to_its_paragraph(page, site):
    open_map(page, site)
    course = load_course()
    assert page.locator(SHAPES).count() > len(course.places)  # countries, named states, areas, routes
    assert page.locator(POINTS).count() > 0
    spec = json.loads(page.locator(f"{MAP} script.sb-chart-spec").text_content())
    links = hrefs(spec["wide"])  # the narrow layout shares the wide one's data
    drawn = sum(
        len({m.source for m in p.mentions}) * max(1, len(p.states) if p.kind == "state" else 1)
        for p in course.places
        if p.kind != "unplaced"
    )
    assert len(links) == drawn and all(links)
    pages = {}
    for link in set(links):
        url = urljoin(page.url, link)
        address, anchor = url.split("#")
        if address not in pages:
            response = page.request.get(address)
            assert response.ok, address
            pages[address] = BeautifulSoup(response.text(), "html.parser")
        assert pages[address].find(id=anchor) is not None, link
    point = page.locator(POINTS).last  # drawn last, on top
    point.hover()  # its tooltip quotes the source's words
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "Words" in tooltip.inner_text() and "Placed by" in tooltip.inner_text()
    point.click()  # a real click on a mark opens its paragraph
    page.wait_for_url("**/sources/*.html#*-p*")
    assert urlsplit(page.url).fragment == page.evaluate("document.querySelector(':target').id")


def test_the_source_menu_filters_the_places_by_keyboard(page, site):
    course = load_course()
    first = next(iter(course.corpus.values()))  # the menu's first source, after "All sources"
    expected = sum(1 for p in course.places if p.kind == "point" and any(m.source == first.id for m in p.mentions))
    open_map(page, site)
    all_points, all_shapes = page.locator(POINTS).count(), page.locator(SHAPES).count()
    tab_to(page, f"{MAP} .vega-bindings select")
    page.keyboard.press("ArrowDown")
    assert redrawn(page, POINTS, all_points) == expected < all_points
    assert page.evaluate("document.activeElement.value") == first.label
    assert page.locator(SHAPES).count() < all_shapes


def test_clicking_a_source_in_the_legend_filters_the_places(page, site):
    open_map(page, site)
    before = page.locator(SHAPES).count()
    label = page.locator(f"{MAP} svg .role-legend-label text", has_text="Stronski 2018")
    label.scroll_into_view_if_needed()
    label = label.bounding_box()
    page.mouse.click(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)  # vega hit-tests the svg
    assert 0 < redrawn(page, SHAPES, before) < before


def test_the_page_fits_a_phone(browser, site):
    from ..conftest import guard

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems = guard(page)
    open_map(page, site)
    page.locator(f"{MAP} .sb-chart-data summary").click()  # the data table open, too
    page.locator(f"{MAP} .sb-chart-data table").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360 and not problems.all()


def test_a_tap_names_a_place_on_a_phone(browser, site):
    """No hover on a phone: a tap on a place writes what its tooltip says under the map, with the link to
    its paragraph, and stays on the page (a tap used to follow the link before anything was named)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_map(page, site)
    address = page.url
    page.locator(POINTS).last.tap()  # drawn last, on top
    named = page.locator(f"{MAP} .sb-chart-tapped")
    named.wait_for()
    assert named.inner_text().startswith("Place: ") and "Words: " in named.inner_text()
    link = named.get_by_role("link", name="Read the paragraph")
    assert "#" in link.get_attribute("href") and page.url == address
    link.tap()
    page.wait_for_url("**/sources/*.html#*-p*")
    context.close()
