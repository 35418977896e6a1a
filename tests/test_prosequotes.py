"""Quotations in the course's own prose, checked in real (small) Sphinx builds."""

import re

PAGE = "# Page\n\n```{{toctree}}\ntext\n```\n\nLine seven.\n\n{body}\n"

GOOD = {
    "straight quotes": 'Stronski says Moscow "knows it can do little" ({passage}`stronski-2018:p7`).',
    "curly quotes": "Stronski says Moscow “knows it can do little” ({passage}`stronski-2018:p7`).",
    "first letter's case": 'He writes that Russia "Seems unconcerned" ({passage}`stronski-2018:p7`).',
    "single quotes": "The course calls this the 'quiet bargain' and 'X, if not Y'; nothing is quoted.",
    "after a quote role": 'A {quote}`seems unconcerned <stronski-2018:p7>` Russia, "knows it can do little,"\nsays ¶7.',
}

BAD = {
    # case: (body, message)
    "straight misquote": (
        'Stronski says Moscow "knows it can do a lot" ({passage}`stronski-2018:p7`).',
        "quoted words not found verbatim in stronski-2018: “knows it can do a lot”",
    ),
    "curly misquote": (
        "Stronski says Moscow “knows it can do a lot” ({passage}`stronski-2018:p7`).",
        "quoted words not found verbatim in stronski-2018: “knows it can do a lot”",
    ),
    "wrong source": (
        'Firdous predicts "open conflict" ({passage}`stronski-2018:p7`).',  # right words, wrong source
        "quoted words not found verbatim in stronski-2018: “open conflict”",
    ),
    "across two lines": (
        'The first line.\nThen "a misquote across\ntwo lines" ({passage}`stronski-2018:p7`).',
        "quoted words not found verbatim in stronski-2018: “a misquote across two lines”",
    ),
    "no source": (
        'The course\'s own term, "quiet bargain", in double quotes.',
        "quoted words with no source cited in their paragraph: “quiet bargain”",
    ),
    "unbalanced": ('A stray " mark ({passage}`stronski-2018:p7`).', "unbalanced double quotation mark in the prose"),
}


def case_pages(fixture_book, bodies: dict) -> dict:
    """One page per case (each PAGE with the case's body, as it would be alone), all in one book: {case: page}."""
    pages = {case: f"case-{n}" for n, case in enumerate(bodies)}
    for case, name in pages.items():
        fixture_book.write(f"{name}.md", PAGE.format(body=bodies[case]))
    fixture_book.write("index.md", "# Cases\n\n```{toctree}\n" + "\n".join(pages.values()) + "\n```\n")
    return pages


def test_good_prose_quotations_pass(fixture_book):
    pages = case_pages(fixture_book, GOOD)
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    assert len(list((fixture_book.root / "_out").glob("case-*.html"))) == len(pages) == 5


def test_misquotes_in_prose_stop_the_build_with_file_and_line(fixture_book):
    """Every bad case in one build (--keep-going): each page's error is reported at its own line."""
    pages = case_pages(fixture_book, {case: body for case, (body, _) in BAD.items()})
    result = fixture_book.build()
    assert result.returncode != 0
    missing = []
    for case, (body, message) in BAD.items():
        line = 9 + body[: body.index('"') if '"' in body else body.index("“")].count("\n")
        if not re.search(rf"{pages[case]}\.md:{line}: WARNING: " + re.escape(message), result.stderr):
            missing.append(f"{case}: {pages[case]}.md:{line}: {message}")
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\n" + result.stderr
    assert len(re.findall(r"case-\d+\.md:\d+: WARNING: ", result.stderr)) == len(BAD) == 6  # one each, no other


def test_a_heading_may_quote_the_text_its_page_shows(fixture_book):
    fixture_book.write("text.md", '# Stronski: "seems unconcerned"\n\n```{source-text} stronski-2018\n```\n')
    fixture_book.write("index.md", "# Page\n\n```{toctree}\ntext\n```\n")
    assert fixture_book.build().returncode == 0
    fixture_book.write("text.md", '# Stronski: "seems worried"\n\n```{source-text} stronski-2018\n```\n')
    result = fixture_book.build()
    assert result.returncode != 0
    assert re.search(
        r"text\.md:1: WARNING: quoted words not found verbatim in stronski-2018: “seems worried”", result.stderr
    ), result.stderr


def test_a_quotation_followed_by_a_bibliography_citation_quotes_that_work(fixture_book):
    """Words quoted from a work outside the five texts carry its {cite} and are not looked up in them."""
    fixture_book.write("refs.bib", "@misc{outside, title = {Outside}, note = {A page}}\n")
    conf = (fixture_book.root / "conf.py").read_text()
    fixture_book.write(
        "conf.py",
        conf.replace('"sourcebook"]', '"sourcebook", "sphinxcontrib.bibtex"]') + "bibtex_bibfiles = ['refs.bib']\n",
    )
    fixture_book.write(
        "index.md",
        PAGE.format(body='The record says "we have yet to see any" {cite}`outside`.\n\n```{bibliography}\n```'),
    )
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    fixture_book.write(
        "index.md", PAGE.format(body='The record says "we have yet to see any".\n\n```{bibliography}\n```')
    )
    result = fixture_book.build()
    assert result.returncode != 0
    assert "quoted words with no source cited in their paragraph: “we have yet to see any”" in result.stderr
