"""The Russian edition in the course's other forms: the `make dist` zip holds it, and `make pdf` prints it
(one chapter here, read back with pdftotext): Russian commentary, the sources' words verbatim in English,
every paragraph with its number."""

import re
import shutil
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from sourcebook.course import load_course
from sourcebook.offline.dist import make_zip
from sourcebook.paper.pdf import make_pdf

from .conftest import ROOT
from .test_paper import pdftotext, words

CHAPTER = "book/sources/stronski-2018"
CYRILLIC, LATIN = re.compile(r"[а-яё]", re.I), re.compile(r"[a-z]", re.I)


def test_the_dist_zip_holds_the_russian_edition(book, tmp_path):
    """Every file of the Russian edition (its pages, search index and stemmer, its offline worker) is in the
    zip, under `ru/` beside the English pages."""
    names = set(zipfile.ZipFile(make_zip(book.html, tmp_path / "c.zip")).namelist())
    russian = sorted(p.relative_to(book.html).as_posix() for p in book.ru.html.rglob("*") if p.is_file())
    assert len([n for n in russian if n.endswith(".html")]) >= 28
    for name in (
        "ru/search.html",
        "ru/searchindex.js",
        "ru/_static/russian-stemmer.js",
        "ru/sw.js",
        f"ru/{CHAPTER}.html",
    ):
        assert name in russian
    assert [n for n in russian if f"c/{n}" not in names and n != "ru/.buildinfo"] == []
    assert "c/index.html" in names and f"c/{CHAPTER}.html" in names  # the English edition beside it


@pytest.fixture(scope="module")
def printed(book, browser, tmp_path_factory):
    """One Russian chapter printed as `make pdf` prints the Russian edition (`--chapter`), and the text of the
    whole PDF (title page, contents, chapter) and of the chapter's own PDF."""
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (make poppler)")
    out = tmp_path_factory.mktemp("pdf-ru")
    made = make_pdf(book.ru.html, out, ROOT / "_toc.yml", "Издание для студентов", browser=browser, only=[CHAPTER])
    assert [ch.docname for ch in made.chapters] == [CHAPTER]
    chapter = out / "chapters" / "01-sources-stronski-2018.pdf"
    # In content order (-raw) too: a quotation in a table's cell, which the layout mode interleaves with its
    # neighbour cell's lines, reads whole.
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", chapter, "-"], capture_output=True, text=True)
    return made, pdftotext(made.path), pdftotext(chapter), words(raw.stdout)


def test_a_russian_chapter_prints_in_russian(printed):
    """The chapter's commentary is Russian; the title page and the contents too (the part's caption, and its
    bookmark)."""
    made, book_text, text, _ = printed
    assert made.chapters[0].title.startswith("Stronski 2018")
    commentary = text.split("¶1 ", 1)[0]  # what comes before the source text: the card and the commentary
    assert len(commentary) > 2000
    assert len(CYRILLIC.findall(commentary)) > len(LATIN.findall(commentary)) / 2, commentary[:500]
    front = book_text.split(words(made.chapters[0].title), 1)[0]  # the title page and the contents
    assert "Издание для студентов" in front and "Содержание Источники" in front, front
    assert len(CYRILLIC.findall(front)) > len(LATIN.findall(front)), front
    assert [item.title for item in PdfReader(made.path).outline if not isinstance(item, list)] == [
        "Содержание",
        "Источники",
    ]


def test_the_note_buttons_stay_off_the_paper(printed):
    """Each source paragraph's «Добавить заметку» (Add a note) button is for the screen: the paper shows the
    paragraphs, numbered, and no button."""
    _, _, text, _ = printed
    assert text.count("¶") >= 13 and "Добавить заметку" not in text


def test_a_russian_chapter_prints_the_source_verbatim_with_numbers(printed, book):
    """Every paragraph of the source printed, in English, with its number; every quotation of the sources in
    the Russian commentary («…», class sb-quote) printed word for word."""
    _, _, text, raw = printed
    course = load_course()
    source = course.corpus["stronski-2018"]
    missing = [para.id for para in source.paragraphs if f"¶{para.n} {words(para.text)}" not in text]
    assert len(source.paragraphs) >= 10 and missing == []
    page = BeautifulSoup((book.ru.html / f"{CHAPTER}.html").read_text(encoding="utf-8"), "html.parser")
    quotes = [q.get_text().strip("«»") for q in page.select("main span.sb-quote")]
    assert len(quotes) >= 30
    assert [q for q in quotes if f"«{words(q)}»" not in raw] == []
    # each is verbatim in one of the five texts (the chapter quotes the others too; a first letter's case may change)
    texts = words(" ".join(p.text for s in course.corpus.values() for p in s.paragraphs))
    forms = {q: (words(q), words(q[:1].swapcase() + q[1:])) for q in quotes}
    assert [q for q, two in forms.items() if not any(form in texts for form in two)] == []


def test_every_russian_page_names_the_parts_in_russian(book):
    """The sidebar's part captions (from `_toc.yml`, inserted by sphinx-external-toc after Sphinx has
    translated the page) are the root page's catalogue's translations, on every page of the edition."""
    import yaml

    from sourcebook.translation.catalogues import catalogue_path, read_catalogue, translations

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    english = [part["caption"] for part in toc["parts"]]
    table = translations(read_catalogue(catalogue_path(ROOT, "ru", toc["root"]), "ru"))
    russian = [table[caption] for caption in english]  # a caption without a translation fails here
    pages = [p for p in book.ru.html.rglob("*.html") if 'class="bd-container"' in p.read_text(encoding="utf-8")]
    assert len(pages) >= 25 and len(english) >= 5
    for page in pages:
        shown = [
            s.get_text(strip=True)
            for s in BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".bd-sidebar-primary .caption-text")
        ]
        assert shown == russian, (page.relative_to(book.html), shown)
    english_pages = [p for p in (book.html / "book").rglob("*.html")][:3]
    for page in english_pages:  # the English edition keeps its own
        shown = [
            s.get_text(strip=True)
            for s in BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".bd-sidebar-primary .caption-text")
        ]
        assert shown == english, page
