"""Print a built edition to PDF with Chromium: each chapter on its own, then the whole book as one PDF
with a title page, a table of contents, numbered pages and bookmarks (pypdf).

Each page is printed once, as the browser prints it (the print style sheet in
static/sourcebook/print.css), after its charts are drawn (as vector SVG) and its exercises are built.
Links to the site itself are printed as plain text: a PDF has no site to go to.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..translation.catalogues import catalogue_path, read_catalogue, translations
from ..translation.interface import label
from .browser import CHROMIUM, CHROMIUM_ARGS, serve

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pypdf.generic import IndirectObject

# Pages that only show what this browser holds (saved answers, the review queue): nothing to print. The
# concordance prints its key terms in context in place of its search box.
SCREEN_ONLY = frozenset({"book/progress", "book/review"})
MARGIN = "16mm"
A4_PRINTABLE_WIDTH = 673  # CSS pixels: 210 mm less two 16 mm margins, at 96 per inch
BOOK_NAME = "china-russia-central-asia"
# The words of the title page and the contents, in the edition's language (the interface catalogue).
BLURB = label(
    "A comparative reading course on five source texts: each source printed in full with numbered "
    "paragraphs, the course's commentary, and self-check exercises."
)
CONTENTS = label("Contents")

# Make the page ready to print: links within the site become plain text, every chart is drawn,
# every exercise is built. Returns the chapter's title and what is not ready.
PREPARE = """async () => {
  for (const a of document.querySelectorAll('a[href]'))
    if (new URL(a.href, location.href).origin === location.origin) a.removeAttribute('href');
  const until = async (ready) => {
    for (let i = 0; i < 400 && !ready(); i++) await new Promise(r => setTimeout(r, 50));
  };
  for (const figure of document.querySelectorAll('figure.sb-chart')) {
    figure.scrollIntoView();
    await until(() => figure.querySelector('.sb-chart-view').dataset.drawn === '1');
  }
  await until(() => !document.querySelector('div.sb-exercise:not([data-wired])'));
  window.scrollTo(0, 0);
  await document.fonts.ready;
  const h1 = document.querySelector('main h1, article h1');
  const unready = [...document.querySelectorAll('.sb-chart-view:not([data-drawn="1"]),'
                                                 + 'div.sb-exercise:not([data-wired])')]
    .map(el => (el.closest('[id]') || el).id || el.className);
  return [(h1 ? h1.textContent : document.title).replace(/#$/, '').trim(), unready];
}"""


@dataclass
class Chapter:
    docname: str
    part: str | None
    title: str = ""
    pdf: bytes = b""
    first_page: int = 0  # in the whole book, from 1


@dataclass
class Book:
    path: Path
    pages: int
    chapters: list[Chapter] = field(default_factory=list)


def read_toc(toc: Path) -> list[Chapter]:
    """The printable pages of a jb-book table of contents, in reading order, with their part captions."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    entries = [Chapter(data["root"], None)]
    for part in data.get("parts", []):
        entries += [Chapter(ch["file"], part.get("caption")) for ch in part.get("chapters", [])]
    return [e for e in entries if e.docname not in SCREEN_ONLY]


def _print(page) -> bytes:
    return page.pdf(
        format="A4",
        margin={side: MARGIN for side in ("top", "right", "bottom", "left")},
        print_background=True,
        outline=False,
    )


def print_html(documents: dict[Path, str], footer: str = "", browser=None) -> list[Path]:
    """Print each self-contained HTML document to its PDF path (A4, numbered pages, `footer` beside the
    number), with a Playwright `browser` (by default, a Chromium of its own)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return print_html(documents, footer, chromium)
            finally:
                chromium.close()
    page = browser.new_page()
    foot = (
        f'<div style="font: 8pt sans-serif; width: 100%; text-align: center">{html.escape(footer)} · '
        'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
    )
    try:
        for path, text in documents.items():
            page.set_content(text, wait_until="load")
            path.write_bytes(
                page.pdf(
                    format="A4",
                    margin={side: MARGIN for side in ("top", "right", "bottom", "left")},
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=foot,
                )
            )
    finally:
        page.close()
    return list(documents)


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def edition_language(html_dir: Path, docname: str) -> str:
    """The language a built edition's page declares (`<html lang="ru">`), "en" if it declares none."""
    found = re.search(r'<html[^>]*\blang="([^"]+)"', (html_dir / f"{docname}.html").read_text(encoding="utf-8"))
    return found.group(1) if found else "en"


def front_words(course: Path, language: str, root: str) -> dict[str, str]:
    """English -> `language` for the title page and the contents: the interface catalogue's translations of
    BLURB and CONTENTS and the root page's of the parts' captions, in the course folder `course` (empty for
    English; a word without a translation stays English)."""
    if language == "en":
        return {}
    interface = translations(read_catalogue(catalogue_path(course, language, "interface"), language))
    captions = translations(read_catalogue(catalogue_path(course, language, root), language))
    return {**captions, **{text: interface[text] for text in (BLURB, CONTENTS) if interface.get(text)}}


def _front_matter(
    title: str, edition: str, chapters: list[Chapter], language: str = "en", text: dict[str, str] | None = None
) -> tuple[str, str]:
    """The title page's and the table of contents' HTML, in `language` with the words `text` (front_words)."""
    text = text or {}
    lang = html.escape(language)
    style = """<style>body { font-family: sans-serif; } h1 { font-size: 28pt; margin-top: 35%; }
      .toc { list-style: none; padding: 0; } .toc li { display: flex; gap: .4em; margin: .3em 0; }
      .toc .dots { flex: 1; border-bottom: 1px dotted #777; }
      .toc h2 { font-size: 13pt; margin: 1em 0 .2em; }</style>"""
    cover = (
        f"<!doctype html><html lang={lang}><meta charset=utf-8>{style}<h1 lang=en>{html.escape(title)}</h1>"
        f"<p>{html.escape(edition)}</p><p>{html.escape(text.get(BLURB, BLURB))}</p>"
    )
    rows, part = [], object()
    for ch in chapters:
        if ch.part != part:
            part = ch.part
            if part:
                rows.append(f"<h2>{html.escape(part)}</h2>")
        rows.append(
            f'<li><span>{html.escape(ch.title)}</span><span class="dots"></span><span>{ch.first_page}</span></li>'
        )
    contents = (
        f"<!doctype html><html lang={lang}><meta charset=utf-8>{style}"
        f"<h1 style='margin-top:0'>{html.escape(text.get(CONTENTS, CONTENTS))}</h1>"
        f"<ul class=toc>{''.join(rows)}</ul>"
    )
    return cover, contents


def _page_numbers(count: int) -> str:
    """`count` blank A4 pages, each with its number at the foot: laid over the book's pages, they
    give the numbers its contents refer to."""
    pages = "".join(f"<div><span>{n}</span></div>" for n in range(1, count + 1))
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><style>@page { size: A4; margin: 0; } body { margin: 0; }"
        " div { height: 297mm; position: relative; break-after: page; }"
        " span { position: absolute; bottom: 7mm; width: 100%; text-align: center; font: 9pt sans-serif; }"
        f"</style>{pages}"
    )


def _slug(docname: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", docname.removeprefix("book/").lower()).strip("-")


def make_pdf(
    html_dir: Path,
    out: Path,
    toc: Path,
    edition: str = "Student edition",
    browser=None,
    only: Sequence[str] = (),
) -> Book:
    """Print every chapter of the built edition in `html_dir` (or the chapters whose docnames are `only`) to
    `out/chapters/NN-name.pdf` and the whole book to `out/china-russia-central-asia.pdf`, with a Playwright
    `browser` (by default, a Chromium of its own). The title page and the contents are in the language the
    edition's pages declare."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return make_pdf(html_dir, out, toc, edition, chromium, only)
            finally:
                chromium.close()
    from pypdf import PdfReader, PdfWriter

    chapters = read_toc(toc)
    language = edition_language(html_dir, chapters[0].docname)
    text = front_words(toc.parent, language, chapters[0].docname)
    for ch in chapters:  # the parts' captions in the edition's language, in the contents and the bookmarks
        ch.part = text.get(ch.part, ch.part) if ch.part else None
    if only:
        unknown = sorted(set(only) - {ch.docname for ch in chapters})
        if unknown:
            raise SystemExit(f"{toc}: no printable chapter {', '.join(unknown)}")
        chapters = [ch for ch in chapters if ch.docname in only]
    title = yaml.safe_load((toc.parent / "_config.yml").read_text(encoding="utf-8"))["title"]
    (out / "chapters").mkdir(parents=True, exist_ok=True)
    with serve(html_dir) as site:
        context = browser.new_context(viewport={"width": A4_PRINTABLE_WIDTH, "height": 1000})
        page = context.new_page()
        page.emulate_media(media="print")
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for ch in chapters:
            page.goto(f"{site}{ch.docname}.html", wait_until="networkidle")
            ch.title, unready = page.evaluate(PREPARE)
            if errors or unready:
                raise RuntimeError(
                    f"{html_dir / ch.docname}.html: not printed: "
                    + "; ".join(errors + [f"{name} not drawn or built" for name in unready])
                )
            ch.pdf = _print(page)
        page.set_content(_front_matter(title, edition, chapters, language, text)[0])
        cover = _print(page)
        contents_pages, contents = 1, b""
        while not contents or _page_count(contents) != contents_pages:  # its length depends on its numbers
            contents_pages = _page_count(contents) if contents else contents_pages
            first = _page_count(cover) + contents_pages + 1
            for ch in chapters:
                ch.first_page, first = first, first + _page_count(ch.pdf)
            page.set_content(_front_matter(title, edition, chapters, language, text)[1])
            contents = _print(page)
        page.set_content(_page_numbers(first - 1))
        numbers = page.pdf(format="A4", margin={side: "0" for side in ("top", "right", "bottom", "left")})
        context.close()
    writer = PdfWriter()
    for part in (cover, contents):
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_outline_item(title=text.get(CONTENTS, CONTENTS), page_number=_page_count(cover))
    parents: dict[str | None, IndirectObject] = {}
    for n, ch in enumerate(chapters, 1):
        (out / "chapters" / f"{n:02d}-{_slug(ch.docname)}.pdf").write_bytes(ch.pdf)
        writer.append(PdfReader(io.BytesIO(ch.pdf)))
        if ch.part and ch.part not in parents:
            parents[ch.part] = writer.add_outline_item(title=ch.part, page_number=ch.first_page - 1)
        writer.add_outline_item(title=ch.title, page_number=ch.first_page - 1, parent=parents.get(ch.part))
    for book_page, overlay in list(zip(writer.pages, PdfReader(io.BytesIO(numbers)).pages, strict=False))[
        1:
    ]:  # not the cover
        book_page.merge_page(overlay)
    writer.add_metadata({"/Title": f"{title} ({edition})"})
    path = out / f"{BOOK_NAME}.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return Book(path, len(writer.pages), chapters)
