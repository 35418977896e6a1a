"""Load the seed texts: split them into numbered paragraphs, apply the listed clean-ups.

Every paragraph gets a stable id `<source>:p<n>` and remembers the seed line it starts on.
The seeds themselves are never edited: each clean-up below is a named, documented function,
and `Paragraph.cleanups` records which of them changed that paragraph.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .datafile import DataError, check_keys, load_yaml, require_mapping

NOT_GIVEN = "not given in the text"
VERBATIM_FIELDS = ("title", "author", "date", "venue")
PASSAGE_ID = re.compile(r"^(?P<source>[a-z0-9][a-z0-9-]*):p(?P<n>[1-9][0-9]*)$")


@dataclass(frozen=True)
class Cleanup:
    """One listed clean-up: a name, what it does, and the text function that does it."""

    name: str
    description: str
    apply: Callable[[str], str] | None  # None: a block-level clean-up, done by `paragraphs_of`


def _sub(pattern: str, repl: str, flags: int = 0) -> Callable[[str], str]:
    regex = re.compile(pattern, flags)
    return lambda text: regex.sub(repl, text)


# Applied to each paragraph, in this order. Block-level clean-ups (joins, footers) follow.
LIST_ITEM = re.compile(r"^\s*(?:•|- )")
TEXT_CLEANUPS = (
    Cleanup(
        "dead-links",
        "Links to `#` (removed targets of a reposted web page) become their plain text: `[trade](#)` → `trade`.",
        _sub(r"\[((?:[^\]\\]|\\.)*)\]\(#\)", r"\1"),
    ),
    Cleanup(
        "markdown-escapes",
        "Markdown backslash escapes are dropped: `US\\$30` → `US$30`, `\\(BRI\\)` → `(BRI)`.",
        _sub(r"\\([\\`*_{}\[\]()#+\-.!$])", r"\1"),
    ),
    Cleanup(
        "inline-markup",
        "Emphasis markers and tags (`*…*`, `<i>…</i>`) and the angle brackets of "
        "autolinks (`<https://…>`) are removed; the words stay.",
        lambda t: re.sub(
            r"<(https?://[^>\s]+)>",
            r"\1",
            re.sub(r"</?i>", "", re.sub(r"\*(?=\S)(.+?)(?<=\S)\*", r"\1", t, flags=re.S)),
        ),
    ),
    Cleanup(
        "list-markers",
        "A leading list marker (`•` or `- `) at the start of a paragraph is removed.",
        lambda t: LIST_ITEM.sub("", t, count=1),
    ),
    Cleanup(
        "whitespace",
        "Runs of spaces, tabs and line breaks become one space; ends are trimmed.",
        lambda t: re.sub(r"\s+", " ", t).strip(),
    ),
)
BLOCK_CLEANUPS = (
    Cleanup(
        "page-break-joins",
        "A paragraph that stops mid-sentence (no closing punctuation) and is followed "
        "by one starting in lower case is one paragraph split by a PDF page break: the two are joined.",
        None,
    ),
    Cleanup("blog-footer", "A closing `No comments:` line (blog furniture) is dropped.", None),
)
CLEANUPS = TEXT_CLEANUPS + BLOCK_CLEANUPS
BLOG_FOOTER = re.compile(r"^No comments:\s*$")
SENTENCE_END = tuple(".?!:;\"”’')]>")


@dataclass(frozen=True)
class Paragraph:
    """A numbered block of a source: a paragraph, a heading or a line of furniture."""

    source: str
    n: int
    text: str
    line: int
    is_heading: bool = False
    cleanups: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.source}:p{self.n}"

    @property
    def anchor(self) -> str:
        return f"{self.source}-p{self.n}"


@dataclass
class Source:
    """One seed text with its metadata, as described in `sources.yml`."""

    id: str
    file: Path
    label: str
    title: str
    author: str
    date: str
    venue: str
    genre: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, cleanup, text)

    @functools.cached_property
    def quotable(self) -> Quotable:
        """Its paragraphs, for `words in source.quotable` (see `Quotable`)."""
        return Quotable([p.text for p in self.paragraphs])

    def paragraph(self, n: int) -> Paragraph | None:
        return self.paragraphs[n - 1] if 1 <= n <= len(self.paragraphs) else None

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs if not p.is_heading)


class Corpus(dict):
    """All sources by id, with look-ups by passage id."""

    def passage(self, pid: str) -> Paragraph:
        """The paragraph for `source:pN`, or a `KeyError` whose message says what is wrong."""
        match = PASSAGE_ID.match(pid.strip())
        if not match:
            raise KeyError(f"malformed passage id '{pid}' (expected '<source>:p<number>', e.g. 'stronski-2018:p7')")
        source = self.get(match["source"])
        if source is None:
            raise KeyError(f"unknown source '{match['source']}' in passage '{pid}' (known: {', '.join(self)})")
        para = source.paragraph(int(match["n"]))
        if para is None:
            raise KeyError(f"unknown paragraph '{pid}': {source.id} has paragraphs 1–{len(source.paragraphs)}")
        return para


def split_blocks(raw: str) -> list[tuple[int, str]]:
    """Blocks separated by blank lines (a list item starts a block too), with their first line (1-based)."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if current and LIST_ITEM.match(line):
            blocks.append((start, "\n".join(current)))
            current = []
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _clean(text: str) -> tuple[str, list[str]]:
    applied = []
    for cleanup in TEXT_CLEANUPS:
        assert cleanup.apply is not None  # every text clean-up has its function
        new = cleanup.apply(text)
        if new != text and cleanup.name != "whitespace":
            applied.append(cleanup.name)
        text = new
    return text, applied


def _is_heading(text: str) -> bool:
    """Short, starts with a capital or a number, and has no closing punctuation."""
    return len(text) <= 90 and (text[:1].isupper() or text[:1].isdigit()) and not text.endswith(SENTENCE_END)


def paragraphs_of(source_id: str, raw: str) -> tuple[list[Paragraph], list[tuple[int, str, str]]]:
    """Split and clean a seed text; return its paragraphs and the blocks dropped as furniture."""
    cleaned = [(line, *_clean(text)) for line, text in split_blocks(raw)]
    merged: list[list] = []  # [line, text, cleanups]
    dropped = []
    for line, text, applied in cleaned:
        if BLOG_FOOTER.match(text):
            dropped.append((line, "blog-footer", text))
            continue
        prev = merged[-1] if merged else None
        if prev and not prev[1].endswith(SENTENCE_END) and text[:1].islower():
            prev[1] = f"{prev[1]} {text}"
            prev[2] = [*prev[2], *applied, "page-break-joins"]
            continue
        merged.append([line, text, applied])
    paragraphs = [
        Paragraph(source_id, n, text, line, _is_heading(text), tuple(dict.fromkeys(applied)))
        for n, (line, text, applied) in enumerate(merged, start=1)
    ]
    return paragraphs, dropped


def load_sources(metadata_path: str | Path) -> Corpus:
    """Read `sources.yml` and every seed it names; raise `DataError` (file:line) on bad input."""
    path = Path(metadata_path)
    data = load_yaml(path)
    top = require_mapping(path, data, "sources.yml", line=1)
    check_keys(path, top, {"sources"}, set(), "sources.yml")
    entries = top["sources"]
    if not isinstance(entries, list) or not entries:
        raise DataError(path, top.line_of("sources"), "'sources' must be a non-empty list")
    corpus = Corpus()
    fields = {"id", "file", "sha256", "label", "genre", *VERBATIM_FIELDS}
    for entry in entries:
        node = require_mapping(path, entry, "each source entry", line=top.line_of("sources"))
        check_keys(path, node, fields, set(), "source entry")
        for key in fields:
            if not isinstance(node[key], str) or not node[key].strip():
                raise DataError(path, node.line_of(key), f"'{key}' must be a non-empty string")
        sid = node["id"]
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", sid):
            raise DataError(path, node.line_of("id"), f"source id '{sid}' must be lower-case letters, digits and '-'")
        if sid in corpus:
            raise DataError(path, node.line_of("id"), f"duplicate source id '{sid}'")
        seed = path.parent / node["file"]
        if not seed.is_file():
            raise DataError(path, node.line_of("file"), f"seed file '{node['file']}' not found in {seed.parent}")
        digest = hashlib.sha256(seed.read_bytes()).hexdigest()
        if digest != node["sha256"]:
            raise DataError(
                path,
                node.line_of("sha256"),
                f"seed file '{node['file']}' has changed: its sha256 is "
                f"{digest}, not the recorded one (seeds are never edited; clean-ups belong in code)",
            )
        raw = seed.read_text(encoding="utf-8")
        for key in VERBATIM_FIELDS:
            if node[key] != NOT_GIVEN and node[key] not in raw:
                raise DataError(
                    path,
                    node.line_of(key),
                    f"{key} '{node[key]}' does not occur verbatim in {node['file']} "
                    f"(copy it exactly, or write '{NOT_GIVEN}')",
                )
        source = Source(
            sid,
            seed,
            node["label"],
            node["title"],
            node["author"],
            node["date"],
            node["venue"],
            node["genre"],
            node.line,
        )
        source.paragraphs, source.dropped = paragraphs_of(sid, raw)
        corpus[sid] = source
    return corpus


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*")


def normalise(text: str) -> str:
    """Text as the quote check compares it: typographic quotes made plain, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


def quote_in(quote: str, paragraph: Paragraph | str) -> bool:
    """True if `quote` occurs verbatim in the paragraph (or text); `…` or `[…]` marks an elision between parts."""
    haystack, start = normalise(paragraph if isinstance(paragraph, str) else paragraph.text), 0
    parts = [p for p in ELLIPSIS.split(normalise(quote)) if p]
    if not parts:
        return False
    for part in parts:
        found = haystack.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


MARKS = re.compile('[“”"]')
# Russian typography (README, "Citing and quoting sources"): «…» hold a source's words, as “…” do in
# English; „…“ hold the course's own words, as ‘…’ do. Straight and English double marks still quote.
MARKS_RU = re.compile('[«»“”"]')
COURSE_WORDS_RU = re.compile("„[^„“”«»]*[“”]")
_TRAILING = re.compile(r"[\s.,;:]+$")


def quote_marks(language: str | None):
    """The double quotation marks that quote a source in `language`."""
    return MARKS_RU if (language or "en").startswith("ru") else MARKS


def quotations(text: str, language: str | None = None):
    """(start, words, rest-of-text) for each pair of double quotation marks, paired in order; a mark
    left unpaired at the end gives (start, None, ""). In Russian the course's own „words“ are no quotation."""
    if (language or "en").startswith("ru"):
        text = COURSE_WORDS_RU.sub(lambda m: " " * len(m.group()), text)
    marks = [m.start() for m in quote_marks(language).finditer(text)]
    for open_, close in zip(marks[::2], marks[1::2], strict=False):
        yield open_, text[open_ + 1 : close], text[close + 1 :]
    if len(marks) % 2:
        yield marks[-1], None, ""


def quoted_words(words: str) -> str:
    """A quotation's words as checked: trailing punctuation (the writer's) dropped, spaces collapsed."""
    return " ".join(_TRAILING.sub("", words).split())


def found(words: str, para: Paragraph | str) -> bool:
    """`words` are verbatim in `para`; a quotation may change the case of its first letter."""
    return quote_in(words, para) or quote_in(words[:1].swapcase() + words[1:], para)


class Quotable:
    """Texts a quotation may come from, normalised once; `words in quotable` is `found` in any of them,
    tried only on the texts that hold the quotation's first words."""

    def __init__(self, texts: list[str]):
        self.texts = [normalise(t) for t in texts]

    def __contains__(self, words: str) -> bool:
        probe = ELLIPSIS.split(normalise(words))[0][1:]  # its first letter's case may change
        return any(found(words, text) for text in self.texts if probe in text)
