"""The exercise banks in another language: one gettext catalogue per bank,
`locales/LANG/LC_MESSAGES/exercises/BANK.po`, extracted from every string a student or an instructor
reads in it (the keys `exercises.quotes.PROSE` lists: prompts, options, feedback, explanations, model
answers, rubrics, match and order items), plus `data.po` for the words of the course's data that the
banks, the notes and the charts share (`datalabels`). Merged like the pages' catalogues (a changed
English string turns fuzzy).

Only the words change: the payload's keys are made from the English (`payload.option_key`), so a
stored answer is the same answer in either edition. Excerpts are the sources' words and stay English.
Translations obey the quote rules in the language's marks (`check_translated_quotes`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.errors import ExtensionError

from ..datafile import DataError, DataErrors
from ..exercises.payload import plain
from ..exercises.quotes import CODE, PROSE, SHOWN, _strings
from ..sources import Quotable, quotations, quoted_words
from .catalogues import catalogue_path, coverage, is_english, merge, read_catalogue, translations
from .datalabels import DATA, data_messages


def bank_domain(path: Path) -> str:
    return f"exercises/{Path(path).stem}"


def bank_messages(course) -> dict[str, list]:
    """domain -> [(English string, [(file, line)])] for every bank, in the order written, and data.po."""
    banks = course.banks
    found: dict[str, dict] = {bank_domain(f): {} for f in banks.files}
    for ex in banks.exercises.values():
        messages = found.setdefault(bank_domain(ex.file), {})
        for key, line, text in _strings(ex.data, ex.data.line):
            if key in PROSE and text.strip():
                messages.setdefault(text, []).append((f"exercises/{Path(ex.file).name}", line))
    out = {domain: list(messages.items()) for domain, messages in found.items()}
    out[DATA] = data_messages(course)
    return out


def update_bank_catalogues(srcdir, language: str, course) -> dict[str, dict]:
    """Merge every bank's catalogue with its English strings; domain -> its translations."""
    out = {}
    for domain, messages in bank_messages(course).items():
        catalog, _changed = merge(catalogue_path(srcdir, language, domain), language, messages)
        out[domain] = translations(catalog)
    return out


def check_translated_quotes(tables: dict[str, dict], corpus, outside: list[str], language: str) -> None:
    """The banks' quote rule in the edition's marks: in a translation, «…» (or any double quotation
    mark) holds words verbatim in a source or recorded outside words; „…“ holds the course's own."""
    quoted = Quotable([p.text for s in corpus.values() for p in s.paragraphs] + outside)
    problems = []
    for domain, table in tables.items():
        path = Path("locales") / language / "LC_MESSAGES" / f"{domain}.po"
        for english, text in table.items():
            for _, words, _rest in quotations(plain(CODE.sub(SHOWN, text)), language):
                where = f"translation of “{english[:60]}”"
                if words is None:
                    problems.append(DataError(path, 0, f"{where}: unbalanced quotation mark"))
                    continue
                words = quoted_words(words)
                if words and SHOWN not in words and words not in quoted:
                    problems.append(
                        DataError(
                            path,
                            0,
                            f"{where}: quoted words not found verbatim in the five texts: «{words}» (quote the "
                            "English exactly, or mark the course's own words with „…“)",
                        )
                    )
    if problems:
        raise DataErrors(problems)


def _table(app, exercise) -> dict[str, str]:
    tables = getattr(app, "sourcebook_bank_translations", {})
    return {**tables.get(DATA, {}), **tables.get(bank_domain(exercise.file), {})}


def translator(app, exercise) -> Callable[[str], str]:
    """The `tr` for `build_payload`: a bank's string (or a shared label) in the edition's language."""
    table = _table(app, exercise)
    return lambda text: table.get(text, text) if text else text


def untranslated(app, exercise) -> Callable[[str], bool]:
    """The `english` for `build_payload`: in a translated edition, is this string still shown in English
    (not translated yet, or fuzzy)? Never in the English edition."""
    if is_english(app.config):
        return lambda text: False
    table = _table(app, exercise)
    return lambda text: bool(text.strip()) and text not in table


def shared_label(app, text: str) -> str:
    """A thesis or skill label (`data.po`) in the edition's language."""
    return getattr(app, "sourcebook_bank_translations", {}).get(DATA, {}).get(text) or text


def prepare(app):
    """builder-inited (after the course is loaded): merge and check the banks' catalogues."""
    app.sourcebook_bank_translations = {}
    if is_english(app.config):
        return
    tables = update_bank_catalogues(app.srcdir, app.config.language, app.sourcebook)
    try:
        check_translated_quotes(tables, app.sourcebook.corpus, app.sourcebook.outside, app.config.language)
    except DataError as err:
        raise ExtensionError(str(err)) from None
    app.sourcebook_bank_translations = tables


def check_catalogues(root: Path, course) -> list[str]:
    """`sourcebook check`: every language's bank catalogues obey the quote rules; one line per language."""
    lines = []
    for folder in sorted((Path(root) / "locales").glob("*/LC_MESSAGES")):
        language = folder.parent.name
        domains = bank_messages(course)
        tables = {d: translations(read_catalogue(catalogue_path(root, language, d), language)) for d in domains}
        check_translated_quotes(tables, course.corpus, course.outside, language)
        lines.append(
            f"translations ({language}): {sum(map(len, tables.values()))} bank strings translated, quotes checked"
        )
    return lines


def setup_banks(app):
    app.connect("builder-inited", prepare, priority=600)  # after the course is loaded (500)


def coverage_parts(app):
    counted = None
    for domain, _messages in bank_messages(app.sourcebook).items():
        c = coverage(read_catalogue(catalogue_path(app.srcdir, app.config.language, domain), app.config.language))
        counted = c if counted is None else counted + c
        yield f"  {domain}", c
    if counted is not None:
        yield "Exercise banks (all)", counted
