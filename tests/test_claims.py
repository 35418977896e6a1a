"""Coded tables, charts and the concordance's Python twin."""

import re

import pytest

from sourcebook.charts import CHARTS
from sourcebook.claims import publication_date
from sourcebook.concordance import counts, kwic
from sourcebook.course import load_course
from sourcebook.datafile import DataError

from .conftest import copy_course_data


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_claims_cover_every_source_and_every_thesis(course):
    claims = course.tables.claims
    assert set(claims.source) == set(course.corpus)
    assert set(claims.thesis) == set(course.banks.theses)


def test_every_row_quote_is_verbatim_in_its_existing_paragraph(course):
    from sourcebook.sources import quote_in

    for table in (course.tables.claims, course.tables.events, course.tables.figures):
        for row in table.itertuples():
            assert quote_in(row.quote, course.corpus.passage(row.passage)), (row.passage, row.quote)


def copy_course(tmp_path):
    return copy_course_data(tmp_path)


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "claims.yml",
            "thesis: negative-hegemony",
            "thesis: soft-power",
            r"claims\.yml:\d+: unknown thesis 'soft-power'",
        ),
        ("claims.yml", "stance: describes-as-past", "stance: ignores", r"claims\.yml:\d+: unknown stance 'ignores'"),
        (
            "claims.yml",
            "    note: ",
            "    notes: ",
            r"claims\.yml:\d+: has unknown key 'notes' \(allowed: note, passage",
        ),
        (
            "claims.yml",
            "passage: recalibration-2023:p16",
            "passage: recalibration-2023:p160",
            r"claims\.yml:\d+: unknown paragraph 'recalibration-2023:p160'",
        ),
        (
            "claims.yml",
            "quote: Russia maintains considerable negative hegemony in Central Asia",
            "quote: Russia maintains total hegemony in Central Asia",
            r"claims\.yml:\d+: quote is not verbatim in recalibration-2023:p16",
        ),
        ("events.yml", 'date: "2001"', 'date: "around 2001"', r"events\.yml:\d+: date 'around 2001' must be YYYY"),
        ("figures.yml", "value: 30\n", "value: thirty\n", r"figures\.yml:\d+: 'value' must be a number"),
    ],
)
def test_a_bad_row_names_file_and_line(tmp_path, file, old, new, message):
    root = copy_course(tmp_path)
    path = root / "book" / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_course(root)


def test_bad_row_line_is_exact(tmp_path):
    root = copy_course(tmp_path)
    path = root / "book" / "data" / "claims.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.strip() == "thesis: negative-hegemony")
    lines[target] = lines[target].replace("negative-hegemony", "soft-power")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_course(root)
    assert err.value.line == target + 1


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_has_data_tooltips_and_a_description_from_the_data(course, name):
    built = CHARTS[name](course)
    spec = built.chart.to_dict()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert any(len(rows) for rows in spec["datasets"].values())
    assert "tooltip" in str(spec)
    assert len(built.table) > 0 and len(built.description) > 80


def test_matrix_description_names_every_source_and_the_selection_is_declared(course):
    built = CHARTS["stance-matrix"](course)
    for source in course.corpus.values():
        assert f"{source.label}:" in built.description
    assert "pick_source" in str(built.chart.to_dict()["params"])


def test_publication_dates_only_as_given():
    assert str(publication_date("29th March 2018").date()) == "2018-03-29"
    assert str(publication_date("January 15, 2023").date()) == "2023-01-15"
    assert publication_date("not given in the text") is None


def test_kwic_finds_a_term_in_every_source_that_uses_it(course):
    for term in ("SCO", "security", "hegemon"):
        found = counts(course.corpus, term)
        for source in course.corpus.values():
            uses = sum(len(re.findall(r"(?<!\w)" + re.escape(term), p.text, re.I)) for p in source.paragraphs)
            assert found[source.label] == uses
    rows = kwic(course.corpus, "negative hegemony")
    assert set(rows.source) == {"Recalibration 2023"} and (rows.match.str.lower() == "negative hegemony").all()
