"""Two clean builds of the course give the same site, byte for byte: both editions."""

import hashlib

from sourcebook.translation import EDITIONS

from .conftest import ROOT, build_both, later


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }


def test_two_clean_builds_are_identical(book, tmp_path):
    """The second build is made as the `book` fixture makes the first (in the background once it is done):
    the English edition, then the Russian."""
    again = later("again", lambda: build_both(ROOT, tmp_path))
    assert again.returncode == 0, again.log[-2000:]
    assert again.ru and again.ru.returncode == 0, again.ru.log[-2000:] if again.ru else None
    first, second = digests(book.html), digests(again.html)
    per_edition = {edition: sum(name.split("/", 1)[0] == edition for name in first) for edition in EDITIONS}
    per_edition["en"] = len(first) - sum(per_edition.values())
    print(f"files compared per edition: {per_edition}")
    assert set(per_edition) == {"en", "ru"} and min(per_edition.values()) > 100, per_edition
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == []
