"""The site's one trimmed style sheet draws every page exactly as the untrimmed theme and extension CSS:
the same computed style for every element and pseudo-element, in light and dark mode, with a tooltip
and the mobile sidebar open, and the same pixels (so the trimmed icon fonts still hold every icon)."""

import base64
import json

import pytest
import tinycss2

from sourcebook import stylesheet

# A source chapter (source text, commentary, exercises), a chart page, the concordance, the progress
# page, the glossary and search; dark mode on two of them (its rules differ only in colours).
PAGES = [
    (name, "light")
    for name in (
        "book/intro.html",
        "book/sources/firdous-2023.html",
        "book/compare/charts.html",
        "book/compare/concordance.html",
        "book/progress.html",
        "book/glossary.html",
        "search.html",
    )
] + [("book/intro.html", "dark"), ("book/sources/firdous-2023.html", "dark")]

# Wait until no finite transition or animation is running (a mode switch starts colour transitions).
SETTLE = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null)));
  await document.fonts.ready;
}"""

# Every element's computed style, and its ::before's and ::after's where they draw something (icons);
# kept in the page, which compares them with the next call's and returns only the differences (the
# styles of one page are tens of MB).
COLLECT = """() => {
  const text = s => Array.from(s, k => k + ':' + s.getPropertyValue(k)).join(';');
  const styles = Array.from(document.querySelectorAll('*'), el => [null, '::before', '::after'].map(pseudo => {
    const s = getComputedStyle(el, pseudo);
    return pseudo && ['none', 'normal'].includes(s.content) ? s.content : text(s);
  }).join('|'));
  const before = window.__styles;
  window.__styles = styles;
  if (!before) return null;
  if (before.length !== styles.length) return ['element count ' + before.length + ' -> ' + styles.length];
  const diffs = [];
  styles.forEach((now, i) => {
    if (now === before[i]) return;
    const a = new Set(before[i].split(/[;|]/)), b = new Set(now.split(/[;|]/));
    const el = document.querySelectorAll('*')[i];
    diffs.push(`${el.tagName}.${el.className}: trimmed ${[...a].filter(x => !b.has(x)).slice(0, 4)}` +
               ` vs untrimmed ${[...b].filter(x => !a.has(x)).slice(0, 4)}`);
  });
  return diffs;
}"""

SWAP = """async () => {
  const link = document.querySelector('link[rel=stylesheet][href*="site.css"]');
  await new Promise((resolve, reject) => {
    link.onload = resolve; link.onerror = reject;
    link.href = link.href.replace('site.css', 'untrimmed.css');
  });
}"""


def compare(page) -> list[str]:
    """Differences between the computed styles with the trimmed and with the untrimmed style sheet."""
    page.evaluate(SETTLE)
    assert page.evaluate(COLLECT) is None
    page.evaluate(SWAP)
    page.evaluate(SETTLE)
    return page.evaluate(COLLECT)


@pytest.fixture(scope="module")
def untrimmed(book) -> str:
    """The style sheets concatenated as the bundle is, but nothing trimmed (and the original fonts)."""
    page = book.page("book/intro.html")
    assert page.count('rel="stylesheet"') == 1 and "site.css" in page
    manifest = json.loads((book.html.parent / ".doctrees" / stylesheet.MANIFEST).read_text())
    assert "_static/sourcebook/exercise.css" in [name for name, _ in manifest["files"]]
    return tinycss2.serialize(stylesheet.concatenate(book.html, manifest["files"]))


def open_with(page, site, name, untrimmed):
    page.route("**/_static/styles/untrimmed.css", lambda route: route.fulfill(body=untrimmed, content_type="text/css"))
    page.goto(site + name, wait_until="networkidle")


@pytest.mark.parametrize("name, mode", PAGES)
def test_trimmed_styles_equal_untrimmed(page, site, name, mode, untrimmed):
    open_with(page, site, name, untrimmed)
    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    assert compare(page) == []


def open_sidebar(page):
    page.get_by_role("button", name="Toggle primary sidebar").click()
    page.locator("dialog#pst-primary-sidebar-modal[open]").wait_for()
    page.evaluate(SETTLE)


def show_tooltip(page):
    page.locator("button.theme-switch-button:visible").first.focus()
    page.locator(".tooltip.show").wait_for()
    page.evaluate(SETTLE)


@pytest.mark.parametrize("action", [open_sidebar, show_tooltip])
def test_phone_sidebar_and_tooltip_styles(browser, site, untrimmed, action):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_with(page, site, "book/sources/stronski-2018.html", untrimmed)
    action(page)
    assert compare(page) == []
    context.close()


ICONS = """() => Array.from(document.querySelectorAll('*')).filter(el => {
  const s = getComputedStyle(el, '::before');
  const box = el.getBoundingClientRect();
  return s.fontFamily.includes('Font Awesome') && !['none', 'normal'].includes(s.content)
    && el.checkVisibility()
    && box.width > 4 && box.height > 4 && box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight;
}).map((el, i) => (el.dataset.icon = i))"""

# The mean difference per colour channel between two PNG images (255 when their sizes differ).
PIXEL_DIFFERENCE = """async ([a, b]) => {
  const pixels = async data => {
    const image = await createImageBitmap(await (await fetch('data:image/png;base64,' + data)).blob());
    const canvas = new OffscreenCanvas(image.width, image.height), g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    return g.getImageData(0, 0, image.width, image.height).data;
  };
  const [p, q] = await Promise.all([pixels(a), pixels(b)]);
  if (p.length !== q.length) return 255;
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / p.length;
}"""


def icon_pixels(browser, site, name, css: str | None, viewport: dict, action=None, blank=False) -> list[str]:
    """Base64 screenshots of every icon on the first screen of a fresh page drawn with the built style sheet, or with
    `css` served in its place; with `blank`, each icon drawn in transparent ink (what a missing glyph shows)."""
    from ..conftest import guard

    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = guard(page)
    if css is not None:
        page.route("**/_static/styles/site.css", lambda route: route.fulfill(body=css, content_type="text/css"))
    page.goto(site + name, wait_until="networkidle")
    page.evaluate(SETTLE)
    if action:
        action(page)
    icons = page.evaluate(ICONS)
    if blank:
        page.add_style_tag(content="[data-icon]::before { color: transparent !important; }")
    pixels = [base64.b64encode(page.locator(f"[data-icon='{i}']").screenshot()).decode() for i in icons]
    context.close()
    assert problems.all() == []
    return pixels


@pytest.mark.parametrize(
    "name, viewport, action",
    [
        ("book/intro.html", {"width": 1280, "height": 800}, None),
        ("book/sources/stronski-2018.html", {"width": 390, "height": 844}, None),
    ],
)
def test_icons_draw_the_same(page, browser, site, untrimmed, name, viewport, action):
    """The trimmed icon fonts hold every icon the pages draw: each icon differs from the untrimmed
    font's drawing (anti-aliasing aside) far less than from no icon at all."""
    trimmed = icon_pixels(browser, site, name, None, viewport, action)
    full = icon_pixels(browser, site, name, untrimmed, viewport, action)
    blank = icon_pixels(browser, site, name, None, viewport, action, blank=True)
    assert len(trimmed) == len(full) == len(blank) >= 4
    page.goto(site + "book/intro.html")
    for i, (mine, theirs, nothing) in enumerate(zip(trimmed, full, blank, strict=False)):
        same, control = (
            page.evaluate(PIXEL_DIFFERENCE, [mine, theirs]),
            page.evaluate(PIXEL_DIFFERENCE, [mine, nothing]),
        )
        assert same < control / 4, f"icon {i}: differs by {same:.1f} from the untrimmed font, {control:.1f} from none"
