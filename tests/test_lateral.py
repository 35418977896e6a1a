"""Lateral reading: the data file's checks (file:line), and the card's "Read laterally" part in a build."""

import re

import pytest
from bs4 import BeautifulSoup

from sourcebook.bibliography import read_bib
from sourcebook.datafile import DataError
from sourcebook.lateral import load_lateral
from sourcebook.sources import load_sources

from .conftest import ROOT

CORPUS = load_sources(ROOT / "seeds" / "sources.yml")
BIB = read_bib(ROOT / "book" / "references.bib")


def test_every_source_has_its_lateral_reading_with_known_references():
    lateral = load_lateral(ROOT / "book" / "data" / "lateral.yml", BIB, CORPUS)
    assert set(lateral) == set(CORPUS)
    assert "wishnick-2023" in {key for f in lateral["recalibration-2023"].findings for key in f.cite}


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda t: t.replace("source: stronski-2018", "source: nobody-2020"), r":\d+: unknown source 'nobody-2020'"),
        (
            lambda t: t.replace("cite: [wishnick-2023]", "cite: [nowhere-2020]", 1),
            r":\d+: 'nowhere-2020' is not in references\.bib",
        ),
        (
            lambda t: t.replace("cite: [wishnick-2023]", "cite: [firdous-2023]", 1),
            r":\d+: the references\.bib entry 'firdous-2023' needs url, urldate",
        ),
        (
            lambda t: t.replace("certainty: open", "certainty: sure", 1),
            r":\d+: unknown certainty 'sure' \(known: shown, likely, open\)",
        ),
        (
            lambda t: t[: t.index("  - source: recalibration-2023")],
            r":\d+: no lateral-reading entry for recalibration-2023",
        ),
        (
            lambda t: t.replace("    why: >-\n      Nothing outside", "    because: >-\n      Nothing outside"),
            r":\d+: lateral entry is missing 'why'",
        ),
    ],
)
def test_bad_lateral_data_names_file_and_line(tmp_path, edit, message):
    path = tmp_path / "lateral.yml"
    path.write_text(edit((ROOT / "book" / "data" / "lateral.yml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_lateral(path, BIB, CORPUS)
    assert re.search(r"lateral\.yml" + message, str(err.value)), str(err.value)


def test_the_card_keeps_the_text_and_lateral_reading_apart(fixture_book):
    conf = (fixture_book.root / "conf.py").read_text()
    fixture_book.write(
        "conf.py",
        conf.replace('"sourcebook"]', '"sourcebook", "sphinxcontrib.bibtex"]')
        + "bibtex_bibfiles = ['book/references.bib']\n",
    )
    fixture_book.write(
        "text.md", "# Texts\n\n```{source-card} recalibration-2023\n```\n\n```{source-text} recalibration-2023\n```\n"
    )
    fixture_book.write("index.md", "# Page\n\n```{toctree}\ntext\n```\n\n```{bibliography}\n:all:\n```\n")
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    card = BeautifulSoup(
        (fixture_book.root / "_out" / "text.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one(".sb-source-card")
    own, lateral = card.select_one("dl"), card.select_one(".sb-lateral")
    assert "Byline in this copy" in own.get_text() and "Erhan Yalvaç" in own.get_text()
    assert "Wishnick" not in own.get_text()  # what was found outside never sits among the text's own facts
    assert lateral.select_one(".rubric").get_text().startswith("Read laterally")
    assert "Elizabeth Wishnick" in lateral.get_text() and "How sure we can be. Likely" in lateral.get_text()
    links = lateral.select("a[href^='index.html#']")
    assert links and all("visited on 2026-12-01" in a["title"] for a in links)
