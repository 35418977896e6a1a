"""The course on paper: the student edition printed once by Chromium, then read back with pdftotext and pypdf."""

import re
import shutil
import subprocess

import pytest

from sourcebook.course import load_course
from sourcebook.paper.pdf import make_pdf, read_toc

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (make poppler)")


def words(text: str) -> str:
    """Text with whitespace, quotes and hyphens normalised (pdftotext joins words hyphenated at a line's end)."""
    table: dict[str | int, str | int | None] = {"\u00ad": None, "-": None, "’": "'", "‘": "'", "“": '"', "”": '"'}
    text = text.translate(str.maketrans(table))
    return re.sub(r"\s+", " ", text).strip()


def pdftotext(path, first: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(first)] if first else []
    return words(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )


@pytest.fixture(scope="module")
def printed(book, browser, tmp_path_factory):
    """The student edition printed once, as `make pdf` prints it (in the session's Chromium), and its text."""
    out = tmp_path_factory.mktemp("pdf")
    made = make_pdf(book.html, out, ROOT / "_toc.yml", browser=browser)
    return made, pdftotext(made.path)


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_one_pdf_for_the_book_and_one_per_chapter(printed):
    made, text = printed
    chapters = sorted((made.path.parent / "chapters").glob("*.pdf"))
    assert len(chapters) == len(made.chapters) == len(read_toc(ROOT / "_toc.yml")) >= 15
    assert made.pages > 100
    assert text.startswith("China and Russia in Central Asia Student edition")


def test_every_chapter_is_listed_with_its_page_and_bookmarked(printed):
    from pypdf import PdfReader

    made, _ = printed
    contents = pdftotext(made.path, 2)
    outline = PdfReader(made.path).outline
    titles = {item.title for item in outline if not isinstance(item, list)}
    titles |= {item.title for group in outline if isinstance(group, list) for item in group}
    for ch in made.chapters:
        assert words(ch.title) in contents and str(ch.first_page) in contents
        assert ch.title in titles
        first = pdftotext(made.path, ch.first_page)  # the chapter starts there, and the page says so at its foot
        assert first.startswith(words(ch.title)[:40]) and first.endswith(f" {ch.first_page}"), ch.title


def test_every_source_paragraph_is_printed_with_its_number(printed, course):
    _, text = printed
    missing = []
    for source in course.corpus.values():
        for para in source.paragraphs:
            opening = " ".join(words(para.text).split()[:6])
            if f"¶{para.n} {opening}" not in text:
                missing.append(f"{para.id}: ¶{para.n} {opening}")
    assert not missing, missing[:10]


def test_citations_glossary_and_charts_print_as_text(printed):
    made, text = printed
    assert "Stronski 2018 ¶7" in text
    assert "Coded passages" in text  # an axis title of the stance chart: the chart is vector, its text is text
    assert "Text description." in text
    from pypdf import PdfReader

    links = [
        a.get_object().get("/A", {}).get("/URI", "")
        for page in PdfReader(made.path).pages
        for a in page.get("/Annots", []) or []
    ]
    assert not [uri for uri in links if "127.0.0.1" in str(uri)]  # no link to the printing server


def test_exercises_print_as_questions_without_answers(printed, course):
    _, text = printed
    exercises = list(course.banks.exercises.values())
    prompts = [" ".join(words(re.sub(r"[*_`]", "", e.data["prompt"])).split()[:6]) for e in exercises]
    assert sum(p in text for p in prompts) >= 0.9 * len(prompts)
    assert text.count("Notes:") >= len(exercises) * 0.9
    keys = [o["feedback"] for e in exercises for o in e.data.get("options", []) if o.get("correct")]
    keys += [e.data["model_answer"] for e in exercises if e.data.get("model_answer")]
    assert len(keys) > 10
    # The last words of each key: the course's own (its first ones often quote the source, which is printed,
    # and a key may repeat what a chapter or a sourcing card says in the open: that is no leak either).
    printed_anyway = [p.text for s in course.corpus.values() for p in s.paragraphs]
    printed_anyway += [f.read_text(encoding="utf-8") for f in (ROOT / "book").rglob("*.md")]
    printed_anyway.append((ROOT / "book/data/lateral.yml").read_text(encoding="utf-8"))
    shown = words(re.sub(r"[*_`]", "", " ".join(printed_anyway)))
    probes = [" ".join(words(re.sub(r"[*_`]", "", k)).split()[-8:]) for k in keys]
    leaks = [probe for probe in probes if probe in text and probe not in shown]
    assert not leaks, leaks[:5]


def test_the_concordance_prints_its_key_terms_in_context(printed):
    """The PDF no longer leaves the concordance out: its key terms print in context, each with its count."""
    made, text = printed
    assert any(ch.docname == "book/compare/concordance" for ch in made.chapters)
    assert "On paper the search cannot run" in text
    counts = re.findall(r"(hegemon|division of labor|condominium|hedging|rival|great game|pipeline) \((\d+)\)", text)
    assert dict(counts) == {
        "hegemon": "8",
        "division of labor": "2",
        "condominium": "2",
        "hedging": "2",
        "rival": "11",
        "great game": "3",
        "pipeline": "8",
    }, counts
