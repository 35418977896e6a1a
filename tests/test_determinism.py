"""Two clean builds of the course give the same site, byte for byte."""

import hashlib

from .conftest import ROOT, run_build


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }


def test_two_clean_builds_are_identical(book, tmp_path):
    again = run_build(ROOT, tmp_path)
    assert again.returncode == 0, again.log[-2000:]
    first, second = digests(book.html), digests(again.html)
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == []
