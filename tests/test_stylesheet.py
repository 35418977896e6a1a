"""The style sheet bundle: which rules stay, @imports and urls, and the trimmed icon fonts."""

import pytest
import tinycss2

from sourcebook import stylesheet


def trim(css: str, words: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(stylesheet._trim_rules(rules, frozenset(words)))


def test_a_selector_stays_only_when_its_classes_and_ids_are_used():
    css = ".used{color:red}.unused{color:blue}#used-id a{margin:0}.used.unused{top:0}p{padding:0}"
    assert trim(css, {"used", "used-id"}) == ".used{color:red}#used-id a{margin:0}p{padding:0}"


def test_unused_selectors_leave_a_list_and_empty_media_queries_go():
    css = '.a:before,.b:before{content:"x"}@media (min-width:9px){.b{top:0}}@media print{.a{top:1px}}'
    assert trim(css, {"a"}) == '.a:before{content:"x"}@media print{.a{top:1px}}'


def test_classes_inside_not_is_and_where_are_never_required():
    css = ".a:not(.gone){top:0}:is(.gone,.a) b{top:1px}.a:has(.gone){top:2px}html[data-theme=dark] .a{top:3px}"
    assert trim(css, {"a"}) == css


def test_font_faces_and_keyframes_stay_whole():
    css = "@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{from{top:0}to{top:1px}}"
    assert trim(css, set()) == css


def test_imports_are_inlined_and_urls_rebased(tmp_path):
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "_static" / "basic.css").write_text(".b{background:url(file.png)}")
    (tmp_path / "_static" / "styles" / "theme.css").write_text('@import "../basic.css";.t{top:0}')
    (tmp_path / "_static" / "own.css").write_text(
        '.o{background:url("img/x.svg")}.d{background:url(data:image/png;base64,AA)}'
    )
    rules = stylesheet.concatenate(tmp_path, [["_static/styles/theme.css", None], ["_static/own.css", "print"]])
    css = tinycss2.serialize(rules)
    assert css.startswith(".b{background:url(../file.png)}.t{top:0}")
    assert '@media print{.o{background:url("../img/x.svg")}' in css and "url(data:image/png;base64,AA)" in css


def test_trimmed_fonts_keep_every_drawn_icon_and_its_outline(book):
    """Real fonts from the built course: each icon the bundle draws has the very outline it has in
    the theme's font; the subsets are a small part of the originals."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    css = (book.html / stylesheet.BUNDLE).read_text(encoding="utf-8")
    drawn = {
        ord(c)
        for token in stylesheet._walk(tinycss2.parse_stylesheet(css))
        if token.type == "string"
        for c in token.value
    }
    vendor = book.html / "_static" / "vendor" / "fontawesome" / "webfonts"
    checked = 0
    for subset_path in sorted((book.html / stylesheet.FONTS).glob("*.woff2")):
        original, subset = TTFont(vendor / subset_path.name), TTFont(subset_path)
        assert subset_path.stat().st_size < (vendor / subset_path.name).stat().st_size / 5
        for codepoint in drawn & set(original.getBestCmap()):
            pens = RecordingPen(), RecordingPen()
            original.getGlyphSet()[original.getBestCmap()[codepoint]].draw(pens[0])
            subset.getGlyphSet()[subset.getBestCmap()[codepoint]].draw(pens[1])
            assert pens[0].value == pens[1].value, hex(codepoint)
            checked += 1
    assert checked >= 10
    assert f"url({stylesheet.FONTS.rsplit('/', 1)[1]}/fa-solid-900.woff2)" in css and ".ttf" not in css


@pytest.mark.parametrize("word", ["bd-sidebar-primary", "sb-exercise", "theme-switch-button"])
def test_the_bundle_keeps_the_rules_the_pages_use(book, word):
    assert f".{word}" in (book.html / stylesheet.BUNDLE).read_text(encoding="utf-8")
