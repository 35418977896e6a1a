"""Notes on passages, My notes and essay plans on the built site, in Chromium: by mouse and keyboard,
after a reload, rendered as text; the essay plan's Markdown quotes verbatim; a rebuilt paragraph
detaches its notes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from sourcebook.course import load_course
from sourcebook.paper.browser import serve
from sourcebook.sources import quote_in

from ..conftest import ROOT
from .found import found

STRONSKI = "book/sources/stronski-2018.html"
MY_NOTES = "book/my-notes.html"
SYNTHESIS = "book/compare/synthesis.html"
KEY = "sourcebook-notes-v1"
NOTE_KEYS = {"paragraph", "quote", "text", "tags", "created", "updated", "deleted", "detached"}


@pytest.fixture(scope="module")
def corpus():
    return load_course().corpus


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


def seed_notes(page, site, notes: dict, plans: dict | None = None):
    """Put notes in the browser's storage (as a restore would) before the pages load."""
    page.goto(site + MY_NOTES, wait_until="networkidle")  # all loaded: leaving early would abort a request
    data = {"format": "sourcebook-notes", "version": 1, "notes": notes, "plans": plans or {}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])


def note(pid: str, text: str, quote: str | None = None, tags=(), **extra) -> dict:
    out = {
        "paragraph": pid,
        "text": text,
        "tags": list(tags),
        "created": "2026-12-01T09:00:00.000Z",
        "updated": "2026-12-01T09:00:00.000Z",
        **extra,
    }
    if quote is not None:
        out["quote"] = quote
    return out


def add_button(page, label: str):
    return page.get_by_role("button", name=f"Add a note to {label}", exact=True)


def bar(page, anchor: str):
    return page.locator(f"#{anchor} + .sb-note-bar")


def select_by_mouse(page, anchor: str, words: str):
    """Drag the mouse across `words` inside one paragraph, as a student would."""
    page.locator(f"#{anchor}").scroll_into_view_if_needed()
    box = page.evaluate(
        """([id, words]) => {
        const p = document.getElementById(id);
        const node = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.includes(words));
        const start = node.textContent.indexOf(words);
        const r = document.createRange();
        r.setStart(node, start); r.setEnd(node, start + 1);
        const a = r.getBoundingClientRect();
        r.setStart(node, start + words.length - 1); r.setEnd(node, start + words.length);
        const b = r.getBoundingClientRect();
        return [a.left + 1, (a.top + a.bottom) / 2, b.right - 1, (b.top + b.bottom) / 2];
    }""",
        [anchor, words],
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=5)
    page.mouse.up()
    assert page.evaluate("String(getSelection()).trim()") == words


def test_every_paragraph_has_a_note_button(page, site, corpus):
    page.goto(site + STRONSKI)
    buttons = page.get_by_role("button", name=re.compile(r"^Add a note to Stronski 2018 ¶\d+$"))
    buttons.first.wait_for()
    assert buttons.count() == len(corpus["stronski-2018"].paragraphs)
    # The text shown is the seed's, byte for byte (no typographic quotes added by the build).
    p7 = page.evaluate(
        "[...document.getElementById('stronski-2018-p7').childNodes].slice(1).map(n => n.textContent).join('')"
    )
    assert p7 == " " + corpus.passage("stronski-2018:p7").text


def test_note_on_a_paragraph_by_mouse_survives_a_reload(page, site):
    page.goto(site + STRONSKI)
    add_button(page, "Stronski 2018 ¶7").click()
    form = page.locator("form.sb-note-form")
    form.get_by_label("Note", exact=True).fill("Russia accepts China's economic lead.")
    form.get_by_label("Negative hegemony").check()
    form.get_by_label("Close reading").check()
    form.get_by_role("button", name="Save note").click()
    assert form.count() == 0
    assert page.locator('[role="status"]', has_text="Note saved on Stronski 2018 ¶7.").count() == 1
    assert page.evaluate("document.activeElement.classList.contains('sb-note-edit')")

    data = stored(page)
    assert data["format"] == "sourcebook-notes" and data["version"] == 1 and data["plans"] == {}
    [(note_id, saved)] = data["notes"].items()
    assert re.fullmatch(r"n[0-9a-f]{12}", note_id) and set(saved) <= NOTE_KEYS
    assert saved["paragraph"] == "stronski-2018:p7" and saved["tags"] == ["negative-hegemony", "close-reading"]
    assert saved["quote"].startswith("Russia seems unconcerned")  # a paragraph note marks all its words

    page.reload()
    item = bar(page, "stronski-2018-p7").locator("li.sb-note")
    assert item.locator(".sb-note-body").inner_text() == "Russia accepts China's economic lead."
    assert item.locator(".sb-note-quoted").inner_text() == "On the whole paragraph"
    assert page.locator("#stronski-2018-p7 mark").count() == 0


def test_note_on_selected_words_by_mouse(page, site):
    page.goto(site + STRONSKI)
    add_button(page, "Stronski 2018 ¶7").wait_for()
    select_by_mouse(page, "stronski-2018-p7", "can do little")
    chooser = bar(page, "stronski-2018-p7").get_by_role("button", name="Add a note to the selected words")
    chooser.click()
    form = page.locator("form.sb-note-form")
    assert form.get_by_label("Words marked (optional)").input_value() == "can do little"
    form.get_by_label("Note", exact=True).fill("Power to compete, not to block?")
    form.get_by_label("Your own tags (separate them with commas)").fill("power, Moscow")
    form.get_by_role("button", name="Save note").click()
    page.reload()
    mark = page.locator("#stronski-2018-p7 mark.sb-note-mark")
    assert mark.count() == 1 and mark.inner_text() == "can do little"
    [saved] = stored(page)["notes"].values()
    assert saved["quote"] == "can do little" and saved["tags"] == ["power", "Moscow"]


def test_notes_by_keyboard(page, site):
    """Tab from the paragraph's link to its note button, type the words to mark, tick a thesis, save
    with Enter; then edit and cancel with Escape: focus comes back each time."""
    page.goto(site + STRONSKI)
    add_button(page, "Stronski 2018 ¶9").wait_for()
    page.locator("#stronski-2018-p9 a.sb-pnum").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Add a note to Stronski 2018 ¶9"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Note"  # where a phone's keyboard opens
    page.keyboard.type("The EEU defends against China too.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("Wrong words")  # "Words marked", optional, just before it
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first thesis: Division of labor
    for _ in range(10):  # the other theses, the skills, then "Your own tags"
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    error = page.locator(".sb-note-error")
    assert "These words are not in Stronski 2018 ¶9" in error.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    page.keyboard.press("Control+A")
    page.keyboard.type("continued encroachments from both Europe and China")
    page.keyboard.press("Enter")
    assert page.locator("form.sb-note-form").count() == 0
    assert page.locator("#stronski-2018-p9 mark").inner_text() == "continued encroachments from both Europe and China"
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Edit note on Stronski 2018 ¶9")
    [saved] = stored(page)["notes"].values()
    assert saved["tags"] == ["division-of-labor"] and saved["text"] == "The EEU defends against China too."

    page.keyboard.press("Enter")  # edit it
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type(" Edited.")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent").startswith("Edit note on Stronski 2018 ¶9")
    assert (
        stored(page)["notes"]
        and list(stored(page)["notes"].values())[0]["text"] == "The EEU defends against China too."
    )

    # Words selected inside a paragraph (with caret browsing or a screen reader's selection): the
    # selection's button comes next in the tab order, after the paragraph.
    page.evaluate("""() => {
        const node = document.getElementById('stronski-2018-p11').childNodes[1];
        const at = node.textContent.indexOf('security assistance');
        getSelection().setBaseAndExtent(node, at, node, at + 'security assistance'.length);
    }""")
    bar(page, "stronski-2018-p11").get_by_role("button", name="Add a note to the selected words").wait_for()
    page.locator("#stronski-2018-p11 a.sb-pnum").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Add a note to the selected words"
    page.keyboard.press("Enter")
    page.keyboard.type("Of whom, to whom?")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "security assistance"
    page.keyboard.press("Enter")
    assert page.locator("#stronski-2018-p11 mark").inner_text() == "security assistance"
    assert page.evaluate("document.activeElement.textContent").startswith("Edit note on Stronski 2018 ¶11")


def test_delete_keeps_a_tombstone(page, site):
    seed_notes(page, site, {"n000000000001": note("stronski-2018:p7", "to delete", "can do little")})
    page.goto(site + STRONSKI)
    bar(page, "stronski-2018-p7").get_by_role("button", name=re.compile("^Edit note")).click()
    page.get_by_role("button", name="Delete note").click()
    assert bar(page, "stronski-2018-p7").locator("li.sb-note").count() == 0
    assert page.locator("#stronski-2018-p7 mark").count() == 0
    gone = stored(page)["notes"]["n000000000001"]
    assert gone["deleted"] is True and gone["updated"] > "2026-12-01T09:00:00.000Z"
    assert page.evaluate("document.activeElement.textContent") == "Add a note to Stronski 2018 ¶7"


def test_my_notes_groups_searches_and_sets_side_by_side(page, site, corpus):
    seed_notes(
        page,
        site,
        {
            "n00000000000a": note(
                "stronski-2018:p7", "Russia cannot compete.", "can do little", ["negative-hegemony", "close-reading"]
            ),
            "n00000000000b": note(
                "recalibration-2023:p16", "Russia can still block.", "the power to obstruct", ["negative-hegemony"]
            ),
            "n00000000000c": note("firdous-2023:p23", "A forecast.", None, ["rivalry", "my-word"]),
            "n00000000000d": note("stronski-2018:p5", "deleted", None, ["rivalry"], deleted=True),
        },
    )
    page.goto(site + MY_NOTES)
    status = page.locator(".sb-mynotes-status")
    assert status.inner_text() == "3 of 3 notes shown."
    group = page.locator(".sb-mynotes-group", has=page.get_by_role("heading", name="Negative hegemony (2)"))
    assert group.locator(".sb-mynote").count() == 2
    link = group.get_by_role("link", name="Stronski 2018 ¶7")
    assert link.get_attribute("href") == "sources/stronski-2018.html#stronski-2018-p7"
    assert group.locator(".sb-mynote-quote").first.inner_text() == "“can do little” (Stronski 2018 ¶7)"

    page.get_by_label("Group by").select_option("source")
    assert page.get_by_role("heading", name="Stronski 2018 (1)").count() == 1
    page.get_by_label("Group by").select_option("tag")
    assert page.get_by_role("heading", name="my-word (1)").count() == 1
    page.get_by_label("Search your notes").fill("block")
    assert status.inner_text() == "1 of 3 notes shown."
    page.get_by_label("Search your notes").fill("")
    page.get_by_label("Show notes tagged").select_option("rivalry")
    assert status.inner_text() == "1 of 3 notes shown."
    page.get_by_label("Show notes tagged").select_option("")

    page.get_by_label("Thesis", exact=True).select_option("negative-hegemony")
    table = page.locator("table.sb-mynotes-grid")
    table.scroll_into_view_if_needed()  # notes are laid out (content-visibility) a frame after they come on screen
    heads = table.locator("th").all_inner_texts()
    assert sorted(heads) == sorted(s.label for s in corpus.values())
    cells = dict(zip(heads, found(table.locator("td"), len(heads)).all(), strict=True))
    expect(cells["Stronski 2018"]).to_contain_text("Russia cannot compete.", use_inner_text=True)
    expect(cells[corpus["recalibration-2023"].label]).to_contain_text("Russia can still block.", use_inner_text=True)
    expect(cells["Firdous 2023"]).to_have_text("No note yet.", use_inner_text=True)

    link.click()
    page.wait_for_url("**/stronski-2018.html#stronski-2018-p7")


def test_student_text_is_never_markup(page, site):
    evil = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    seed_notes(page, site, {"n0000000000e1": note("stronski-2018:p7", evil, "can do little", [evil])})
    for name in (STRONSKI, MY_NOTES):
        page.goto(site + name)
        page.locator(".sb-note, .sb-mynote").first.wait_for()
        assert page.locator(".sb-note img, .sb-note script, .sb-mynote img, .sb-mynote script").count() == 0
        assert evil in page.locator(".sb-note, .sb-mynote").first.inner_text()
        assert page.evaluate("window.__pwned") is None
    page.goto(site + STRONSKI)
    add_button(page, "Stronski 2018 ¶8").click()
    page.get_by_label("Note", exact=True).fill(evil)
    page.get_by_role("button", name="Save note").click()
    assert evil in bar(page, "stronski-2018-p8").inner_text() and page.evaluate("window.__pwned") is None


QUOTED = re.compile(r"^\d+\. “(?P<quote>.*)” \((?P<label>[^()]+) ¶(?P<n>\d+)\)$", re.M)


def test_essay_plan_exports_verbatim_cited_markdown(page, site, corpus):
    labels = {s.label: s.id for s in corpus.values()}
    seed_notes(
        page,
        site,
        {
            "n0000000000f1": note(
                "stronski-2018:p7", "Cannot compete.", "Moscow knows it can do little about China's presence."
            ),
            "n0000000000f2": note("recalibration-2023:p16", "Can block.", "the power to obstruct energy relations"),
            "n0000000000f3": note("firdous-2023:p37", "Blocked the bank.", None, ["negative-hegemony"]),
        },
    )
    page.goto(site + SYNTHESIS)
    item = page.locator("#essay-russia-say-no")
    item.get_by_text("Plan an essay on this prompt").click()
    item.get_by_label("Your thesis sentence").fill("Russia can still say no, but only by blocking.")
    choose = item.get_by_label("Choose one of your notes")
    for note_id, side in (("n0000000000f2", "for"), ("n0000000000f3", "for"), ("n0000000000f1", "against")):
        choose.select_option(note_id)
        item.get_by_role("button", name=f"Add to evidence {side}").click()
    item.get_by_role("button", name="Move up: Firdous 2023 ¶37").click()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up: Firdous 2023 ¶37"
    item.get_by_role("button", name="Export as Markdown").click()
    item.locator(".sb-essay-output").wait_for()  # after the paragraph of the note without words is read
    markdown = item.get_by_label(re.compile("^Your essay plan in Markdown")).input_value()

    plan = stored(page)["plans"]["russia-say-no"]
    assert plan["for"] == ["n0000000000f3", "n0000000000f2"] and plan["against"] == ["n0000000000f1"]
    assert markdown.startswith("# Essay plan: Can Russia still say no\n")
    assert "**Thesis.** Russia can still say no, but only by blocking." in markdown
    quotes = [m.groupdict() for m in QUOTED.finditer(markdown)]
    assert [(q["label"], q["n"]) for q in quotes] == [
        ("Firdous 2023", "37"),
        (corpus["recalibration-2023"].label, "16"),
        ("Stronski 2018", "7"),
    ]
    for q in quotes:
        para = corpus.passage(f"{labels[q['label']]}:p{q['n']}")
        assert q["quote"] in para.text and quote_in(q["quote"], para)
    assert quotes[0]["quote"] == corpus.passage("firdous-2023:p37").text  # a note without words quotes its paragraph
    assert (
        markdown.index("## Evidence for") < markdown.index("Firdous 2023 ¶37") < markdown.index("## Evidence against")
    )


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_phone_width_and_accessibility_with_notes(browser, site, mode):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    seed_notes(
        page,
        site,
        {
            "n0000000000a1": note("stronski-2018:p7", "A note.", "can do little", ["hedging"]),
            "n0000000000a2": note("stronski-2018:p99", "Gone.", "words", [], detached=True),
        },
    )
    for name, action in (
        (STRONSKI, lambda: add_button(page, "Stronski 2018 ¶7").click()),
        (MY_NOTES, None),
        (SYNTHESIS, lambda: page.get_by_text("Plan an essay on this prompt").first.click()),
    ):
        page.goto(site + name, wait_until="networkidle")
        page.evaluate(
            f"document.documentElement.dataset.theme = '{mode}'; document.documentElement.dataset.mode = '{mode}'"
        )
        if action:
            action()
        wide = page.evaluate(
            "[...document.querySelectorAll('.sb-note-bar, .sb-note-form, .sb-mynotes, .sb-essay')]"
            ".filter(e => e.getBoundingClientRect().right > 361).length"
        )
        assert wide == 0, name
        bad = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], name
    context.close()


def serve_with_icon(directory):
    """A fixture book's output on 127.0.0.1, with the course's favicon (browsers always ask for one)."""
    shutil.copy(ROOT / "book" / "_extra" / "favicon.ico", directory / "favicon.ico")
    return serve(directory)


def test_rebuilt_paragraph_detaches_its_notes(fixture_book, page):
    """A new edition changes the wording of Stronski ¶6: its note is detached (kept, not moved) and
    listed apart on My notes; the note on the unchanged ¶8 stays."""
    seed = next(fixture_book.root.glob("seeds/001_*.txt"))
    text = seed.read_text(encoding="utf-8")
    assert text.count("jumpstart stagnating economies") == 1
    seed.write_text(text.replace("jumpstart stagnating economies", "revive stagnating economies"), encoding="utf-8")
    sources = fixture_book.root / "seeds" / "sources.yml"
    old = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(old, hashlib.sha256(seed.read_bytes()).hexdigest()),
        encoding="utf-8",
    )
    fixture_book.write(
        "index.md",
        """
        # Fixture

        ```{toctree}
        text
        notes
        ```
        """,
    )
    fixture_book.write(
        "notes.md",
        """
        # My notes

        ```{my-notes}
        ```
        """,
    )
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr
    with serve_with_icon(fixture_book.root / "_out") as base:
        page.goto(base + "notes.html", wait_until="networkidle")
        data = {
            "format": "sourcebook-notes",
            "version": 1,
            "plans": {},
            "notes": {
                "n0000000000d6": note(
                    "stronski-2018:p6", "Leaders hope.", "jumpstart stagnating economies", ["hedging"]
                ),
                "n0000000000d8": note("stronski-2018:p8", "Summits.", "keep public frictions", ["hedging"]),
            },
        }
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
        page.goto(base + "text.html")
        bar(page, "stronski-2018-p6").locator("li.sb-note").wait_for()
        notes = stored(page)["notes"]
        assert (
            notes["n0000000000d6"]["detached"] is True
            and notes["n0000000000d6"]["quote"] == "jumpstart stagnating economies"
        )
        assert notes["n0000000000d6"]["paragraph"] == "stronski-2018:p6"
        assert "detached" not in notes["n0000000000d8"]
        assert "Detached" in bar(page, "stronski-2018-p6").inner_text()
        assert page.locator("#stronski-2018-p6 mark").count() == 0
        assert page.locator("#stronski-2018-p8 mark").inner_text() == "keep public frictions"
        page.goto(base + "notes.html")
        detached = page.locator(".sb-mynotes-detached")
        assert "Leaders hope." in detached.inner_text() and "Summits." not in detached.inner_text()
        assert "Leaders hope." not in page.locator(".sb-mynotes-groups").inner_text()
        assert page.locator(".sb-mynotes-status").inner_text() == "2 of 2 notes shown, 1 detached."


def test_selected_words_by_touch_on_a_phone(browser, site):
    """On a phone the tap on the button can clear the selection before the click: the words are kept."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site + STRONSKI, wait_until="networkidle")
    page.evaluate("""() => {
        const node = document.getElementById('stronski-2018-p5').childNodes[1];
        const at = node.textContent.indexOf('Chinese trade');
        getSelection().setBaseAndExtent(node, at, node, at + 'Chinese trade'.length);
    }""")
    button = bar(page, "stronski-2018-p5").get_by_role("button", name="Add a note to the selected words")
    button.tap()
    form = page.locator("form.sb-note-form")
    assert form.get_by_label("Words marked (optional)").input_value() == "Chinese trade"
    form.get_by_role("button", name="Save note").tap()
    assert page.locator("#stronski-2018-p5 mark").inner_text() == "Chinese trade"
    context.close()
