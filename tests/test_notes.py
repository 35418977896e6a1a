"""The notes machinery in small Sphinx builds: what the pages get (data blocks, scripts, prompt ids),
and every bad `{essay-prompts}` stopping the build with file and line."""

import json
import re

from bs4 import BeautifulSoup

PROMPTS = """
    # Essays

    ```{toctree}
    text
    notes
    ```

    ````{essay-prompts}
    :ids: IDS

    1. **First prompt?** Argue it.
    2. **Second prompt.** Argue it too.
    ````
    """


def page(fb, name):
    return BeautifulSoup((fb.root / "_out" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def data(soup, css_class):
    return [json.loads(s.string) for s in soup.select(f"script.{css_class}")]


def test_pages_get_the_notes_data_and_scripts(fixture_book):
    fixture_book.write("index.md", PROMPTS.replace("IDS", "first second"))
    fixture_book.write("notes.md", "# My notes\n\n```{my-notes}\n```\n")
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    text, notes, essays = page(fixture_book, "text"), page(fixture_book, "notes"), page(fixture_book, "index")
    [on_text] = data(text, "sb-notes-data")
    assert on_text["sources"] == {"stronski-2018": {"label": "Stronski 2018", "href": "", "paragraphs": 13}}
    assert [t["id"] for t in on_text["theses"]][:2] == ["division-of-labor", "condominium"]
    assert [s["id"] for s in on_text["skills"]] == ["sourcing", "contextualization", "close-reading", "corroboration"]
    script = text.select_one('script[src*="sourcebook/classic/notes.js"]')  # the classic form, for file:// too
    assert script is not None and script.get("type") != "module"
    [on_notes] = data(notes, "sb-mynotes-data")
    assert on_notes["sources"]["stronski-2018"]["href"] == "text.html"
    assert notes.select_one('script[src*="sourcebook/classic/mynotes.js"]') and not notes.select_one(
        'script[src*="/notes.js"]'
    )
    items = essays.select("ol > li")
    assert [li["id"] for li in items] == ["essay-first", "essay-second"]
    assert [(d["id"], d["title"]) for d in data(essays, "sb-essay-plan-data")] == [
        ("first", "First prompt"),
        ("second", "Second prompt"),
    ]
    assert all(li.select_one(".sb-essay-plan") for li in items)


BAD = {
    # case: (the :ids: given, the message at the directive's line 8)
    "too few": ("first", "essay-prompts: gives 1 id(s) in :ids: for 2 prompt(s)"),
    "twice": ("first first", "essay-prompts: prompt id 'first' is given twice"),
    "not an id": ("first -bad", "essay-prompts: '-bad' is not a valid prompt id"),
}


def test_bad_prompt_ids_stop_the_build_with_file_and_line(fixture_book):
    """Every bad case on its own page of one --keep-going build; each page's error at its line, misses named."""
    pages = {case: f"case-{n}" for n, case in enumerate(BAD)}
    for case, (ids, _) in BAD.items():
        fixture_book.write(f"{pages[case]}.md", PROMPTS.replace("IDS", ids))
    fixture_book.write("index.md", "# Cases\n\n```{toctree}\n" + "\n".join(pages.values()) + "\n```\n")
    fixture_book.write("notes.md", "# My notes\n")
    result = fixture_book.build()
    assert result.returncode != 0
    missing = [
        f"{case}: {pages[case]}.md:8: {message}"
        for case, (_, message) in BAD.items()
        if not re.search(rf"{pages[case]}\.md:8: WARNING: " + re.escape(message), result.stderr)
    ]
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\n" + result.stderr
