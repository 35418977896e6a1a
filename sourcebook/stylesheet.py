"""One style sheet for every page: the theme's and the extensions' CSS in cascade order, trimmed to the
rules that the built pages and their scripts can use, with the icon fonts trimmed to the icons left.

A page then waits for one small style sheet instead of six (one of which @imported a seventh), and
downloads a few KB of icon font instead of 156 KB. The trimming is conservative, as PurgeCSS's: a
selector stays when every class and id it names occurs as a word in some built page or script.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import tinycss2
from tinycss2.serializer import serialize_string_value, serialize_url

from .translation import own_files

BUNDLE = "_static/styles/site.css"  # paths are relative to the output folder
FONTS = "_static/styles/fonts"  # the trimmed icon fonts
MANIFEST = "sourcebook-stylesheet.json"  # what the bundle was made from, in the doctree folder
# pydata-sphinx-theme's template links these two itself, before every other style sheet (other themes,
# as in the tests' small fixture books, have neither).
THEME_CSS = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
# Bootstrap composes these class names at run time (`bs-${NAME}-auto`), so no file spells them out.
SAFELIST = frozenset({"bs-tooltip-auto", "bs-popover-auto"})
# Inside these, a selector matches when any argument does (or none does, for :not): never required.
ANY_OF = frozenset({"not", "is", "where", "has", "matches", "-webkit-any", "-moz-any", "host", "host-context"})
WORD = re.compile(r"[A-Za-z0-9_-]+")


def used_words(html_dir: Path) -> frozenset[str]:
    """Every word of every built page and of every script they can load (not the search index, which
    holds every word of the course's text and no markup; not another edition's folder)."""
    words = set(SAFELIST)
    for path in sorted(own_files(html_dir, html_dir.rglob("*"))):
        if path.suffix in (".html", ".js") and path.name != "searchindex.js" and path.is_file():
            words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(words)


def _selector_needs(tokens) -> set[str]:
    """The class names and ids a compound selector requires (not those inside :not(), :is() and kin)."""
    needs = set()
    for i, token in enumerate(tokens):
        if token.type == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            needs.add(tokens[i + 1].value)
        elif token.type == "hash" and token.is_identifier:
            needs.add(token.value)
        elif token.type == "function" and token.lower_name not in ANY_OF:
            needs |= _selector_needs(token.arguments)
    return needs


def _split_commas(tokens) -> list[list]:
    """A selector list's selectors."""
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _trim_rules(rules, words: frozenset[str]) -> list[str]:
    """The rules, serialized, without the selectors that need a word not in `words` (nor rules or
    conditional blocks left empty)."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [part for part in _split_commas(rule.prelude) if _selector_needs(part) <= words]
            if kept:
                prelude = ",".join(tinycss2.serialize(part).strip() for part in kept)
                out.append(prelude + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif (
            rule.type == "at-rule"
            and rule.lower_at_keyword in ("media", "supports", "layer", "container")
            and rule.content is not None
        ):
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), words)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":  # @font-face, @keyframes, @charset, @layer names, @page...: kept whole
            out.append(tinycss2.serialize([rule]).strip())
    return out


def _walk(tokens):
    """Every token in `tokens` and, depth first, in their blocks, functions and rules."""
    for token in tokens:
        yield token
        for child in ("prelude", "content", "arguments"):
            if isinstance(getattr(token, child, None), list):
                yield from _walk(getattr(token, child))


def _url(token) -> str | None:
    """The address a url() token names, or None for any other token."""
    if token.type == "url":
        return token.value
    if (
        token.type == "function"
        and token.lower_name == "url"
        and token.arguments
        and token.arguments[0].type == "string"
    ):
        return token.arguments[0].value
    return None


def _rebase_urls(tokens, source_dir: str) -> None:
    """Make each relative url() in `tokens` relative to the bundle's folder instead of `source_dir`."""

    def rebase(url: str) -> str:
        if re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return url
        return posixpath.relpath(posixpath.normpath(posixpath.join(source_dir, url)), posixpath.dirname(BUNDLE))

    for token in _walk(tokens):  # tinycss2 serializes a token's `representation`, so both are set
        if _url(token) is None:
            continue
        if token.type == "url":
            token.value = rebase(token.value)
            token.representation = f"url({serialize_url(token.value)})"
        else:
            string = token.arguments[0]
            string.value = rebase(string.value)
            string.representation = f'"{serialize_string_value(string.value)}"'


def concatenate(root: Path, files: list[tuple[str, str | None]]) -> list:
    """The rules of `files` (paths under `root`, each with its media query or None), in order, with
    @imports inlined and urls rebased onto the bundle's folder."""
    rules = []
    for name, media in files:
        parsed = tinycss2.parse_stylesheet(
            (root / name).read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
        )
        for rule in parsed:
            if rule.type == "at-rule" and rule.lower_at_keyword == "import":
                target = next(
                    t.value if t.type == "string" else _url(t) for t in rule.prelude if t.type == "string" or _url(t)
                )
                rules += concatenate(
                    root, [(posixpath.normpath(posixpath.join(posixpath.dirname(name), str(target))), media)]
                )
                continue
            _rebase_urls([rule], posixpath.dirname(name))
            if media:
                rule = tinycss2.parse_one_rule(f"@media {media}{{{tinycss2.serialize([rule])}}}")
            rules.append(rule)
    return rules


def _font_face_src(rule, root: Path, characters: set[int]) -> str | None:
    """The `src` of an @font-face rule pointing at a woff2 subset of its font holding `characters`
    (written under `root`), or None when it declares no woff2 file."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    woff2 = [url for url in map(_url, _walk(rule.content)) if url and url.endswith(".woff2")]
    if not woff2:
        return None
    source = root / posixpath.normpath(posixpath.join(posixpath.dirname(BUNDLE), woff2[0]))
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(subset.Options(flavor="woff2", layout_features=["*"], name_IDs=["*"]))
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    (root / FONTS).mkdir(parents=True, exist_ok=True)
    font.save(root / FONTS / source.name)
    return f'url({posixpath.relpath(f"{FONTS}/{source.name}", posixpath.dirname(BUNDLE))}) format("woff2")'


def trim_fonts(css: str, root: Path) -> str:
    """Subset each woff2 font that `css` declares to the characters its strings draw (the icons left),
    drop the TrueType fallbacks that every browser reading woff2 ignores, and point `css` at the subsets."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    characters = {ord(c) for token in _walk(rules) if token.type == "string" for c in token.value}
    out = []
    for rule in rules:
        src = (
            _font_face_src(rule, root, characters)
            if rule.type == "at-rule" and rule.lower_at_keyword == "font-face"
            else None
        )
        if src:
            declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            out.append(
                "@font-face{"
                + ";".join(
                    f"{d.name}:{src if d.lower_name == 'src' else tinycss2.serialize(d.value).strip()}"
                    + ("!important" if d.important else "")
                    for d in declarations
                    if d.type == "declaration"
                )
                + "}"
            )
        else:
            out.append(tinycss2.serialize([rule]).strip())
    return "\n".join(out) + "\n"


def build_bundle(root: Path, files: list[tuple[str, str | None]], words: frozenset[str]) -> str:
    """The trimmed, concatenated style sheet's text (fonts under `root` are trimmed as a side effect)."""
    css = "\n".join(_trim_rules(concatenate(root, files), words)) + "\n"
    return trim_fonts(css, root)


def link_bundle(app, pagename, templatename, context, doctree):
    """html-page-context: pages link the bundle alone; the files it is made of are remembered."""
    app.sourcebook_css = [[name, None] for name in THEME_CSS] + [
        [css.filename, css.attributes.get("media") if css.attributes.get("media") not in (None, "all") else None]
        for css in sorted(context.get("css_files", []), key=lambda css: css.priority)
    ]
    context["css_files"] = []
    context["sourcebook_stylesheet"] = BUNDLE


def write_bundle(app, exception):
    """build-finished: write the bundle from the style sheets every page would have linked, trimmed to
    the words of every built page and script, and its manifest (inputs and key) beside the doctrees.
    A build that writes no page reuses the manifest's inputs; nothing is written when no input changed."""
    if exception is not None or app.builder.format != "html":
        return
    root, manifest = Path(app.outdir), Path(app.doctreedir) / MANIFEST
    previous = json.loads(manifest.read_text()) if manifest.exists() else None
    files = getattr(app, "sourcebook_css", None) or (previous or {}).get("files")
    if not files:
        return
    files = [[name, media] for name, media in files if name not in THEME_CSS or (root / name).exists()]
    words = used_words(root)
    digest = hashlib.sha256(repr(files).encode() + "\n".join(sorted(words)).encode())
    for name, _ in files:
        digest.update((root / name).read_bytes())
    record = {"files": files, "key": digest.hexdigest()}
    if record != previous or not (root / BUNDLE).exists() or not (root / FONTS).is_dir():
        (root / BUNDLE).parent.mkdir(parents=True, exist_ok=True)
        (root / BUNDLE).write_text(build_bundle(root, files, words), encoding="utf-8")
        manifest.write_text(json.dumps(record, indent=1))


def setup_stylesheet(app):
    app.connect("html-page-context", link_bundle, priority=900)  # after every style sheet was added
    # After the theme and myst-nb rewrite their style sheets (pygments.css, mystnb.css) at build-finished.
    app.connect("build-finished", write_bundle, priority=900)
