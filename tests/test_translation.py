"""The Russian edition (sourcebook/translation): catalogues kept in step with the English, the
untranslated-page notice, the quote marks of Russian prose, the one vocabulary, the built edition."""

from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po, write_po

from sourcebook.translation.scripts import extract
from sourcebook.translation.terms import load_terms, term_problems

from .conftest import ROOT

CONF = """
import sys
sys.path.insert(0, {root!r})
extensions = ["myst_parser", "sourcebook"]
exclude_patterns = ["_out", "seeds", "exercises", "book", "locales"]
language = "ru"
locale_dirs = ["locales"]
gettext_compact = False
root_doc = "text"
"""
PAGE = """
# Texts

The course reads {word} closely.

Stronski's Russia "seems unconcerned" here.

```{{source-text}} stronski-2018
```
"""


def build(fb):
    """Build the fixture book in Russian, with the build's own report (not -q)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", str(fb.root), str(fb.root / "_out")],
        capture_output=True,
        text=True,
        cwd=fb.root,
    )


def po(fb):
    with (fb.root / "locales/ru/LC_MESSAGES/text.po").open("rb") as f:
        return read_po(f, locale="ru")


def translate(fb, table):
    catalog = po(fb)
    for message in catalog:
        if message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
    with (fb.root / "locales/ru/LC_MESSAGES/text.po").open("wb") as f:
        write_po(f, catalog, width=0)


def test_catalogue_follows_the_english_and_pages_say_what_is_untranslated(fixture_book):
    fb = fixture_book
    fb.write("conf.py", CONF.format(root=str(ROOT)))
    fb.write("text.md", PAGE.format(word="texts"))
    first = build(fb)
    assert first.returncode == 0, first.stderr[-3000:]
    ids = [m.id for m in po(fb) if m.id]
    assert ids == ["Texts", "The course reads texts closely.", 'Stronski\'s Russia "seems unconcerned" here.']
    assert "text (3/3)" in first.stdout  # the build names the page and counts what is left
    assert "Эта страница переведена не полностью" in (fb.root / "_out/text.html").read_text(encoding="utf-8")
    # The source's own paragraphs never enter a catalogue.
    assert not any("Stronski" in i and "Carnegie" in i for i in ids)

    translate(
        fb,
        {
            "Texts": "Тексты",
            "The course reads texts closely.": "Курс читает тексты медленно.",
            'Stronski\'s Russia "seems unconcerned" here.': (
                "Россия у Стронски «seems unconcerned» (кажется безразличной)."
            ),
        },
    )
    second = build(fb)
    assert second.returncode == 0, second.stderr[-3000:]
    html = (fb.root / "_out/text.html").read_text(encoding="utf-8")
    assert "Курс читает тексты медленно." in html and "переведена не полностью" not in html
    assert html.count('lang="en"') >= 1  # the source text is marked English

    # A changed English paragraph: its translation turns fuzzy, and the page says it is not all Russian.
    fb.write("text.md", PAGE.format(word="sources"))
    third = build(fb)
    assert third.returncode == 0, third.stderr[-3000:]
    fuzzy = [m for m in po(fb) if m.fuzzy]
    assert [m.id for m in fuzzy] == ["The course reads sources closely."]
    assert fuzzy[0].string == "Курс читает тексты медленно."
    assert "fuzzy" in third.stdout and "text (1/3)" in third.stdout
    html = (fb.root / "_out/text.html").read_text(encoding="utf-8")
    assert "Эта страница переведена не полностью: 1 из 3" in html
    assert re.search(r'<p class="language-en"[^>]*lang="en"|lang="en"[^>]*>The course reads sources', html)


def test_russian_quote_marks_are_checked(fixture_book):
    """«…» in a translation are a source's words, checked verbatim; „…“ are the course's own."""
    fb = fixture_book
    fb.write("conf.py", CONF.format(root=str(ROOT)))
    fb.write("text.md", PAGE.format(word="texts"))
    assert build(fb).returncode == 0
    translate(
        fb,
        {
            "The course reads texts closely.": "Курс называет это „медленным чтением“.",
            'Stronski\'s Russia "seems unconcerned" here.': "Россия у Стронски «seems very unconcerned».",
        },
    )
    bad = build(fb)
    assert bad.returncode != 0
    problems = re.findall(r"quoted words not found verbatim in stronski-2018: “([^”]*)”", bad.stderr)
    assert problems == ["seems very unconcerned"]  # the course's „own words“ are not a quotation


def test_one_vocabulary():
    """Every catalogue names each thesis and skill by terms.yml's one Russian name."""
    terms = load_terms(ROOT)
    assert len(terms) >= 11 and all(t.why and t.ru for t in terms)
    assert {"division of labor", "condominium", "hedging", "negative hegemony"} <= {t.en for t in terms}
    checked, problems = term_problems(ROOT)
    assert checked > 0
    assert problems == []


def test_term_check_finds_a_second_name(tmp_path):
    (tmp_path / "locales/ru/LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locales/ru/terms.yml").write_text((ROOT / "locales/ru/terms.yml").read_text(encoding="utf-8"))
    (tmp_path / "locales/ru/LC_MESSAGES/page.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The division of labor thesis."\nmsgstr "Тезис о распределении ролей."\n',
        encoding="utf-8",
    )
    checked, problems = term_problems(tmp_path)
    assert checked == 1
    assert len(problems) == 2 and "division of labor without «разделение труда»" in problems[1]


def test_script_messages_are_extracted(tmp_path):
    (tmp_path / "a.js").write_text(
        'import { t, tn } from "./exercise.js";\nt("Check answer");\ntn("{n} note", "{n} notes", 3);\nt(dynamic);\n'
    )
    assert extract(tmp_path) == [
        ("Check answer", [("sourcebook/static/sourcebook/a.js", 2)]),
        (("{n} note", "{n} notes"), [("sourcebook/static/sourcebook/a.js", 3)]),
    ]


def test_both_editions_built(book):
    """`make book`'s Russian edition: built without warnings, coverage printed, a twin for every page."""
    assert "WARNING" not in book.ru.log
    assert re.search(r"translation \(ru\): \d+ translated, \d+ fuzzy, \d+ untranslated", book.ru.log)
    assert "The sources:" in book.ru.log and "Exercise banks (all)" in book.ru.log
    # The total is the sum of the parts (each bank's own line, indented further, is a detail).
    line = re.compile(r"translation \(ru\): (  (?! )[^:]+: )?(\d+) translated, (\d+) fuzzy, (\d+) untranslated")
    found = [(m.group(1), tuple(map(int, m.groups()[1:]))) for m in line.finditer(book.ru.log)]
    total = [n for part, n in found if part is None]
    parts = [n for part, n in found if part is not None]
    assert len(total) == 1 and len(parts) >= 8
    assert total[0] == tuple(map(sum, zip(*parts, strict=True)))

    def pages(root):  # the built pages, not the redirect stubs of moved chapters (book/_extra)
        return sorted(
            p.relative_to(root).as_posix()
            for p in root.glob("book/**/*.html")
            if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
        )

    english, russian = pages(book.html), pages(book.ru.html)
    assert len(english) > 20 and english == russian
    for name in english:
        en, ru = book.page(name), (book.ru.html / name).read_text(encoding="utf-8")
        assert 'lang="en"' in en.split(">", 2)[1] and '<html lang="ru"' in ru
        assert f'href="{"../" * name.count("/")}ru/{name}" hreflang="ru"' in en
        assert 'hreflang="en"' in ru
    # Exercise ids and option keys are the same in both editions.
    keys = re.compile(r'"key": ?"(o[0-9a-f]{8})"')
    stronski = "book/sources/stronski-2018.html"
    en_keys = keys.findall(book.page(stronski))
    assert len(en_keys) > 10 and en_keys == keys.findall((book.ru.html / stronski).read_text(encoding="utf-8"))
    # The English worker does not precache the Russian edition; the Russian one has its own.
    assert "ru/book" not in (book.html / "sw.js").read_text(encoding="utf-8")
    assert (book.ru.html / "sw.js").is_file()


def test_a_catalogue_left_with_a_merge_conflict_is_refused_at_its_line(tmp_path):
    """babel alone skips a line it cannot read (a conflict marker) and reads on; the course names it."""
    import shutil

    import pytest

    from sourcebook.course import load_course
    from sourcebook.datafile import DataError
    from sourcebook.translation.banks import check_catalogues

    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales/ru/LC_MESSAGES/exercises/stronski-2018.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("#: ") and i > 20)
    lines[at:at] = ["<<<<<<< HEAD\n"]
    po.write_text("".join(lines), encoding="utf-8")
    course = load_course(ROOT)
    assert check_catalogues(ROOT, course)  # the real catalogues read
    with pytest.raises(DataError) as err:
        check_catalogues(tmp_path, course)
    assert str(err.value).endswith(
        f"locales/ru/LC_MESSAGES/exercises/stronski-2018.po:{at + 1}: a merge conflict marker: resolve the conflict "
        "('<<<<<<< HEAD')"
    ), str(err.value)
