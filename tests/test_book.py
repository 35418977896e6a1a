"""The whole course, built as `make book` builds it: clean log, every page, every link resolves."""

import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .conftest import ROOT, edition_files

CDN = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"(?:https?:)?//(?!127\.0\.0\.1)[^\"]*\"", re.I)


# A few pages of the Russian edition (_build/html/ru/) that the browser tests of every page visit too:
# text, a source chapter with exercises and notes, the progress page, charts.
RUSSIAN_PAGES = (
    "ru/book/intro.html",
    "ru/book/sources/stronski-2018.html",
    "ru/book/progress.html",
    "ru/book/compare/charts.html",
)


def html_pages(book):
    """The built pages of the English edition, without the redirect stubs (the root index and moved
    chapters' old addresses) and without the other editions' folders (`ru/`)."""
    return [
        p
        for p in edition_files(book)
        if "_static" not in p.parts and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]


def test_build_log_has_zero_warnings(book):
    assert not re.search(r"WARNING|ERROR", book.log), book.log


def test_every_toc_chapter_is_built(book):
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for doc in ["book/intro"] + re.findall(r"file: (\S+)", toc):
        assert (book.html / f"{doc}.html").is_file(), doc


def test_no_page_loads_scripts_styles_or_fonts_from_another_host(book):
    for path in html_pages(book):
        assert not CDN.findall(path.read_text(encoding="utf-8")), path


def test_every_internal_link_and_anchor_resolves(book):
    """Paragraph citations, the toc and cross-references all land on an existing page and id."""
    ids, links = {}, []
    for path in html_pages(book):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids[path] = {tag["id"] for tag in soup.select("[id]")}
        links += [(path, a["href"]) for a in soup.select("a[href]")]
    checked = 0
    for path, href in links:
        url = urlsplit(href)
        if url.scheme or href.startswith(("mailto:", "//")):
            continue
        target = (path.parent / unquote(url.path)).resolve() if url.path else path
        if target.is_dir():
            target = target / "index.html"
        assert target.exists(), f"{path.name}: broken link {href}"
        if url.fragment and target.suffix == ".html":
            assert url.fragment in ids.get(target, set()), f"{path.name}: missing anchor {href}"
            checked += 1
    assert checked > 100  # the paragraph numbers and citations alone give hundreds


def test_source_chapters_show_every_paragraph_with_an_anchor(book):
    from sourcebook.course import load_course

    corpus = load_course().corpus
    for source in corpus.values():
        soup = BeautifulSoup(book.page(f"book/sources/{source.id}.html"), "html.parser")
        paras = soup.select(f"#{source.id}-text p.sb-para")
        assert [p["id"] for p in paras] == [para.anchor for para in source.paragraphs]
        assert paras[-1].get_text(" ", strip=True).endswith(source.paragraphs[-1].text[-40:])


def test_plain_pages_load_no_course_scripts(book):
    intro = book.page("book/intro.html")
    assert "sourcebook/exercise.js" not in intro and "sourcebook/progress.js" not in intro
    assert "_static/sourcebook/classic/exercise.js" in book.page(
        "book/sources/stronski-2018.html"
    )  # runs from disk too


def test_every_page_links_one_style_sheet_and_no_blocking_script(book):
    for path in html_pages(book):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("meta[http-equiv=Refresh]"):  # index.html, Jupyter Book's redirect to the intro
            continue
        assert [link["href"].rsplit("/", 1)[-1] for link in soup.select("link[rel=stylesheet]")] == ["site.css"]
        if path.name != "search.html":  # whose template loads searchtools.js synchronously
            assert [
                s["src"] for s in soup.select("script[src]") if not s.has_attr("defer") and s.get("type") != "module"
            ] == [], path
        assert "design-tabs.js" not in str(soup), f"{path}: the tab script, on a page without tab sets"


def test_the_tab_script_comes_with_a_tab_set(fixture_book):
    fixture_book.write(
        "conf.py",
        fixture_book.root.joinpath("conf.py")
        .read_text()
        .replace('"sourcebook"]', '"sourcebook", "sphinx_design"]')
        .replace("import sys", "import sys\nmyst_enable_extensions = ['colon_fence']"),
    )
    fixture_book.write(
        "index.md",
        """
        # Tabs

        ::::{tab-set}
        :::{tab-item} One
        First.
        :::
        ::::

        ```{toctree}
        text
        ```
        """,
    )
    assert fixture_book.build().returncode == 0
    assert "design-tabs.js" in (fixture_book.root / "_out" / "index.html").read_text(encoding="utf-8")
    assert "design-tabs.js" not in (fixture_book.root / "_out" / "text.html").read_text(encoding="utf-8")
