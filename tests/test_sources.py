"""The seed loader: paragraph splitting, stable ids, each listed clean-up, and no lost words."""

import re
import shutil

import pytest

from sourcebook.datafile import DataError
from sourcebook.sources import CLEANUPS, load_sources, paragraphs_of, quote_in

from .conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return load_sources(ROOT / "seeds" / "sources.yml")


def words(text):
    return re.findall(r"\w+", text)


def test_no_word_lost_or_altered(corpus):
    """Word for word, each source equals its seed, minus only what the listed clean-ups remove."""
    for source in corpus.values():
        raw = source.file.read_text(encoding="utf-8")
        expected = words(re.sub(r"</?i>", " ", raw))  # inline-markup: the tag names are not words
        for _, cleanup, text in source.dropped:  # blog-footer: the dropped block's words
            assert cleanup == "blog-footer"
            expected = (
                expected[: len(expected) - len(words(text))]
                if expected[-len(words(text)) :] == words(text)
                else pytest.fail(f"{source.id}: dropped text {text!r} is not at the end")
            )
        got = [w for p in source.paragraphs for w in words(p.text)]
        assert got == expected, source.id


def test_every_cleanup_is_listed_and_described():
    names = [c.name for c in CLEANUPS]
    assert len(names) == len(set(names)) == 7
    assert all(len(c.description) > 30 for c in CLEANUPS)


@pytest.mark.parametrize(
    "raw, expected, cleanup",
    [
        (
            "Chinese [trade](#) with [Belt and Road Initiative \\(BRI\\)](#) grew.",
            "Chinese trade with Belt and Road Initiative (BRI) grew.",
            "dead-links",
        ),
        (
            "exceeding US\\$30 billion in 2016, a figure that dwarfs Russia's US\\$18 billion.",
            "exceeding US$30 billion in 2016, a figure that dwarfs Russia's US$18 billion.",
            "markdown-escapes",
        ),
        ("*By Paul Stronski\nOriginally published*", "By Paul Stronski Originally published", "inline-markup"),
        (
            "Abstract <i>The 9/11 attacks.</i> See <https://doi.org/10.1/x>.",
            "Abstract The 9/11 attacks. See https://doi.org/10.1/x.",
            "inline-markup",
        ),
        ("  • Reasons for Closer Ties: Panelists noted.", "Reasons for Closer Ties: Panelists noted.", "list-markers"),
        ("- Allison, R. (2008). Virtual regionalism.", "Allison, R. (2008). Virtual regionalism.", "list-markers"),
    ],
)
def test_text_cleanups(raw, expected, cleanup):
    [para], _ = paragraphs_of("x", raw)
    assert para.text == expected
    assert cleanup in para.cleanups


def test_page_break_join_and_whitespace():
    raw = "Kazakhstan stands to benefit most from BRI given its\n\ngeographic location as the key transit state.\n\nNext one."
    paras, _ = paragraphs_of("x", raw)
    assert [p.text for p in paras] == [
        "Kazakhstan stands to benefit most from BRI given its geographic location as the key transit state.",
        "Next one.",
    ]
    assert "page-break-joins" in paras[0].cleanups and paras[1].line == 5


def test_no_join_after_a_finished_sentence_or_before_a_capital():
    paras, _ = paragraphs_of("x", "Ends here.\n\nlower case start.\n\nNo stop\n\nCapital start.")
    assert len(paras) == 4


def test_blog_footer_is_dropped_and_recorded():
    paras, dropped = paragraphs_of("x", "Text.\n\nNo comments:")
    assert [p.text for p in paras] == ["Text."]
    assert dropped == [(3, "blog-footer", "No comments:")]


def test_list_items_are_separate_paragraphs(corpus):
    bullets = corpus["carnegie-tsinghua-2016"].paragraphs[3:8]
    assert [p.text.split(":")[0] for p in bullets] == [
        "Reasons for Closer Ties",
        "Limits on Cooperation",
        "Global Implications of Reshaping Eurasia",
        "Neighborhood Diplomacy in Central Asia",
        "Maintaining Secure Borders",
    ]


@pytest.mark.parametrize(
    "pid, start, line",
    [
        ("stronski-2018:p7", "Russia seems unconcerned", 21),
        ("stronski-2018:p6", "Central Asian leaders warmly embrace", 17),
        ("unsigned-article:p40", "While there is increasing talk", 81),
        ("firdous-2023:p23", "Currently, China is predicted", 59),
        ("recalibration-2023:p16", "If Russia has been tolerating", 38),
        ("carnegie-tsinghua-2016:p7", "Neighborhood Diplomacy in Central Asia", 10),
    ],
)
def test_paragraph_ids_are_stable(corpus, pid, start, line):
    """Citations across the course depend on these numbers: changing the splitter must not move them."""
    para = corpus.passage(pid)
    assert para.text.startswith(start) and para.line == line


def test_paragraph_counts(corpus):
    assert {s.id: len(s.paragraphs) for s in corpus.values()} == {
        "unsigned-article": 40,
        "carnegie-tsinghua-2016": 20,
        "stronski-2018": 13,
        "firdous-2023": 66,
        "recalibration-2023": 22,
    }


@pytest.mark.parametrize(
    "pid, message",
    [
        ("stronski-2018:p99", "unknown paragraph 'stronski-2018:p99': stronski-2018 has paragraphs 1–13"),
        ("nobody-2020:p1", "unknown source 'nobody-2020'"),
        ("stronski-2018:7", "malformed passage id"),
    ],
)
def test_bad_passage_ids(corpus, pid, message):
    with pytest.raises(KeyError, match=re.escape(message)):
        corpus.passage(pid)


def test_quote_check(corpus):
    para = corpus.passage("unsigned-article:p7")
    assert quote_in('the sole purpose of "watching over" China', para)  # typographic quotes normalised
    assert quote_in("Prior to the establishment   of the\nShanghai-5", para)  # whitespace normalised
    assert quote_in("Prior to the establishment … established the SCO", para)  # elision, in order
    assert not quote_in("established the SCO … Prior to the establishment", para)  # out of order
    assert not quote_in("Prior to the founding of the Shanghai-5", para)  # a changed word
    assert not quote_in("prior to the establishment", para)  # case matters


def bad_metadata(tmp_path, old, new):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "seeds" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "author: Paul Stronski",
            "author: Paul Stronsky",
            r"seeds/sources.yml:\d+: author 'Paul Stronsky' does not occur verbatim in 001_4ab2af27cf4d618f.txt",
        ),
        (
            "file: 001_4ab2af27cf4d618f.txt",
            "file: 001_missing.txt",
            r"sources.yml:\d+: seed file '001_missing.txt' not found",
        ),
        (
            "  - id: stronski-2018",
            "  - id: stronski-2018\n    extra: 1",
            r"sources.yml:\d+: source entry has unknown key 'extra'",
        ),
        ("sources:\n", "sources:\n  - [unclosed\n", r"sources.yml:\d+: invalid YAML"),
        ("id: recalibration-2023", "id: stronski-2018", r"sources.yml:\d+: duplicate source id 'stronski-2018'"),
    ],
)
def test_bad_metadata_names_file_and_line(tmp_path, old, new, message):
    path = bad_metadata(tmp_path, old, new)
    with pytest.raises(DataError, match=message):
        load_sources(path)


def test_edited_seed_is_refused(tmp_path):
    path = bad_metadata(tmp_path, "# The five", "# The five")
    seed = tmp_path / "seeds" / "001_4ab2af27cf4d618f.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("uneasy", "easy"), encoding="utf-8")
    with pytest.raises(DataError, match=r"sources.yml:\d+: seed file '001_4ab2af27cf4d618f.txt' has changed"):
        load_sources(path)


def test_seeds_match_the_shared_originals():
    """The project's seeds are byte-for-byte copies of the sources it was given (when they are beside it)."""
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no shared/seeds beside this checkout")
    for original in sorted(shared.glob("*.txt")):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name
