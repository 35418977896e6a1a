"""The course's own sourcing: bylines, lateral reading, and wordings checked against the seeds they describe."""

import re

import pytest
import yaml

from sourcebook.course import load_course

from .conftest import ROOT

SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"]?\d*\s+(?=[A-Z“\"])")


@pytest.fixture(scope="module")
def course():
    return load_course()


def read(relpath: str) -> str:
    return (ROOT / relpath).read_text(encoding="utf-8")


def book_pages():
    return sorted((ROOT / "book").rglob("*.md"))


def sentence_of(course, pid: str, fragment: str) -> int:
    """The index of the sentence of paragraph `pid` that contains `fragment`."""
    sentences = SENTENCE_BREAK.split(course.corpus.passage(pid).text)
    return next(i for i, s in enumerate(sentences) if fragment in s)


def test_sentence_counts_in_the_course_match_the_seeds(course):
    distance = {1: "one", 2: "two", 3: "three", 4: "four"}
    callahan = sentence_of(course, "firdous-2023:p43", "absent partner") - sentence_of(
        course, "firdous-2023:p43", "(Callahan, 2016)"
    )
    assert f"`callahan-2016`, {distance[callahan]}\nsentences earlier" in read("book/bibliography.md")
    p20 = "unsigned-article:p20"
    later = sentence_of(course, p20, "It would be incorrect") - sentence_of(course, p20, "The key framework")
    assert f'{distance[later]} sentences later, that "It' in read("exercises/thesis-hedging.yml")
    before = sentence_of(course, p20, "It would be incorrect") - sentence_of(course, p20, "Russian authorities do not")
    assert f"The Russian authorities appear {distance[before]} sentences before it" in read(
        "exercises/thesis-frame.yml"
    )
    p38 = "firdous-2023:p38"
    assert sentence_of(course, p38, "both China and Russia have opposed") == sentence_of(course, p38, "little progress")
    topics = read("book/compare/topics.md")
    assert "The sentence that follows, {quote}`both China and Russia" not in topics
    assert "The second clause of the same sentence, {quote}`both China and Russia" in topics


def test_the_course_dates_the_unsigned_article_one_way():
    for page in ("book/glossary.md", "book/sources/recalibration-2023.md", "book/sources/unsigned-article.md"):
        assert "before the union existed" not in read(page), page
    for page in ("book/glossary.md", "book/sources/recalibration-2023.md"):
        assert "dates his statement more" in read(page), page


def test_the_six_biographies_are_never_called_the_speakers():
    wrong = re.compile(r"six speakers|panelists are linked|of the 2016\s+panelists|panel's six", re.I)
    for path in book_pages():
        assert not wrong.search(path.read_text(encoding="utf-8")), path.name


def test_one_reading_of_firdous_bilateral_drills_stated_as_a_reading(course):
    for path in book_pages():
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            if "10 bilateral drills" in para:
                assert "in our reading" in para.lower(), (path.name, para[:120])
    row = course.tables.figures.query("passage == 'firdous-2023:p33' and value == 10").iloc[0]
    assert "course's reading" in row.what and "The course reads it as China and Russia with each other" in row.caveat
    bank = {e.id: e for e in course.banks.exercises.values()}
    pair = next(
        p for e in bank.values() if e.type == "match" for p in e.data["pairs"] if "10 bilateral drills" in p["left"]
    )
    assert (
        pair["right"] == "China–Russia military drills"
        and "the course reads it as China and Russia" in pair["feedback"]
    )


def test_the_sco_buffer_is_said_in_its_words():
    assert "{quote}`a mechanism for orderly resolution of conflicts <unsigned-article:p10>`" in read(
        "book/sources/unsigned-article.md"
    )


def test_condominium_and_hedging_are_coded_at_strongest_and_weakest(course):
    claims = course.tables.claims
    for thesis, stance in (("condominium", "supports"), ("hedging", "challenges")):
        rows = claims[(claims.thesis == thesis) & (claims.stance == stance)]
        assert len(rows) >= 1, (thesis, stance)
        assert rows.note.str.startswith("Not named").all()
    assert "The thesis nobody holds" not in read("book/compare/synthesis.md")


def test_no_page_presents_the_byline_as_the_author():
    """ "Yalvaç" appears only as the copy's byline, always with the word "byline" near it."""
    for path in [*book_pages(), ROOT / "book" / "data" / "lateral.yml", ROOT / "book" / "references.bib"]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer("Yalvaç", text):
            near = text[max(0, match.start() - 400) : match.end() + 400]
            assert "byline" in near or "Yalvaç's'" in near, (path.name, text[match.start() - 80 : match.end() + 40])
    essay = read("book/sources/recalibration-2023.md")
    assert "Wishnick" in essay and "Russian Analytical Digest" in essay and "{cite}`wishnick-2023`" in essay


def test_the_byline_exercise_teaches_the_repost_caveat(course):
    exercise = course.banks.exercises["recalibration-2023-venue"]
    right = [o for o in exercise.data["options"] if o.get("correct")]
    assert len(right) == 1 and "repost" in right[0]["text"]
    assert not any("an author's name" in o["text"] for o in exercise.data["options"])


def test_the_lateral_reading_chapter_covers_every_source_and_firdous_list(course):
    toc = yaml.safe_load(read("_toc.yml"))
    sources_part = next(p for p in toc["parts"] if p["caption"] == "The sources")
    assert sources_part["chapters"][0]["file"] == "book/lateral-reading"
    page = read("book/lateral-reading.md")
    assert "```{exercise-set} lateral-reading" in page
    for n in range(51, 67):  # every entry of Firdous's reference list has its row
        assert f"<firdous-2023:p{n}>`" in page or f"`firdous-2023:p{n}`" in page, n
    bank = [e for e in course.banks.exercises.values() if e.file.stem == "lateral-reading"]
    for source in course.corpus:
        assert any(p.startswith(source + ":") for e in bank for p in e.data["passages"]), source
    firdous_refs = [
        e for e in bank if any(re.fullmatch(r"firdous-2023:p(5[1-9]|6[0-6])", p) for p in e.data["passages"])
    ]
    assert len(firdous_refs) >= 2
    positions = {
        [i for i, o in enumerate(e.data["options"]) if o.get("correct")][0] for e in bank if e.type == "single"
    }
    assert len(positions) >= 3  # the right answer is not always in the same place
