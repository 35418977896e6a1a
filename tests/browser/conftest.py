"""Fixtures of the browser tests: the course as a student's USB stick holds it."""

import zipfile

import pytest

from sourcebook.offline.dist import make_zip

from ..conftest import guard


@pytest.fixture
def disk(book, browser, tmp_path):
    """(the unzipped course's file:// address, a guarded page); fails on any error or request that
    leaves the unzipped folder."""
    archive = make_zip(book.html, tmp_path / "china-russia-central-asia.zip")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "usb")
    base = (tmp_path / "usb" / "china-russia-central-asia").as_uri() + "/"
    context = browser.new_context()
    page = context.new_page()
    problems = guard(page)
    yield base, page
    context.close()
    left = [url for url in problems.off_host if not url.startswith(base)]
    assert not left + problems.failed + problems.errors, "\n".join(left + problems.failed + problems.errors)
